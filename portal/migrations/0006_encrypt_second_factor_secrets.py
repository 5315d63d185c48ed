from django.db import migrations

from portal.adapters import ENCRYPTED_PREFIX, PortalMFAAdapter

# The fields of allauth's Authenticator.data that hold a secret, per type.
SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed",)}


def _convert(apps, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=SECRET_FIELDS).iterator():
        data = dict(authenticator.data)
        for field in SECRET_FIELDS[authenticator.type]:
            if isinstance(data.get(field), str):
                data[field] = change(data[field])
        if "migrated_codes" in data:
            data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
        Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


def encrypt(apps, schema_editor):
    adapter = PortalMFAAdapter()
    _convert(apps, lambda text: text if text.startswith(ENCRYPTED_PREFIX) else adapter.encrypt(text))


def decrypt(apps, schema_editor):
    _convert(apps, PortalMFAAdapter().decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_vouch_office_email_addresses"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]

from django.db import migrations


def vouch(apps, schema_editor):
    """Record each account's own email (set by an administrator) as its verified, primary address.

    allauth refuses to activate two-factor authentication while an address is unverified; the
    password reset used to create such addresses. An address another account has verified is left.
    """
    User = apps.get_model("portal", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.exclude(email="").iterator():
        email = user.email.lower()
        if EmailAddress.objects.filter(email__iexact=email, verified=True).exclude(user=user).exists():
            continue
        address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        EmailAddress.objects.filter(user=user, primary=True).exclude(pk=getattr(address, "pk", None)).update(
            primary=False
        )
        if address is None:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        else:
            EmailAddress.objects.filter(pk=address.pk).update(verified=True, primary=True)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_audit_once_an_hour"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(vouch, migrations.RunPython.noop)]

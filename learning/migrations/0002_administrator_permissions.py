from django.db import migrations

PERMISSIONS = [
    ("workdayoverride", ["add", "change", "delete", "view"]),
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Administrators keep the holiday and make-up workday list for years chinese_calendar does not know.
    app_config = apps.get_app_config("learning")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    administrators, _created = Group.objects.get_or_create(name="Administrators")
    for model, actions in PERMISSIONS:
        for action in actions:
            administrators.permissions.add(
                Permission.objects.get(content_type__app_label="learning", codename=f"{action}_{model}")
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name="Administrators"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="learning"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial"), ("portal", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]

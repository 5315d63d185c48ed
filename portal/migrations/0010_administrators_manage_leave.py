from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; the group needs them now.
    app_config = apps.get_app_config("portal")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    administrators, _created = Group.objects.get_or_create(name="Administrators")
    for action in ACTIONS:
        administrators.permissions.add(
            Permission.objects.get(content_type__app_label="portal", codename=f"{action}_leaveperiod")
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name="Administrators"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="portal",
                                                            content_type__model="leaveperiod"))  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("portal", "0009_leave_periods_and_year_summary_drafts")]

    operations = [migrations.RunPython(grant, revoke)]

from django.db import migrations

ADMINISTRATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("portal", "user", "add_user"),
    ("portal", "user", "change_user"),
    ("portal", "user", "view_user"),
    ("portal", "department", "add_department"),
    ("portal", "department", "change_department"),
    ("portal", "department", "delete_department"),
    ("portal", "department", "view_department"),
    ("portal", "membership", "add_membership"),
    ("portal", "membership", "change_membership"),
    ("portal", "membership", "delete_membership"),
    ("cms", "portalsettings", "change_portalsettings"),
]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; the role groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Group.objects.get_or_create(name="Editors")
    Group.objects.get_or_create(name="Office leaders")
    administrators, _created = Group.objects.get_or_create(name="Administrators")
    for app_label, model, codename in ADMINISTRATOR_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)
        administrators.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=["Administrators", "Office leaders"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("cms", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

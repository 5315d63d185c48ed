from django.db import migrations

# WAGTAIL_CONTENT_LANGUAGES, Chinese first. Wagtail created the first one from LANGUAGE_CODE.
LANGUAGES = ["zh-hans", "en"]


def create_locales(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    # Editors translate pages from the admin ("Translate"): Wagtail's simple_translation asks for this permission.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.get(content_type__app_label="simple_translation", codename="submit_translation")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(permission)


def remove_locales(apps, schema_editor):
    # The default locale stays (every page points at one); English goes when no page is in it.
    Page = apps.get_model("wagtailcore", "Page")
    english = apps.get_model("wagtailcore", "Locale").objects.filter(language_code="en").first()
    if english is not None and not Page.objects.filter(locale=english).exists():
        english.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_portal_settings_without_study_rules"),
        ("portal", "0002_roles"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, remove_locales)]

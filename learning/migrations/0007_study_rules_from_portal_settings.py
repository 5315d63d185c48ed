from django.db import migrations

FIELDS = ("study_target_minutes", "streak_skip_days", "reminder_time")


def copy_from_portal_settings(apps, schema_editor):
    StudySettings = apps.get_model("learning", "StudySettings")
    for row in apps.get_model("cms", "PortalSettings").objects.all():
        StudySettings.objects.update_or_create(
            site_id=row.site_id, defaults={field: getattr(row, field) for field in FIELDS}
        )


def copy_back(apps, schema_editor):
    PortalSettings = apps.get_model("cms", "PortalSettings")
    for row in apps.get_model("learning", "StudySettings").objects.all():
        PortalSettings.objects.update_or_create(
            site_id=row.site_id, defaults={field: getattr(row, field) for field in FIELDS}
        )


class Migration(migrations.Migration):
    """The study rules move from cms.PortalSettings to learning.StudySettings, before cms drops them."""

    dependencies = [("learning", "0006_study_rules"), ("cms", "0002_create_homepage")]
    run_before = [("cms", "0003_portal_settings_without_study_rules")]

    operations = [migrations.RunPython(copy_from_portal_settings, copy_back)]

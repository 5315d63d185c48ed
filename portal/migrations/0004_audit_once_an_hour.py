from django.db import migrations, models


def fill_hours(apps, schema_editor):
    """Give every earlier row its clock hour, keeping the first of each viewer, person, kind, record and hour."""
    AuditEvent = apps.get_model("portal", "AuditEvent")
    seen = set()
    for event in AuditEvent.objects.order_by("created_at", "pk").iterator():
        hour = event.created_at.replace(minute=0, second=0, microsecond=0)
        key = (event.viewer_id, event.subject_id, event.what, event.object_id, hour)
        if key in seen:
            event.delete()
            continue
        seen.add(key)
        AuditEvent.objects.filter(pk=event.pk).update(hour=hour)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_audit_and_notices")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="hour",
            field=models.DateTimeField(editable=False, null=True, verbose_name="hour"),
        ),
        migrations.RunPython(fill_hours, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="hour",
            field=models.DateTimeField(editable=False, verbose_name="hour"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("viewer", "subject", "what", "object_id", "hour"), name="audit_once_an_hour"
            ),
        ),
    ]

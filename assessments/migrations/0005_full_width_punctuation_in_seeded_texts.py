"""Full-width punctuation beside Chinese in the frameworks' and items' Chinese texts (UX.md, principle 4).

The seeded texts had half-width commas, colons and ASCII quotes. Only the punctuation changes, so
every item version keeps its meaning; English texts are left alone.
"""

from django.db import migrations

from portal.typography import zh_punctuate

FRAMEWORK_FIELDS = ("name_zh", "description_zh")
ITEM_FIELDS = ("title_zh", "description_zh", "anchor_1_zh", "anchor_3_zh", "anchor_5_zh")


def _mend(model, fields):
    for row in model.objects.all():
        changed = {field: zh_punctuate(getattr(row, field)) for field in fields}
        changed = {field: value for field, value in changed.items() if value != getattr(row, field)}
        if changed:
            model.objects.filter(pk=row.pk).update(**changed)


def full_width(apps, schema_editor):
    _mend(apps.get_model("assessments", "Framework"), FRAMEWORK_FIELDS)
    _mend(apps.get_model("assessments", "Item"), ITEM_FIELDS)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_reopen_until_review_version_events")]

    operations = [migrations.RunPython(full_width, migrations.RunPython.noop)]

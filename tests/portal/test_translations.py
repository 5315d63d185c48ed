"""zh-hans first: every message of every app has a Chinese translation, none of them a fuzzy guess."""

from pathlib import Path

import polib
import pytest

from portal.typography import half_width_beside_chinese

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/*.po"))


def test_every_app_has_a_chinese_catalog():
    assert {path.parts[-5] for path in CATALOGS} >= {"portal", "cms", "learning", "assessments"}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: "/".join(path.parts[-5:]))
def test_every_message_is_translated(catalog):
    po = polib.pofile(str(catalog))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: "/".join(path.parts[-5:]))
def test_chinese_messages_use_full_width_punctuation_beside_chinese(catalog):
    found = [
        (entry.msgid, place)
        for entry in polib.pofile(str(catalog))
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        for place in half_width_beside_chinese(text)
    ]
    assert found == []


@pytest.mark.django_db
def test_the_seeded_frameworks_read_as_chinese():
    from assessments.models import Framework, Item

    texts = [
        *Framework.objects.values_list("name_zh", "description_zh"),
        *Item.all_versions.values_list("title_zh", "description_zh", "anchor_1_zh", "anchor_3_zh", "anchor_5_zh"),
    ]
    assert texts and [t for row in texts for t in row if half_width_beside_chinese(t)] == []

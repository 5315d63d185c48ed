"""zh-hans first: every message of every app has a Chinese translation, none of them a fuzzy guess."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/*.po"))


def test_every_app_has_a_chinese_catalog():
    assert {path.parts[-5] for path in CATALOGS} >= {"portal", "cms", "learning", "assessments"}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: "/".join(path.parts[-5:]))
def test_every_message_is_translated(catalog):
    po = polib.pofile(str(catalog))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []

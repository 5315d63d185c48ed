"""No internal code reaches what a person reads (UX.md, principle 4): item codes stay in attributes."""

from html.parser import HTMLParser

import pytest

from assessments.models import Item
from tests.conftest import client_for
from tests.factories.assessments import filled_assessment, open_cycle
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_item_code_is_shown_on_the_pages_that_name_items(cast, language):
    cast.staff.preferred_language = language
    cast.staff.save()
    material = make_material("拟稿前的“三思”", body="<p>动笔之前先想清楚。</p>")
    material.item_links.create(code="CARELESS_DETAIL")
    assessment = filled_assessment(cast.staff, open_cycle())
    client = client_for(cast.staff)
    codes = set(Item.all_versions.values_list("code", flat=True))
    pages = ["/logs/today/", "/learning/", "/search/?q=三思", material.url, f"/assessments/{assessment.pk}/?step=1",
             f"/assessments/{assessment.pk}/?step=2", "/me/"]  # fmt: skip
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert [code for code in codes if code in text] == [], url

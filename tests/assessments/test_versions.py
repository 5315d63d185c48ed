import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments import services
from assessments.models import Framework, Item
from assessments.selectors import assessment_report
from tests.conftest import client_for
from tests.factories.assessments import CycleFactory, filled_assessment, open_cycle

pytestmark = pytest.mark.django_db


def _framework_form(framework: Framework, **changes) -> dict:
    items = []
    for item in framework.items.all():
        row = {f: getattr(item, f) for f in ("code", *services.VERSIONED_FIELDS)}
        row.update(changes.get(item.code, {}))
        items.append({"id": item.pk, **row})
    return nested_form_data({
        "code": framework.code, "name_zh": framework.name_zh, "name_en": framework.name_en,
        "description_zh": framework.description_zh, "description_en": framework.description_en,
        "kind": framework.kind, "order": framework.order, "active": "on",
        "items": inline_formset(items, initial=len(items)),
    })  # fmt: skip


def test_editing_a_frozen_item_makes_a_new_version_and_history_keeps_its_wording(cast):
    cycle = open_cycle()
    assessment = filled_assessment(cast.staff, cycle, submit=True)
    framework = Framework.objects.get(code="SEVEN_CARELESS")
    old = Item.objects.get(code="CARELESS_DETAIL")
    response = client_for(cast.admin).post(
        f"/admin/snippets/assessments/framework/edit/{framework.pk}/",
        _framework_form(framework, CARELESS_DETAIL={"title_zh": "对细节不太在意（新）"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    versions = list(Item.all_versions.filter(code="CARELESS_DETAIL").order_by("version"))
    assert [(v.version, v.is_current, v.title_zh) for v in versions] == [
        (1, False, "对细节不太在意"), (2, True, "对细节不太在意（新）"),
    ]  # fmt: skip
    assert versions[0].pk == old.pk
    titles = [line.item.title_zh for report in assessment_report(assessment=assessment) for line in report.lines]
    assert "对细节不太在意" in titles and "对细节不太在意（新）" not in titles
    # A cycle opened later uses the new version.
    later = open_cycle()
    assert later.items.filter(code="CARELESS_DETAIL").get().version == 2


def test_editing_an_item_no_cycle_has_used_changes_it_in_place(cast):
    CycleFactory()  # created, but its opening has not frozen anything
    framework = Framework.objects.get(code="FOUR_MODESTIES")
    client_for(cast.admin).post(
        f"/admin/snippets/assessments/framework/edit/{framework.pk}/",
        _framework_form(framework, MODEST_RANK={"title_en": "Do not flaunt rank"}),
    )
    assert list(Item.all_versions.filter(code="MODEST_RANK").values_list("version", "title_en")) == [
        (1, "Do not flaunt rank")
    ]


def test_removing_a_frozen_item_retires_it_without_deleting(cast):
    open_cycle()
    item = Item.objects.get(code="LOOK_SELF")
    services.framework_save(save=lambda: item.framework, changed=[], removed=[item])
    assert not Item.objects.filter(code="LOOK_SELF").exists()
    assert Item.all_versions.get(pk=item.pk).is_current is False

import io
import json

import openpyxl
import pytest

from portal.models import AuditEvent, Department
from portal.screens.org_departments import DEPARTMENTS_PER_PAGE
from tests.conftest import client_for
from tests.dashboards.conftest import history
from tests.factories import DepartmentFactory, member_of
from tests.factories.learning import StudyLogFactory

pytestmark = pytest.mark.django_db
PERSONAL_CHARTS = ("radar-seven_careless", "weekly-minutes")  # drawn by plotly
# drawn in HTML and SVG
PERSONAL_MULTIPLES = ("item-trend-seven_careless", "item-trend-four_looks", "item-trend-four_modesties")


def test_a_newcomer_sees_what_to_do_first_not_empty_axes(cast):
    page = client_for(cast.staff).get("/me/").content.decode()
    assert "还没有可以绘图的数据" in page
    assert "data-chart=" not in page
    assert "/logs/today/" in page


def test_every_personal_chart_has_its_figure_and_numbers(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles, ratings=(2, 3, 4))
    response = client_for(cast.staff).get("/me/")
    page = response.content.decode()
    for name in PERSONAL_CHARTS:
        assert f'data-chart="{name}"' in page
        assert f'id="figure-{name}"' in page
    for name in PERSONAL_MULTIPLES:
        assert f'data-chart="{name}"' in page and 'class="multiples__panel"' in page
    assert page.count('class="score-card card"') == 3  # one per rated framework, 四看 included where rated
    radar = json.loads(json.dumps(response.context["screen"].charts[0].figure))
    assert radar["data"][0]["r"][0] == 4 and radar["data"][1]["r"][0] == 3  # latest against previous
    assert "plotly.graph_objects" not in json.dumps(radar) and "template" not in radar["layout"]
    assert "style-src-attr 'unsafe-inline'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_department_median_needs_three_submissions(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles)
    history(cast.staff2, department=cast.department, cycles=cycles)
    radar = client_for(cast.staff).get("/me/").context["screen"].charts[0]
    assert len(radar.figure["data"]) == 2 and "至少有 3 位同事" in radar.summary
    third = member_of(cast.department, username="third")
    history(third, department=cast.department, cycles=cycles)
    radar = client_for(cast.staff).get("/me/").context["screen"].charts[0]
    assert len(radar.figure["data"]) == 3


def test_team_shows_completion_heatmap_and_attention_with_reasons(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles[:2], ratings=(4, 2))
    history(cast.staff2, department=cast.department, cycles=cycles)
    response = client_for(cast.manager).get(f"/team/?cycle={cycles[1].pk}")
    page = response.content.decode()
    assert 'data-chart="team-heatmap"' in page and 'data-chart="team-minutes"' in page
    # The heatmap is an HTML grid, scrolled sideways in its own focusable frame, turned (items as rows) on a phone.
    assert page.count('class="chart__frame heat-frame heat-frame--wide" tabindex="0"') == 1
    assert page.count('class="chart__frame heat-frame heat-frame--tall" tabindex="0"') == 1
    attention = {str(entry.member): entry.reasons for entry in response.context["screen"].attention}
    assert any("下降了 2.0 分" in reason for reason in attention["王芳"])
    current = {status: [str(m) for m in people] for status, _label, people in
               client_for(cast.manager).get("/team/").context["screen"].completion}  # fmt: skip
    assert current["submitted"] == ["赵磊"] and current["not_started"] == ["王芳"]


def test_member_page_is_audited_and_shows_only_shared_insights(cast, cycles):
    StudyLogFactory(user=cast.staff, insight="分享给处长的体会", share_insight=True)
    StudyLogFactory(user=cast.staff, insight="只给自己看的体会", date=cast.staff.date_joined.date().replace(year=2020))
    page = client_for(cast.manager).get(f"/team/members/{cast.staff.pk}/").content.decode()
    assert "分享给处长的体会" in page and "只给自己看的体会" not in page
    event = AuditEvent.objects.get()
    assert (event.viewer, event.subject, event.what) == (cast.manager, cast.staff, "member page")


def test_names_and_titles_with_script_cannot_run(cast, cycles):
    cast.staff.display_name = '<script>alert("x")</script>'
    cast.staff.save()
    history(cast.staff, department=cast.department, cycles=cycles)
    responses = [client_for(cast.manager).get(url) for url in (f"/team/?cycle={cycles[-1].pk}",
                                                                f"/team/members/{cast.staff.pk}/")]  # fmt: skip
    for response in responses:
        assert '<script>alert("x")' not in response.content.decode()
    page = client_for(cast.manager).get(f"/team/?cycle={cycles[-1].pk}").content.decode()  # and kept
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # the heat grid and bars are HTML, escaped
    radar = responses[1].context["screen"].charts[0].figure  # composed on that first view
    assert "<script" not in json.dumps(radar)


def test_my_export_has_every_record_type_and_neutralises_formulas(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles[:1])
    StudyLogFactory(user=cast.staff, insight='=HYPERLINK("http://evil")', date=cycles[0].opens_on)
    response = client_for(cast.staff).get("/me/export/?format=xlsx")
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"个人资料", "处室", "谁查看了我的记录"} <= set(workbook.sheetnames)  # in the person's language
    assert len(workbook.sheetnames) >= 6
    cells = [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    data = json.loads(client_for(cast.staff).get("/me/export/?format=json").content)
    assert data["Profile"][0]["username"] == "staff"


def test_team_export_csv_and_xlsx(cast, cycles):
    cast.staff.display_name = "=cmd|' /C calc'!A0"
    cast.staff.save()
    history(cast.staff, department=cast.department, cycles=cycles)
    csv_text = client_for(cast.manager).get(f"/team/export/?format=csv&cycle={cycles[-1].pk}").content.decode()
    assert "'=cmd" in csv_text and "\n=cmd" not in csv_text
    response = client_for(cast.manager).get(f"/team/export/?format=xlsx&cycle={cycles[-1].pk}")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3  # every active member: staff (submitted) and staff2 (not started)
    assert "%E8%87%AA%E8%AF%84%E7%BB%93%E6%9E%9C" in response["Content-Disposition"]  # 自评结果: a Chinese name


def test_another_managers_team_export_is_refused(cast, cycles):
    response = client_for(cast.other_manager).get(f"/team/export/?format=csv&department={cast.department.pk}")
    assert response.status_code == 404


def test_year_summary_assembles_the_year(cast, cycles):
    history(cast.staff, department=cast.department, cycles=cycles, months=2)
    page = client_for(cast.staff).get(f"/me/summary/{cycles[-1].opens_on.year}/").content.decode()
    assert "年终个人总结" in page and "分钟" in page
    assert 'media="print"' in page
    assert client_for(cast.staff).get("/me/summary/2999/").status_code == 404


def test_insights_marked_in_the_log_appear_in_the_year_summary(cast):
    from django.utils import timezone

    today = timezone.localdate()
    StudyLogFactory(user=cast.staff, date=today, insight="这条体会要写进年终总结", highlight=True)
    StudyLogFactory(user=cast.staff, date=today.replace(day=1) if today.day > 1 else today.replace(month=1),
                    insight="这条只是普通体会")  # fmt: skip
    page = client_for(cast.staff).get(f"/me/summary/{today.year}/").content.decode()
    assert "这条体会要写进年终总结" in page and "这条只是普通体会" not in page


def test_the_log_form_saves_the_highlight_mark(cast):
    from learning.models import StudyLog

    page = client_for(cast.staff).get("/logs/today/")
    version = page.context["form"]["version"].value() if "version" in page.context["form"].fields else 0
    client_for(cast.staff).post(
        "/logs/today/",
        {
            "minutes": "60",
            "insight": "今天核对数字时发现了一处笔误，以后先对原始材料。",
            "highlight": "on",
            "version": version,
        },  # fmt: skip
    )
    assert StudyLog.objects.get(user=cast.staff).highlight is True


def test_org_lists_departments_in_their_order_a_page_at_a_time_keeping_the_cycle(cast, cycles):
    Department.objects.filter(pk=cast.department.pk).update(order=2)
    Department.objects.filter(pk=cast.other_department.pk).update(order=1)
    added = [DepartmentFactory(name_zh=f"处{n:02d}", order=3) for n in range(DEPARTMENTS_PER_PAGE)]
    member_of(added[-1], username="last-page")
    in_order = ["综合处", "秘书一处", *(d.name_zh for d in added)]
    leader = client_for(cast.leader)
    first = leader.get(f"/org/?cycle={cycles[0].pk}")
    assert [row.name for row in first.context["screen"].rows] == in_order[:DEPARTMENTS_PER_PAGE]
    assert f'href="?cycle={cycles[0].pk}&amp;page=2"' in first.content.decode()
    assert "第 1 页，共 2 页" in first.content.decode()
    second = leader.get(f"/org/?cycle={cycles[0].pk}&page=2").context["screen"]
    assert [(row.name, row.people) for row in second.rows] == [("处23", 0), ("处24", 1)]
    assert second.cycle == cycles[0]
    assert [row.name for row in leader.get("/org/?page=9").context["screen"].rows] == ["处23", "处24"]
    assert leader.get("/org/?page=x").context["screen"].rows[0].name == "综合处"

"""Every compile, edit and publish keeps a version; the page lists them and shows what changed between
two: the sections as a line diff (characters within a changed line), the cells as before/after."""

from datetime import date

import pytest

from gongkai.report_format.layout import Cell
from gongkai.report_workspace.actions.reports import (
    compile_report,
    edit_sections,
    enter_cells,
)
from gongkai.report_workspace.models import ReportVersion
from gongkai.report_workspace.queries.versions import diff_text, diff_versions, inline_diff
from tests.report_workspace.chain import publish_signed

FEE = Cell("table2", "fees", "amount")
NEW_TOTAL = Cell("table3", "new", "total")


def test_a_changed_line_shows_the_changed_characters():
    assert inline_diff("收到申请5件", "收到申请6件") == "收到申请<del>5</del><ins>6</ins>件"
    assert inline_diff("a<b", "a<b>") == "a&lt;b<ins>&gt;</ins>"  # escaped, never raw


def test_lines_added_removed_and_changed():
    lines = diff_text("第一行\n第二行\n第三行", "第一行\n第二行改\n第四行\n新增行")
    assert [line.op for line in lines] == ["same", "changed", "changed", "added"]
    assert lines[1].html == "第二行<ins>改</ins>"
    assert lines[3].html == "<ins>新增行</ins>"
    removed = diff_text("甲\n乙", "甲")
    assert [(line.op, line.html) for line in removed] == [("same", "甲"), ("removed", "<del>乙</del>")]


@pytest.fixture
def history(world_2024, clerk, street):
    """v1 compiled; v2 overview edited; v3 fee entered and table-3 total mistyped; v4 published."""
    annual = compile_report(actor=clerk, body=street, year=2024)
    overview = annual.report().narrative.sections["overview"]
    annual = edit_sections(actor=clerk, annual=annual, sections={"overview": overview + "\n补充一句。"})
    annual = enter_cells(actor=clerk, annual=annual, values={FEE: 8.35, NEW_TOTAL: 4})
    annual = enter_cells(actor=clerk, annual=annual, values={NEW_TOTAL: 3})
    return publish_signed(actor=clerk, annual=annual, on=date(2025, 1, 20))


def test_every_compile_edit_entry_and_publish_is_a_version(history):
    assert list(
        ReportVersion.objects.filter(report=history).values_list("number", "note").order_by("number")
    ) == [
        (1, "从系统记录统计生成"),
        (2, "修改正文"),
        (3, "手工录入数值"),
        (4, "手工录入数值"),
        (5, "发布"),
    ]


def test_the_diff_of_two_versions(history):
    v = {x.number: x for x in ReportVersion.objects.filter(report=history)}
    d = diff_versions(v[1], v[2])
    assert d.cells == () and [s.key for s in d.sections] == ["overview"]
    assert [line.html for line in d.sections[0].lines if line.op != "same"] == ["<ins>补充一句。</ins>"]
    d = diff_versions(v[2], v[3])
    assert d.sections == ()
    assert [(c.path, c.before, c.after) for c in d.cells] == [
        ("table2.fees.amount", "", "8.35"),
        ("table3.rows.new.total", "3", "4"),
    ]
    d = diff_versions(v[2], v[4])  # the total went back to 3: only the fee differs
    assert [(c.path, c.before, c.after) for c in d.cells] == [("table2.fees.amount", "", "8.35")]
    assert diff_versions(v[4], v[5]).is_empty


def test_the_versions_page_lists_and_compares(history, clerk, other_clerk, client):
    url = f"/yearbook/{history.pk}/versions/"
    client.force_login(clerk)
    clerk_client = client
    page = clerk_client.get(url).content.decode()
    assert page.count("<td>第") == 5 and "第4版 → 第5版" in page and "两个版本的正文和表格数值相同" in page
    page = clerk_client.get(url, {"a": "3", "b": "2"}).content.decode()  # either order
    assert "第2版 → 第3版" in page
    assert 'data-path="table2.fees.amount"><td>表二' in page and "<td>（空）</td><td>8.35</td>" in page
    page = clerk_client.get(url, {"a": "1", "b": "2"}).content.decode()
    assert '<li class="added"><ins>补充一句。</ins></li>' in page
    response = clerk_client.get(url, {"a": "1", "b": "9"})
    assert response.status_code == 400 and "没有找到版本“9”" in response.content.decode()
    client.force_login(other_clerk)
    assert client.get(url).status_code == 404

"""Compiling 只楚街道's 2024 report from records made through the actions (numbers counted by hand in
conftest.py), and where each number came from."""

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.report_format.layout import Cell
from gongkai.report_imports.actions.imports import IdentityMismatch
from gongkai.report_workspace.actions.reports import compile_report, enter_cells, import_cells
from gongkai.report_workspace.models import AnnualReport
from gongkai.report_workspace.rules.facts import Facts


def t3(row, column="natural_person"):
    return Cell("table3", row, column)


def test_tables_3_and_4_are_counted_from_the_cases(world_2024, clerk, street):
    report = compile_report(actor=clerk, body=street, year=2024).report()
    v = report.values
    assert (v[t3("new")], v[t3("new", "commercial")], v[t3("new", "total")]) == (2, 1, 3)
    assert v[t3("carried_over", "total")] == 1
    assert (v[t3("granted")], v[t3("partial", "commercial")], v[t3("total", "total")]) == (2, 1, 3)
    assert v[t3("carried_forward", "total")] == 1
    assert v[Cell("table4", "review", "upheld")] == 1
    assert v[Cell("table4", "review", "total")] == 1
    assert v[Cell("table4", "litigation_direct", "total")] == 0


def test_the_narrative_facts_are_counted_never_typed(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    facts = Facts.from_json(annual.facts)
    assert facts.items_total == 3
    assert facts.items_by_node == {"领导信息": 1, "公示公告": 2}
    assert facts.items_by_channel == {"网站": 3, "微信公众号": 2}
    assert facts.requests_received == 3
    assert facts.requests_previous == 5  # seed 000: 只楚街道 received 5 in 2023
    assert facts.requests_change == -2
    assert facts.fees_charged_yuan == 83460 and facts.fee_notices_paid == 1
    assert (facts.review_cases, facts.litigation_cases) == (1, 0)
    assert (facts.trainings, facts.training_participants) == (2, 35)
    assert (facts.npc_suggestions, facts.cppcc_proposals) == (1, 0)
    assert facts.outcomes == {"granted": 2, "partial": 1}


def test_every_cell_is_marked_computed_with_who_and_when(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    src = annual.sources["table3.rows.new.total"]
    assert src["kind"] == "computed" and src["by"] == clerk.username and src["at"].startswith("20")


def test_an_empty_register_leaves_table_2_absent_and_the_checker_says_so(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    report = annual.report()
    assert report.values[Cell("table2", "licensing", "decisions")] is None
    missing = [f for f in report.findings if f.code == "MISSING"]
    assert any(Cell("table2", "fees", "amount") in f.cells for f in missing)


def test_a_compiled_report_never_speaks_of_an_original_document(world_2024, clerk, clerk_client, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    missing = [f.message for f in annual.report().findings if f.code == "MISSING"]
    assert missing and all("原文" not in m for m in missing)
    assert any("本机关的记录中没有该表的数值" in m for m in missing)
    assert "原文中未找到该表" not in clerk_client.get(f"/yearbook/{annual.pk}/").content.decode()


def test_an_entered_number_is_kept_with_its_source_and_survives_recompiling(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    cell = Cell("table2", "licensing", "decisions")
    annual = enter_cells(actor=clerk, annual=annual, values={cell: 7}, note="上半年纸质台账")
    assert annual.sources[cell.path]["kind"] == "entered"
    assert annual.sources[cell.path]["note"] == "上半年纸质台账"
    annual = compile_report(actor=clerk, body=street, year=2024)
    assert annual.report().values[cell] == 7
    assert annual.sources[cell.path]["kind"] == "entered"
    assert annual.version == 3 and annual.versions.count() == 3


def test_numbers_are_imported_from_an_uploaded_report(world_2024, clerk, street, seed):
    annual = compile_report(actor=clerk, body=street, year=2023)
    annual = import_cells(actor=clerk, annual=annual, data=seed("000"), filename="只楚.txt")
    report = annual.report()
    assert report.values[Cell("table2", "fees", "amount")] == 0
    assert annual.sources["table2.fees.amount"]["kind"] == "imported"
    assert annual.sources["table2.fees.amount"]["note"] == "只楚.txt"


def test_a_report_of_another_body_and_year_is_refused_until_confirmed_and_noted(
    world_2024, clerk, street, seed
):
    annual = compile_report(actor=clerk, body=street, year=2024)
    with pytest.raises(IdentityMismatch) as refused:
        import_cells(actor=clerk, annual=annual, data=seed("001"), filename="西高皇.txt")
    assert refused.value.warnings == [
        "报告标题中的机关是“新华区西高皇街道办事处”，不是所属机关“只楚街道办事处”",
        "报告标题中的年度是2023年，不是2024年",
    ]
    assert "imported" not in {s["kind"] for s in AnnualReport.objects.get(pk=annual.pk).sources.values()}

    annual = import_cells(actor=clerk, annual=annual, data=seed("001"), filename="西高皇.txt", confirmed=True)
    note = annual.sources["table2.fees.amount"]["note"]
    assert note.startswith("西高皇.txt（报告标题中的机关是“新华区西高皇街道办事处”") and note.endswith(
        "经确认导入）"
    )


def test_other_bodies_staff_and_supervisors_cannot_compile(world_2024, other_clerk, supervisor, street):
    for actor in (other_clerk, supervisor):
        with pytest.raises(PermissionDenied):
            compile_report(actor=actor, body=street, year=2024)


def test_the_previous_years_compiled_report_is_the_comparison(world_2024, clerk, street):
    compile_report(actor=clerk, body=street, year=2023)
    facts = Facts.from_json(compile_report(actor=clerk, body=street, year=2024).facts)
    # 2023 in gongkai: only request A (received 2023-12-15) → 1 new.
    assert facts.requests_previous == 1
    assert facts.requests_change == 2

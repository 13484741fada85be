"""Drafting the narrative: the phrases, the computed year-on-year sentences, and that the checker reads
the drafted numbers back."""

import pytest

from gongkai.report_format.model import Report
from gongkai.report_workspace.actions.reports import compile_report, edit_sections
from gongkai.report_workspace.queries.checking import read_facts_back
from gongkai.report_workspace.rules.drafting import change_phrase, draft_sections, move_year, previous_parts
from gongkai.report_workspace.rules.facts import Facts


@pytest.mark.parametrize(
    ("now", "before", "phrase"),
    [(5, 11, "与2023年相比减少6件"), (7, 5, "与2023年相比增加2件"), (4, 4, "与2023年持平"), (4, None, "")],
)
def test_the_change_against_last_year_is_computed(now, before, phrase):
    assert change_phrase(now, before, 2023) == phrase


def facts(**kw) -> Facts:
    base = dict(
        year=2024,
        items_total=10,
        items_by_node={"公示公告": 6, "领导信息": 4},
        items_by_channel={"网站": 10, "微信公众号": 3},
        requests_received=5,
        requests_previous=11,
        requests_concluded=5,
        requests_carried_forward=0,
        outcomes={"granted": 5},
        review_cases=0,
        litigation_cases=0,
    )
    base.update(kw)
    return Facts(**base)


def test_section_one_has_its_five_parts_in_order():
    overview = draft_sections(facts(), "只楚街道办事处")["overview"]
    heads = [line[:7] for line in overview.splitlines()]
    assert heads == ["（一）主动公开", "（二）依申请公", "（三）政府信息", "（四）政府信息", "（五）监督保障"]
    assert "主动公开政府信息10条，其中公示公告6条、领导信息4条。" in overview
    assert "共收到政府信息公开申请5件，与2023年相比减少6件。" in overview
    assert "本年度未发生行政复议、行政诉讼案件。" in overview


def test_no_request_and_no_change_reads_as_such():
    overview = draft_sections(
        facts(requests_received=0, requests_previous=0, requests_concluded=0), "某街道"
    )["overview"]
    assert "未收到政府信息公开申请，与2023年持平。" in overview


def test_section_six_covers_fees_proposals_and_the_work_points():
    text = draft_sections(facts(fees_charged_yuan=120, fee_notices_paid=1, npc_suggestions=2), "某街道")[
        "other_matters"
    ]
    assert "收取信息处理费120元" in text
    assert "承办人大代表建议2件、政协提案0件" in text
    assert "落实上级年度政务公开工作要点情况" in text
    none = draft_sections(facts(), "某街道")["other_matters"]
    assert "本年度未收取信息处理费。" in none and "本年度未承办人大代表建议和政协提案。" in none


def test_the_drafted_numbers_read_back_as_stated():
    f = facts(fees_charged_yuan=120, npc_suggestions=2, cppcc_proposals=1, review_cases=1, litigation_cases=2)
    report = Report(body="某街道", year=2024)
    report.narrative.sections = draft_sections(f, "某街道")
    read_facts_back(report)
    n = report.narrative
    assert (n.items_disclosed, n.requests_received, n.requests_change) == (10, 5, -6)
    assert (n.fees_charged_yuan, n.npc_suggestions, n.cppcc_proposals) == (120, 2, 1)
    assert (n.review_cases, n.litigation_cases) == (1, 2)
    assert [b.parts_sum for b in n.item_breakdowns] == [10]


def test_last_years_paragraphs_are_the_starting_point_with_the_year_moved_on():
    before = "（三）政府信息管理情况\n2023年，我办修订主动公开基本目录（2023年修订）。\n（四）平台建设情况\n用好公众号。"
    parts = previous_parts(before)
    assert parts["management"] == "2023年，我办修订主动公开基本目录（2023年修订）。"
    overview = draft_sections(facts(), "某街道", {"overview": before}, 2023)["overview"]
    assert "（三）政府信息管理情况2024年，我办修订主动公开基本目录（2024年修订）。" in overview
    assert move_year("2022年和2023年", 2023, 2024) == "2023年和2024年"


def test_a_compiled_draft_starts_from_the_imported_2023_report(world_2024, clerk, street):
    sections = compile_report(actor=clerk, body=street, year=2024).report().narrative.sections
    assert "共收到政府信息公开申请3件，与2023年相比减少2件。" in sections["overview"]
    assert "2024年修订" in sections["overview"]  # 只楚街道's 2023 目录 sentence, moved on a year
    assert "针对2023年度报告中提出的问题" in sections["problems"]
    assert "收取信息处理费83460元" in sections["other_matters"]
    assert "承办人大代表建议1件、政协提案0件" in sections["other_matters"]
    assert "组织政务公开业务培训2次，累计培训35人次" in sections["overview"]


def test_an_edited_sentence_that_disagrees_with_table_3_is_found(world_2024, clerk, street):
    annual = compile_report(actor=clerk, body=street, year=2024)
    overview = annual.report().narrative.sections["overview"].replace("申请3件", "申请6件")
    annual = edit_sections(actor=clerk, annual=annual, sections={"overview": overview})
    report = annual.report()
    assert report.narrative.sections["overview"] == overview
    codes = [(f.code, f.values.get("text")) for f in report.findings]
    assert ("TEXT_VS_TABLE", 6) in codes


def test_a_drafted_report_has_no_text_finding(world_2024, clerk, street):
    report = compile_report(actor=clerk, body=street, year=2024).report()
    assert [f.message for f in report.findings if f.code in ("TEXT_VS_TABLE", "TEXT_SUM")] == []

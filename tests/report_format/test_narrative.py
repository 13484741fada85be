"""Facts the narrative states, read from the sentences officials write."""

from datetime import date
from decimal import Decimal

from gongkai.report_format import parse_text
from tests.report_format.seeds import seed_text

HEAD = "某某区某某街道办事处\n2024年政府信息公开工作年度报告\n\n一、总体情况\n"
TAIL = "\n\n五、存在的主要问题及改进情况\n问题。\n\n六、其他需要报告的事项\n{six}\n\n某某区某某街道办事处\n2025年1月20日\n"


def narrative(overview: str, six: str = "无。"):
    return parse_text(HEAD + overview + TAIL.format(six=six))


def test_title_split_over_two_lines_gives_body_and_year_and_the_signature_date():
    r = narrative("正文。")
    assert (r.body, r.year, r.published_on) == ("某某区某某街道办事处", 2024, date(2025, 1, 20))


def test_a_breakdown_in_a_following_qizhong_sentence():
    n = narrative(
        "累计发布政务信息 100 条。其中:政府网站公开政府信息 60 条,政务微信公开政府信息 30 条。"
    ).narrative
    [b] = n.item_breakdowns
    assert (b.total, b.parts_sum, b.kind) == (100, 90, "channel")


def test_approximate_parts_are_not_summed():
    n = narrative("主动公开政府信息100条，其中网站公开60余条，微信公开40条。").narrative
    assert n.items_disclosed == 100 and n.item_breakdowns == []


def test_requests_with_change_against_last_year():
    n = narrative("2024年收到政府信息公开申请12件，与2023年相比增加3件。").narrative
    assert (n.requests_received, n.requests_change) == (12, 3)


def test_no_request_received_is_zero():
    n = narrative("2024年，未收到政府信息公开申请，同去年相比没有变化。").narrative
    assert (n.requests_received, n.requests_change) == (0, 0)


def test_requests_counted_per_applicant_type_are_added():
    n = narrative("全年受理个人申请政府信息公开申请 3 件,受理法人申请政府信息公开申请 2 件。").narrative
    assert n.requests_received == 5


def test_chinese_numerals():
    assert narrative("本年度收到政府信息公开申请两件。").narrative.requests_received == 2


def test_fees_npc_and_cppcc_in_section_six():
    n = narrative(
        "正文。", six="1.本年度收取信息处理费300元。\n2.共承办区人大代表建议3件、政协提案2件。"
    ).narrative
    assert n.fees_charged_yuan == Decimal(300)
    assert (n.npc_suggestions, n.cppcc_proposals) == (3, 2)


def test_none_charged_and_none_handled():
    n = parse_text(seed_text("004")).narrative
    assert n.fees_charged_yuan == 0
    assert (n.npc_suggestions, n.cppcc_proposals) == (0, 0)


def test_review_and_litigation_counts_from_the_text():
    n = parse_text(seed_text("000")).narrative
    assert (n.review_cases, n.litigation_cases) == (0, 0)


def test_sections_hold_the_narrative_without_title_or_signature():
    r = narrative("总体情况正文。", six="六的正文。")
    assert r.narrative.sections["overview"] == "总体情况正文。"
    assert r.narrative.sections["other_matters"] == "六的正文。"
    assert "problems" in r.narrative.sections


def test_a_heading_glued_to_the_end_of_a_paragraph_starts_its_section():
    r = parse_text(seed_text("002"))
    assert r.narrative.sections["overview"].endswith("投诉、举报情况。")

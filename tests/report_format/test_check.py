"""The consistency rules, each with a hand-computed case: a consistent report, then one cell off."""

from datetime import date

from gongkai.report_format import Cell, check
from tests.report_format.builders import consistent_report, t3


def by_code(findings, code):
    return [f for f in findings if f.code == code]


def test_a_consistent_report_has_no_finding():
    assert check(consistent_report()) == []


def test_balance_names_the_column_and_both_sums():
    r = consistent_report()
    r.values[t3("carried_forward", "natural_person")] = 3  # 10 + 2 ≠ 10 + 3
    findings = check(r)
    [f] = by_code(findings, "T3_BALANCE")
    assert f.level == "error"
    assert "“自然人”列" in f.message and "12" in f.message and "13" in f.message and "相差 1" in f.message
    assert t3("carried_forward", "natural_person") in f.cells
    assert f.values == {"left": 12, "right": 13, "difference": -1}
    [row] = by_code(findings, "T3_ROW_TOTAL")  # the row no longer adds up to its total either
    assert "四、结转下年度继续办理" in row.message


def test_row_total_names_the_row():
    r = consistent_report()
    r.values[t3("new", "research")] = 1  # row new: total 13, applicants now sum to 14
    findings = check(r)
    [f] = by_code(findings, "T3_ROW_TOTAL")
    assert "一、本年新收政府信息公开申请数量" in f.message and "13" in f.message and "14" in f.message
    assert by_code(findings, "T3_BALANCE")  # the research column no longer balances either


def test_outcome_sum_lists_the_outcomes_that_are_not_zero():
    r = consistent_report()
    r.values[t3("granted", "natural_person")] = 5
    r.values[t3("granted", "total")] = 7
    [f, total_column] = by_code(check(r), "T3_OUTCOME_SUM")
    assert "“总计”列" in total_column.message and "各项办理结果之和为 14" in total_column.message
    assert "（七）总计" in f.message and "为 10" in f.message and "各项办理结果之和为 11" in f.message
    assert "（一）予以公开”“自然人” 5" in f.message


def test_table4_block_total():
    r = consistent_report()
    r.values[Cell("table4", "review", "total")] = 4
    [f] = by_code(check(r), "T4_BLOCK_TOTAL")
    assert "行政复议" in f.message and "4" in f.message and "之和为 3" in f.message


def test_negative_count_and_fractional_count_are_errors():
    r = consistent_report()
    r.values[Cell("table2", "licensing", "decisions")] = -1
    r.values[Cell("table2", "punishment", "decisions")] = __import__("decimal").Decimal("2.5")
    found = by_code(check(r), "NONNEGATIVE")
    assert {f.cells[0].row for f in found} == {"licensing", "punishment"}
    assert any("不能为负数" in f.message for f in found) and any("整数" in f.message for f in found)


def test_a_fee_amount_may_have_decimals():
    r = consistent_report()
    assert by_code(check(r), "NONNEGATIVE") == []


def test_missing_row_is_a_warning_and_never_counted_as_zero():
    r = consistent_report()
    for col in (
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    ):
        r.values[t3("carried_forward", col)] = None
    findings = check(r)
    [f] = by_code(findings, "MISSING")
    assert f.level == "warning" and "结转下年度继续办理" in f.message
    assert by_code(findings, "T3_BALANCE") == []  # an equation with a missing cell is not judged


def test_carried_over_must_equal_last_years_carried_forward():
    previous = consistent_report()
    previous.year = 2023
    previous.values[t3("carried_forward", "natural_person")] = 3
    [f] = by_code(check(consistent_report(), previous), "CROSS_YEAR_CARRY")
    assert "本年为 2，上年为 3" in f.message and f.level == "error"


def test_cross_year_rules_skip_a_report_that_is_not_the_previous_year():
    previous = consistent_report()
    previous.year = 2021
    previous.values[t3("carried_forward", "natural_person")] = 3
    assert by_code(check(consistent_report(), previous), "CROSS_YEAR_CARRY") == []


def test_in_force_follows_last_year_plus_issued_minus_repealed():
    previous = consistent_report()
    previous.year = 2023
    previous.values[Cell("table2", "normative_documents", "in_force")] = 10  # 10 + 2 − 1 = 11: fine
    assert by_code(check(consistent_report(), previous), "CROSS_YEAR_IN_FORCE") == []
    previous.values[Cell("table2", "normative_documents", "in_force")] = 9  # 9 + 2 − 1 = 10 ≠ 11
    [f] = by_code(check(consistent_report(), previous), "CROSS_YEAR_IN_FORCE")
    assert f.level == "warning" and "11" in f.message and "= 10" in f.message


def test_requests_stated_in_the_text_must_match_table3():
    r = consistent_report()
    r.narrative.requests_received = 12
    [f] = by_code(check(r), "TEXT_VS_TABLE")
    assert "12" in f.message and "13" in f.message


def test_review_cases_stated_in_the_text_must_match_table4():
    r = consistent_report()
    r.narrative.review_cases = 0
    r.narrative.litigation_cases = 1
    [f] = by_code(check(r), "TEXT_VS_TABLE")
    assert "行政复议 0 件" in f.message and "为 3" in f.message


def test_late_after_31_january_by_default_and_configurable():
    r = consistent_report()
    r.published_on = date(2025, 2, 3)
    [f] = by_code(check(r), "LATE")
    assert f.values["days_late"] == 3 and "2025年1月31日" in f.message
    assert by_code(check(r, due=date(2025, 2, 20)), "LATE") == []

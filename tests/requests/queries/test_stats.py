"""Tables 3 and 4 counted from the cases, each counting rule by a hand-computed example."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.report_format.check import check
from gongkai.report_format.layout import TABLE3_COLUMNS, Cell
from gongkai.requests.actions import cases as actions
from gongkai.requests.actions import remedies
from gongkai.requests.models import Applicant, Channel
from gongkai.requests.queries import stats


def t3(row: str, column: str = "natural_person") -> Cell:
    return Cell("table3", row, column)


def t4(block: str, field: str) -> Cell:
    return Cell("table4", block, field)


@pytest.fixture
def register(clerk, street):
    """register(arrived_on, kind=…, channel=…, received_on=…) → a request of 只楚街道."""

    def make(
        arrived_on,
        *,
        kind="natural_person",
        channel=Channel.IN_PERSON,
        received_on=None,
        body=street,
        actor=clerk,
    ):
        applicant = Applicant.objects.create(body=body, kind=kind, name=f"申请人{kind}")
        return actions.register_request(
            actor=actor,
            body=body,
            applicant=applicant,
            channel=channel,
            arrived_on=arrived_on,
            received_on=received_on,
            subject="某项政府信息",
        ).request

    return make


def nonzero(cells: dict[Cell, int]) -> dict[Cell, int]:
    return {c: v for c, v in cells.items() if v}


def test_a_request_received_in_december_and_answered_in_january_is_carried_across(register, clerk, street):
    r = register(date(2024, 12, 20))
    actions.reply(r, actor=clerk, on=date(2025, 1, 10), outcomes="granted")

    assert nonzero(stats.table3([street.pk], 2024)) == {
        t3("new"): 1,
        t3("new", "total"): 1,
        t3("carried_forward"): 1,
        t3("carried_forward", "total"): 1,
    }
    assert nonzero(stats.table3([street.pk], 2025)) == {
        t3("carried_over"): 1,
        t3("carried_over", "total"): 1,
        t3("granted"): 1,
        t3("granted", "total"): 1,
        t3("total"): 1,
        t3("total", "total"): 1,
    }
    assert nonzero(stats.table3([street.pk], 2026)) == {}


def test_a_request_received_and_concluded_in_the_same_year_is_new_and_in_its_outcome_row(
    register, clerk, street
):
    r = register(date(2025, 3, 3), kind="commercial")
    actions.withdraw(r, actor=clerk, on=date(2025, 3, 5))
    cells = stats.table3([street.pk], 2025)
    assert cells[t3("new", "commercial")] == 1
    assert cells[t3("other_other", "commercial")] == 1  # 撤回: (六)3 其他
    assert cells[t3("total", "commercial")] == 1
    assert cells[t3("carried_forward", "commercial")] == 0
    assert cells[t3("carried_over", "commercial")] == 0
    assert nonzero(stats.table3([street.pk], 2024)) == {}


def test_the_receipt_date_counts_not_the_arrival_date(register, street):
    # Arrived online on 30 December, confirmed on 4 January: a request of the new year.
    register(date(2024, 12, 30), channel=Channel.ONLINE, received_on=date(2025, 1, 4))
    assert nonzero(stats.table3([street.pk], 2024)) == {}
    assert stats.table3([street.pk], 2025)[t3("new")] == 1


def test_an_unconfirmed_request_is_not_counted(register, street):
    register(date(2025, 5, 6), channel=Channel.EMAIL)
    assert nonzero(stats.table3([street.pk], 2025)) == {}


def test_a_request_open_for_years_is_carried_over_and_forward_each_year(register, street):
    register(date(2022, 6, 1), kind="research")
    for year in (2023, 2024, 2025):
        cells = stats.table3([street.pk], year)
        assert cells[t3("carried_over", "research")] == 1
        assert cells[t3("carried_forward", "research")] == 1
        assert cells[t3("new", "research")] == 0


def test_a_request_concluded_on_new_years_day_is_carried_over_into_that_year(register, clerk, street):
    r = register(date(2024, 12, 2))
    actions.reply(r, actor=clerk, on=date(2025, 1, 1), outcomes="unable_not_held")
    assert stats.table3([street.pk], 2025)[t3("carried_over")] == 1
    assert stats.table3([street.pk], 2025)[t3("unable_not_held")] == 1
    assert stats.table3([street.pk], 2024)[t3("carried_forward")] == 1


def test_a_request_concluded_on_new_years_eve_is_not_carried_forward(register, clerk, street):
    r = register(date(2024, 12, 2))
    actions.reply(r, actor=clerk, on=date(2024, 12, 31), outcomes="partial")
    cells = stats.table3([street.pk], 2024)
    assert cells[t3("partial")] == 1
    assert cells[t3("carried_forward")] == 0
    assert stats.table3([street.pk], 2025)[t3("carried_over")] == 0


def test_lapsed_requests_count_in_the_other_rows(register, clerk, street):
    r = register(date(2025, 2, 3))
    actions.start_review(r, actor=clerk, on=date(2025, 2, 4))
    actions.request_correction(
        r, actor=clerk, on=date(2025, 2, 5), what="请写明文号", deadline=date(2025, 2, 20)
    )
    actions.lapse_correction(r, actor=clerk, on=date(2025, 2, 21))
    assert stats.table3([street.pk], 2025)[t3("other_no_correction")] == 1


def test_columns_follow_the_applicant_kind_and_the_total_column_sums_them(register, clerk, street):
    for kind in ("natural_person", "natural_person", "legal_service", "social_welfare"):
        register(date(2025, 4, 1), kind=kind)
    cells = stats.table3([street.pk], 2025)
    assert [cells[t3("new", c.key)] for c in TABLE3_COLUMNS] == [2, 0, 0, 1, 1, 0, 4]


def test_other_bodies_are_not_counted_unless_included(register, street, other_street, other_clerk, district):
    register(date(2025, 4, 1))
    register(date(2025, 4, 2), body=other_street, actor=other_clerk)
    assert stats.table3([street.pk], 2025)[t3("new", "total")] == 1
    assert stats.table3([street.pk, other_street.pk], 2025)[t3("new", "total")] == 2
    assert stats.compile_tables(district, 2025).get(t3("new", "total")) == 0
    assert stats.compile_tables(district, 2025, include_descendants=True).get(t3("new", "total")) == 2


def test_compiled_tables_pass_the_checker_and_name_the_body(register, clerk, street):
    done = register(date(2025, 1, 6))
    actions.reply(done, actor=clerk, on=date(2025, 1, 8), outcomes="denied_process_info")
    register(date(2025, 12, 29))
    report = stats.compile_tables(street, 2025)
    assert (report.body, report.year) == ("只楚街道办事处", 2025)
    errors = [f for f in check(report) if f.level == "error"]
    assert errors == []
    # Table 2 is not kept in the cases: absent, reported as missing, never zero.
    assert report.get(Cell("table2", "regulations", "issued")) is None
    assert any(f.code == "MISSING" for f in check(report))


def test_a_concluded_request_without_an_outcome_breaks_the_balance_and_the_checker_says_so(
    register, clerk, street
):
    r = register(date(2025, 1, 6))
    actions.reply(r, actor=clerk, on=date(2025, 1, 8), outcomes="granted")
    type(r).objects.filter(pk=r.pk).update(outcome="")  # corrupted data, not reachable through actions
    codes = {f.code for f in check(stats.compile_tables(street, 2025)) if f.level == "error"}
    assert "T3_BALANCE" in codes


def test_each_table_is_one_query(register, street):
    for day in (1, 2, 3):
        register(date(2025, 4, day))
    with CaptureQueriesContext(connection) as queries:
        stats.table3([street.pk], 2025)
        stats.table4([street.pk], 2025)
    assert len(queries) == 2


# ------------------------------------------------------------------ table 4


def test_table4_counts_cases_in_the_year_filed_with_the_outcome_known_by_31_december(register, clerk, street):
    r = register(date(2024, 3, 1))
    actions.reply(r, actor=clerk, on=date(2024, 3, 15), outcomes="denied_third_party")
    review = remedies.open_remedy(actor=clerk, request=r, kind="review", filed_on=date(2024, 5, 1))
    remedies.decide_remedy(actor=clerk, case=review, outcome="upheld", decided_on=date(2024, 7, 1))
    suit = remedies.open_remedy(
        actor=clerk, request=r, kind="litigation_after_review", filed_on=date(2024, 7, 10), follows=review
    )
    remedies.decide_remedy(actor=clerk, case=suit, outcome="corrected", decided_on=date(2025, 2, 1))
    direct = remedies.open_remedy(actor=clerk, request=r, kind="litigation_direct", filed_on=date(2025, 1, 5))
    remedies.decide_remedy(actor=clerk, case=direct, outcome="other", decided_on=date(2025, 3, 1))

    assert nonzero(stats.table4([street.pk], 2024)) == {
        t4("review", "upheld"): 1,
        t4("review", "total"): 1,
        t4("litigation_after_review", "pending"): 1,  # decided only in 2025
        t4("litigation_after_review", "total"): 1,
    }
    assert nonzero(stats.table4([street.pk], 2025)) == {  # the 2024 suit is not counted again
        t4("litigation_direct", "other"): 1,
        t4("litigation_direct", "total"): 1,
    }


def test_all_bodies_in_three_queries_agree_with_one_body_at_a_time(
    register, clerk, street, other_street, other_clerk, district
):
    a = register(date(2024, 11, 1), kind="commercial")
    actions.reply(a, actor=clerk, on=date(2025, 2, 3), outcomes="granted")
    register(date(2025, 6, 1), body=other_street, actor=other_clerk)
    b = register(date(2025, 6, 2))
    actions.withdraw(b, actor=clerk, on=date(2025, 6, 3))
    remedies.open_remedy(actor=clerk, request=a, kind="review", filed_on=date(2025, 3, 1))

    with CaptureQueriesContext(connection) as queries:
        everything = stats.tables_for_all_bodies(2025)
    assert len(queries) == 3
    assert set(everything) == {district.pk, street.pk, other_street.pk}
    for body in (district, street, other_street):
        assert everything[body.pk] == {**stats.table3([body.pk], 2025), **stats.table4([body.pk], 2025)}
    assert everything[street.pk][t3("total", "total")] == 2

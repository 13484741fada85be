"""Random case histories over several years: the compiled tables always balance and carry over."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_format.check import check
from gongkai.report_format.layout import TABLE3_APPLICANT_COLUMNS, TABLE3_COLUMNS, TABLE3_OUTCOME_ROWS, Cell
from gongkai.requests.actions import cases as actions
from gongkai.requests.models import CONFIRMED_CHANNELS, Applicant, Channel
from gongkai.requests.queries import stats

FIRST_YEAR, LAST_YEAR = 2021, 2025
START = date(FIRST_YEAR, 1, 1)
SPAN_DAYS = (date(LAST_YEAR, 12, 31) - START).days
LATEST = date(2026, 6, 30)  # no action may be dated after today: conclusions are capped here
REPLY_OUTCOMES = [r.key for r in TABLE3_OUTCOME_ROWS if not r.key.startswith("other_")]


@dataclass(frozen=True)
class Case:
    body: int
    kind: str
    arrived: int  # days after START
    channel: str
    confirm_after: int | None  # days after arrival; None: never confirmed (only for confirmed channels)
    fate: str  # open / reply / withdraw / lapse
    outcome: str
    after: int  # days from receipt to the conclusion


cases = st.builds(
    Case,
    body=st.integers(0, 2),
    kind=st.sampled_from([c.key for c in TABLE3_APPLICANT_COLUMNS]),
    arrived=st.integers(0, SPAN_DAYS - 1),
    channel=st.sampled_from([Channel.IN_PERSON, Channel.LETTER_SIGNED, Channel.ONLINE, Channel.EMAIL]),
    confirm_after=st.one_of(st.none(), st.integers(0, 10)),
    fate=st.sampled_from(["open", "reply", "reply", "withdraw", "lapse"]),
    outcome=st.sampled_from(REPLY_OUTCOMES),
    after=st.integers(0, 400),
)


def play(case: Case, body: Body, clerk) -> None:
    arrived = START + timedelta(days=case.arrived)
    received = None if case.confirm_after is None else arrived + timedelta(days=case.confirm_after)
    applicant = Applicant.objects.create(body=body, kind=case.kind, name="申请人")
    request = actions.register_request(
        actor=clerk,
        body=body,
        applicant=applicant,
        channel=case.channel,
        arrived_on=arrived,
        received_on=received,
        subject="某项信息",
    ).request
    start = request.received_on or arrived
    end = min(start + timedelta(days=case.after), LATEST)
    if case.fate == "reply" and request.received_on is not None:
        actions.reply(request, actor=clerk, on=end, outcomes=case.outcome)
    elif case.fate == "withdraw":
        actions.withdraw(request, actor=clerk, on=end)
    elif case.fate == "lapse" and request.received_on is not None:
        actions.start_review(request, actor=clerk, on=start)
        actions.request_correction(
            request, actor=clerk, on=start, what="请补充文号", deadline=start + timedelta(days=15)
        )
        actions.lapse_correction(
            request, actor=clerk, on=min(start + timedelta(days=16 + case.after), LATEST)
        )


def world() -> tuple[list[Body], list]:
    bodies, clerks = [], []
    for i in range(3):
        body = body_actions.create_body(actor=None, name=f"机关{i}", level=Body.Level.SUBDISTRICT)
        clerks.append(
            body_actions.create_staff_user(
                actor=None, body=body, username=f"clerk{i}", password="x", role=StaffMembership.Role.CLERK
            )
        )
        bodies.append(body)
    return bodies, clerks


def carried(report, row: str) -> list:
    return [report.get(Cell("table3", row, c.key)) for c in TABLE3_COLUMNS]


@pytest.mark.django_db
@settings(max_examples=25, deadline=None)
@given(history=st.lists(cases, max_size=14))
def test_compiled_tables_balance_and_carry_over_from_year_to_year(history: list[Case]) -> None:
    with transaction.atomic():  # every example starts from an empty database and leaves it so
        bodies, clerks = world()
        for case in history:
            play(case, bodies[case.body], clerks[case.body])
        counted = 0
        for body in bodies:
            reports = {y: stats.compile_tables(body, y) for y in range(FIRST_YEAR, LAST_YEAR + 2)}
            for year, report in reports.items():
                errors = [f.message for f in check(report, reports.get(year - 1)) if f.level == "error"]
                assert errors == [], (year, errors)
                if year - 1 in reports:
                    assert carried(report, "carried_over") == carried(reports[year - 1], "carried_forward")
                counted += report.get(Cell("table3", "new", "total")) or 0
        # every confirmed request is new in exactly one year
        confirmed = [c for c in history if c.channel not in CONFIRMED_CHANNELS or c.confirm_after is not None]
        assert counted == len(confirmed)
        transaction.set_rollback(True)

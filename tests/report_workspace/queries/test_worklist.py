"""A body's own staff see last year's report on their home page until it is published: due from
1 January, urgent once 31 January (or the level's own deadline) has passed."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.queries.worklist import deadline_entries
from tests.report_workspace.chain import publish_signed

URL = "/yearbook/"


def test_in_january_the_report_is_due_with_the_days_left(street, other_street):
    overdue, due = deadline_entries([street, other_street], date(2026, 1, 11), URL)

    assert overdue.count == 0
    assert due.count == 2
    assert (
        due.lines[0].note == "只楚街道办事处2025年政府信息公开工作年度报告应于2026年1月31日前发布，还剩20天。"
    )
    assert due.lines[0].text == "只楚街道 2025年度报告"


def test_after_31_january_it_is_overdue_and_urgent(street):
    overdue, due = deadline_entries([street], date(2026, 12, 7), URL)

    assert (overdue.count, due.count) == (1, 0)
    assert overdue.urgent
    assert overdue.lines[0].note.endswith("应于2026年1月31日前发布，已逾期310天。")  # 1 Feb … 7 Dec


def test_a_published_report_and_a_body_founded_this_year_owe_nothing(world_2024, clerk, street, other_street):
    other_street.founded_on = date(2025, 3, 1)
    other_street.save()
    publish_signed(
        actor=clerk, annual=compile_report(actor=clerk, body=street, year=2024), on=date(2025, 1, 20)
    )

    overdue, due = deadline_entries([street, other_street], date(2025, 2, 3), URL)

    assert overdue.count == due.count == 0


def test_the_home_page_names_the_report_for_its_staff(clerk, street, client):
    client.force_login(clerk)
    page = client.get(reverse("home")).content.decode()

    assert "本机关年度报告" in page and "只楚街道" in page

"""Which report counts for a body-year, its state against the due date, and its headline figures."""

from datetime import date

from gongkai.report_workspace.models import AnnualReport, DueDateRule, Status
from gongkai.supervision.models import SourceKind
from gongkai.supervision.queries.body_years import body_years, state_of
from gongkai.supervision.queries.sources import State, counting_source, headline
from tests.supervision.conftest import YEAR

AFTER_DUE = date(2024, 3, 1)
BEFORE_DUE = date(2024, 1, 10)


def test_the_newest_import_counts_when_there_is_no_compiled_report(world, seed):
    from gongkai.report_imports.actions.imports import import_report

    newer = import_report(actor=None, body=world.zhichu, data=seed("000"), filename="000.txt", confirmed=True)

    source = counting_source(world.zhichu, YEAR)

    assert (source.kind, source.id, source.origin) == (SourceKind.IMPORTED, newer.pk, "导入")


def test_a_draft_beats_an_import_and_a_published_report_is_published(world):
    annual = AnnualReport.objects.create(body=world.zhichu, year=YEAR, data=world.reports["002"].data)

    source = counting_source(world.zhichu, YEAR)
    assert (source.kind, source.id, source.origin) == (SourceKind.ANNUAL, annual.pk, "编制")
    assert state_of(source, date(2024, 1, 31), BEFORE_DUE) == (State.DRAFT, False)
    assert state_of(source, date(2024, 1, 31), AFTER_DUE) == (State.OVERDUE, True)

    AnnualReport.objects.filter(pk=annual.pk).update(status=Status.PUBLISHED, published_on=date(2024, 2, 5))
    source = counting_source(world.zhichu, YEAR)
    assert state_of(source, date(2024, 1, 31), AFTER_DUE) == (State.PUBLISHED, True)  # published late


def test_no_report_is_not_started_until_the_due_date_of_the_level_passes(world):
    DueDateRule.objects.create(level="subdistrict", month=3, day=31)

    [row] = body_years([(world.empty, 1)], YEAR, date(2024, 3, 15))
    assert (row.due, row.state, row.source) == (date(2024, 3, 31), State.NOT_STARTED, None)

    [row] = body_years([(world.empty, 1)], YEAR, date(2024, 4, 1))
    assert row.state == State.OVERDUE and row.late


def test_headline_figures_are_read_from_the_report_json(world):
    assert headline(world.reports["002"].data) == {
        "items_disclosed": 753,
        "requests_new": 2,
        "granted": 0,
        "partial": 2,
        "denied": 0,
        "unable": 0,
        "rejected": 0,
        "other": 0,
        "concluded": 2,
        "review": 0,
        "litigation": 0,
    }


def test_a_group_with_a_missing_row_is_missing_never_a_partial_sum(world):
    figures = headline(world.reports["000"].data)

    assert (figures["items_disclosed"], figures["requests_new"], figures["unable"]) == (64, 5, 5)
    assert figures["rejected"] is None and figures["concluded"] is None and figures["review"] is None


def test_the_report_with_tables_as_images_has_no_figures_but_its_items(world):
    figures = headline(world.reports["004"].data)

    assert figures["items_disclosed"] == 784
    assert {k for k, v in figures.items() if v is not None} == {"items_disclosed"}

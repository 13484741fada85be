"""Round trips: a random valid report, rendered in each layout users paste, parses back to itself."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.report_format import Report, parse_text
from gongkai.report_format.layout import ALL_CELLS
from gongkai.report_format.read_docx import docx_to_text
from gongkai.report_format.render import render_cells, render_docx, render_markdown, render_tsv
from gongkai.report_format.rules import EQUATIONS
from tests.report_format.builders import consistent_report, t3
from tests.report_format.strategies import reports

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_same_report(parsed: Report, original: Report) -> None:
    assert (parsed.body, parsed.year, parsed.published_on) == (
        original.body,
        original.year,
        original.published_on,
    )
    differences = {
        c.path: (original.values.get(c), parsed.values.get(c))
        for c in ALL_CELLS
        if parsed.values.get(c) != original.values.get(c)
    }
    assert differences == {}


@FAST
@given(reports())
def test_generated_reports_satisfy_every_equation(report: Report):
    for eq in EQUATIONS:
        left = sum(report.values[c] for c in eq.left)
        right = sum(report.values[c] for c in eq.right)
        assert left == right, (eq.code, eq.scope)
    assert all(report.values[c] >= 0 for c in ALL_CELLS)


@FAST
@given(reports())
def test_markdown_parses_back_to_the_same_report(report: Report):
    assert_same_report(parse_text(render_markdown(report)), report)


@FAST
@given(reports())
def test_tab_separated_text_parses_back_to_the_same_report(report: Report):
    assert_same_report(parse_text(render_tsv(report)), report)


@FAST
@given(reports())
def test_one_cell_per_line_text_parses_back_to_the_same_report(report: Report):
    assert_same_report(parse_text(render_cells(report)), report)


@SLOW
@given(reports())
def test_word_document_read_back_parses_to_the_same_report(report: Report):
    assert_same_report(parse_text(docx_to_text(render_docx(report))), report)


@SLOW
@given(reports())
def test_word_document_reads_back_as_the_tab_separated_layout(report: Report):
    lines = [line for line in render_tsv(report).splitlines() if line]
    assert docx_to_text(render_docx(report)).splitlines() == lines


def paragraphs(sections: dict[str, str]) -> dict[str, list[str]]:
    return {k: [line.strip() for line in v.splitlines() if line.strip()] for k, v in sections.items() if v}


@FAST
@given(reports())
def test_narrative_sections_parse_back_paragraph_by_paragraph(report: Report):
    parsed = parse_text(render_markdown(report))
    assert paragraphs(parsed.narrative.sections) == paragraphs(report.narrative.sections)


def test_a_report_without_preamble_parses_back_without_one():
    report = consistent_report()
    report.narrative.sections = {"overview": "本年度主动公开信息64条。"}
    assert "preamble" not in parse_text(render_markdown(report)).narrative.sections


@pytest.mark.parametrize("render", [render_markdown, render_tsv, render_cells])
def test_a_missing_value_parses_back_as_missing(render):
    report = consistent_report()
    report.values[t3("granted", "research")] = None
    assert_same_report(parse_text(render(report)), report)

"""Checking a compiled report: every rule of ``gongkai.report_format.check``, against last year's report of the
same body (compiled or imported), and the drafted narrative against the tables and the facts.

The narrative facts are re-read from the text the clerk edited with ``annual.narrative.read_narrative``,
so a sentence edited to say "收到申请6件" while table 3 says 5 is found.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gongkai.bodies.models import Body
from gongkai.report_format.check import check
from gongkai.report_format.layout import NARRATIVE_SECTIONS, SECTIONS
from gongkai.report_format.model import Finding, Report
from gongkai.report_format.narrative import read_narrative
from gongkai.report_format.render.outline import report_title, section_heading
from gongkai.report_workspace.models import AnnualReport, DueDateRule, Status
from gongkai.report_workspace.rules.facts import Facts


def due_date(body: Body, year: int) -> date:
    """The publication deadline: the rule for the body's level, else 31 January of year+1 (第四十九条)."""
    rule = DueDateRule.objects.filter(level=body.level).first()
    if rule is None:
        return date(year + 1, 1, 31)
    return date(year + 1, rule.month, rule.day)


def previous_report(body: Body, year: int) -> Report | None:
    """Last year's report: the compiled one (published first), else the latest imported one."""
    compiled = AnnualReport.objects.filter(body=body, year=year - 1).first()
    if compiled is not None and (compiled.status == Status.PUBLISHED or compiled.data):
        return compiled.report()
    from gongkai.report_imports.models import ImportedReport

    imported = ImportedReport.objects.filter(body=body, year=year - 1).order_by("-created_at").first()
    return imported.report() if imported is not None else None


def narrative_text(report: Report) -> str:
    """The report as plain text with its headings (tables left out), as a reader of it sees it."""
    sections = report.narrative.sections
    lines = [report_title(report), sections.get("preamble", "")]
    keys = {n: k for k, n in NARRATIVE_SECTIONS.items() if n}
    for section in SECTIONS:
        lines.append(section_heading(section))
        if section.number in keys:
            lines.append(sections.get(keys[section.number], ""))
    return "\n".join(lines)


def read_facts_back(report: Report) -> None:
    """Set the narrative's stated facts from its (edited) text; the texts themselves stay as they are."""
    probe = Report(body=report.body, year=report.year)
    read_narrative(narrative_text(report), probe)
    stated = probe.narrative
    stated.title = report_title(report)
    stated.sections = dict(report.narrative.sections)
    report.narrative = stated


def check_compiled(report: Report, facts: Facts, previous: Report | None, due: date) -> list[Finding]:
    read_facts_back(report)
    findings = [_about_records(f) for f in check(report, previous, due=due)]
    findings += _text_vs_facts(report, facts)
    return findings


# The checker's reasons for a missing table speak of an original document; a compiled report has none.
_ORIGINAL_REASONS = ("原文中未找到该表", "原文中该表为图片，未能读取", "原文表格不完整（被截断）")
RECORDS_REASON = "本机关的记录中没有该表的数值，请在下方录入或导入"


def _about_records(finding: Finding) -> Finding:
    """A MISSING finding worded for a report compiled from the records ("…缺失：本机关的记录中没有…")."""
    if finding.code != "MISSING":
        return finding
    message = finding.message.replace("（表格被截断）", "")
    for reason in _ORIGINAL_REASONS:
        message = message.replace(reason, RECORDS_REASON)
    return replace(finding, message=message)


def _text_vs_facts(report: Report, facts: Facts) -> list[Finding]:
    """Numbers the narrative states that no table holds: items, change, fees, 建议/提案."""
    n = report.narrative
    pairs = (
        ("主动公开政府信息", n.items_disclosed, facts.items_total, "条"),
        ("申请数量同比变化", n.requests_change, facts.requests_change, "件"),
        (
            "收取信息处理费",
            None if n.fees_charged_yuan is None else int(n.fees_charged_yuan),
            facts.fees_charged_yuan,
            "元",
        ),
        ("承办人大代表建议", n.npc_suggestions, facts.npc_suggestions, "件"),
        ("承办政协提案", n.cppcc_proposals, facts.cppcc_proposals, "件"),
    )
    found = []
    for what, stated, counted, unit in pairs:
        if stated is not None and counted is not None and stated != counted:
            found.append(
                Finding(
                    "TEXT_VS_TABLE",
                    f"正文称{what} {stated} {unit}，但系统记录为 {counted} {unit}。",
                    (),
                    {"text": stated, "records": counted, "what": what},
                )
            )
    return found

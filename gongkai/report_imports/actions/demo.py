"""Demo data for `gongkai start --demo`: a district, two 街道 with a clerk each, one report each.

The reports are built here as consistent ``Report`` values, rendered with the core's renderers
(Markdown for one 街道, Word for the other) and imported like a user's upload, so the demo shows
the whole path upload → parse → check → store. Loading twice changes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_format import ALL_CELLS, Cell, Narrative, Report
from gongkai.report_format.layout import TABLE3_APPLICANT_COLUMNS, TABLE3_OUTCOME_ROWS, TABLE3_ROWS
from gongkai.report_format.render import RENDERERS
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.models import ImportedReport
from gongkai.requests.actions.demo import load_demo_requests

DISTRICT = "某某区人民政府"
DEMO_YEAR = 2024


@dataclass(frozen=True)
class DemoStreet:
    name: str
    short_name: str
    username: str
    export_format: str
    # Table 3: applications from natural persons and from commercial enterprises, and what became of them.
    natural_person: dict[str, int]
    commercial: dict[str, int]
    items_disclosed: int


STREETS: tuple[DemoStreet, ...] = (
    DemoStreet(
        "某某区人民政府东城街道办事处",
        "东城街道",
        "dongcheng",
        "md",
        natural_person={"new": 3, "granted": 2, "unable_not_held": 1},
        commercial={"new": 1, "partial": 1},
        items_disclosed=126,
    ),
    DemoStreet(
        "某某区人民政府西城街道办事处",
        "西城街道",
        "xicheng",
        "docx",
        natural_person={
            "new": 2,
            "carried_over": 1,
            "granted": 1,
            "rejected_duplicate": 1,
            "carried_forward": 1,
        },
        commercial={},
        items_disclosed=88,
    ),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    body: str
    password: str | None  # None when the account already existed (its password is unchanged)


def demo_report(street: DemoStreet, year: int = DEMO_YEAR) -> Report:
    """A complete report whose tables satisfy every consistency rule."""
    report = Report(body=street.name, year=year, published_on=date(year + 1, 1, 20))
    for cell in ALL_CELLS:
        report.set(cell, Decimal("0") if cell.column == "amount" else 0)
    report.set(Cell("table2", "normative_documents", "in_force"), 4)
    report.set(Cell("table2", "punishment", "decisions"), 12)
    for column, counts in (("natural_person", street.natural_person), ("commercial", street.commercial)):
        for row, n in counts.items():
            report.set(Cell("table3", row, column), n)
    for field in TABLE3_APPLICANT_COLUMNS:
        outcomes = sum(report.get(Cell("table3", r.key, field.key)) or 0 for r in TABLE3_OUTCOME_ROWS)
        report.set(Cell("table3", "total", field.key), outcomes)
    for table_row in TABLE3_ROWS:
        applicants = sum(
            report.get(Cell("table3", table_row.key, c.key)) or 0 for c in TABLE3_APPLICANT_COLUMNS
        )
        report.set(Cell("table3", table_row.key, "total"), applicants)
    received = report.get(Cell("table3", "new", "total"))
    report.narrative = Narrative(
        sections={
            "preamble": (
                f"本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为{year}年1月1日至{year}年12月31日。"
            ),
            "overview": (
                f"{year}年，{street.short_name}坚持以公开为常态、不公开为例外，"
                f"通过政府网站主动公开政府信息{street.items_disclosed}条。\n"
                f"全年收到政府信息公开申请{received}件，均在法定期限内答复。\n"
                "未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。"
            ),
            "problems": "基层政务公开标准化、规范化水平仍需提升。下一步将加强业务培训，完善公开目录。",
            "other_matters": "本年度未收取信息处理费。",
        }
    )
    return report


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    """Create what is missing of the demo world; return the clerk accounts (new passwords only)."""
    district = Body.objects.filter(name=DISTRICT, parent=None).first() or body_actions.create_body(
        actor=None, name=DISTRICT, short_name="某某区", level=Body.Level.COUNTY
    )
    accounts = []
    user_model = get_user_model()
    for street in STREETS:
        body = Body.objects.filter(name=street.name, parent=district).first() or body_actions.create_body(
            actor=None,
            name=street.name,
            short_name=street.short_name,
            level=Body.Level.SUBDISTRICT,
            parent=district,
        )
        clerk = user_model.objects.filter(username=street.username).first()
        password = None
        if clerk is None:
            password = secrets.token_urlsafe(9)
            clerk = body_actions.create_staff_user(
                actor=None,
                body=body,
                username=street.username,
                password=password,
                role=StaffMembership.Role.CLERK,
            )
        accounts.append(DemoAccount(street.username, body.name, password))
        if not ImportedReport.objects.filter(body=body, year=DEMO_YEAR).exists():
            report = demo_report(street)
            data = RENDERERS[street.export_format](report)
            filename = f"{street.short_name}{DEMO_YEAR}年政府信息公开工作年度报告.{street.export_format}"
            import_report(actor=clerk, body=body, data=data, filename=filename)
        load_demo_requests(body, clerk)
    return accounts

"""Demo data for `gongkai start --demo`: a district with its 监督人员, two 街道 each with a 经办人, a
审核人 and a 分管领导, one imported report each, request cases in several states, items in review.

The reports are built here as consistent ``Report`` values, rendered with the core's renderers
(Markdown for one 街道, Word for the other) and imported like a user's upload, so the demo shows
the whole path upload → parse → check → store. The parts that belong to apps above this one (a
yearbook draft in approval, a send-back) are added by the functions registered with
``on_demo_loaded`` (gongkai.home registers them). Loading twice changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.actions.items import Draft, create_item
from gongkai.disclosure.actions.review import approve_step, submit_for_review
from gongkai.disclosure.actions.setup import start_with_defaults
from gongkai.disclosure.models import CatalogueNode, Item
from gongkai.report_format import ALL_CELLS, Cell, Narrative, Report
from gongkai.report_format.layout import TABLE3_APPLICANT_COLUMNS, TABLE3_OUTCOME_ROWS, TABLE3_ROWS
from gongkai.report_format.render import RENDERERS
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.models import ImportedReport
from gongkai.requests.actions.demo import load_demo_requests
from gongkai.requests.documents.letters import generate_letter
from gongkai.requests.models import Letter, Request

DISTRICT = "某某区人民政府"
DEMO_YEAR = 2024
SUPERVISOR = "quji_jiandu"  # the district's 监督人员
Role = StaffMembership.Role


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
    role: str = ""  # the role's label (经办人, 审核人, ...)


@dataclass
class DemoStreetStaff:
    """A demo 街道 as loaded: the body and its three staff."""

    street: DemoStreet
    body: Body
    clerk: AuthUser
    reviewer: AuthUser
    leader: AuthUser


@dataclass
class DemoWorld:
    """What ``load_demo`` made, for the parts the apps above add (``on_demo_loaded``)."""

    district: Body
    supervisor: AuthUser
    streets: list[DemoStreetStaff]


DemoPart = Callable[[DemoWorld], None]
_parts: list[DemoPart] = []


def on_demo_loaded(fn: DemoPart) -> DemoPart:
    """Register a part of the demo an app above this one adds (once; called in order, in the same
    transaction, after the bodies, accounts, reports, cases and items exist). Loading twice must
    change nothing: a part checks what it made before."""
    if fn not in _parts:
        _parts.append(fn)
    return fn


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


def _account(body: Body, username: str, role: StaffMembership.Role, accounts: list[DemoAccount]) -> AuthUser:
    """The demo account, created with a new random password when missing (listed in ``accounts``)."""
    user = get_user_model().objects.filter(username=username).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(9)
        user = body_actions.create_staff_user(
            actor=None, body=body, username=username, password=password, role=role
        )
    accounts.append(DemoAccount(username, body.name, password, str(Role(role).label)))
    return user


def _demo_items(staff: DemoStreetStaff) -> None:
    """Two items in review: one at 核对 for the 审核人, one passed on to 终审 for the 分管领导."""
    body = staff.body
    if Item.objects.filter(body=body).exists():
        return
    node = CatalogueNode.objects.filter(body=body, name="公示公告").first()
    if node is None:
        return
    today = timezone.localdate()
    for title, at_leader in (
        (f"{staff.street.short_name}冬季道路维修施工公告", False),
        (f"{staff.street.short_name}{today.year}年第四季度低保对象公示", True),
    ):
        draft = Draft(node=node, title=title, formed_on=today, body_html=f"<p>{title}，特此公告。</p>")
        item = submit_for_review(create_item(actor=staff.clerk, body=body, draft=draft), actor=staff.clerk)
        while at_leader and item.current_step is not None and item.current_step.role == Role.REVIEWER:
            item = approve_step(item, actor=staff.reviewer)


def _demo_letter(body: Body, clerk: AuthUser) -> None:
    """The 答复书 of the answered case, made and waiting to be delivered (记录送达)."""
    if Letter.objects.filter(request__body=body).exists():
        return
    answered = Request.objects.filter(body=body, status="replied").order_by("pk").first()
    if answered is not None:
        generate_letter(answered, actor=clerk, kind="reply")


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    """Create what is missing of the demo world; return its accounts (new passwords only)."""
    district = Body.objects.filter(name=DISTRICT, parent=None).first() or body_actions.create_body(
        actor=None, name=DISTRICT, short_name="某某区", level=Body.Level.COUNTY
    )
    accounts: list[DemoAccount] = []
    supervisor = _account(district, SUPERVISOR, Role.SUPERVISOR, accounts)
    streets = []
    for street in STREETS:
        body = Body.objects.filter(name=street.name, parent=district).first() or body_actions.create_body(
            actor=None,
            name=street.name,
            short_name=street.short_name,
            level=Body.Level.SUBDISTRICT,
            parent=district,
        )
        start_with_defaults(None, body)  # a body made before new bodies got them
        staff = DemoStreetStaff(
            street,
            body,
            _account(body, street.username, Role.CLERK, accounts),
            _account(body, f"{street.username}_shenhe", Role.REVIEWER, accounts),
            _account(body, f"{street.username}_lingdao", Role.LEADER, accounts),
        )
        streets.append(staff)
        if not ImportedReport.objects.filter(body=body, year=DEMO_YEAR).exists():
            report = demo_report(street)
            data = RENDERERS[street.export_format](report)
            filename = f"{street.short_name}{DEMO_YEAR}年政府信息公开工作年度报告.{street.export_format}"
            import_report(actor=staff.clerk, body=body, data=data, filename=filename)
        load_demo_requests(body, staff.clerk)
        _demo_letter(body, staff.clerk)
        _demo_items(staff)
    world = DemoWorld(district, supervisor, streets)
    for part in tuple(_parts):
        part(world)
    return accounts

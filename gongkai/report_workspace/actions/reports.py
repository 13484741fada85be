"""Every change to a compiled report: atomic, permission-checked, versioned and logged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.portal.queries import cache as portal_cache
from gongkai.report_format import ReportReadError
from gongkai.report_format.layout import ALL_CELLS, AMOUNT_CELLS, NARRATIVE_SECTIONS, NARRATIVE_TITLES, Cell
from gongkai.report_format.model import Number, Report
from gongkai.report_imports.actions.imports import IdentityMismatch, identity_warnings
from gongkai.report_imports.actions.reading import read_upload
from gongkai.report_workspace.access import WORK_ROLES
from gongkai.report_workspace.actions.chain_notices import tell_chain
from gongkai.report_workspace.actions.lock import User, is_leader
from gongkai.report_workspace.models import (
    AnnualReport,
    Publication,
    ReportEvent,
    ReportVersion,
    SourceKind,
    Status,
    WorkEntry,
)
from gongkai.report_workspace.queries.checking import check_compiled, due_date, previous_report
from gongkai.report_workspace.queries.compile import compile_facts, compile_values
from gongkai.report_workspace.rules.drafting import draft_sections
from gongkai.report_workspace.rules.facts import Facts, table_facts
from gongkai.report_workspace.rules.publishing import APPROVAL_LABELS, Approval, publication_refusal
from gongkai.web.limits import NOTE_MAX, REASON_MAX, SECTION_MAX, length_refusal

Role = StaffMembership.Role

__all__ = ["ReportReadError", "YearbookError"]


class YearbookError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _typed(label: str, text: str, max_length: int = REASON_MAX) -> str:
    """A text typed on the workspace page, stripped; YearbookError when it is over its limit."""
    text = text.strip()
    refusal = length_refusal(label, text, max_length)
    if refusal:
        raise YearbookError(refusal)
    return text


def _role(user: User, body: Body) -> str | None:
    from gongkai.disclosure.access import role_in

    return role_in(user, body)


def can_work_on(user: User, body: Body) -> bool:
    return _role(user, body) in WORK_ROLES


def _require(actor: AuthUser, body: Body) -> None:
    if not can_work_on(actor, body):
        raise PermissionDenied("只有本机关的经办人、审核人、分管领导或管理员可以编制年度报告")


def _require_draft(annual: AnnualReport) -> None:
    if annual.status == Status.PUBLISHED:
        raise YearbookError(
            f"{annual.year}年度报告已发布并锁定，不能再修改；确需更正的，由分管领导撤回后修改"
        )


def _stamp(kind: str, actor: AuthUser | None, note: str = "") -> dict[str, Any]:
    return {
        "kind": kind,
        "by": actor.get_username() if actor is not None and actor.is_authenticated else "系统",
        "at": timezone.now().isoformat(timespec="seconds"),
        **({"note": note} if note else {}),
    }


# ------------------------------------------------------------------ compile


@transaction.atomic
def compile_report(*, actor: AuthUser, body: Body, year: int) -> AnnualReport:
    """Build (or rebuild) the draft report of ``body`` for ``year`` from the records.

    Cells staff entered or imported are kept; sections the clerk edited are kept too (the checker
    then says where their numbers disagree with the new tables)."""
    _require(actor, body)
    if year < 2008 or year > timezone.localdate().year:
        raise YearbookError(f"报告年度 {year} 无效")
    annual = AnnualReport.objects.select_for_update().filter(body=body, year=year).first()
    if annual is not None:
        _require_draft(annual)
    previous = previous_report(body, year)
    values = compile_values(body, year)
    stamp = _stamp(SourceKind.COMPUTED, actor)
    sources: dict[str, Any] = {c.path: stamp for c in ALL_CELLS}
    report = Report(body=body.name, year=year, values=dict(values), source={"compiled_from": "records"})
    edited: dict[str, str] = {}
    if annual is not None:
        old = annual.report()
        for path, src in annual.sources.items():
            if src.get("kind") != SourceKind.COMPUTED:
                cell = next(c for c in ALL_CELLS if c.path == path)
                report.values[cell] = old.values.get(cell)
                sources[path] = src
        if old.source.get("sections_edited"):
            edited = old.narrative.sections
            report.source["sections_edited"] = True
    facts = compile_facts(body, year, report.values, previous)
    prev_sections = previous.narrative.sections if previous is not None else None
    report.narrative.sections = edited or draft_sections(
        facts, body.name, prev_sections, previous.year if previous is not None else None
    )
    if annual is None:
        annual = AnnualReport(body=body, year=year, created_by=actor, data={})
    annual.sources = sources
    annual.facts = facts.to_json()
    return _save(annual, report, actor, "compiled", "从系统记录统计生成", previous=previous)


# ------------------------------------------------------------------ edit


@transaction.atomic
def edit_sections(*, actor: AuthUser, annual: AnnualReport, sections: dict[str, str]) -> AnnualReport:
    """The clerk's text of the narrative sections (preamble, 一, 五, 六)."""
    annual = _lock(annual, actor)
    unknown = set(sections) - set(NARRATIVE_SECTIONS)
    if unknown:
        raise YearbookError(f"未知的正文部分：{'、'.join(sorted(unknown))}")
    cleaned = {
        key: "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
        for key, text in sections.items()
    }
    refusal = next(
        (
            r
            for key, text in cleaned.items()
            if (r := length_refusal(NARRATIVE_TITLES[key], text, SECTION_MAX))
        ),
        None,
    )
    if refusal:
        raise YearbookError(refusal)  # before anything is changed: no section of the form is kept
    report = annual.report()
    report.narrative.sections.update(cleaned)
    report.source["sections_edited"] = True
    return _save(annual, report, actor, "edited", "修改正文", data={"sections": sorted(sections)})


def parse_value(cell: Cell, raw: str) -> Number | None:
    """A typed number for a cell: "" is absent; counts are whole numbers ≥ 0; the fee is 万元."""
    text = raw.strip().replace(",", "").replace("，", "")
    if text in ("", "/", "—", "-", "无"):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise YearbookError(f"{cell.label}：“{raw}”不是数字") from None
    if value < 0:
        raise YearbookError(f"{cell.label}不能为负数")
    if cell in AMOUNT_CELLS:
        return value
    if value != value.to_integral_value():
        raise YearbookError(f"{cell.label}应为整数")
    return int(value)


@transaction.atomic
def enter_cells(
    *, actor: AuthUser, annual: AnnualReport, values: dict[Cell, Number | None], note: str = ""
) -> AnnualReport:
    """Numbers typed by staff for cells the records do not cover; each cell remembers who and when."""
    annual = _lock(annual, actor)
    if not values:
        raise YearbookError("没有要录入的数值")
    report = annual.report()
    note = _typed("说明", note, NOTE_MAX)
    stamp = _stamp(SourceKind.ENTERED, actor, note)
    for cell, value in values.items():
        report.values[cell] = value
        annual.sources[cell.path] = stamp
    data = {"cells": {c.path: None if v is None else str(v) for c, v in values.items()}}
    return _save(annual, report, actor, "cells_entered", note or "手工录入数值", data=data)


def import_cells(
    *,
    actor: AuthUser,
    annual: AnnualReport,
    data: bytes,
    filename: str,
    source: Report | None = None,
    confirmed: bool = False,
) -> AnnualReport:
    """Take every number the uploaded report holds; cells it lacks stay as they were.

    The file is read first, in a limited worker process (``reading.read_upload``: time, memory,
    pages), and only then is the report locked and written, in one short transaction: a slow or
    hostile file never holds a write lock. ``source`` is the report already read from ``data``.

    A report whose title names another body or year raises ``IdentityMismatch`` unless
    ``confirmed``; then each cell's note and the version's message keep the warning."""
    _require(actor, annual.body)
    _require_draft(annual)
    if source is None:
        source = read_upload(data, filename)
    warnings = identity_warnings(annual.body, source, annual.year)
    if warnings and not confirmed:
        raise IdentityMismatch(warnings, source)
    return _take_cells(actor=actor, annual=annual, source=source, filename=filename, warnings=warnings)


@transaction.atomic
def _take_cells(
    *, actor: AuthUser, annual: AnnualReport, source: Report, filename: str, warnings: list[str]
) -> AnnualReport:
    annual = _lock(annual, actor)
    found = {c: v for c, v in source.values.items() if v is not None}
    if not found:
        raise YearbookError(f"{filename or '上传的文件'}中没有读到表格数值")
    report = annual.report()
    confirmed = f"（{'；'.join(warnings)}；经确认导入）" if warnings else ""
    stamp = _stamp(SourceKind.IMPORTED, actor, filename + confirmed)
    for cell, value in found.items():
        report.values[cell] = value
        annual.sources[cell.path] = stamp
    message = f"从“{filename}”导入 {len(found)} 个数值{confirmed}"
    return _save(
        annual,
        report,
        actor,
        "cells_imported",
        message,
        data={"identity_warnings": warnings} if warnings else None,
    )


@transaction.atomic
def take_area_summary(
    *, actor: AuthUser, body: Body, year: int, summed: dict[Cell, Number | None], bodies: int
) -> AnnualReport:
    """The body's report becomes its area's: every cell is the body's own records (compiled afresh)
    plus ``summed``, the 汇总 of the reports of the ``bodies`` below it. Run again to refresh it."""
    _require(actor, body)
    annual = AnnualReport.objects.filter(body=body, year=year).first()
    if annual is None:
        annual = compile_report(actor=actor, body=body, year=year)
    annual = _lock(annual, actor)
    own = compile_values(body, year)
    report = annual.report()
    stamp = _stamp(SourceKind.AREA, actor, f"本机关记录与 {bodies} 个下级机关报告的汇总")
    for cell in ALL_CELLS:
        mine, theirs = own.get(cell), summed.get(cell)
        report.values[cell] = None if mine is None and theirs is None else (mine or 0) + (theirs or 0)
        annual.sources[cell.path] = stamp
    annual.area_summary = True
    return _save(
        annual,
        report,
        actor,
        "area_summed",
        f"按本机关记录与 {bodies} 个下级机关的报告汇总",
        data={"bodies": bodies},
    )


REDRAFTED = ("overview", "problems", "other_matters")  # sections 一, 五 and 六


@transaction.atomic
def redraft_sections(*, actor: AuthUser, annual: AnnualReport, confirmed: bool) -> AnnualReport:
    """Write sections 一, 五 and 六 again from the current facts (the records and the tables as they
    stand), over the clerk's text; the text before stays in the previous version."""
    if not confirmed:
        raise YearbookError("重新起草会覆盖第一、五、六部分已修改的文字，请勾选确认后再操作")
    annual = _lock(annual, actor)
    body = annual.body
    report = annual.report()
    previous = previous_report(body, annual.year)
    facts = compile_facts(body, annual.year, report.values, previous)
    drafted = draft_sections(
        facts,
        body.name,
        previous.narrative.sections if previous is not None else None,
        previous.year if previous is not None else None,
    )
    changed = [key for key in REDRAFTED if report.narrative.sections.get(key, "") != drafted[key]]
    for key in REDRAFTED:
        report.narrative.sections[key] = drafted[key]
    annual.facts = facts.to_json()
    return _save(
        annual,
        report,
        actor,
        "redrafted",
        "按当前统计事实重新起草第一、五、六部分",
        data={"sections": changed, "replaced_version": annual.version},
        previous=previous,
    )


# ------------------------------------------------------------------ publish


# The events of the approval chain: they do not bring the draft back to 编制中.
CHAIN_KINDS = frozenset({"submitted", "reviewed", "sent_back"})


def _chain_event(annual: AnnualReport, actor: AuthUser, kind: str, note: str, before: str) -> None:
    ReportEvent.objects.create(
        report=annual,
        kind=kind,
        actor=actor,
        note=note,
        data={
            "from": APPROVAL_LABELS[before],
            "to": APPROVAL_LABELS[annual.approval],
            "by": actor.get_username(),
            "version": annual.version,
        },
    )


def _set_approval(
    annual: AnnualReport, actor: AuthUser, approval: Approval, kind: str, note: str
) -> AnnualReport:
    before = annual.approval
    annual.approval = approval.value
    annual.updated_by = actor
    annual.save(update_fields=["approval", "updated_by", "updated_at"])
    _chain_event(annual, actor, kind, note, before)
    tell_chain(annual, actor, annual.approval, note)
    return annual


def _require_year_ended(annual: AnnualReport, on: date | None = None) -> None:
    refusal = publication_refusal(annual.year, timezone.localdate(), on)
    if refusal:
        raise YearbookError(refusal)


@transaction.atomic
def submit_report(*, actor: AuthUser, annual: AnnualReport, comment: str = "") -> AnnualReport:
    """经办: the draft goes to the body's 审核人. Only once the year has ended."""
    comment = _typed("意见", comment)
    annual = _lock(annual, actor)
    _require_year_ended(annual)
    if annual.approval != Approval.DRAFTING:
        raise YearbookError(f"报告已提交，当前环节：{APPROVAL_LABELS[annual.approval]}，无需重复提交")
    return _set_approval(annual, actor, Approval.SUBMITTED, "submitted", comment.strip() or "提交审核")


@transaction.atomic
def review_report(*, actor: AuthUser, annual: AnnualReport, comment: str = "") -> AnnualReport:
    """审核: the body's 审核人 passes the submitted draft on to the 分管领导."""
    comment = _typed("意见", comment)
    annual = _lock(annual, actor)
    if _role(actor, annual.body) != Role.REVIEWER:
        raise PermissionDenied("只有本机关的审核人可以审核年度报告")
    if annual.approval != Approval.SUBMITTED:
        raise YearbookError(
            f"报告不在待审核环节（当前：{APPROVAL_LABELS[annual.approval]}），请经办人先提交审核"
        )
    submitted = annual.events.filter(kind="submitted").order_by("-at", "-pk").first()
    if submitted is not None and submitted.actor_id == actor.pk:
        raise PermissionDenied("提交审核的人不能审核自己提交的报告，请由本机关其他审核人审核")
    return _set_approval(annual, actor, Approval.REVIEWED, "reviewed", comment.strip() or "审核通过")


@transaction.atomic
def send_back_report(*, actor: AuthUser, annual: AnnualReport, reason: str) -> AnnualReport:
    """退回: the 审核人 (a submitted draft) or the 分管领导 (submitted or reviewed) sends it back with a reason."""
    reason = _typed("退回理由", reason)
    annual = _lock(annual, actor)
    role = _role(actor, annual.body)
    if annual.approval == Approval.DRAFTING:
        raise YearbookError("报告尚未提交审核，无需退回")
    allowed = {Role.LEADER} | ({Role.REVIEWER} if annual.approval == Approval.SUBMITTED else set())
    if role not in allowed:
        raise PermissionDenied(
            "只有审核人（待审核时）或分管领导可以退回年度报告"
            if annual.approval == Approval.SUBMITTED
            else "报告已审核，只有分管领导可以退回"
        )
    if not reason.strip():
        raise YearbookError("请填写退回理由")
    return _set_approval(annual, actor, Approval.DRAFTING, "sent_back", reason.strip())


@transaction.atomic
def publish_report(
    *,
    actor: AuthUser,
    annual: AnnualReport,
    on: date | None = None,
    override_reason: str = "",
    comment: str = "",
) -> AnnualReport:
    """签发并发布: the 分管领导 signs the reviewed draft; the year is then locked.

    Refused before the year has ended (Asia/Shanghai), by anyone but the body's 分管领导, for a draft
    the 审核人 has not reviewed, and while an error-level finding stands unless the leader gives a reason.
    """
    override_reason, comment = _typed("仍需发布的理由", override_reason), _typed("意见", comment)
    annual = _lock(annual, actor)
    on = on or timezone.localdate()
    _require_year_ended(annual, on)
    if not is_leader(actor, annual.body):
        raise PermissionDenied(
            "只有本机关的分管领导可以签发并发布年度报告；经办人提交审核、审核人审核后，由分管领导签发。"
        )
    if annual.approval != Approval.REVIEWED:
        raise YearbookError(
            f"报告尚未经审核人审核（当前：{APPROVAL_LABELS[annual.approval]}），不能签发；"
            "请由经办人提交审核、审核人审核后再签发。"
        )
    report = annual.report()
    report.published_on = on
    errors = [f for f in report.findings if f.level == "error"]
    reason = override_reason.strip()
    if errors and not reason:
        raise YearbookError(f"报告尚有{len(errors)}项错误，不能发布；确需发布的，由分管领导填写理由后发布。")
    annual.status = Status.PUBLISHED
    annual.published_on = on
    annual.published_at = timezone.now()
    annual.override_reason = reason if errors else ""
    annual.edition += 1
    annual.changed_after_publication = False
    annual.approval = Approval.DRAFTING.value
    data: dict[str, Any] = {
        "published_on": on.isoformat(),
        "errors": len(errors),
        "edition": annual.edition,
        "signed_by": actor.get_username(),
    }
    if comment.strip():
        data["comment"] = comment.strip()
    if errors:
        data["override"] = {"reason": reason, "codes": sorted({f.code for f in errors})}
    note = "发布更正版" if annual.edition > 1 else "发布"
    saved = _save(annual, report, actor, "published", note, data=data)
    Publication.objects.create(
        report=saved,
        edition=saved.edition,
        version=saved.version,
        published_on=on,
        published_at=saved.published_at,  # type: ignore[misc]  # set by _save on publication
        published_by=actor if actor.is_authenticated else None,
    )
    body_id = annual.body_id
    transaction.on_commit(lambda: portal_cache.bump(body_id))  # the portal lists it from now on
    return saved


@transaction.atomic
def withdraw_report(*, actor: AuthUser, annual: AnnualReport, reason: str) -> AnnualReport:
    """撤回 a published report (分管领导, with a reason): the portal stops listing it, the year's lock
    lifts, and a corrected report can be compiled and published as the next edition (更正版). The
    withdrawn publication stays on record, with its version."""
    reason = _typed("撤回理由", reason)
    annual = AnnualReport.objects.select_for_update().select_related("body").get(pk=annual.pk)
    _require(actor, annual.body)
    if annual.status != Status.PUBLISHED:
        raise YearbookError(f"{annual.year}年度报告尚未发布，无需撤回")
    if not is_leader(actor, annual.body):
        raise PermissionDenied("只有分管领导可以撤回已发布的年度报告")
    reason = reason.strip()
    if not reason:
        raise YearbookError("请填写撤回理由")
    now = timezone.now()
    Publication.objects.filter(report=annual, edition=annual.edition).update(
        withdrawn_at=now, withdrawn_by=actor, withdraw_reason=reason
    )
    annual.status = Status.WITHDRAWN
    annual.updated_by = actor
    annual.save(update_fields=["status", "updated_by", "updated_at"])
    ReportEvent.objects.create(
        report=annual,
        kind="withdrawn",
        actor=actor,
        note=reason,
        data={"edition": annual.edition, "version": annual.version},
    )
    body_id = annual.body_id
    transaction.on_commit(lambda: portal_cache.bump(body_id))
    return annual


@transaction.atomic
def record_work_entry(
    *, actor: AuthUser, body: Body, kind: str, on: date, title: str, participants: int = 0
) -> WorkEntry:
    """A training held, or a 人大代表建议 / 政协提案 handled."""
    _require(actor, body)
    if kind not in WorkEntry.Kind.values:
        raise YearbookError(f"未知的类别：{kind}")
    title = _typed("名称", title, WorkEntry._meta.get_field("title").max_length or 0)  # 300: its column
    if not title:
        raise YearbookError("请填写名称")
    if participants < 0:
        raise YearbookError("参训人次不能为负数")
    from gongkai.report_workspace.actions.lock import guard_change

    guard_change(actor=actor, body=body, on=on)
    return WorkEntry.objects.create(
        body=body, kind=kind, on=on, title=title, participants=participants, created_by=actor
    )


# ------------------------------------------------------------------ common


def _lock(annual: AnnualReport, actor: AuthUser) -> AnnualReport:
    annual = AnnualReport.objects.select_for_update().select_related("body").get(pk=annual.pk)
    _require(actor, annual.body)
    _require_draft(annual)
    return annual


def _save(
    annual: AnnualReport,
    report: Report,
    actor: AuthUser,
    kind: str,
    note: str,
    *,
    data: dict[str, Any] | None = None,
    previous: Report | None = None,
) -> AnnualReport:
    """Re-check, store, keep a version and log the event."""
    body = annual.body
    if previous is None:
        previous = previous_report(body, annual.year)
    facts = Facts.from_json(annual.facts)
    table_facts(facts, report.values, previous)
    report.findings = check_compiled(report, facts, previous, due_date(body, annual.year))
    levels = [f.level for f in report.findings]
    annual.facts = facts.to_json()
    annual.data = report.to_json()
    annual.error_count, annual.warning_count = levels.count("error"), levels.count("warning")
    annual.version += 1
    annual.updated_by = actor
    if kind != "published" and annual.approval != Approval.DRAFTING:
        # an edit after submission: the chain starts again on the new text
        ReportEvent.objects.create(
            report=annual,
            kind="approval_reset",
            actor=actor,
            note="报告在审批中被修改，退回编制中，需重新提交审核",
            data={"from": APPROVAL_LABELS[annual.approval]},
        )
        annual.approval = Approval.DRAFTING.value
    annual.save()
    ReportVersion.objects.create(
        report=annual,
        number=annual.version,
        data=annual.data,
        sources=annual.sources,
        note=note,
        saved_by=actor,
    )
    ReportEvent.objects.create(report=annual, kind=kind, actor=actor, note=note, data=data or {})
    return annual

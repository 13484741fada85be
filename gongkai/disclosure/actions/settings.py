"""A body's disclosure settings, kept by its 管理员 or 分管领导: the review chain, the 索引号 rule and
the sensitive-word list. Every change is recorded with who, when, before and after (RegisterEvent,
the body's log)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.access import role_in
from gongkai.disclosure.actions.chain import review_chain
from gongkai.disclosure.actions.common import User, actor_label, require
from gongkai.disclosure.actions.errors import DisclosureError
from gongkai.disclosure.models import (
    IndexCounter,
    IndexRule,
    Item,
    ItemChange,
    RegisterEvent,
    ReviewStep,
    SensitiveWord,
    StepName,
)
from gongkai.disclosure.rules.indexing import IndexRuleError, check_pattern, format_index
from gongkai.disclosure.rules.states import Status

Role = StaffMembership.Role
SETTINGS_ROLES = frozenset({Role.ADMIN, Role.LEADER})
REVIEW_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.LEADER, Role.ADMIN})
MAX_WORDS = 2000
MAX_WORD_LENGTH = 100


@dataclass(frozen=True)
class Step:
    """One review step after 撰稿 (which is always step 1, done by the drafter's 提交)."""

    name: str
    role: str
    is_secrecy_review: bool = False


def can_configure(user: User, body: Body) -> bool:
    return role_in(user, body) in SETTINGS_ROLES


@transaction.atomic
def set_review_chain(*, actor: User | None, body: Body, steps: Sequence[Step]) -> list[ReviewStep]:
    """Replace the review steps after 撰稿 with ``steps`` (in order)."""
    _require(actor, body)
    current = list(ReviewStep.objects.filter(body=body).order_by("position")) or review_chain(body)
    steps = [Step(s.name, s.role, s.is_secrecy_review or s.name == StepName.SECRECY) for s in steps]
    check_chain(steps)
    check_roles_held(body, steps)
    busy = Item.objects.filter(body=body, status__in=(Status.IN_REVIEW, Status.APPROVED)).count()
    busy += ItemChange.objects.filter(item__body=body, status=Status.IN_REVIEW).count()
    if busy:
        raise DisclosureError(
            f"该机关有{busy}条信息或变更正在审核或待发布，调整审核流程会打乱其进度；请待其办结或退回撰稿后再调整"
        )
    before = [_describe(s) for s in current]
    ReviewStep.objects.filter(body=body, position__gt=1).delete()
    first = current[0]
    if (first.name, first.role) != (StepName.DRAFTING, Role.CLERK):
        first.name, first.role, first.is_secrecy_review = StepName.DRAFTING, Role.CLERK, False
        first.save()
    ReviewStep.objects.bulk_create(
        ReviewStep(body=body, position=i, name=s.name, role=s.role, is_secrecy_review=s.is_secrecy_review)
        for i, s in enumerate(steps, start=2)
    )
    chain = list(ReviewStep.objects.filter(body=body).order_by("position"))
    _event(body, actor, "review_chain_changed", before, [_describe(s) for s in chain])
    return chain


def check_chain(steps: Sequence[Step]) -> None:
    """The rules of a chain, each refusal saying which step and what to do."""
    if not steps:
        raise DisclosureError("审核流程在撰稿之后至少需要一个审核环节")
    seen: dict[str, int] = {}
    for n, s in enumerate(steps, start=2):
        if s.name not in StepName.values:
            raise DisclosureError(f"第{n}个环节：请选择环节名称")
        if s.name in seen:
            raise DisclosureError(
                f"第{n}个环节“{StepName(s.name).label}”与第{seen[s.name]}个环节重复，请删去一个或改选其他环节"
            )
        seen[s.name] = n
        if s.name == StepName.DRAFTING:
            raise DisclosureError(f"第{n}个环节：“撰稿”只能是第一个环节（由撰稿人提交即完成）")
        if s.role not in REVIEW_ROLES:
            label = Role(s.role).label if s.role in Role.values else s.role or "空"
            raise DisclosureError(
                f"第{n}个环节：“{label}”不能办理审核环节，请选择经办人、审核人、分管领导或管理员"
            )
    if not any(s.is_secrecy_review for s in steps):
        raise DisclosureError(
            "审核流程必须包含保密审查：增加一个“保密审查”环节，或在某个环节勾选“同时进行保密审查”"
        )
    last = steps[-1]
    if last.role != Role.LEADER:
        raise DisclosureError(
            f"最后一个环节（第{len(steps) + 1}个，“{StepName(last.name).label}”）须由分管领导办理，"
            f"现在是“{Role(last.role).label}”"
        )


def check_roles_held(body: Body, steps: Sequence[Step]) -> None:
    """Every step's role is held by someone of the body (a 管理员 may also be one above it): a step
    nobody can take would leave every item stuck there."""
    held = set(StaffMembership.objects.filter(body=body, user__is_active=True).values_list("role", flat=True))
    for n, s in enumerate(steps, start=2):
        if s.role == Role.ADMIN and (held & {Role.ADMIN} or _administered_from_above(body)):
            continue
        if s.role not in held:
            label = Role(s.role).label
            raise DisclosureError(
                f"第{n}个环节：本机关还没有{label}，该环节将无人办理；请先在机关管理中为本机关增加{label}，"
                "或改由其他角色办理"
            )


def _administered_from_above(body: Body) -> bool:
    parent = body.parent
    while parent is not None:
        if StaffMembership.objects.filter(body=parent, role=Role.ADMIN).exists():
            return True
        parent = parent.parent
    return False


@transaction.atomic
def set_index_rule(*, actor: User | None, body: Body, pattern: str, code: str = "") -> IndexRule:
    _require(actor, body)
    pattern, code = pattern.strip(), code.strip()
    _check_rule(pattern, code)
    rule, _ = IndexRule.objects.select_for_update().get_or_create(body=body)
    before = {"pattern": rule.pattern, "code": rule.code}
    rule.pattern, rule.code = pattern, code
    rule.save()
    after = {"pattern": rule.pattern, "code": rule.code}
    if after != before:
        _event(body, actor, "index_rule_changed", before, after)
    return rule


def preview_index(body: Body, pattern: str, code: str = "", year: int | None = None) -> str:
    """The 索引号 the body's next published item would get under this rule (nothing is used up)."""
    pattern, code = pattern.strip(), code.strip()
    _check_rule(pattern, code)
    year = year or timezone.localdate().year
    last = IndexCounter.objects.filter(body=body, year=year).values_list("last", flat=True).first() or 0
    return format_index(pattern, code=code or body.code or f"B{body.pk:06d}", year=year, seq=last + 1)


@transaction.atomic
def set_sensitive_words(*, actor: User | None, body: Body, text: str) -> list[str]:
    """Replace the list with the words of ``text``, one a line (blank lines and repeats dropped)."""
    _require(actor, body)
    words: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if not word or word in words:
            continue
        if len(word) > MAX_WORD_LENGTH:
            raise DisclosureError(f"第{n}行的敏感词超过{MAX_WORD_LENGTH}个字，请拆开或缩短")
        words.append(word)
    if len(words) > MAX_WORDS:
        raise DisclosureError(f"敏感词最多{MAX_WORDS}个，现有{len(words)}个，请删减")
    before = sorted(SensitiveWord.objects.filter(body=body).values_list("word", flat=True))
    SensitiveWord.objects.filter(body=body).exclude(word__in=words).delete()
    have = set(SensitiveWord.objects.filter(body=body).values_list("word", flat=True))
    SensitiveWord.objects.bulk_create(SensitiveWord(body=body, word=w) for w in words if w not in have)
    after = sorted(words)
    if after != before:
        _event(
            body,
            actor,
            "sensitive_words_changed",
            before,
            after,
            added=sorted(set(after) - set(before)),
            removed=sorted(set(before) - set(after)),
        )
    return after


def settings_history(body: Body) -> list[RegisterEvent]:
    kinds = ("review_chain_changed", "index_rule_changed", "sensitive_words_changed")
    return list(RegisterEvent.objects.filter(body=body, kind__in=kinds).order_by("-at", "-pk")[:50])


# ------------------------------------------------------------------ helpers


def _require(actor: User | None, body: Body) -> None:
    if actor is not None:
        require(can_configure(actor, body), "只有本机关的管理员或分管领导可以修改公开设置")


def _check_rule(pattern: str, code: str) -> None:
    if len(pattern) > 100:
        raise DisclosureError("索引号格式不能超过100个字符")
    if len(code) > 50:
        raise DisclosureError("索引号机构编码不能超过50个字符")
    try:
        check_pattern(pattern)
    except IndexRuleError as e:
        raise DisclosureError(e.message) from None


def _describe(step: ReviewStep) -> dict[str, Any]:
    return {
        "position": step.position,
        "name": step.name,
        "role": step.role,
        "secrecy": step.is_secrecy_review,
    }


def _event(body: Body, actor: User | None, kind: str, before: Any, after: Any, **extra: Any) -> None:
    RegisterEvent.objects.create(
        body=body,
        kind=kind,
        actor=actor,
        actor_label=actor_label(actor),
        data={"before": before, "after": after, **extra},
    )

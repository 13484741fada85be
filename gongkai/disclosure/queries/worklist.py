"""What waits for a person in 主动公开, for the home page (待办) and the review inbox: items and
change rounds at a review step whose role the person holds in the item's body, scheduled
publications that were refused, and for a 管理员 the bodies without a catalogue."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser
from django.db.models import Q, QuerySet
from django.urls import reverse

from gongkai.bodies.models import StaffMembership
from gongkai.bodies.queries.worklist import administered
from gongkai.disclosure.models import CatalogueNode, Item, ItemChange
from gongkai.disclosure.rules.states import Status
from gongkai.web.worklist import SHOWN, Entry, Line, Section

Role = StaffMembership.Role


def _at_my_steps(user: AuthUser, prefix: str = "") -> Q:
    """Rows at a step whose role the user holds in the body (``prefix``: the path to the item)."""
    q = Q(pk__in=[])
    for body_id, role in StaffMembership.objects.filter(user=user).values_list("body_id", "role"):
        q |= Q(**{f"{prefix}body_id": body_id, "current_step__role": role})
    return q


def items_waiting_for(user: AuthUser) -> QuerySet[Item]:
    """Items in review at one of the user's steps (not their own drafts), longest waiting first."""
    return (
        Item.objects.filter(_at_my_steps(user), status=Status.IN_REVIEW)
        .exclude(created_by=user)
        .select_related("body", "node", "current_step")
        .order_by("updated_at", "pk")
    )


def changes_waiting_for(user: AuthUser) -> QuerySet[ItemChange]:
    """Change rounds (变更) in review at one of the user's steps (not their own)."""
    return (
        ItemChange.objects.filter(_at_my_steps(user, "item__"), status=Status.IN_REVIEW)
        .exclude(created_by=user)
        .select_related("item", "item__body", "current_step")
        .order_by("pk")
    )


def disclosure_section(user: AuthUser) -> Section | None:
    """Reviews waiting for the user, and items sent back to their drafts; None when nothing applies."""
    roles = set(StaffMembership.objects.filter(user=user).values_list("role", flat=True))
    if not roles & {Role.CLERK, Role.REVIEWER, Role.LEADER, Role.ADMIN}:
        return None
    inbox = reverse("disclosure:inbox")
    items, changes = items_waiting_for(user), changes_waiting_for(user)
    returned = Item.objects.filter(created_by=user, status=Status.DRAFT, events__kind="returned").distinct()
    entries = [
        Entry(
            "待我审核的主动公开信息",
            items.count(),
            inbox,
            tuple(
                Line(
                    i.title,
                    reverse("disclosure:item", args=[i.pk]),
                    f"{i.current_step.get_name_display()}环节" if i.current_step else "",
                )
                for i in items[:SHOWN]
            ),
        ),
        Entry(
            "待我审核的信息变更",
            changes.count(),
            inbox,
            tuple(
                Line(c.item.title, reverse("disclosure:item", args=[c.item_id]), "变更")
                for c in changes[:SHOWN]
            ),
        ),
        Entry(
            "退回撰稿、待我修改的信息",
            returned.count(),
            reverse("disclosure:items") + "?status=draft",
            tuple(Line(i.title, reverse("disclosure:item", args=[i.pk])) for i in returned[:SHOWN]),
        ),
    ]
    return Section("主动公开", entries)


def catalogue_missing(user: AuthUser) -> Entry | None:
    """For a 管理员: the bodies they manage that have no 主动公开目录 yet."""
    bodies = administered(user)
    if not bodies.exists():
        return None
    without = bodies.exclude(pk__in=CatalogueNode.objects.values("body_id")).order_by("name")
    return Entry(
        "尚未建立主动公开目录的机关",
        without.count(),
        reverse("disclosure:index"),
        tuple(Line(b.name, reverse("disclosure:catalogue", args=[b.pk])) for b in without[:SHOWN]),
    )

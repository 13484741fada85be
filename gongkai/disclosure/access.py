"""Who may see and do what in the disclosure app: the one lookup per object type every view uses."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.bodies.access import User, bodies_for_user, get_body_for_staff, has_role_anywhere
from gongkai.bodies.actions.members import can_administer
from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.models import Attachment, CatalogueNode, Item

Role = StaffMembership.Role
DRAFTER_ROLES = frozenset({Role.CLERK, Role.ADMIN})
REGISTER_ROLES = frozenset({Role.CLERK, Role.ADMIN})
WITHDRAW_ROLES = frozenset({Role.LEADER, Role.ADMIN})
# Those who draft, review, sign or set up proactive disclosure (a 监督人员 does none of it).
DISCLOSURE_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.LEADER, Role.ADMIN})
NOT_DISCLOSING = "只有本机关的经办人、审核人、分管领导或管理员可以办理主动公开；公开的信息请在门户网站查看。"


def may_work_on_disclosure(user: User) -> bool:
    """True for a superuser and for staff with a disclosure role in some body (the 主动公开 pages)."""
    return has_role_anywhere(user, DISCLOSURE_ROLES)


def role_in(user: User, body: Body) -> str | None:
    """The user's role in the body (管理员 for a superuser or an administrator above it), else None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    role = StaffMembership.objects.filter(user=user, body=body).values_list("role", flat=True).first()
    if role is None and can_administer(user, body):
        return Role.ADMIN
    return role


def can_draft(user: User, body: Body) -> bool:
    return role_in(user, body) in DRAFTER_ROLES


def can_keep_registers(user: User, body: Body) -> bool:
    return role_in(user, body) in REGISTER_ROLES


def can_manage_catalogue(user: User, body: Body) -> bool:
    return role_in(user, body) == Role.ADMIN


def items_for_user(user: User) -> QuerySet[Item]:
    return Item.objects.filter(body__in=bodies_for_user(user)).select_related("body", "node", "current_step")


def get_item_for_staff(user: User, pk: int) -> Item:
    """The item if it belongs to one of the user's bodies, else 404 (never 403: no existence leaks)."""
    try:
        return items_for_user(user).get(pk=pk)
    except Item.DoesNotExist:
        raise Http404("没有找到这条信息") from None


def get_node_for_staff(user: User, pk: int) -> CatalogueNode:
    try:
        return CatalogueNode.objects.select_related("body").get(pk=pk, body__in=bodies_for_user(user))
    except CatalogueNode.DoesNotExist:
        raise Http404("没有找到这个栏目") from None


def get_attachment_for_staff(user: User, pk: int, item: Item | None = None) -> Attachment:
    """Any attachment of the user's bodies (also one waiting in a 变更 or removed), else 404."""
    found = Attachment.all_objects.select_related("item").filter(item__body__in=bodies_for_user(user))
    if item is not None:
        found = found.filter(item=item)
    try:
        return found.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404("没有找到这个附件") from None


__all__ = [
    "can_draft",
    "can_keep_registers",
    "can_manage_catalogue",
    "get_attachment_for_staff",
    "get_body_for_staff",
    "get_item_for_staff",
    "get_node_for_staff",
    "items_for_user",
    "role_in",
]

"""Build and edit a body's 主动公开基本目录; every change is kept as a CatalogueEvent."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.bodies.actions.hooks import body_changed
from gongkai.bodies.models import Body
from gongkai.disclosure.access import can_manage_catalogue
from gongkai.disclosure.actions.common import User, actor_label, require
from gongkai.disclosure.actions.defaults import CATALOGUES, NodeSpec
from gongkai.disclosure.actions.errors import DisclosureError
from gongkai.disclosure.models import Basis, CatalogueEvent, CatalogueNode, Frequency

Kind = CatalogueEvent.Kind


@transaction.atomic
def create_default_catalogue(*, actor: User | None, body: Body, kind: str) -> list[CatalogueNode]:
    """Fill an empty catalogue from the default for a 街道/乡镇 (``township``) or a department."""
    _require(actor, body)
    if kind not in CATALOGUES:
        raise DisclosureError(
            f"没有“{kind}”这种默认目录，可选：{'、'.join(label for label, _ in CATALOGUES.values())}"
        )
    if CatalogueNode.objects.filter(body=body).exists():
        raise DisclosureError("该机关已有公开目录，不能再套用默认目录")
    created: list[CatalogueNode] = []

    def add(specs: tuple[NodeSpec, ...], parent: CatalogueNode | None) -> None:
        for spec in specs:
            node = add_node(
                actor=actor,
                body=body,
                parent=parent,
                name=spec.name,
                basis=spec.basis,
                frequency=spec.frequency,
                responsible_unit=spec.responsible_unit,
            )
            created.append(node)
            add(spec.children, node)

    add(CATALOGUES[kind][1], None)
    return created


@transaction.atomic
def add_node(
    *,
    actor: User | None,
    body: Body,
    name: str,
    basis: str,
    parent: CatalogueNode | None = None,
    frequency: str = Frequency.ON_CHANGE,
    responsible_unit: str = "",
) -> CatalogueNode:
    _require(actor, body)
    name = _check_name(name)
    _check_choices(basis, frequency)
    if parent is not None:
        _check_parent(body, parent)
    siblings = CatalogueNode.objects.filter(body=body, parent=parent)
    position = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
    node = CatalogueNode.objects.create(
        body=body,
        parent=parent,
        name=name,
        code=_next_code(body, parent),
        basis=basis,
        frequency=frequency,
        responsible_unit=responsible_unit.strip(),
        position=position,
    )
    _event(node, actor, Kind.ADDED, {}, _state(node))
    return node


@transaction.atomic
def rename_node(*, actor: User | None, node: CatalogueNode, name: str) -> CatalogueNode:
    node = _lock(node, actor)
    before = _state(node)
    node.name = _check_name(name)
    node.save(update_fields=["name"])
    _event(node, actor, Kind.RENAMED, before, _state(node))
    return node


@transaction.atomic
def edit_node(
    *, actor: User | None, node: CatalogueNode, basis: str, frequency: str, responsible_unit: str
) -> CatalogueNode:
    node = _lock(node, actor)
    _check_choices(basis, frequency)
    before = _state(node)
    node.basis, node.frequency, node.responsible_unit = basis, frequency, responsible_unit.strip()
    node.save(update_fields=["basis", "frequency", "responsible_unit"])
    _event(node, actor, Kind.EDITED, before, _state(node))
    return node


@transaction.atomic
def move_node(
    *, actor: User | None, node: CatalogueNode, parent: CatalogueNode | None, position: int | None = None
) -> CatalogueNode:
    """Put the node under ``parent`` (None: top level), at ``position`` among its new siblings (1-based)."""
    node = _lock(node, actor)
    if parent is not None:
        _check_parent(node.body, parent)
        ancestor: CatalogueNode | None = parent
        while ancestor is not None:
            if ancestor.pk == node.pk:
                raise DisclosureError("不能把栏目移到它自己或它的下级栏目之下")
            ancestor = ancestor.parent
    before = _state(node)
    siblings = list(
        CatalogueNode.objects.filter(body=node.body, parent=parent)
        .exclude(pk=node.pk)
        .order_by("position", "pk")
    )
    index = len(siblings) if position is None else max(0, min(position - 1, len(siblings)))
    siblings.insert(index, node)
    node.parent = parent
    for i, sibling in enumerate(siblings, start=1):
        sibling.position = i
        sibling.save(update_fields=["parent", "position"] if sibling.pk == node.pk else ["position"])
    _event(node, actor, Kind.MOVED, before, _state(node))
    return node


@transaction.atomic
def retire_node(*, actor: User | None, node: CatalogueNode) -> CatalogueNode:
    """停用: the node stays (its items keep pointing at it) but takes no new items."""
    node = _lock(node, actor)
    if node.retired_at is not None:
        raise DisclosureError(f"栏目“{node.name}”已停用")
    if node.children.filter(retired_at__isnull=True).exists():
        raise DisclosureError(f"栏目“{node.name}”还有在用的下级栏目，请先停用下级栏目")
    before = _state(node)
    node.retired_at = timezone.now()
    node.save(update_fields=["retired_at"])
    _event(node, actor, Kind.RETIRED, before, _state(node))
    return node


def active_nodes(body: Body) -> list[CatalogueNode]:
    """The nodes items may be filed under, in tree order."""
    return [n for n, _depth in tree(body) if n.retired_at is None]


def tree(body: Body) -> list[tuple[CatalogueNode, int]]:
    """Every node of the body's catalogue with its depth, in reading order (one query)."""
    nodes = list(CatalogueNode.objects.filter(body=body).order_by("position", "pk"))
    children: dict[int | None, list[CatalogueNode]] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)
    out: list[tuple[CatalogueNode, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for n in children.get(parent, []):
            out.append((n, depth))
            walk(n.pk, depth + 1)

    walk(None, 0)
    return out


# ------------------------------------------------------------------ helpers


def _require(actor: User | None, body: Body) -> None:
    if actor is not None:
        require(can_manage_catalogue(actor, body), "只有本机关的管理员可以调整公开目录")


def _lock(node: CatalogueNode, actor: User | None) -> CatalogueNode:
    locked = CatalogueNode.objects.select_for_update().select_related("body").get(pk=node.pk)
    _require(actor, locked.body)
    return locked


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise DisclosureError("请填写栏目名称")
    if len(name) > 100:
        raise DisclosureError("栏目名称不能超过100个字")
    return name


def _check_choices(basis: str, frequency: str) -> None:
    if basis not in Basis.values:
        raise DisclosureError("请选择栏目的公开依据（第二十条各项或第二十一条）")
    if frequency not in Frequency.values:
        raise DisclosureError("请选择栏目的更新时限")


def _check_parent(body: Body, parent: CatalogueNode) -> None:
    if parent.body_id != body.pk:
        raise DisclosureError("上级栏目不属于该机关")
    if parent.retired_at is not None:
        raise DisclosureError(f"上级栏目“{parent.name}”已停用")


def _next_code(body: Body, parent: CatalogueNode | None) -> str:
    prefix = parent.code if parent is not None else ""
    taken = set(
        CatalogueNode.objects.filter(body=body, code__startswith=prefix).values_list("code", flat=True)
    )
    n = CatalogueNode.objects.filter(body=body, parent=parent).count() + 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


def _state(node: CatalogueNode) -> dict[str, Any]:
    return {
        "name": node.name,
        "code": node.code,
        "parent": node.parent_id,
        "position": node.position,
        "basis": node.basis,
        "frequency": node.frequency,
        "responsible_unit": node.responsible_unit,
        "retired": node.retired_at is not None,
    }


def _event(node: CatalogueNode, actor: User | None, kind: str, before: dict, after: dict) -> None:
    CatalogueEvent.objects.create(
        node=node, kind=kind, actor=actor, actor_label=actor_label(actor), before=before, after=after
    )
    body_changed(node.body_id)  # the portal's guide and catalogue show the nodes

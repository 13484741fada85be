"""The catalogue: defaults as data, edits by administrators, every change kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.catalogue import (
    add_node,
    create_default_catalogue,
    move_node,
    rename_node,
    retire_node,
    tree,
)
from gongkai.disclosure.models import CatalogueEvent


def test_a_new_street_starts_with_the_township_default_and_its_usual_columns(street):
    top = [n.name for n, depth in tree(street) if depth == 0]

    assert top[:3] == ["机构概况", "领导信息", "政策文件"]
    assert {"财政预决算", "社会救助", "安全生产", "公示公告", "政府信息公开"} <= set(top)
    guide = [n.name for n, depth in tree(street) if depth == 1 and n.parent.name == "政府信息公开"]
    assert guide == ["政府信息公开指南", "政府信息公开制度", "政府信息公开年报"]


def test_a_default_cannot_be_applied_over_a_catalogue(street, street_admin):
    with pytest.raises(DisclosureError, match="已有公开目录"):
        create_default_catalogue(actor=street_admin, body=street, kind="township")


def test_only_an_administrator_edits_the_catalogue(street, clerk):
    with pytest.raises(PermissionDenied):
        add_node(actor=clerk, body=street, name="新栏目", basis="art20_15")


def test_rename_move_and_retire_are_kept_in_the_history(street, street_admin):
    a = add_node(actor=street_admin, body=street, name="通知公告", basis="art20_15")
    b = add_node(actor=street_admin, body=street, name="工作动态", basis="art20_15")
    rename_node(actor=street_admin, node=a, name="公示公告")
    move_node(actor=street_admin, node=b, parent=a)
    retire_node(actor=street_admin, node=b)

    kinds = list(CatalogueEvent.objects.filter(node=b).values_list("kind", flat=True))
    assert kinds == ["added", "moved", "retired"]
    renamed = CatalogueEvent.objects.get(node=a, kind="renamed")
    assert (renamed.before["name"], renamed.after["name"]) == ("通知公告", "公示公告")
    assert [(n.name, d) for n, d in tree(street) if n.pk in (a.pk, b.pk)] == [
        ("公示公告", 0),
        ("工作动态", 1),
    ]


def test_a_node_cannot_move_under_itself(street, street_admin):
    a = add_node(actor=street_admin, body=street, name="甲", basis="art20_15")
    b = add_node(actor=street_admin, body=street, name="乙", basis="art20_15", parent=a)

    with pytest.raises(DisclosureError, match="下级栏目之下"):
        move_node(actor=street_admin, node=a, parent=b)


def test_a_node_with_active_children_cannot_be_retired(street, street_admin):
    a = add_node(actor=street_admin, body=street, name="甲", basis="art20_15")
    add_node(actor=street_admin, body=street, name="乙", basis="art20_15", parent=a)

    with pytest.raises(DisclosureError, match="请先停用下级栏目"):
        retire_node(actor=street_admin, node=a)


def test_the_item_log_cannot_be_rewritten(make_item):
    event = make_item().events.first()
    event.comment = "改写"

    with pytest.raises(ValueError, match="只能追加"):
        event.save()

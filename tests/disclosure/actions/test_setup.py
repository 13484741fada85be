"""A new body starts ready for 主动公开: the default catalogue for its level and the default review
chain, stored, so its clerk drafts at once and its settings page shows the chain in force."""

from __future__ import annotations

from datetime import date

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body
from gongkai.disclosure.actions.items import Draft, create_item
from gongkai.disclosure.models import CatalogueNode, ReviewStep
from tests.disclosure.conftest import Role, _staff


def test_a_new_street_has_the_township_catalogue_and_the_five_step_chain(district_admin, district):
    street = body_actions.create_body(
        actor=district_admin, name="新区街道办事处", level=Body.Level.SUBDISTRICT, parent=district
    )

    names = set(CatalogueNode.objects.filter(body=street).values_list("name", flat=True))
    assert {"社会救助", "公示公告", "政府信息公开年报"} <= names
    steps = [(s.name, s.role) for s in ReviewStep.objects.filter(body=street).order_by("position")]
    assert steps == [
        ("drafting", "clerk"),
        ("check", "reviewer"),
        ("second", "reviewer"),
        ("secrecy", "reviewer"),
        ("final", "leader"),
    ]


def test_a_new_department_has_the_department_catalogue(district_admin, district):
    bureau = body_actions.create_body(
        actor=district_admin, name="某某区教育局", level=Body.Level.DEPARTMENT, parent=district
    )

    names = set(CatalogueNode.objects.filter(body=bureau).values_list("name", flat=True))
    assert {"行政许可和服务事项", "政府采购"} <= names and "社会救助" not in names


def test_its_clerk_drafts_at_once_without_an_administrator(district_admin, district):
    street = body_actions.create_body(
        actor=district_admin, name="新区街道办事处", level=Body.Level.SUBDISTRICT, parent=district
    )
    clerk = _staff(street, "xinqu_clerk", Role.CLERK)
    node = CatalogueNode.objects.get(body=street, name="公示公告")

    item = create_item(
        actor=clerk, body=street, draft=Draft(node=node, title="公告", formed_on=date(2026, 1, 5))
    )
    assert item.node == node

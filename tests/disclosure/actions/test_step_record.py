"""An event keeps the review step it happened at (name, role, position) as it was then: editing the
chain later replaces the steps, and the item's history must still read right."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure.actions.review import return_to_step, submit_for_review
from gongkai.disclosure.actions.settings import Step, set_review_chain
from gongkai.disclosure.models import ItemEvent
from tests.disclosure.conftest import BEIJING

SHORT = [Step("check", "reviewer"), Step("final", "leader", is_secrecy_review=True)]


def _steps(item) -> list[tuple[str, str, str, int | None]]:  # type: ignore[no-untyped-def]
    events = item.events.exclude(step_label="").order_by("at", "pk")
    return [(e.kind, e.step_label, e.step_role, e.step_position) for e in events]


def test_past_approvals_keep_their_step_after_the_chain_is_edited(published, leader, street):
    item = published()
    expected = [
        ("submitted", "撰稿", "clerk", 1),
        ("approved", "核对", "reviewer", 2),
        ("approved", "复审", "reviewer", 3),
        ("approved", "保密审查", "reviewer", 4),
        ("approved", "终审", "leader", 5),
    ]
    assert _steps(item) == expected

    set_review_chain(actor=leader, body=street, steps=SHORT)

    assert _steps(item) == expected
    assert not item.events.filter(kind="approved", step__isnull=False).exists()  # the old steps are gone
    c = Client()
    c.force_login(leader)
    page = c.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    for label, role in [("复审", "审核人"), ("保密审查", "审核人"), ("终审", "分管领导")]:
        assert f"<td>{label}（{role}）</td>" in page


def test_a_return_records_the_step_it_went_back_to(make_item, clerk, reviewer):
    item = submit_for_review(make_item(), actor=clerk)

    item = return_to_step(item, actor=reviewer, step=item.events.get(kind="submitted").step, comment="补材料")

    event = item.events.get(kind="returned")
    assert (event.step_label, event.step_role, event.step_position) == ("撰稿", "clerk", 1)


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_fills_the_steps_of_existing_events():
    """Back at 0005: one event whose step still exists, and two whose steps an earlier chain edit
    deleted (only the label kept); the chain in force then is the edit's ``before``."""
    executor = MigrationExecutor(connection)
    executor.migrate([("disclosure", "0005_remove_item_validity")])
    old = executor.loader.project_state(("disclosure", "0005_remove_item_validity")).apps
    try:
        body = old.get_model("bodies", "Body").objects.create(
            name="只楚街道办事处", short_name="只楚街道", level="subdistrict"
        )
        user = old.get_model("auth", "User").objects.create(username="zhichu_clerk")
        node = old.get_model("disclosure", "CatalogueNode").objects.create(
            body=body, name="公示公告", code="01", basis="art20_1"
        )
        item = old.get_model("disclosure", "Item").objects.create(
            body=body,
            node=node,
            title="公示",
            publisher="只楚街道",
            formed_on=date(2025, 9, 26),
            created_by=user,
        )
        step = old.get_model("disclosure", "ReviewStep").objects.create(
            body=body, position=2, name="check", role="clerk"
        )
        then = datetime(2025, 9, 1, 9, tzinfo=BEIJING)
        Event = old.get_model("disclosure", "ItemEvent")
        kept = Event.objects.create(item=item, kind="approved", actor_label="甲", at=then, step=step)
        lost = Event.objects.create(item=item, kind="approved", actor_label="乙", at=then, step_label="终审")
        returned = Event.objects.create(
            item=item,
            kind="returned",
            actor_label="丙",
            at=then,
            step_label="复审",
            data={"to_position": 3},
        )
        unknown = Event.objects.create(
            item=item, kind="approved", actor_label="丁", at=then, step_label="会签"
        )
        old.get_model("disclosure", "RegisterEvent").objects.create(
            body=body,
            kind="review_chain_changed",
            actor_label="admin",
            data={
                "before": [
                    {"position": 1, "name": "drafting", "role": "clerk", "secrecy": False},
                    {"position": 2, "name": "second", "role": "reviewer", "secrecy": False},
                    {"position": 3, "name": "second", "role": "leader", "secrecy": False},
                    {"position": 4, "name": "final", "role": "leader", "secrecy": True},
                ],
                "after": [],
            },
        )
        assert timezone.now() > then + timedelta(days=1)  # the chain edit came after the events
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    got = {e.pk: (e.step_label, e.step_role, e.step_position) for e in ItemEvent.objects.all()}
    assert got[kept.pk] == ("核对", "clerk", 2)
    assert got[lost.pk] == ("终审", "leader", 4)
    assert got[returned.pk] == ("复审", "leader", 3)  # two 复审 then: its to_position tells which
    assert got[unknown.pk] == ("会签", "", None)  # nothing to match: left as it was

"""Dated moves (生效日期): a past year's tree shows every body under the parent it had on 31 December
of that year; the date is checked; the move page asks for it and the history shows it.

The world (tests/conftest.py and tests/bodies/conftest.py): 某某区 (A) with 只楚街道 (and 南沟社区
below it) and 西高皇街道; 另一区 (B) with 东关街道. Every body is entered in 2020 (``world``) — which
no longer bounds a move's date: its 成立日期 does, or without one 2008-01-01; and its previous move.
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import members as actions
from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.models import Body, BodyChange
from gongkai.bodies.queries.tree import area_bodies

D = datetime.date


def names(pairs: list[tuple[Body, int]]) -> list[tuple[str, int]]:
    return [(b.name, depth) for b, depth in pairs]


@pytest.fixture
def east_street(neighbour: Body) -> Body:
    return actions.create_body(
        actor=None, name="东关街道办事处", level=Body.Level.SUBDISTRICT, parent=neighbour
    )


@pytest.fixture
def world(district, street, other_street, community, neighbour, east_street) -> None:
    """Every body above entered in the tree on 1 January 2020."""
    Body.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))


def move(actor, body: Body, to: Body, on: datetime.date | None) -> Body:  # type: ignore[no-untyped-def]
    body.refresh_from_db()  # the world fixture changed created_at under the instances
    return tree_actions.move_body(actor=actor, body=body, new_parent=to, on=on)


A_WITH_STREET = [
    ("某某区人民政府", 0),
    ("只楚街道办事处", 1),
    ("南沟社区居民委员会", 2),
    ("西高皇街道办事处", 1),
]
A_WITHOUT_STREET = [("某某区人民政府", 0), ("西高皇街道办事处", 1)]
B_ALONE = [("另一区人民政府", 0), ("东关街道办事处", 1)]
B_WITH_STREET = [
    ("另一区人民政府", 0),
    ("东关街道办事处", 1),
    ("只楚街道办事处", 1),
    ("南沟社区居民委员会", 2),
]


# --- the tree of a year -----------------------------------------------------------------------


def test_a_body_moved_on_1_march_2026_stands_under_its_old_district_for_2025(
    world, superuser, district, neighbour, street
):
    move(superuser, street, neighbour, D(2026, 3, 1))

    assert names(area_bodies(district, year=2025)) == A_WITH_STREET  # moved out later: still A's
    assert names(area_bodies(neighbour, year=2025)) == B_ALONE  # moved in later: not yet B's
    assert names(area_bodies(district, year=2026)) == A_WITHOUT_STREET
    assert names(area_bodies(neighbour, year=2026)) == B_WITH_STREET
    assert names(area_bodies(neighbour, current=True)) == B_WITH_STREET
    assert names(area_bodies(district)) == A_WITHOUT_STREET  # no year: where it stands today


def test_a_body_moved_away_and_back_stands_where_it_was_at_each_years_end(
    world, superuser, district, neighbour, street
):
    move(superuser, street, neighbour, D(2025, 3, 1))
    move(superuser, street, district, D(2026, 6, 1))

    assert names(area_bodies(district, year=2024)) == A_WITH_STREET
    assert names(area_bodies(district, year=2025)) == A_WITHOUT_STREET
    assert names(area_bodies(neighbour, year=2025)) == B_WITH_STREET
    assert names(area_bodies(district, year=2026)) == A_WITH_STREET
    assert names(area_bodies(neighbour, year=2026)) == B_ALONE
    assert names(area_bodies(neighbour, year=2024)) == B_ALONE


def test_a_body_moved_back_within_the_same_year_never_left_for_that_years_tree(
    world, superuser, district, neighbour, street
):
    move(superuser, street, neighbour, D(2026, 3, 1))
    move(superuser, street, district, D(2026, 6, 1))

    for year in (2025, 2026):
        assert names(area_bodies(district, year=year)) == A_WITH_STREET
        assert names(area_bodies(neighbour, year=year)) == B_ALONE


def test_a_body_moved_into_the_area_in_2026_is_not_in_its_2025_tree(
    world, superuser, district, neighbour, east_street
):
    move(superuser, east_street, district, D(2026, 3, 1))

    assert names(area_bodies(district, year=2025)) == A_WITH_STREET
    assert names(area_bodies(district, year=2026)) == [
        ("某某区人民政府", 0),
        ("东关街道办事处", 1),
        ("只楚街道办事处", 1),
        ("南沟社区居民委员会", 2),
        ("西高皇街道办事处", 1),
    ]
    assert names(area_bodies(neighbour, year=2025)) == [("另一区人民政府", 0), ("东关街道办事处", 1)]
    assert names(area_bodies(neighbour, year=2026)) == [("另一区人民政府", 0)]


def test_moves_of_a_body_and_of_its_child_are_both_undone(
    world, superuser, district, neighbour, street, other_street, community
):
    """只楚 goes to 另一区 on 1 March 2026, then its 南沟社区 back into 某某区 (under 西高皇) on 1 April:
    for 2025, 只楚 is fetched back from 另一区 and 南沟社区 from 西高皇."""
    move(superuser, street, neighbour, D(2026, 3, 1))
    move(superuser, community, other_street, D(2026, 4, 1))

    assert names(area_bodies(district, year=2025)) == A_WITH_STREET
    assert names(area_bodies(district, year=2026)) == [
        ("某某区人民政府", 0),
        ("西高皇街道办事处", 1),
        ("南沟社区居民委员会", 2),
    ]
    assert names(area_bodies(neighbour, year=2025)) == B_ALONE
    assert names(area_bodies(neighbour, year=2026)) == [
        ("另一区人民政府", 0),
        ("东关街道办事处", 1),
        ("只楚街道办事处", 1),
    ]


def test_a_merge_still_hands_its_children_over_for_every_year(
    world, superuser, district_admin, district, neighbour, street, other_street
):
    """A merge is not undone by year (as before moves were dated); a dated move next to it is."""
    move(superuser, other_street, neighbour, D(2026, 3, 1))
    street.refresh_from_db()
    tree_actions.merge_body(actor=district_admin, body=street, into=district, on=D(2026, 5, 1))

    assert names(area_bodies(district, year=2025)) == [
        ("某某区人民政府", 0),
        ("南沟社区居民委员会", 1),  # handed to 某某区 by the merge, for every year
        ("只楚街道办事处", 1),  # merged in 2026: still there at the end of 2025
        ("西高皇街道办事处", 1),  # moved out in 2026
    ]
    assert names(area_bodies(district, year=2026)) == [("某某区人民政府", 0), ("南沟社区居民委员会", 1)]


def test_a_years_tree_is_derived_from_the_kept_tree_without_reloading_it(
    world, superuser, district, neighbour, east_street, django_assert_num_queries
):
    move(superuser, east_street, district, D(2026, 3, 1))
    area_bodies(district, year=2026)  # loads and keeps the tree below 某某区 and the moves

    with django_assert_num_queries(1):  # the body table's fingerprint only
        assert names(area_bodies(district, year=2025)) == A_WITH_STREET
    with django_assert_num_queries(2):  # kept: a fingerprint each, the same instances
        assert area_bodies(district, year=2025)[1][0] is area_bodies(district, year=2025)[1][0]


def test_a_new_move_changes_the_kept_tree_of_a_past_year(world, superuser, district, neighbour, street):
    assert names(area_bodies(district, year=2025)) == A_WITH_STREET
    move(superuser, street, neighbour, D(2025, 3, 1))
    assert names(area_bodies(district, year=2025)) == A_WITHOUT_STREET


# --- the date ---------------------------------------------------------------------------------


def test_a_move_takes_effect_today_unless_dated(world, district_admin, street, other_street, community):
    move(district_admin, community, other_street, None)

    change = BodyChange.objects.get(kind=BodyChange.Kind.MOVE)
    assert change.effective_on == timezone.localdate()


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (D(2999, 1, 1), "生效日期2999-01-01晚于今天，请填写已经生效的日期"),
        (
            D(2007, 12, 31),
            "生效日期2007-12-31早于2008-01-01（政府信息公开工作年度报告的第一个年度）：“南沟社区居民委员会”"
            "没有填写成立日期，生效日期不能早于该日；更早的变更，请先填写成立日期",
        ),
    ],
)
def test_a_date_in_the_future_or_before_2008_without_a_founding_date_is_refused(
    world, district_admin, community, other_street, on, message
):
    with pytest.raises(ValidationError) as e:
        move(district_admin, community, other_street, on)

    assert e.value.messages == [message]
    assert Body.objects.get(pk=community.pk).parent.name == "只楚街道办事处"
    assert not BodyChange.objects.filter(kind=BodyChange.Kind.MOVE).exists()


def test_a_body_entered_today_without_a_founding_date_may_be_moved_as_of_2008(
    district_admin, district, street, other_street, community
):
    """The day a body was entered in gongkai no longer bounds the date: a clerk onboarding in 2026
    records a move of 2024 (and one of the first day of 2008, the first report year)."""
    assert timezone.localdate(Body.objects.get(pk=community.pk).created_at) == timezone.localdate()

    move(district_admin, community, other_street, D(2024, 3, 1))

    assert names(area_bodies(district, year=2023)) == [
        ("某某区人民政府", 0),
        ("只楚街道办事处", 1),
        ("南沟社区居民委员会", 2),
        ("西高皇街道办事处", 1),
    ]
    assert names(area_bodies(district, year=2024)) == [
        ("某某区人民政府", 0),
        ("只楚街道办事处", 1),
        ("西高皇街道办事处", 1),
        ("南沟社区居民委员会", 2),
    ]
    move(district_admin, other_street, street, D(2024, 3, 1))  # a body of its own: 2008 onwards
    assert BodyChange.objects.filter(kind=BodyChange.Kind.MOVE).count() == 2

    newer = tree_actions.add_body(
        actor=district_admin, parent=district, name="新设街道办事处", level=Body.Level.SUBDISTRICT
    )
    move(district_admin, newer, street, D(2008, 1, 1))
    assert BodyChange.objects.get(body=newer, kind=BodyChange.Kind.MOVE).effective_on == D(2008, 1, 1)


def test_a_body_with_a_founding_date_is_moved_no_earlier_than_it(
    world, district_admin, district, street, other_street, community
):
    tree_actions.rename_body(
        actor=district_admin,
        body=community,
        name=community.name,
        short_name=community.short_name,
        code=community.code,
        founded_on=D(2015, 6, 1),
    )

    with pytest.raises(ValidationError) as e:
        move(district_admin, community, other_street, D(2015, 5, 31))
    assert e.value.messages == [
        "生效日期2015-05-31早于“南沟社区居民委员会”的成立日期（2015-06-01），请填写成立以后的日期"
    ]

    move(district_admin, community, other_street, D(2015, 6, 1))  # the founding day itself
    assert BodyChange.objects.get(kind=BodyChange.Kind.MOVE).effective_on == D(2015, 6, 1)


def test_a_founding_date_before_2008_allows_a_move_before_2008(world, district_admin, street, community):
    tree_actions.rename_body(
        actor=district_admin,
        body=community,
        name=community.name,
        short_name=community.short_name,
        code=community.code,
        founded_on=D(1990, 1, 1),
    )
    other = tree_actions.add_body(
        actor=district_admin, parent=street, name="北关社区", level=Body.Level.OTHER, founded_on=D(1985, 1, 1)
    )

    move(district_admin, community, other, D(2005, 3, 1))

    assert BodyChange.objects.get(kind=BodyChange.Kind.MOVE).effective_on == D(2005, 3, 1)


def test_a_date_before_the_new_parent_was_founded_is_refused(world, district_admin, district, community):
    newer = tree_actions.add_body(
        actor=district_admin,
        parent=district,
        name="新设街道办事处",
        level=Body.Level.SUBDISTRICT,
        founded_on=D(2025, 1, 1),
    )

    with pytest.raises(ValidationError) as e:
        move(district_admin, community, newer, D(2024, 12, 31))

    assert e.value.messages == [
        "生效日期2024-12-31早于新的上级机关“新设街道办事处”的成立日期（2025-01-01），请填写该机关成立以后的日期"
    ]
    move(district_admin, community, newer, D(2025, 1, 1))
    assert Body.objects.get(pk=community.pk).parent_id == newer.pk


def test_a_date_before_the_bodys_previous_move_is_refused(world, superuser, district, neighbour, street):
    move(superuser, street, neighbour, D(2025, 6, 1))

    with pytest.raises(ValidationError) as e:
        move(superuser, street, district, D(2025, 5, 31))

    assert e.value.messages == [
        "生效日期2025-05-31早于“只楚街道办事处”上一次调整隶属的生效日期（2025-06-01），请填写不早于该日期的日期"
    ]
    assert Body.objects.get(pk=street.pk).parent_id == neighbour.pk


def test_moves_recorded_before_moves_were_dated_took_effect_the_local_day_they_were_made(
    world, superuser, neighbour, street
):
    migration = importlib.import_module("gongkai.bodies.migrations.0003_dated_moves")
    made = datetime.datetime(2025, 12, 31, 17, 30, tzinfo=datetime.UTC)  # 2026-01-01 01:30 in Beijing
    move(superuser, street, neighbour, None)
    BodyChange.objects.filter(kind=BodyChange.Kind.MOVE).update(at=made, effective_on=None)

    migration.date_earlier_moves(django_apps, None)

    assert BodyChange.objects.get(kind=BodyChange.Kind.MOVE).effective_on == D(2026, 1, 1)


# --- the pages --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, district_admin):
    client.force_login(district_admin)
    return client


def test_the_move_page_asks_for_the_date_and_the_history_shows_it(
    world, admin_client, district, street, other_street, community
):
    url = reverse("bodies:move", args=[community.pk])
    form = admin_client.get(url)
    assert "生效日期" in form.content.decode()
    assert form.context["form"]["effective_on"].value() == timezone.localdate()

    response = admin_client.post(
        url, {"new_parent": other_street.pk, "effective_on": "2026-03-01", "reason": "区划调整"}
    )

    assert response.status_code == 302
    tree = admin_client.get(response.url).content.decode()
    assert "已将“南沟社区居民委员会”调整到“西高皇街道办事处”之下，自2026-03-01起生效" in tree
    assert BodyChange.objects.get(kind=BodyChange.Kind.MOVE).effective_on == D(2026, 3, 1)
    history = admin_client.get(reverse("bodies:history", args=[community.pk])).content.decode()
    assert "生效日期：2026-03-01" in history
    assert "上级机关：只楚街道办事处 → 西高皇街道办事处" in history


def test_a_future_date_on_the_move_page_changes_nothing(world, admin_client, street, other_street, community):
    response = admin_client.post(
        reverse("bodies:move", args=[community.pk]),
        {"new_parent": other_street.pk, "effective_on": "2999-01-01"},
    )

    assert response.status_code == 200
    assert "生效日期2999-01-01晚于今天，请填写已经生效的日期" in response.content.decode()
    assert Body.objects.get(pk=community.pk).parent_id == street.pk

"""成立日期 (``Body.founded_on``) and dated renames: a year's tree leaves out the bodies founded after
it; a rename takes effect on its 生效日期 and the names of a past day undo the later ones; the dates
are checked with Chinese messages, on the actions and on the pages.

The world (tests/conftest.py and tests/bodies/conftest.py): 某某区人民政府 with 只楚街道办事处 (简称
只楚街道, with 南沟社区 below it) and 西高皇街道办事处. Today is whatever the clock says: every date
below is in the past, or explicitly in the future (2999).
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.models import Body, BodyChange, NameOn, end_of_year, names_at
from gongkai.bodies.queries.tree import area_bodies

D = datetime.date


def names(pairs: list[tuple[Body, int]]) -> list[tuple[str, int]]:
    return [(b.name, depth) for b, depth in pairs]


def add(actor, parent: Body, name: str, founded_on: datetime.date | None) -> Body:  # type: ignore[no-untyped-def]
    return tree_actions.add_body(
        actor=actor, parent=parent, name=name, level=Body.Level.SUBDISTRICT, founded_on=founded_on
    )


def rename(actor, body: Body, name: str, short_name: str, on: datetime.date | None, **more) -> Body:  # type: ignore[no-untyped-def]
    body.refresh_from_db()
    return tree_actions.rename_body(
        actor=actor, body=body, name=name, short_name=short_name, code=body.code, on=on, **more
    )


# --- 成立日期 in the tree of a year ---------------------------------------------------------------


def test_a_body_founded_on_1_march_2025_is_in_2025_and_2026_not_2024(
    district_admin, district, street, other_street
):
    add(district_admin, district, "东山街道办事处", D(2025, 3, 1))

    without = [("某某区人民政府", 0), ("只楚街道办事处", 1), ("西高皇街道办事处", 1)]
    with_it = [("某某区人民政府", 0), ("东山街道办事处", 1), ("只楚街道办事处", 1), ("西高皇街道办事处", 1)]
    assert names(area_bodies(district, year=2024)) == without
    assert names(area_bodies(district, year=2025)) == with_it
    assert names(area_bodies(district, year=2026)) == with_it
    assert names(area_bodies(district, current=True)) == with_it
    assert names(area_bodies(district)) == with_it  # no year: every body


def test_a_body_founded_on_31_december_is_in_that_years_tree(district_admin, district):
    add(district_admin, district, "年末街道办事处", D(2024, 12, 31))

    assert names(area_bodies(district, year=2023)) == [("某某区人民政府", 0)]
    assert names(area_bodies(district, year=2024)) == [("某某区人民政府", 0), ("年末街道办事处", 1)]


def test_a_body_without_a_founding_date_is_in_every_year(district, street):
    assert Body.objects.get(pk=street.pk).founded_on is None
    assert names(area_bodies(district, year=2008)) == [("某某区人民政府", 0), ("只楚街道办事处", 1)]


def test_a_body_left_out_for_its_founding_does_not_hide_the_bodies_below_it(district_admin, district, street):
    """南沟社区 (no 成立日期) stands under 只楚街道, whose 成立日期 is entered afterwards as 1 March 2025:
    for 2024 it stands one level up, like a body below an ended one."""
    community = tree_actions.add_body(
        actor=district_admin, parent=street, name="南沟社区居民委员会", level=Body.Level.OTHER
    )
    rename(district_admin, street, street.name, street.short_name, None, founded_on=D(2025, 3, 1))

    assert names(area_bodies(district, year=2024)) == [("某某区人民政府", 0), (community.name, 1)]
    assert names(area_bodies(district, year=2025)) == [
        ("某某区人民政府", 0),
        ("只楚街道办事处", 1),
        ("南沟社区居民委员会", 2),
    ]


def test_the_root_is_listed_whatever_its_founding_date(district_admin, district):
    rename(district_admin, district, district.name, district.short_name, None, founded_on=D(2025, 3, 1))

    assert names(area_bodies(district, year=2024)) == [("某某区人民政府", 0)]


@pytest.mark.parametrize(
    ("founded", "ended", "year", "existed"),
    [
        (None, None, 2008, True),
        (D(2025, 3, 1), None, 2024, False),
        (D(2025, 3, 1), None, 2025, True),
        (D(2020, 1, 1), D(2025, 5, 1), 2024, True),
        (D(2020, 1, 1), D(2025, 5, 1), 2025, False),
        (D(2025, 2, 1), D(2025, 9, 1), 2025, False),  # founded and ended within the year
    ],
)
def test_existed_in_reads_both_dates(founded, ended, year, existed):
    assert Body(name="x", founded_on=founded, ended_on=ended).existed_in(year) is existed


# --- 成立日期 entered and checked -----------------------------------------------------------------


def test_the_founding_date_goes_into_the_history(district_admin, district):
    body = add(district_admin, district, "东山街道办事处", D(2025, 3, 1))

    assert BodyChange.objects.get(body=body, kind=BodyChange.Kind.ADD).after["founded_on"] == "2025-03-01"
    rename(district_admin, body, body.name, "", None, founded_on=D(2025, 2, 1))
    change = BodyChange.objects.get(body=body, kind=BodyChange.Kind.RENAME)
    assert (change.before["founded_on"], change.after["founded_on"]) == ("2025-03-01", "2025-02-01")
    assert change.effective_on is None  # no name changed: nothing dated
    assert Body.objects.get(pk=body.pk).founded_on == D(2025, 2, 1)


def test_an_edit_that_does_not_say_the_founding_date_keeps_it(district_admin, district):
    body = add(district_admin, district, "东山街道办事处", D(2025, 3, 1))

    rename(district_admin, body, "东山街道", "", None)

    assert Body.objects.get(pk=body.pk).founded_on == D(2025, 3, 1)


@pytest.mark.parametrize(
    ("founded", "message"),
    [
        (D(2999, 1, 1), "成立日期2999-01-01晚于今天，请填写已经成立的日期"),
        (D(1949, 9, 30), "成立日期1949-09-30早于1949-10-01，请核对后填写（不知道的可以不填）"),
    ],
)
def test_a_founding_date_in_the_future_or_before_1949_is_refused(district_admin, district, founded, message):
    with pytest.raises(ValidationError) as e:
        add(district_admin, district, "东山街道办事处", founded)

    assert e.value.messages == [message]
    assert not Body.objects.filter(name="东山街道办事处").exists()


def test_a_founding_date_after_a_recorded_move_or_rename_is_refused(
    district_admin, district, street, other_street
):
    community = tree_actions.add_body(
        actor=district_admin, parent=street, name="南沟社区居民委员会", level=Body.Level.OTHER
    )
    tree_actions.move_body(actor=district_admin, body=community, new_parent=other_street, on=D(2024, 3, 1))

    with pytest.raises(ValidationError) as e:  # its own move
        rename(district_admin, community, community.name, "", None, founded_on=D(2024, 3, 2))
    assert e.value.messages == [
        "成立日期2024-03-02晚于本机关调整隶属的生效日期（2024-03-01）：“南沟社区居民委员会”成立以前不会有"
        "这项变更，请核对成立日期或该变更的生效日期"
    ]
    with pytest.raises(ValidationError) as e:  # a move into it
        rename(district_admin, other_street, other_street.name, "", None, founded_on=D(2024, 6, 1))
    assert e.value.messages == [
        "成立日期2024-06-01晚于“南沟社区居民委员会”调整到本机关之下的生效日期（2024-03-01）：“西高皇街道办事处”"
        "成立以前不会有这项变更，请核对成立日期或该变更的生效日期"
    ]
    rename(district_admin, community, community.name, "", None, founded_on=D(2024, 3, 1))  # the same day
    assert Body.objects.get(pk=community.pk).founded_on == D(2024, 3, 1)


def test_a_merge_dated_before_the_founding_date_is_refused(district_admin, district, other_street):
    body = add(district_admin, district, "东山街道办事处", D(2025, 3, 1))

    with pytest.raises(ValidationError) as e:
        tree_actions.merge_body(actor=district_admin, body=body, into=other_street, on=D(2025, 2, 28))

    assert e.value.messages == [
        "撤并日期2025-02-28早于“东山街道办事处”的成立日期（2025-03-01），请填写成立以后的日期"
    ]
    assert Body.objects.get(pk=body.pk).is_current


# --- names on a day -------------------------------------------------------------------------------


def test_the_name_changes_on_the_renames_effective_day(district_admin, street):
    rename(district_admin, street, "只楚街道", "只楚", D(2025, 3, 1))

    body = Body.objects.get(pk=street.pk)
    assert body.name_on(D(2025, 2, 28)) == "只楚街道办事处"  # the day before: the old name
    assert body.name_on(D(2025, 3, 1)) == "只楚街道"  # the day itself: the new one
    assert body.name_on(D(2025, 3, 2)) == "只楚街道"
    assert names_at([body], D(2025, 2, 28)) == {body.pk: NameOn("只楚街道办事处", "只楚街道")}
    assert names_at([body], D(2025, 2, 28))[body.pk].display_name == "只楚街道"
    assert names_at([body], end_of_year(2025))[body.pk].display_name == "只楚"


def test_two_renames_each_name_their_own_span(district_admin, street):
    rename(district_admin, street, "只楚街道", "只楚", D(2023, 7, 1))
    rename(district_admin, street, "芝罘区只楚街道", "只楚", D(2025, 1, 1))

    body = Body.objects.get(pk=street.pk)
    assert [body.name_on(end_of_year(y)) for y in (2022, 2023, 2024, 2025)] == [
        "只楚街道办事处",
        "只楚街道",
        "只楚街道",
        "芝罘区只楚街道",
    ]


def test_a_change_of_code_alone_is_not_dated_and_does_not_rename(district_admin, street):
    street.refresh_from_db()
    tree_actions.rename_body(
        actor=district_admin, body=street, name=street.name, short_name=street.short_name, code="S-9"
    )
    rename(district_admin, street, "只楚街道", "只楚", D(2024, 5, 1))  # earlier than today's code change

    assert BodyChange.objects.filter(kind=BodyChange.Kind.RENAME, effective_on=None).count() == 1
    assert Body.objects.get(pk=street.pk).name_on(D(2024, 4, 30)) == "只楚街道办事处"


def test_a_years_tree_orders_the_bodies_by_their_names_of_that_year(
    district_admin, district, street, other_street
):
    """西高皇街道办事处 becomes 北区西高皇街道办事处 on 1 June 2025: 北 (U+5317) sorts before 只 (U+53EA),
    西 (U+897F) after it — so it comes first from 2025 on, and second in 2024."""
    rename(district_admin, other_street, "北区西高皇街道办事处", "", D(2025, 6, 1))

    assert names(area_bodies(district, year=2024)) == [
        ("某某区人民政府", 0),
        ("只楚街道办事处", 1),
        ("北区西高皇街道办事处", 1),  # the instance bears today's name; its place, the name of 2024
    ]
    today = [("某某区人民政府", 0), ("北区西高皇街道办事处", 1), ("只楚街道办事处", 1)]
    assert names(area_bodies(district, year=2025)) == today
    assert names(area_bodies(district, current=True)) == today


def test_names_of_many_bodies_take_one_query(
    district_admin, district, street, other_street, django_assert_num_queries
):
    rename(district_admin, street, "只楚街道", "只楚", D(2025, 3, 1))
    rename(district_admin, other_street, "西高皇街道", "", D(2024, 3, 1))
    bodies = list(Body.objects.order_by("pk"))

    with django_assert_num_queries(1):
        at_2024 = names_at(bodies, end_of_year(2024))
    assert {pk: n.name for pk, n in at_2024.items()} == {
        district.pk: "某某区人民政府",
        street.pk: "只楚街道办事处",
        other_street.pk: "西高皇街道",
    }
    with django_assert_num_queries(1):
        at_2023 = names_at(bodies, end_of_year(2023))
    assert at_2023[other_street.pk] == NameOn("西高皇街道办事处", "西高皇街道")


def test_names_of_more_bodies_than_fit_in_the_query_read_every_later_rename(
    district_admin, district, street, monkeypatch
):
    monkeypatch.setattr("gongkai.bodies.models.bodies._IDS_IN_QUERY", 1)
    other = add(district_admin, district, "外区街道办事处", None)
    rename(district_admin, street, "只楚街道", "只楚", D(2025, 3, 1))
    rename(district_admin, other, "外区街道", "", D(2025, 3, 1))  # not asked for: left out

    got = names_at([Body.objects.get(pk=district.pk), Body.objects.get(pk=street.pk)], D(2024, 12, 31))

    assert {pk: n.name for pk, n in got.items()} == {
        district.pk: "某某区人民政府",
        street.pk: "只楚街道办事处",
    }


# --- the rename's date --------------------------------------------------------------------------


def test_a_rename_takes_effect_today_unless_dated(district_admin, street):
    rename(district_admin, street, "只楚街道", "只楚", None)

    assert BodyChange.objects.get(kind=BodyChange.Kind.RENAME).effective_on == timezone.localdate()


@pytest.mark.parametrize(
    ("founded", "on", "message"),
    [
        (None, D(2999, 1, 1), "生效日期2999-01-01晚于今天，请填写已经生效的日期"),
        (
            None,
            D(2007, 12, 31),
            "生效日期2007-12-31早于2008-01-01（政府信息公开工作年度报告的第一个年度）：“只楚街道办事处”"
            "没有填写成立日期，生效日期不能早于该日；更早的变更，请先填写成立日期",
        ),
        (
            D(2015, 6, 1),
            D(2015, 5, 31),
            "生效日期2015-05-31早于“只楚街道办事处”的成立日期（2015-06-01），请填写成立以后的日期",
        ),
    ],
)
def test_a_rename_date_out_of_bounds_is_refused(district_admin, street, founded, on, message):
    if founded:
        rename(district_admin, street, street.name, street.short_name, None, founded_on=founded)

    with pytest.raises(ValidationError) as e:
        rename(district_admin, street, "只楚街道", "只楚", on)

    assert e.value.messages == [message]
    assert Body.objects.get(pk=street.pk).name == "只楚街道办事处"
    assert not BodyChange.objects.filter(kind=BodyChange.Kind.RENAME, effective_on__isnull=False).exists()


def test_a_rename_dated_with_a_founding_date_entered_in_the_same_edit(district_admin, street):
    """The new 成立日期 bounds the date, not the old one (none: 2008)."""
    rename(district_admin, street, "只楚街道", "只楚", D(2003, 1, 1), founded_on=D(2001, 1, 1))
    assert Body.objects.get(pk=street.pk).name_on(D(2002, 12, 31)) == "只楚街道办事处"

    with pytest.raises(ValidationError) as e:
        rename(district_admin, street, "只楚", "", D(2003, 1, 1), founded_on=D(2004, 1, 1))
    assert e.value.messages[0].startswith("成立日期2004-01-01晚于本机关更名的生效日期（2003-01-01）")


def test_a_rename_before_the_previous_one_is_refused(district_admin, street):
    rename(district_admin, street, "只楚街道", "只楚", D(2025, 6, 1))

    with pytest.raises(ValidationError) as e:
        rename(district_admin, street, "芝罘区只楚街道", "只楚", D(2025, 5, 31))

    assert e.value.messages == [
        "生效日期2025-05-31早于“只楚街道”上一次更名的生效日期（2025-06-01），请填写不早于该日期的日期"
    ]
    rename(district_admin, street, "芝罘区只楚街道", "只楚", D(2025, 6, 1))  # the same day is fine


def test_renames_recorded_before_renames_were_dated_took_effect_the_local_day_they_were_made(
    district_admin, street
):
    migration = importlib.import_module("gongkai.bodies.migrations.0004_founding_dates_and_dated_renames")
    rename(district_admin, street, "只楚街道", "只楚", None)
    street.refresh_from_db()
    tree_actions.rename_body(
        actor=district_admin, body=street, name="只楚街道", short_name="只楚", code="S-1"
    )
    made = datetime.datetime(2025, 12, 31, 17, 30, tzinfo=datetime.UTC)  # 2026-01-01 01:30 in Beijing
    BodyChange.objects.filter(kind=BodyChange.Kind.RENAME).update(at=made, effective_on=None)

    migration.date_earlier_renames(django_apps, None)

    dated = BodyChange.objects.filter(kind=BodyChange.Kind.RENAME).order_by("pk")
    assert [c.effective_on for c in dated] == [D(2026, 1, 1), None]  # the code change stays undated


# --- the pages ----------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, district_admin):
    client.force_login(district_admin)
    return client


def test_the_add_page_takes_a_founding_date(admin_client, district):
    response = admin_client.post(
        reverse("bodies:add_child", args=[district.pk]),
        {"name": "东山街道办事处", "level": "subdistrict", "founded_on": "2025-03-01"},
    )

    assert response.status_code == 302
    assert Body.objects.get(name="东山街道办事处").founded_on == D(2025, 3, 1)
    assert "成立于2025-03-01" in admin_client.get(response.url).content.decode()  # the tree
    history = admin_client.get(reverse("bodies:history", args=[Body.objects.get(name="东山街道办事处").pk]))
    assert "成立日期：2025-03-01" in history.content.decode()


@pytest.mark.parametrize(
    ("founded", "message"),
    [
        ("2999-01-01", "成立日期2999-01-01晚于今天，请填写已经成立的日期"),
        ("2025-02-30", "成立日期：输入一个有效的日期。"),
    ],
)
def test_the_add_page_refuses_a_bad_founding_date_saying_why(admin_client, district, founded, message):
    response = admin_client.post(
        reverse("bodies:add_child", args=[district.pk]),
        {"name": "东山街道办事处", "level": "subdistrict", "founded_on": founded},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Body.objects.filter(name="东山街道办事处").exists()


def test_the_edit_page_dates_a_rename_and_the_history_shows_it(admin_client, district, street):
    url = reverse("bodies:edit", args=[street.pk])
    form = admin_client.get(url)
    assert "更名生效日期" in form.content.decode() and "成立日期" in form.content.decode()
    assert form.context["form"]["effective_on"].value() == timezone.localdate()

    response = admin_client.post(
        url,
        {
            "name": "只楚街道",
            "short_name": "只楚",
            "level": "subdistrict",
            "code": "",
            "founded_on": "2010-05-01",
            "effective_on": "2024-03-01",
            "reason": "区划更名",
        },
    )

    assert response.status_code == 302
    tree = admin_client.get(response.url).content.decode()
    assert "已修改“只楚街道办事处”的名称信息，现名“只楚街道”，自2024-03-01起生效" in tree
    body = Body.objects.get(pk=street.pk)
    assert (body.name, body.founded_on) == ("只楚街道", D(2010, 5, 1))
    assert body.name_on(D(2024, 2, 29)) == "只楚街道办事处"
    history = admin_client.get(reverse("bodies:history", args=[street.pk])).content.decode()
    assert "生效日期：2024-03-01" in history
    assert "名称：只楚街道办事处 → 只楚街道" in history
    assert "成立日期：— → 2010-05-01" in history


def test_the_edit_page_refuses_a_rename_dated_before_the_founding_date(admin_client, street):
    response = admin_client.post(
        reverse("bodies:edit", args=[street.pk]),
        {
            "name": "只楚街道",
            "short_name": "只楚",
            "level": "subdistrict",
            "founded_on": "2020-01-01",
            "effective_on": "2019-12-31",
        },
    )

    assert response.status_code == 200
    assert (
        "生效日期2019-12-31早于“只楚街道办事处”的成立日期（2020-01-01），请填写成立以后的日期"
        in response.content.decode()
    )
    body = Body.objects.get(pk=street.pk)
    assert (body.name, body.founded_on) == ("只楚街道办事处", None)  # nothing saved
    assert not BodyChange.objects.filter(kind=BodyChange.Kind.RENAME).exists()


def test_the_edit_page_shows_the_founding_date_entered_before(admin_client, district_admin, district):
    body = add(district_admin, district, "东山街道办事处", D(2025, 3, 1))

    form = admin_client.get(reverse("bodies:edit", args=[body.pk]))

    assert 'value="2025-03-01"' in form.content.decode()

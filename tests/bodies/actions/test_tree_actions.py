"""The body-tree rules: who may change what, cycles refused, merges keep history, the tree by year."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.bodies.actions import members as actions
from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.models import Body, BodyChange, StaffMembership
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.models import ImportedReport


def names(pairs: list[tuple[Body, int]]) -> list[tuple[str, int]]:
    return [(b.name, depth) for b, depth in pairs]


# --- add and rename ---------------------------------------------------------------------------


def test_adding_a_body_writes_its_history(district_admin, street):
    body = tree_actions.add_body(
        actor=district_admin,
        parent=street,
        name=" 北关社区 ",
        level=Body.Level.OTHER,
        code="C-9",
        reason="新设",
    )

    assert (body.name, body.parent, body.code) == ("北关社区", street, "C-9")
    change = BodyChange.objects.get(body=body)
    assert change.kind == BodyChange.Kind.ADD
    assert change.actor == district_admin and change.actor_name == "district_admin"
    assert change.before == {}
    assert change.after["name"] == "北关社区" and change.after["parent"] == "只楚街道办事处"
    assert change.reason == "新设"


def test_a_clerk_may_not_add_a_body(clerk, street):
    with pytest.raises(PermissionDenied):
        tree_actions.add_body(actor=clerk, parent=street, name="北关社区", level=Body.Level.OTHER)
    assert not Body.objects.filter(name="北关社区").exists()


def test_a_code_in_use_is_refused_naming_its_holder(district_admin, street, community):
    with pytest.raises(ValidationError) as e:
        tree_actions.add_body(
            actor=district_admin, parent=street, name="北关社区", level="other", code="C-001"
        )
    assert e.value.messages == ["机构代码“C-001”已由“南沟社区居民委员会”使用"]


@pytest.mark.parametrize(
    ("name", "level", "message"),
    [
        ("  ", "other", "请填写机关名称"),
        ("北关社区", "village", "请选择有效的层级"),
        ("名" * 201, "other", "机关名称不能超过200个字（现有201个）"),
    ],
)
def test_bad_input_is_refused_with_a_message(district_admin, street, name, level, message):
    with pytest.raises(ValidationError) as e:
        tree_actions.add_body(actor=district_admin, parent=street, name=name, level=level)
    assert e.value.messages == [message]


def test_a_rename_keeps_the_old_name_in_the_history(district_admin, street, seed):
    imported = import_report(actor=None, body=street, data=seed("000"), filename="000.txt", confirmed=True)
    data_before = dict(imported.data)

    tree_actions.rename_body(
        actor=district_admin, body=street, name="只楚街道", short_name="只楚", code="S-1", reason="更名"
    )

    street.refresh_from_db()
    assert (street.name, street.short_name, street.code) == ("只楚街道", "只楚", "S-1")
    change = BodyChange.objects.get(body=street, kind=BodyChange.Kind.RENAME)
    assert change.before["name"] == "只楚街道办事处" and change.after["name"] == "只楚街道"
    assert change.before["code"] == "" and change.after["code"] == "S-1"
    imported.refresh_from_db()
    assert imported.data == data_before  # the report keeps the name it carries


def test_a_rename_with_no_change_is_refused(district_admin, street):
    with pytest.raises(ValidationError) as e:
        tree_actions.rename_body(
            actor=district_admin, body=street, name=street.name, short_name=street.short_name, code=""
        )
    assert e.value.messages == ["名称、简称、机构代码、层级和成立日期都没有改动"]


# --- move -------------------------------------------------------------------------------------


def test_moving_a_body_under_itself_is_refused(district_admin, street):
    with pytest.raises(ValidationError) as e:
        tree_actions.move_body(actor=district_admin, body=street, new_parent=street)
    assert e.value.messages == ["不能把“只楚街道办事处”移到它自己或它的下级机关“只楚街道办事处”之下"]


def test_moving_a_body_under_its_own_descendant_is_refused(district_admin, district, street, community):
    with pytest.raises(ValidationError) as e:
        tree_actions.move_body(actor=district_admin, body=street, new_parent=community)
    assert e.value.messages == ["不能把“只楚街道办事处”移到它自己或它的下级机关“南沟社区居民委员会”之下"]
    street.refresh_from_db()
    assert street.parent == district
    assert not BodyChange.objects.filter(kind=BodyChange.Kind.MOVE).exists()


def test_moving_outside_the_actors_area_is_refused(district_admin, neighbour_admin, street, neighbour):
    with pytest.raises(PermissionDenied):  # the district's admin does not manage the neighbour
        tree_actions.move_body(actor=district_admin, body=street, new_parent=neighbour)
    with pytest.raises(PermissionDenied):  # nor may the neighbour's admin take a 街道 not theirs
        tree_actions.move_body(actor=neighbour_admin, body=street, new_parent=neighbour)
    assert Body.objects.get(pk=street.pk).parent_id != neighbour.pk


def test_a_street_admin_may_not_move_the_street_itself(street_admin, street, other_street):
    with pytest.raises(PermissionDenied):
        tree_actions.move_body(actor=street_admin, body=street, new_parent=other_street)


def test_a_move_takes_the_subtree_and_is_recorded(district_admin, district, street, other_street, community):
    tree_actions.move_body(actor=district_admin, body=community, new_parent=other_street, reason="区划调整")

    assert names(area_bodies(other_street)) == [("西高皇街道办事处", 0), ("南沟社区居民委员会", 1)]
    assert names(area_bodies(street)) == [("只楚街道办事处", 0)]
    change = BodyChange.objects.get(kind=BodyChange.Kind.MOVE)
    assert (change.body, change.related_body) == (community, other_street)
    assert (change.before["parent"], change.after["parent"]) == ("只楚街道办事处", "西高皇街道办事处")
    assert change.reason == "区划调整"


def test_a_superuser_may_move_across_districts(superuser, street, neighbour, community):
    tree_actions.move_body(actor=superuser, body=street, new_parent=neighbour)

    assert names(area_bodies(neighbour)) == [
        ("另一区人民政府", 0),
        ("只楚街道办事处", 1),
        ("南沟社区居民委员会", 2),
    ]


# --- merge ------------------------------------------------------------------------------------


def test_a_merge_moves_children_and_staff_and_keeps_the_reports(
    district_admin, district, street, other_street, community, clerk, other_clerk, seed
):
    imported = import_report(actor=None, body=street, data=seed("000"), filename="000.txt", confirmed=True)
    # other_clerk also works for 只楚 as 审核人: at 西高皇 they stay 经办人.
    actions.add_member(actor=None, body=street, user=other_clerk, role=StaffMembership.Role.REVIEWER)

    tree_actions.merge_body(
        actor=district_admin, body=street, into=other_street, on=datetime.date(2025, 3, 1), reason="撤并"
    )

    street.refresh_from_db()
    assert (street.ended_on, street.merged_into, street.status_label) == (
        datetime.date(2025, 3, 1),
        other_street,
        "已撤并",
    )
    assert street.parent == district  # kept where it was: past years still find it
    community.refresh_from_db()
    assert community.parent == other_street
    assert set(StaffMembership.objects.filter(body=other_street).values_list("user__username", "role")) == {
        ("zhichu_clerk", "clerk"),
        ("xigaohuang_clerk", "clerk"),
    }
    assert not StaffMembership.objects.filter(body=street).exists()
    assert ImportedReport.objects.get(pk=imported.pk).body_id == street.pk
    change = BodyChange.objects.get(kind=BodyChange.Kind.MERGE)
    assert (change.body, change.related_body, change.reason) == (street, other_street, "撤并")
    assert change.before["ended_on"] is None and change.after["ended_on"] == "2025-03-01"
    assert change.after["children_moved"] == ["南沟社区居民委员会"]
    assert [m["username"] for m in change.after["staff_moved"]] == ["zhichu_clerk"]
    assert change.after["staff_already_at_target"][0]["username"] == "xigaohuang_clerk"
    assert change.after["staff_already_at_target"][0]["role_at_target"] == "clerk"


@pytest.mark.parametrize("target", ["street", "community"])
def test_merging_into_itself_or_below_is_refused(district_admin, street, community, target):
    into = {"street": street, "community": community}[target]
    with pytest.raises(ValidationError):
        tree_actions.merge_body(actor=district_admin, body=street, into=into)
    street.refresh_from_db()
    assert street.ended_on is None
    assert community.parent_id == street.pk


def test_a_merged_body_can_be_neither_merged_again_nor_renamed(district_admin, street, other_street):
    tree_actions.merge_body(actor=district_admin, body=street, into=other_street)

    with pytest.raises(ValidationError) as e:
        tree_actions.merge_body(actor=district_admin, body=street, into=other_street)
    assert e.value.messages == ["“只楚街道办事处”已撤并，不能撤并"]
    with pytest.raises(ValidationError):
        tree_actions.rename_body(actor=district_admin, body=street, name="新名", short_name="", code="")


def test_a_merge_dated_in_the_future_is_refused(district_admin, street, other_street):
    with pytest.raises(ValidationError):
        tree_actions.merge_body(
            actor=district_admin, body=street, into=other_street, on=datetime.date(2999, 1, 1)
        )
    assert Body.objects.get(pk=street.pk).ended_on is None


def test_a_clerk_may_not_merge(clerk, street, other_street):
    with pytest.raises(PermissionDenied):
        tree_actions.merge_body(actor=clerk, body=street, into=other_street)


# --- dissolve ---------------------------------------------------------------------------------


def test_a_body_with_current_children_is_not_dissolved(district_admin, street, community):
    with pytest.raises(ValidationError) as e:
        tree_actions.dissolve_body(actor=district_admin, body=street)
    assert e.value.messages == ["“只楚街道办事处”还有下级机关（南沟社区居民委员会），请先调整隶属或撤并"]


def test_dissolving_ends_the_memberships_and_records_them(district_admin, street, clerk):
    tree_actions.dissolve_body(actor=district_admin, body=street, on=datetime.date(2024, 6, 30))

    street.refresh_from_db()
    assert (street.ended_on, street.status_label) == (datetime.date(2024, 6, 30), "已撤销")
    assert not StaffMembership.objects.filter(body=street).exists()
    clerk.refresh_from_db()
    assert clerk.is_active  # the account stays
    change = BodyChange.objects.get(kind=BodyChange.Kind.DEACTIVATE)
    assert change.before["staff"] == [
        {"username": "zhichu_clerk", "user_id": clerk.pk, "role": "clerk", "role_label": "经办人"}
    ]


# --- the tree by year -------------------------------------------------------------------------


def test_the_tree_by_year_keeps_a_merged_body_for_the_years_it_existed(
    district_admin, district, street, other_street, community
):
    tree_actions.merge_body(
        actor=district_admin, body=street, into=other_street, on=datetime.date(2025, 3, 1)
    )

    current = [("某某区人民政府", 0), ("西高皇街道办事处", 1), ("南沟社区居民委员会", 2)]
    assert names(area_bodies(district, current=True)) == current
    assert names(area_bodies(district, year=2025)) == current  # gone before the end of 2025
    assert names(area_bodies(district, year=2024)) == [
        ("某某区人民政府", 0),
        ("只楚街道办事处", 1),
        ("西高皇街道办事处", 1),
        ("南沟社区居民委员会", 2),
    ]
    assert len(area_bodies(district)) == 4  # no filter: every body, as before bodies could end


def test_an_ended_root_is_still_listed_as_the_root(district_admin, street, other_street):
    tree_actions.merge_body(actor=district_admin, body=street, into=other_street)

    assert names(area_bodies(street, current=True)) == [("只楚街道办事处", 0)]


def test_the_kept_tree_follows_every_change_of_the_body_table(district_admin, district, street):
    """area_bodies keeps a walked tree per process; an addition or a rename shows at once."""

    def listed() -> list[str]:
        return [b.name for b, _ in area_bodies(district)]

    first = listed()
    assert listed() == first and area_bodies(district)[0][0] is area_bodies(district)[0][0]  # kept
    added = tree_actions.add_body(
        actor=district_admin, parent=district, name="新设街道办事处", level=Body.Level.SUBDISTRICT
    )
    assert "新设街道办事处" in listed()
    tree_actions.rename_body(actor=district_admin, body=added, name="更名街道办事处", short_name="", code="")
    assert "更名街道办事处" in listed() and "新设街道办事处" not in listed()

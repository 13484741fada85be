"""The body's settings pages: review chain, 索引号 rule, sensitive words — 管理员/分管领导 only, every
change recorded with before and after."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.chain import review_chain
from gongkai.disclosure.actions.review import approve_step, publish, submit_for_review
from gongkai.disclosure.actions.settings import (
    Step,
    preview_index,
    set_index_rule,
    set_review_chain,
    set_sensitive_words,
)
from gongkai.disclosure.models import IndexCounter, RegisterEvent, SensitiveWord
from tests.disclosure.conftest import Role, _staff

SHORT = [Step("check", "reviewer"), Step("final", "leader", is_secrecy_review=True)]


@pytest.fixture(autouse=True)
def _staffed(reviewer, leader) -> None:  # type: ignore[no-untyped-def]
    """The street has a 审核人 and a 分管领导: a chain may only name roles someone holds."""


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def _chain(body) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    return [(s.get_name_display(), s.get_role_display(), s.is_secrecy_review) for s in review_chain(body)]


def test_the_leader_shortens_the_chain_and_the_change_is_recorded(street, leader):
    set_review_chain(actor=leader, body=street, steps=SHORT)

    assert _chain(street) == [
        ("撰稿", "经办人", False),
        ("核对", "审核人", False),
        ("终审", "分管领导", True),
    ]
    event = RegisterEvent.objects.get(body=street, kind="review_chain_changed")
    assert event.actor == leader
    assert [s["name"] for s in event.data["before"]] == ["drafting", "check", "second", "secrecy", "final"]
    assert [s["name"] for s in event.data["after"]] == ["drafting", "check", "final"]


def test_an_item_follows_the_shortened_chain(street, leader, make_item, clerk, reviewer):
    set_review_chain(actor=leader, body=street, steps=SHORT)
    item = submit_for_review(make_item(), actor=clerk)
    item = approve_step(item, actor=reviewer)
    item = approve_step(item, actor=leader)

    assert item.status == "approved"
    assert publish(item, actor=clerk).status == "published"


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "至少需要一个审核环节"),
        ([Step("check", "reviewer")], "必须包含保密审查"),
        (
            [Step("secrecy", "reviewer"), Step("check", "reviewer")],
            "最后一个环节（第3个，“核对”）须由分管领导办理，现在是“审核人”",
        ),
        ([Step("drafting", "clerk"), Step("final", "leader", True)], "第2个环节：“撰稿”只能是第一个环节"),
        ([Step("secrecy", "supervisor"), Step("final", "leader")], "第2个环节：“监督人员”不能办理审核环节"),
        ([Step("", "reviewer"), Step("final", "leader", True)], "第2个环节：请选择环节名称"),
    ],
)
def test_a_bad_chain_is_refused_with_the_reason(street, street_admin, steps, message):
    before = _chain(street)

    with pytest.raises(DisclosureError, match=message):
        set_review_chain(actor=street_admin, body=street, steps=steps)
    assert _chain(street) == before
    assert not RegisterEvent.objects.filter(kind="review_chain_changed").exists()


def test_a_step_named_secrecy_review_counts_as_the_secrecy_review(street, street_admin):
    set_review_chain(
        actor=street_admin, body=street, steps=[Step("secrecy", "reviewer"), Step("final", "leader")]
    )

    assert _chain(street)[1] == ("保密审查", "审核人", True)


def test_the_chain_cannot_change_while_an_item_is_in_review(street, leader, make_item, clerk):
    submit_for_review(make_item(), actor=clerk)

    with pytest.raises(DisclosureError, match="有1条信息或变更正在审核或待发布"):
        set_review_chain(actor=leader, body=street, steps=SHORT)


def test_drafters_and_reviewers_cannot_change_the_settings(street, clerk, reviewer):
    for user in (clerk, reviewer):
        with pytest.raises(PermissionDenied):
            set_review_chain(actor=user, body=street, steps=SHORT)
        with pytest.raises(PermissionDenied):
            set_index_rule(actor=user, body=street, pattern="{seq}")
        with pytest.raises(PermissionDenied):
            set_sensitive_words(actor=user, body=street, text="某词")


def test_the_index_preview_shows_the_next_number_without_using_it(street, street_admin):
    IndexCounter.objects.create(body=street, year=2025, last=41)

    assert preview_index(street, "{code}/{year}-{seq:05d}", "ZC", year=2025) == "ZC/2025-00042"
    assert preview_index(street, "ZC-{year}-{seq}", year=2025) == "ZC-2025-42"
    assert IndexCounter.objects.get(body=street, year=2025).last == 41


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{code}/{yr}-{seq}", "占位符{yr}无法识别"),
        ("{code}-{seq:zz}", "占位符{seq:zz}的格式“zz”无效"),
        ("{code:05d}-{seq}", "占位符{code:05d}的格式“05d”无效"),
        ("{code}/{year}", "必须包含流水号 {seq}"),
        ("{code}/{year}-{seq", "花括号不成对"),
        ("   ", "请填写索引号格式"),
    ],
)
def test_a_bad_index_pattern_is_refused_naming_the_placeholder(street, street_admin, pattern, message):
    with pytest.raises(DisclosureError, match=message.replace("{", r"\{").replace("}", r"\}")):
        set_index_rule(actor=street_admin, body=street, pattern=pattern)
    assert not RegisterEvent.objects.filter(kind="index_rule_changed").exists()


def test_the_index_rule_is_used_at_publication_and_recorded(
    street, street_admin, make_item, approve_all, clerk
):
    set_index_rule(actor=street_admin, body=street, pattern="ZCJD-{year}-{seq:03d}", code="")

    item = publish(approve_all(make_item()), actor=clerk)

    assert item.index_number == f"ZCJD-{item.published_on.year}-001"
    event = RegisterEvent.objects.get(kind="index_rule_changed")
    assert event.data["before"] == {"pattern": "{code}/{year}-{seq:05d}", "code": ""}
    assert event.data["after"] == {"pattern": "ZCJD-{year}-{seq:03d}", "code": ""}


def test_sensitive_words_are_one_a_line_deduplicated_and_recorded(street, leader):
    SensitiveWord.objects.create(body=street, word="旧词")

    words = set_sensitive_words(actor=leader, body=street, text="内部资料\n\n  绝密  \n内部资料\n")

    assert words == ["内部资料", "绝密"]
    assert sorted(SensitiveWord.objects.filter(body=street).values_list("word", flat=True)) == [
        "内部资料",
        "绝密",
    ]
    event = RegisterEvent.objects.get(kind="sensitive_words_changed")
    assert (event.data["before"], event.data["added"], event.data["removed"]) == (
        ["旧词"],
        ["内部资料", "绝密"],
        ["旧词"],
    )


def test_sensitive_words_over_the_limits_are_refused(street, leader):
    with pytest.raises(DisclosureError, match="第2行的敏感词超过100个字"):
        set_sensitive_words(actor=leader, body=street, text="正常\n" + "长" * 101)
    with pytest.raises(DisclosureError, match="敏感词最多2000个，现有2001个"):
        set_sensitive_words(actor=leader, body=street, text="\n".join(f"词{n}" for n in range(2001)))
    assert not SensitiveWord.objects.exists()


def test_the_settings_page_saves_a_reordered_chain(street, leader):
    page = _client(leader)
    url = reverse("disclosure:settings", args=[street.pk])
    assert page.get(url).status_code == 200
    form = {
        "section": "chain",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-0-name": "final",
        "steps-0-role": "leader",
        "steps-0-ORDER": "3",
        "steps-1-name": "secrecy",
        "steps-1-role": "reviewer",
        "steps-1-ORDER": "2",
        "steps-2-name": "check",
        "steps-2-role": "reviewer",
        "steps-2-ORDER": "1",
    }

    assert page.post(url, form).status_code == 302
    assert [n for n, _r, _s in _chain(street)] == ["撰稿", "核对", "保密审查", "终审"]
    history = page.get(url).content.decode()
    assert "撰稿（经办人） → 核对（审核人） → 保密审查（审核人，含保密审查） → 终审（分管领导）" in history
    assert "zhichu_leader" in history

    form["steps-0-DELETE"] = "on"  # removing the leader's step leaves a chain ending with a reviewer
    response = page.post(url, form)
    assert response.status_code == 400
    assert "须由分管领导办理" in response.content.decode()


def test_the_index_preview_answers_as_you_type(street, street_admin):
    page = _client(street_admin)
    url = reverse("disclosure:index_preview", args=[street.pk])

    assert page.get(url, {"pattern": "ZC-{year}-{seq:04d}"}).json()["preview"].endswith("-0001")
    bad = page.get(url, {"pattern": "ZC-{nian}-{seq}"})
    assert bad.status_code == 400 and "占位符{nian}无法识别" in bad.json()["error"]


def test_a_drafter_gets_403_and_a_neighbouring_admin_gets_404(street, clerk, other_street):
    neighbour = _staff(other_street, "xigao_admin", Role.ADMIN)
    url = reverse("disclosure:settings", args=[street.pk])

    assert _client(clerk).get(url).status_code == 403
    assert _client(clerk).post(url, {"section": "words", "words": "某词"}).status_code == 403
    assert _client(neighbour).get(url).status_code == 404
    assert _client(neighbour).post(url, {"section": "words", "words": "某词"}).status_code == 404
    assert _client(neighbour).get(reverse("disclosure:index_preview", args=[street.pk])).status_code == 404
    assert not SensitiveWord.objects.exists()


def test_the_page_shows_the_chain_in_force_as_rows_of_the_form(street, leader):
    page = _client(leader).get(reverse("disclosure:settings", args=[street.pk])).content.decode()

    assert "现行流程" in page and "5. 终审（分管领导）" in page
    for n, name in enumerate(("check", "second", "secrecy", "final")):
        assert f'name="steps-{n}-name"' in page
        assert (
            f'<option value="{name}" selected>'
            in page.split(f'name="steps-{n}-name"')[1].split("</select>")[0]
        )


def test_a_body_without_a_stored_chain_sees_the_default_it_works_by(street, leader):
    from gongkai.disclosure.models import ReviewStep

    ReviewStep.objects.filter(body=street).delete()  # a body set up before chains were stored
    page = _client(leader).get(reverse("disclosure:settings", args=[street.pk])).content.decode()

    assert "现行流程</strong>（默认流程）" in page and "4. 保密审查（审核人，含保密审查）" in page
    assert not ReviewStep.objects.filter(body=street).exists()  # looking changes nothing


def test_one_save_adds_removes_and_reorders_several_rows(street, leader):
    page = _client(leader)
    url = reverse("disclosure:settings", args=[street.pk])
    form = {
        "section": "chain",
        "steps-TOTAL_FORMS": "6",
        "steps-INITIAL_FORMS": "4",
        # the chain in force, 复审 removed and 保密审查 moved before 核对
        "steps-0-name": "check",
        "steps-0-role": "reviewer",
        "steps-0-ORDER": "2",
        "steps-1-name": "second",
        "steps-1-role": "reviewer",
        "steps-1-ORDER": "3",
        "steps-1-DELETE": "on",
        "steps-2-name": "secrecy",
        "steps-2-role": "reviewer",
        "steps-2-ORDER": "1",
        "steps-3-name": "final",
        "steps-3-role": "leader",
        "steps-3-ORDER": "9",
        # a new row: a 复审 by the 分管领导 before 终审
        "steps-4-name": "second",
        "steps-4-role": "leader",
        "steps-4-ORDER": "5",
        "steps-5-name": "",
        "steps-5-role": "",
    }

    assert page.post(url, form).status_code == 302
    assert _chain(street) == [
        ("撰稿", "经办人", False),
        ("保密审查", "审核人", True),
        ("核对", "审核人", False),
        ("复审", "分管领导", False),
        ("终审", "分管领导", False),
    ]
    event = RegisterEvent.objects.get(body=street, kind="review_chain_changed")
    assert event.actor == leader and len(event.data["before"]) == 5 and len(event.data["after"]) == 5


def test_a_step_twice_is_refused_and_nothing_changes(street, leader):
    before = _chain(street)

    with pytest.raises(DisclosureError, match="第3个环节“核对”与第2个环节重复"):
        set_review_chain(
            actor=leader,
            body=street,
            steps=[Step("check", "reviewer"), Step("check", "reviewer"), *SHORT[1:]],
        )
    assert _chain(street) == before


def test_a_role_nobody_of_the_body_holds_is_refused(other_street):
    admin = _staff(other_street, "xigao_admin", Role.ADMIN)

    with pytest.raises(DisclosureError, match="第2个环节：本机关还没有审核人，该环节将无人办理"):
        set_review_chain(actor=admin, body=other_street, steps=SHORT)

"""The review chain tells whoever must act: an item waiting at a step goes to the holders of its role
(never its author), an item sent back goes to the author or to the step it returns to."""

from gongkai.bodies.models import Notification
from gongkai.disclosure.actions import review


def _notices(user, kind="item_to_review"):
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk"))


def test_submitting_tells_the_reviewers_of_the_next_step(make_item, clerk, reviewer, leader):
    item = review.submit_for_review(make_item(), actor=clerk)
    [notice] = _notices(reviewer)
    assert notice.link == f"/disclosure/items/{item.pk}/" and notice.body == item.body
    assert "关于2025年度低保对象名单的公示" in notice.text
    assert f"“{item.current_step.get_name_display()}”环节" in notice.text
    assert not _notices(clerk) and not _notices(leader)


def test_the_leader_is_told_when_the_item_reaches_the_final_step(make_item, clerk, reviewer, leader):
    item = review.submit_for_review(make_item(), actor=clerk)
    while item.current_step.role != "leader":
        item = review.approve_step(item, actor=reviewer)
    [notice] = _notices(leader)
    assert "终审" in notice.text


def test_a_return_to_drafting_tells_the_author_with_the_reasons(make_item, clerk, reviewer):
    item = review.submit_for_review(make_item(), actor=clerk)
    first = review.review_chain(item.body)[0]
    review.return_to_step(item, actor=reviewer, step=first, comment="名单缺少公示期限")
    [notice] = _notices(clerk, "item_returned")
    assert "退回意见：名单缺少公示期限" in notice.text
    assert not _notices(reviewer, "item_returned")

"""Removing an attachment: from a draft at once, from a 变更 round when the change is published.
Removed files are hidden, never deleted, and every removal is in the record."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.changes import (
    add_change_attachment,
    approve_change_step,
    cancel_change,
    change_attachments,
    open_change,
    remove_change_attachment,
    submit_change,
)
from gongkai.disclosure.actions.items import add_attachment, remove_attachment
from gongkai.disclosure.actions.review import submit_for_review
from gongkai.disclosure.models import Attachment
from tests.disclosure.conftest import PDF, PNG, Role, _staff


def _names(item) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.name for a in item.attachments.all()]


def _portal(item) -> str:  # type: ignore[no-untyped-def]
    return Client().get(reverse("gk:item", args=[item.body_id, item.pk])).content.decode()


def test_removing_a_drafts_attachment_hides_it_and_keeps_the_record(make_item, clerk):
    item = make_item()
    keep = add_attachment(actor=clerk, item=item, name="名单.pdf", data=PDF)
    gone = add_attachment(actor=clerk, item=item, name="照片.png", data=PNG)

    remove_attachment(actor=clerk, attachment=gone)

    assert _names(item) == ["名单.pdf"]
    gone = Attachment.all_objects.get(pk=gone.pk)
    assert (gone.live, gone.removed_by, gone.removed_at is not None) == (False, clerk, True)
    assert gone.file.read() == PNG  # the file stays for the record
    event = item.events.get(kind="detached")
    assert (event.data["name"], event.data["sha256"], event.actor) == ("照片.png", gone.sha256, clerk)
    latest = item.versions.order_by("-number").first()
    assert [a["name"] for a in latest.content["attachments"]] == ["名单.pdf"]
    assert event.data["version"] == latest.number
    assert keep.live


def test_an_attachment_is_removed_once(make_item, clerk):
    item = make_item()
    a = add_attachment(actor=clerk, item=item, name="名单.pdf", data=PDF)
    remove_attachment(actor=clerk, attachment=a)

    with pytest.raises(DisclosureError, match="已删除"):
        remove_attachment(actor=clerk, attachment=a)


def test_only_the_drafter_removes_and_only_from_a_draft(make_item, clerk, street, reviewer):
    item = make_item()
    a = add_attachment(actor=clerk, item=item, name="名单.pdf", data=PDF)
    second_clerk = _staff(street, "zhichu_clerk2", Role.CLERK)

    with pytest.raises(PermissionDenied):
        remove_attachment(actor=second_clerk, attachment=a)
    submit_for_review(item, actor=clerk)
    with pytest.raises(DisclosureError, match="只有草稿可以修改"):
        remove_attachment(actor=clerk, attachment=a)
    assert Attachment.objects.get(pk=a.pk).live


def test_in_a_change_round_the_published_files_stay_until_the_change_is_published(
    make_item, approve_all, clerk, reviewer, leader, node
):
    from gongkai.disclosure.actions.review import publish

    item = make_item()
    old = add_attachment(actor=clerk, item=item, name="旧名单.pdf", data=PDF)
    item = publish(approve_all(item), actor=clerk)
    change = open_change(item, actor=clerk, reason="更换名单", formed_on=date(2025, 10, 20))

    new = add_change_attachment(change, actor=clerk, name="新名单.png", data=PNG)
    remove_change_attachment(change, actor=clerk, attachment=old)

    assert _names(item) == ["旧名单.pdf"]  # what the portal reads
    page = _portal(item)
    assert "旧名单.pdf" in page and "新名单.png" not in page
    assert Client().get(reverse("gk:attachment", args=[new.pk])).status_code == 404
    assert [a.name for a in change_attachments(change)] == ["新名单.png"]

    change = submit_change(change, actor=clerk)
    while change.status == "in_review":
        change = approve_change_step(
            change, actor=leader if change.current_step.role == Role.LEADER else reviewer
        )

    assert _names(item) == ["新名单.png"]
    assert Client().get(reverse("gk:attachment", args=[new.pk])).status_code == 200
    assert Client().get(reverse("gk:attachment", args=[old.pk])).status_code == 404
    old = Attachment.all_objects.get(pk=old.pk)
    assert (old.live, old.removed_in, old.removed_at is not None) == (False, change, True)
    kinds = list(
        item.events.filter(change=change, kind__in=["attached", "detached"]).values_list("kind", "data__name")
    )
    assert kinds == [("attached", "新名单.png"), ("detached", "旧名单.pdf")]


def test_a_file_added_and_removed_in_the_same_round_never_goes_live(published, clerk):
    item = published()
    change = open_change(item, actor=clerk, reason="补充附件", formed_on=date(2025, 10, 20))
    added = add_change_attachment(change, actor=clerk, name="草图.png", data=PNG)

    remove_change_attachment(change, actor=clerk, attachment=added)

    assert change_attachments(change) == []
    with pytest.raises(DisclosureError, match="不在本次变更的内容中"):
        remove_change_attachment(change, actor=clerk, attachment=added)


def test_abandoning_the_round_keeps_the_files_marked_for_removal(make_item, approve_all, clerk):
    from gongkai.disclosure.actions.review import publish

    item = make_item()
    a = add_attachment(actor=clerk, item=item, name="名单.pdf", data=PDF)
    item = publish(approve_all(item), actor=clerk)
    change = open_change(item, actor=clerk, reason="删附件", formed_on=date(2025, 10, 20))
    remove_change_attachment(change, actor=clerk, attachment=a)

    cancel_change(change, actor=clerk, reason="不删了")

    a = Attachment.objects.get(pk=a.pk)
    assert (a.live, a.removed_in, a.removed_at) == (True, None, None)
    second = open_change(item, actor=clerk, reason="再看看", formed_on=date(2025, 10, 21))
    assert [x.name for x in change_attachments(second)] == ["名单.pdf"]


def test_the_remove_button_works_and_a_neighbour_gets_404(make_item, clerk, clerk_client, other_clerk):
    item = make_item()
    a = add_attachment(actor=clerk, item=item, name="名单.pdf", data=PDF)
    url = reverse("disclosure:item_act", args=[item.pk, "detach"])
    neighbour = Client()
    neighbour.force_login(other_clerk)

    assert neighbour.post(url, {"attachment": a.pk}).status_code == 404
    assert Attachment.objects.get(pk=a.pk).live
    assert "删除附件名单.pdf" in clerk_client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert clerk_client.post(url, {"attachment": a.pk}).status_code == 302
    assert not Attachment.objects.filter(pk=a.pk).exists()
    assert (
        "已删除的附件（1）" in clerk_client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    )
    # staff can still download the removed file for the record
    assert clerk_client.get(reverse("disclosure:attachment", args=[a.pk])).status_code == 200

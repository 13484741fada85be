"""Only published 主动公开 items reach the public: never drafts, items in review, 依申请公开 or
不予公开 items, nor withdrawn ones — on any page, in the 目录, in search, or as an attachment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.disclosure.actions import review
from gongkai.disclosure.actions.items import add_attachment
from gongkai.disclosure.models import Disclosure
from gongkai.portal.queries.search import search

SECRET = "保密测试词"


@pytest.fixture
def hidden(make_item, approve_all, clerk, leader, publish):
    """One item in each state the public must never see, all about 老旧小区 and the word SECRET."""
    text = f"光明里老旧小区改造{SECRET}"
    draft = make_item(title=f"草稿：老旧小区{SECRET}", body_html=f"<p>{text}</p>")
    in_review = review.submit_for_review(
        make_item(title=f"审核中：老旧小区{SECRET}", body_html=f"<p>{text}</p>"), actor=clerk
    )
    on_request = approve_all(
        make_item(
            title=f"依申请公开：老旧小区{SECRET}",
            body_html=f"<p>{text}</p>",
            disclosure=Disclosure.ON_REQUEST,
            non_disclosure_reason="涉及第三方",
        )
    )
    withheld = approve_all(
        make_item(
            title=f"不予公开：老旧小区{SECRET}",
            body_html=f"<p>{text}</p>",
            disclosure=Disclosure.WITHHELD,
            non_disclosure_reason="国家秘密",
        )
    )
    withdrawn = publish(f"已撤稿：老旧小区{SECRET}", text)
    add_attachment(actor=clerk, item=draft, name="草稿附件.pdf", data=b"%PDF-1.4\n%%EOF\n")
    withdrawn = review.withdraw(withdrawn, actor=leader, reason="内容有误")
    return [draft, in_review, on_request, withheld, withdrawn]


def test_no_hidden_item_is_on_any_page_of_the_body(client, street, library, hidden):
    urls = [
        reverse("gk:home", args=[street.pk]),
        reverse("gk:catalogue", args=[street.pk]),
        reverse("gk:node", args=[street.pk, library["renovation"].node_id]),
        reverse("gk:directory", args=[street.pk]),
        reverse("gk:search_body", args=[street.pk]) + "?q=老旧小区",
        reverse("gk:search") + "?q=光明里",
    ]
    for url in urls:
        page = client.get(url).content.decode()
        for item in hidden:
            assert reverse("gk:item", args=[street.pk, item.pk]) not in page, url
            assert item.title.split("：")[0] + "：" not in page, url
    assert (
        library["renovation"].title in client.get(reverse("gk:directory", args=[street.pk])).content.decode()
    )


def test_a_hidden_item_has_no_public_page(client, street, hidden):
    for item in hidden:
        assert client.get(reverse("gk:item", args=[street.pk, item.pk])).status_code == 404


def test_a_published_item_is_not_shown_under_another_body(client, other_street, library):
    item = library["budget"]
    assert client.get(reverse("gk:item", args=[other_street.pk, item.pk])).status_code == 404


def test_search_never_finds_a_hidden_item(library, hidden):
    assert search(SECRET).total == 0
    found = [hit.item for hit in search("老旧小区").hits]
    assert set(found) == {library["renovation"], library["mention"]}


def test_an_attachment_of_an_unpublished_item_cannot_be_downloaded(client, hidden):
    attachment = hidden[0].attachments.get()
    assert client.get(reverse("gk:attachment", args=[attachment.pk])).status_code == 404


def test_an_attachment_of_a_published_item_can(client, clerk, make_item, approve_all):
    item = make_item(title="关于公开招聘的公告")
    add_attachment(actor=clerk, item=item, name="报名表.pdf", data=b"%PDF-1.4\n%%EOF\n")
    item = review.publish(approve_all(item), actor=clerk, override_reason="测试数据")
    attachment = item.attachments.get()

    response = client.get(reverse("gk:attachment", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    page = client.get(reverse("gk:item", args=[item.body_id, item.pk])).content.decode()
    assert "报名表.pdf" in page


def test_a_withdrawn_item_leaves_the_index(library, leader):
    review.withdraw(library["budget"], actor=leader, reason="数据更正")

    assert search("部门预算").total == 0

"""The pages render for staff of the body and answer 404 to everyone else."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from gongkai.disclosure.actions.items import Draft, update_item
from gongkai.disclosure.models import DecisionCount, Item


@pytest.fixture
def item(make_item):
    return make_item()


def test_the_index_lists_my_bodies(clerk_client, street):
    response = clerk_client.get(reverse("disclosure:index"))

    assert response.status_code == 200
    assert street.name in response.content.decode()


@pytest.mark.parametrize(
    "name", ["disclosure:catalogue", "disclosure:registers", "disclosure:table2", "disclosure:item_new"]
)
def test_body_pages_render_for_its_staff(clerk_client, street, node, name):
    assert clerk_client.get(reverse(name, args=[street.pk])).status_code == 200


@pytest.mark.parametrize(
    "name", ["disclosure:catalogue", "disclosure:registers", "disclosure:table2", "disclosure:item_new"]
)
def test_body_pages_are_404_for_other_bodies_staff(other_clerk_client, street, name):
    assert other_clerk_client.get(reverse(name, args=[street.pk])).status_code == 404


def test_the_item_pages_are_404_for_other_bodies_staff(other_clerk_client, item):
    for url in [
        reverse("disclosure:item", args=[item.pk]),
        reverse("disclosure:item_edit", args=[item.pk]),
        reverse("disclosure:item_diff", args=[item.pk]) + "?a=1&b=1",
    ]:
        assert other_clerk_client.get(url).status_code == 404
    assert (
        other_clerk_client.post(reverse("disclosure:item_act", args=[item.pk, "submit"])).status_code == 404
    )
    assert item.title not in other_clerk_client.get(reverse("disclosure:items")).content.decode()


def test_logged_out_visitors_are_sent_to_login(client, item):
    response = client.get(reverse("disclosure:item", args=[item.pk]))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_clerk_writes_an_item_through_the_form(clerk_client, street, node):
    response = clerk_client.post(
        reverse("disclosure:item_new", args=[street.pk]),
        {"node": node.pk, "title": "关于春节期间值班安排的通知", "formed_on": "2025-01-20", "disclosure": "proactive",
         "body_html": "<p>值班电话见附件。</p>", "channels": ["website", "notice_board"]},
    )  # fmt: skip

    item = Item.objects.get(title="关于春节期间值班安排的通知")
    assert response.status_code == 302
    assert sorted(item.channel_values) == ["notice_board", "website"]
    page = clerk_client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert "值班电话见附件。" in page and "提交审核" in page


def test_the_item_page_shows_versions_diff_and_history(clerk_client, clerk, item):
    update_item(actor=clerk, item=item, draft=Draft(node=item.node, title=item.title, formed_on=item.formed_on, body_html="<p>经审核，以下三户家庭符合低保条件。</p>"))  # fmt: skip

    page = clerk_client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert "第2版" in page and "与上一版比较" in page and "创建" in page and "修改" in page
    diff = clerk_client.get(reverse("disclosure:item_diff", args=[item.pk]) + "?a=1&b=2")
    assert diff.status_code == 200
    assert "三户" in diff.content.decode()


def test_the_review_inbox_shows_items_waiting_at_my_step(client, clerk_client, item, reviewer, leader):
    clerk_client.post(reverse("disclosure:item_act", args=[item.pk, "submit"]))

    client.force_login(reviewer)
    assert item.title in client.get(reverse("disclosure:inbox")).content.decode()
    client.force_login(leader)
    assert item.title not in client.get(reverse("disclosure:inbox")).content.decode()


def test_a_refused_action_shows_its_chinese_message(clerk_client, item):
    response = clerk_client.post(reverse("disclosure:item_act", args=[item.pk, "publish"]), follow=True)

    assert "只有审核已通过的信息可以发布" in response.content.decode()


def test_a_reviewer_of_the_wrong_role_gets_403_from_the_page(client, clerk_client, item, leader):
    clerk_client.post(reverse("disclosure:item_act", args=[item.pk, "submit"]))
    client.force_login(leader)

    assert client.post(reverse("disclosure:item_act", args=[item.pk, "approve"])).status_code == 403


def test_the_item_list_filters_by_status_and_late_flag(clerk_client, item):
    url = reverse("disclosure:items")

    assert item.title in clerk_client.get(url + "?status=draft").content.decode()
    assert item.title not in clerk_client.get(url + "?status=published").content.decode()
    assert item.title not in clerk_client.get(url + "?late=1").content.decode()


def test_an_import_with_a_bad_cell_shows_row_and_column_and_saves_nothing(clerk_client, street):
    book = Workbook()
    for row in (
        ["年份", "月份", "行政许可", "行政处罚", "行政强制"],
        [2024, 1, 1, 1, 1],
        [2024, 2, -3, 0, 0],
    ):
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "2024.xlsx"

    response = clerk_client.post(
        reverse("disclosure:register_change", args=[street.pk, "import"]), {"file": data}, follow=True
    )

    assert "第3行“行政许可”列：-3不能小于0" in response.content.decode()
    assert not DecisionCount.objects.exists()


def test_the_table2_preview_shows_the_registers(clerk_client, street):
    clerk_client.post(
        reverse("disclosure:register_change", args=[street.pk, "month"]),
        {"year": 2024, "month": 3, "licensing": 12, "punishment": 0, "coercion": 0},
    )
    page = clerk_client.get(reverse("disclosure:table2", args=[street.pk]) + "?year=2024").content.decode()

    assert "本年处理决定数量" in page and ">12<" in page


def test_a_new_bodys_catalogue_page_shows_the_default_catalogue(client, street, street_admin):
    client.force_login(street_admin)

    page = client.get(reverse("disclosure:catalogue", args=[street.pk])).content.decode()
    assert "社会救助" in page and "第二十一条" in page and "新增" in page

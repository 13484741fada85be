"""Pages are served from the cache until the body publishes or withdraws something."""

from __future__ import annotations

from django.urls import reverse

from gongkai.disclosure.actions import review


def test_a_page_is_cached_and_a_publication_makes_it_fresh(
    client, street, publish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish("关于老旧小区改造的公示", "老旧小区改造。")
    home = reverse("gk:home", args=[street.pk])

    assert client.get(home)["X-Portal-Cache"] == "miss"
    assert client.get(home)["X-Portal-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        publish("2025年部门预算公开", "部门预算。")

    response = client.get(home)
    assert response["X-Portal-Cache"] == "miss"
    assert "2025年部门预算公开" in response.content.decode()


def test_a_withdrawal_takes_the_item_off_cached_pages_and_search(
    client, street, publish, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = publish("关于老旧小区改造的公示", "老旧小区改造。")
    search = reverse("gk:search") + "?q=老旧小区"
    home = reverse("gk:home", args=[street.pk])
    assert item.title in client.get(home).content.decode()
    assert "找到 1 条结果" in client.get(search).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        review.withdraw(item, actor=leader, reason="内容有误")

    assert item.title not in client.get(home).content.decode()
    assert "找到 0 条结果" in client.get(search).content.decode()


def test_the_large_text_version_is_cached_apart(client, street, db):
    home = reverse("gk:home", args=[street.pk])
    client.get(home)
    client.cookies["gk_large"] = "1"

    response = client.get(home)

    assert response["X-Portal-Cache"] == "miss"
    assert 'class="large"' in response.content.decode()


def test_another_body_keeps_its_cache(
    client, street, other_street, publish, django_capture_on_commit_callbacks
):
    other = reverse("gk:home", args=[other_street.pk])
    client.get(other)

    with django_capture_on_commit_callbacks(execute=True):
        publish("关于老旧小区改造的公示", "老旧小区改造。")

    assert client.get(other)["X-Portal-Cache"] == "hit"

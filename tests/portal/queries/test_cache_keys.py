"""What a cached page is keyed by: the body, its version, the normalised parameters the page reads."""

from __future__ import annotations

from django.core.cache import cache as django_cache
from django.http import QueryDict
from django.urls import reverse

from gongkai.disclosure.actions import review
from gongkai.portal.queries import cache, context
from tests.portal.conftest import BUDGET, RENOVATION


def search_url(body) -> str:  # type: ignore[no-untyped-def]
    return reverse("gk:search_body", args=[body.pk])


def test_a_cached_search_page_shows_an_item_published_after_it(
    client, street, publish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(*RENOVATION)
    for url in (search_url(street), reverse("gk:search")):
        first = client.get(url, {"q": "公示"})
        assert (first["X-Portal-Cache"], "找到 1 条结果" in first.content.decode()) == ("miss", True)
        assert client.get(url, {"q": "公示"})["X-Portal-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        publish("关于光明里停车秩序整治的公示", "规范停车秩序。")

    for url in (search_url(street), reverse("gk:search")):
        again = client.get(url, {"q": "公示"})
        assert again["X-Portal-Cache"] == "miss"
        assert "找到 2 条结果" in again.content.decode()
        assert "关于光明里停车秩序整治的<mark>公示</mark>" in again.content.decode()


def test_a_cached_search_page_drops_a_withdrawn_item(
    client, street, publish, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = publish(*BUDGET)
    assert "找到 1 条结果" in client.get(search_url(street), {"q": "部门预算"}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        review.withdraw(item, actor=leader, reason="内容有误")

    response = client.get(search_url(street), {"q": "部门预算"})
    assert response["X-Portal-Cache"] == "miss"
    assert "找到 0 条结果" in response.content.decode()
    assert client.get(reverse("gk:item", args=[street.pk, item.pk])).status_code == 404


def test_a_page_cached_for_one_body_is_not_served_for_another(client, street, other_street, library):
    ours = client.get(search_url(street), {"q": "老旧小区"})
    theirs = client.get(search_url(other_street), {"q": "老旧小区"})

    assert "找到 2 条结果" in ours.content.decode()
    assert theirs["X-Portal-Cache"] == "miss"
    assert "找到 0 条结果" in theirs.content.decode()
    assert "西高皇街道办事处" in theirs.content.decode()
    assert "只楚街道办事处" not in theirs.content.decode()

    item = library["renovation"]
    assert client.get(reverse("gk:item", args=[street.pk, item.pk])).status_code == 200
    assert client.get(reverse("gk:item", args=[other_street.pk, item.pk])).status_code == 404


def test_spacing_order_and_unread_parameters_do_not_make_another_page(client, street, library):
    url = search_url(street)
    assert client.get(url, {"q": "老旧小区  改造", "start": "2025-01-01"})["X-Portal-Cache"] == "miss"

    same = client.get(
        url + "?start=2025-01-01&utm_source=x&q=%20%E8%80%81%E6%97%A7%E5%B0%8F%E5%8C%BA%20%E6%94%B9%E9%80%A0"
    )
    assert same["X-Portal-Cache"] == "hit"
    assert (
        client.get(url, {"q": "老旧小区 改造", "start": "2025-01-01", "end": ""})["X-Portal-Cache"] == "hit"
    )

    assert client.get(url, {"q": "老旧小区 改造", "start": "2025-01-02"})["X-Portal-Cache"] == "miss"
    assert client.get(url, {"q": "老旧小区", "start": "2025-01-01"})["X-Portal-Cache"] == "miss"


def test_an_item_page_ignores_its_query_string():
    assert cache.normal_params(QueryDict("page=2&utm=1"), ()).urlencode() == ""


def test_normal_params_keep_the_named_ones_in_order_last_value_spaces_collapsed():
    query = QueryDict("page=2&q=%20a%20%20b%20&q=c%20%20d&node=&x=1")

    assert cache.normal_params(query, ("q", "node", "page")).urlencode() == "q=c+d&page=2"


def test_a_lost_version_never_matches_old_pages(street, db):
    before = cache.version(street.pk)
    django_cache.clear()  # as if the cache had culled the version key

    assert cache.version(street.pk) != before
    cache.bump(street.pk)
    assert cache.version(street.pk) > before


def test_the_kept_body_context_follows_a_publication(
    client, street, publish, django_capture_on_commit_callbacks
):
    kept = context.body_context(street.pk)
    assert context.body_context(street.pk) is kept

    with django_capture_on_commit_callbacks(execute=True):
        publish(*RENOVATION)

    assert context.body_context(street.pk) is not kept

"""A ledger change that alters a published item's 有效性 makes the body's cached portal pages stale."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure.actions.ledger import link_document
from gongkai.disclosure.actions.registers import register_document, repeal_document

VALIDITY = '<th scope="row">有效性</th><td colspan="3">{}</td>'


def _page(client, item):  # type: ignore[no-untyped-def]
    return client.get(reverse("gk:item", args=[item.body_id, item.pk]))


def test_repealing_the_entry_shows_repealed_on_the_cached_item_page(
    client, published, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = published(ledger_kind="normative_documents")
    assert VALIDITY.format("有效") in _page(client, item).content.decode()
    assert _page(client, item)["X-Portal-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        repeal_document(actor=clerk, document=item.document, repealed_on=date(2025, 11, 1))

    response = _page(client, item)
    assert response["X-Portal-Cache"] == "miss"
    assert VALIDITY.format("废止") in response.content.decode()


def test_linking_a_published_item_to_the_ledger_refreshes_its_page(
    client, published, street, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = published()
    document = register_document(
        actor=clerk, body=street, kind="normative_documents", title="旧文件", issued_on=date(2025, 2, 1)
    )
    repeal_document(actor=clerk, document=document, repealed_on=date(2025, 3, 1))
    assert VALIDITY.format("—") in _page(client, item).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        link_document(actor=clerk, item=item, document=document)

    assert VALIDITY.format("废止") in _page(client, item).content.decode()


def test_a_ledger_change_no_published_item_shows_leaves_the_cache(
    client, published, street, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = published()
    _page(client, item)
    document = register_document(
        actor=clerk, body=street, kind="regulations", title="只楚街道管理规定", issued_on=date(2025, 3, 1)
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        repeal_document(actor=clerk, document=document, repealed_on=date(2025, 6, 1))

    assert callbacks == []
    assert _page(client, item)["X-Portal-Cache"] == "hit"


def test_a_document_expiring_overnight_shows_expired_the_next_morning(client, published, monkeypatch):
    """Nothing is written at midnight, yet the cached page of yesterday must not say 有效 today."""
    item = published(ledger_kind="normative_documents")
    today = timezone.localdate()
    item.document.expires_on = today  # in force to the end of today (失效 from tomorrow)
    item.document.save(update_fields=["expires_on"])
    assert VALIDITY.format("有效") in _page(client, item).content.decode()
    assert _page(client, item)["X-Portal-Cache"] == "hit"

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))

    response = _page(client, item)
    assert response["X-Portal-Cache"] == "miss"
    assert VALIDITY.format("失效") in response.content.decode()

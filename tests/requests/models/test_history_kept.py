"""A request's history (its Events) cannot be lost: deleting a request that has any is refused by
Django (``on_delete=PROTECT``), by the database's foreign key for raw SQL, and by the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from gongkai.requests.models import Event, Request, RequestItem


def test_deleting_a_request_with_events_is_refused(request_):
    assert request_.events.exists()
    with pytest.raises(ProtectedError):
        request_.delete()
    with pytest.raises(ProtectedError):
        Request.objects.filter(pk=request_.pk).delete()
    assert Request.objects.filter(pk=request_.pk).exists()
    assert Event.objects.filter(request=request_).exists()


def test_the_database_refuses_it_too(request_):
    """Raw SQL skips Django's PROTECT: the foreign key itself keeps the events' request."""
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {RequestItem._meta.db_table} WHERE request_id = %s", [request_.pk])
        cursor.execute(f"DELETE FROM {Request._meta.db_table} WHERE id = %s", [request_.pk])
        connection.check_constraints(table_names=[Event._meta.db_table])
    assert Request.objects.filter(pk=request_.pk).exists()


def test_the_admin_cannot_delete_a_request_or_the_body_holding_it(client, request_, street):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "a long root passphrase")
    client.force_login(root)
    for url in (
        f"/admin/requests/request/{request_.pk}/delete/",
        f"/admin/requests/event/{request_.events.first().pk}/delete/",
    ):
        assert client.post(url, {"post": "yes"}).status_code == 404, url
    response = client.post(f"/admin/bodies/body/{street.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Request.objects.filter(pk=request_.pk).exists()
    assert Event.objects.filter(request=request_).count() >= 1

"""What a body's portal pages show of the body itself — its name, short name, place in the tree, its
catalogue, its office's contact details — is fresh on the next request after a change: each change
bumps the body's portal version (bodies.actions.hooks.on_body_changed), not only a publication."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from gongkai.bodies.actions import tree
from gongkai.disclosure.actions import catalogue


def page(client, name: str, *args: int) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, name
    return response.content.decode()


def cached_twice(client, name: str, *args: int) -> str:  # type: ignore[no-untyped-def]
    """Read the page twice, so the second reading comes from the page cache."""
    page(client, name, *args)
    response = client.get(reverse(name, args=args))
    assert response["X-Portal-Cache"] == "hit", name
    return response.content.decode()


def test_a_rename_shows_on_the_bodys_pages_and_the_pages_across_bodies(
    client, district_admin, street, django_capture_on_commit_callbacks
):
    for name in ("gk:home", "gk:guide"):
        assert "只楚街道办事处" in cached_twice(client, name, street.pk)
    assert "只楚街道办事处" in cached_twice(client, "gk:search")  # its choice of bodies

    with django_capture_on_commit_callbacks(execute=True):
        tree.rename_body(
            actor=district_admin, body=street, name="只楚街道办事处（新）", short_name="只楚", code=""
        )

    for name in ("gk:home", "gk:guide"):
        assert "只楚街道办事处（新）" in page(client, name, street.pk), name
    for name in ("gk:search", "gk:bodies"):
        assert "只楚街道办事处（新）" in page(client, name), name


def test_a_new_short_name_alone_shows_too(client, district_admin, street, django_capture_on_commit_callbacks):
    street.refresh_from_db()
    cached_twice(client, "gk:home", street.pk)

    with django_capture_on_commit_callbacks(execute=True):
        tree.rename_body(
            actor=district_admin, body=street, name=street.name, short_name="新只楚", code=street.code
        )

    assert client.get(reverse("gk:home", args=[street.pk]))["X-Portal-Cache"] == "miss"


def test_a_rename_rolled_back_leaves_the_cached_pages(
    client, district_admin, street, django_capture_on_commit_callbacks
):
    cached_twice(client, "gk:home", street.pk)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tree.rename_body(
            actor=district_admin, body=street, name="只楚街道办事处（新）", short_name="", code=""
        )
        raise RuntimeError("undone")

    assert client.get(reverse("gk:home", args=[street.pk]))["X-Portal-Cache"] == "hit"


def test_a_renamed_catalogue_node_shows_in_the_guide(
    client, street_admin, street, node, django_capture_on_commit_callbacks
):
    assert node.name in cached_twice(client, "gk:guide", street.pk)

    with django_capture_on_commit_callbacks(execute=True):
        catalogue.rename_node(actor=street_admin, node=node, name="通知公告")

    assert "通知公告" in page(client, "gk:guide", street.pk)


def test_new_contact_details_show_in_the_guide(
    client, street_admin, street, letter_settings, django_capture_on_commit_callbacks
):
    assert "010-12345678" in cached_twice(client, "gk:guide", street.pk)
    client.force_login(street_admin)
    url = reverse("requests:letter_settings", args=[street.pk])
    form = {
        "review_organ": "某某区人民政府",
        "court": "某某区人民法院",
        "remedy_text": letter_settings.remedy_text,
        "office_address": "某某区某某路2号",
        "office_phone": "010-87654321",
    }

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form).status_code == 302
    client.logout()

    guide = page(client, "gk:guide", street.pk)
    assert "010-87654321" in guide and "某某区某某路2号" in guide

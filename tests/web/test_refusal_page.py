"""A refusal (PermissionDenied) answers 403 on a Chinese page that says why, with the refusal's own
message; a refusal without one gets the general wording."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from gongkai.web.views import permission_denied


def test_a_clerk_opening_the_disclosure_settings_is_told_who_may(clerk_client, street):
    response = clerk_client.get(reverse("disclosure:settings", args=[street.pk]))

    assert response.status_code == 403
    page = response.content.decode()
    assert "无权进行此操作（403）" in page
    assert "只有本机关的管理员或分管领导可以修改公开设置" in page
    assert reverse("home") in page  # the way back to one's own work


def test_a_clerk_managing_the_staff_of_their_body_is_told_only_an_administrator_may(clerk_client, street):
    response = clerk_client.get(reverse("bodies:staff", args=[street.pk]))

    assert response.status_code == 403
    assert "只有管理员可以调整机关和人员" in response.content.decode()


def test_a_refusal_without_a_message_gets_the_general_wording(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    page = permission_denied(request, PermissionDenied()).content.decode()

    assert "您没有权限进行这项操作" in page

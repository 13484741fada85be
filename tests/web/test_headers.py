"""Issue #17, item 7: a Content-Security-Policy on every page, HSTS from the environment, and
``Cache-Control: no-store`` on staff pages, the applicant's tracking pages and downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_every_page_has_a_content_security_policy(client, clerk_client, street):
    from django.test import Client

    for response in (
        Client().get(reverse("home")),
        Client().get(reverse("portal:apply", args=[street.pk])),
        clerk_client.get(reverse("requests:list")),
    ):
        csp = _csp(response)
        assert csp["default-src"] == "default-src 'self'"
        assert "'unsafe-inline'" not in csp["script-src"]
        assert csp["object-src"] == "object-src 'none'"
        assert csp["frame-ancestors"] == "frame-ancestors 'none'"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_one_inline_script_carries_the_pages_nonce(client, district_admin, district):
    client.force_login(district_admin)
    response = client.get(reverse("disclosure:settings", args=[district.pk]))
    assert response.status_code == 200
    nonce = _csp(response)["script-src"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_hsts_comes_from_the_environment(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_staff_pages_are_not_stored(clerk_client):
    response = clerk_client.get(reverse("requests:list"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_applicants_pages_are_not_stored(client):
    assert "no-store" in client.get(reverse("portal:track"))["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_may_still_be_cached(client):
    assert "no-store" not in client.get(reverse("home")).get("Cache-Control", "")


def test_a_download_is_not_stored(clerk_client, clerk, street, letter_settings):
    from datetime import date

    from gongkai.requests.actions import cases
    from gongkai.requests.documents import letters
    from gongkai.requests.models import Applicant, Channel

    applicant = Applicant.objects.create(
        body=street, kind="natural_person", name="张三", email="z@example.cn"
    )
    r = cases.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 26),
        subject="清单",
    ).request
    letter = letters.generate_letter(r, actor=clerk, kind="receipt")
    response = clerk_client.get(reverse("requests:letter_download", args=[r.pk, letter.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_api_answers_are_not_stored(clerk):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=clerk)
    response = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/bodies/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]

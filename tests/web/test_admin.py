"""Issue #17, item 3: the Django admin goes around no rule. Every domain model is read-only there (or
absent), no applicant's personal data is shown, a request and its events cannot be deleted or edited,
and granting a permission in the admin is written to the account log."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from gongkai.bodies.models import AccountEvent
from gongkai.requests.actions import cases
from gongkai.requests.models import Applicant, Channel, Event, Request

ID_NUMBER = "110101199003070011"
PHONE = "13912345678"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "a long root passphrase")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def request_(clerk, street):
    applicant = Applicant.objects.create(
        body=street,
        kind="natural_person",
        name="张三丰",
        id_type="resident_id",
        id_number=ID_NUMBER,
        phone=PHONE,
        address="只楚路 8 号",
    )
    return cases.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 26),
        subject="老旧小区改造项目清单",
        items=["改造项目清单"],
    ).request


def _domain_admins():
    return [
        (model, ma) for model, ma in admin.site._registry.items() if model.__module__.startswith("gongkai.")
    ]


def test_every_domain_model_is_read_only_in_the_admin(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    admins = _domain_admins()
    assert admins
    for model, model_admin in admins:
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_change_permission(request), (model, inline)


def test_requests_applicants_letters_and_events_are_not_in_the_admin():
    registered = {model for model, _ in _domain_admins()}
    for model in (Request, Applicant, Event):
        assert model not in registered
    with pytest.raises(NoReverseMatch):
        reverse("admin:requests_request_changelist")
    with pytest.raises(NoReverseMatch):
        reverse("admin:requests_request_delete", args=[1])


def test_no_admin_page_shows_an_applicants_personal_data(admin_client, request_):
    assert admin_client.get(f"/admin/requests/request/{request_.pk}/change/").status_code == 404
    assert admin_client.get("/admin/requests/applicant/").status_code == 404
    pages = ["/admin/"]
    for model, _ in _domain_admins():
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        obj = model._default_manager.first()
        if obj is not None:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    for page in pages:
        response = admin_client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        for secret in (ID_NUMBER, PHONE, "张三丰", "只楚路 8 号"):
            assert secret not in html, (page, secret)


def test_an_edit_posted_to_the_admin_is_refused(admin_client, street):
    from gongkai.disclosure.models.review import ReviewStep

    step = ReviewStep.objects.get(body=street, position=2)  # a new body's default chain: 核对 by a 审核人
    response = admin_client.post(
        reverse("admin:disclosure_reviewstep_change", args=[step.pk]), {"position": 9, "role": "clerk"}
    )

    assert response.status_code == 403
    step.refresh_from_db()
    assert (step.position, step.role) == (2, "reviewer")


def test_the_request_and_its_history_cannot_be_deleted_from_any_page(request_):
    from django.urls import get_resolver

    names = [name for name in get_resolver().reverse_dict if isinstance(name, str)]
    assert not [n for n in names if n.startswith("admin:requests_") and n.endswith("_delete")]
    assert Event.objects.filter(request=request_).exists()


def test_granting_superuser_in_the_admin_is_recorded(admin_client, superuser, clerk):
    page = admin_client.get(reverse("admin:auth_user_change", args=[clerk.pk]))
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        username=clerk.username,
        is_active="on",
        is_staff="on",
        is_superuser="on",
        last_login_0="",
        last_login_1="",
        date_joined_0="2025-01-01",
        date_joined_1="00:00:00",
    )
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[clerk.pk]), data, REMOTE_ADDR="192.0.2.44"
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    event = AccountEvent.objects.filter(kind=AccountEvent.Kind.PERMISSION, user=clerk).latest("pk")
    assert event.detail["is_superuser"] == {"before": False, "after": True}
    assert (event.actor, event.ip) == (superuser, "192.0.2.44")


def test_accounts_cannot_be_deleted_in_the_admin(admin_client, clerk):
    response = admin_client.post(reverse("admin:auth_user_delete", args=[clerk.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=clerk.pk).exists()


def test_api_tokens_are_not_shown_in_the_admin(admin_client):
    from rest_framework.authtoken.models import TokenProxy

    assert not admin.site.is_registered(TokenProxy)
    assert admin_client.get("/admin/authtoken/tokenproxy/").status_code == 404

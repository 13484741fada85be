"""Issue #17, item 2: logins are throttled and recorded. Brute force locks the account and the client;
a 管理员 unlocks it; logins, failures, logouts, password and permission changes are in the account log
with who, when and the address; a password reset or a deactivation ends sessions and revokes the token;
an idle or too old session is closed; staff change their own password."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from gongkai.bodies.models import AccountEvent
from gongkai.web.middleware import LOGIN_AT, SEEN_AT

K = AccountEvent.Kind


def _login(client: Client, username: str, password: str, ip: str = "198.51.100.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def _five_failures(settings):
    settings.GONGKAI_LOGIN_FAILURES = settings.AXES_FAILURE_LIMIT = 5


def test_brute_force_locks_the_account_and_the_right_password_is_then_refused(client, clerk, password):
    for _ in range(20):
        _login(client, "zhichu_clerk", "wrong guess")
    response = _login(client, "zhichu_clerk", password)

    assert response.status_code == 429
    assert "登录已锁定" in response.content.decode()
    assert not _logged_in(client)
    # Locked as an account: the right password from another address is refused too ...
    assert _login(Client(), "zhichu_clerk", password, ip="203.0.113.9").status_code == 429
    # ... and the client is throttled for every account.
    assert AccountEvent.objects.filter(kind=K.LOCKED_OUT, username="zhichu_clerk").exists()


def test_a_throttled_client_cannot_try_other_accounts(client, clerk, other_clerk, password):
    for name in ("a", "b", "c", "d", "e"):
        _login(client, name, "x")
    assert _login(client, "xigaohuang_clerk", password).status_code == 429
    assert _login(Client(), "xigaohuang_clerk", password, ip="203.0.113.9").status_code == 302


def test_the_bodys_admin_unlocks_the_account(client, clerk, district_admin, street, password):
    for _ in range(5):
        _login(client, "zhichu_clerk", "wrong")
    admin = Client()
    admin.force_login(district_admin)
    page = admin.get(reverse("bodies:staff", args=[street.pk])).content.decode()
    assert "登录已锁定" in page

    response = admin.post(reverse("bodies:account_unlock", args=[street.pk, clerk.pk]))

    assert response.status_code == 302
    assert _login(Client(), "zhichu_clerk", password).status_code == 302
    unlocked = AccountEvent.objects.get(kind=K.UNLOCKED)
    assert (unlocked.user, unlocked.actor) == (clerk, district_admin)


def test_a_clerk_cannot_unlock(clerk_client, clerk, street):
    response = clerk_client.post(reverse("bodies:account_unlock", args=[street.pk, clerk.pk]))
    assert response.status_code in (403, 404)


def test_logins_failures_and_logouts_are_recorded_with_the_address(client, clerk, password):
    _login(client, "zhichu_clerk", "wrong", ip="198.51.100.23")
    _login(client, "zhichu_clerk", password, ip="198.51.100.23")
    client.post(reverse("logout"), REMOTE_ADDR="198.51.100.23")

    events = list(
        AccountEvent.objects.exclude(kind=K.PERMISSION).order_by("pk").values_list("kind", "username", "ip")
    )
    assert events == [
        (K.LOGIN_FAILED, "zhichu_clerk", "198.51.100.23"),
        (K.LOGIN, "zhichu_clerk", "198.51.100.23"),
        (K.LOGOUT, "zhichu_clerk", "198.51.100.23"),
    ]
    assert AccountEvent.objects.get(kind=K.LOGIN).at is not None


def test_granting_superuser_groups_and_permissions_is_recorded(clerk, district_admin):
    clerk.is_superuser = True
    clerk.is_staff = True
    clerk.save()
    group = Group.objects.create(name="auditors")
    clerk.groups.add(group)
    clerk.user_permissions.add(Permission.objects.get(codename="view_body"))

    details = [e.detail for e in AccountEvent.objects.filter(kind=K.PERMISSION, user=clerk).order_by("pk")]
    assert {
        "is_superuser": {"before": False, "after": True},
        "is_staff": {"before": False, "after": True},
    } in details
    assert {"field": "groups", "action": "add", "what": ["auditors"]} in details
    assert {"field": "permissions", "action": "add", "what": ["bodies.view_body"]} in details


def test_staff_membership_and_role_changes_are_recorded(admin_client_for, district_admin, clerk, street):
    membership = clerk.memberships.get()
    admin_client_for(district_admin).post(
        reverse("bodies:staff_role", args=[street.pk, membership.pk]), {f"m{membership.pk}-role": "reviewer"}
    )
    last = AccountEvent.objects.filter(kind=K.PERMISSION, user=clerk).latest("pk")
    assert last.detail == {"membership": "changed", "body": street.name, "role": "reviewer"}
    assert last.actor == district_admin


def test_deactivation_ends_sessions_and_revokes_the_api_token(
    client, clerk, district_admin, street, password
):
    token = Token.objects.create(user=clerk)
    _login(client, "zhichu_clerk", password)
    assert client.get(reverse("requests:list")).status_code == 200
    admin = Client()
    admin.force_login(district_admin)

    admin.post(reverse("bodies:account_active", args=[street.pk, clerk.pk]), {"active": "0"})

    assert client.get(reverse("requests:list")).status_code == 302  # to the login page
    assert not Token.objects.filter(key=token.key).exists()
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/bodies/").status_code == 401
    assert AccountEvent.objects.filter(kind=K.ACCESS_ENDED, user=clerk, detail__reason="deactivated").exists()


def test_a_password_reset_ends_sessions_and_revokes_the_api_token(
    client, clerk, district_admin, street, password
):
    token = Token.objects.create(user=clerk)
    _login(client, "zhichu_clerk", password)
    admin = Client()
    admin.force_login(district_admin)

    admin.post(reverse("bodies:password_reset", args=[street.pk, clerk.pk]))

    assert client.get(reverse("requests:list")).status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/bodies/").status_code == 401
    reset = AccountEvent.objects.get(kind=K.PASSWORD_RESET, user=clerk)
    assert reset.actor == district_admin


def test_staff_change_their_own_password_from_the_menu(clerk_client, clerk, password):
    home = clerk_client.get(reverse("requests:list")).content.decode()
    assert reverse("password_change") in home

    response = clerk_client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "a new long passphrase 77",
            "new_password2": "a new long passphrase 77",
        },
    )

    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("a new long passphrase 77")
    assert clerk_client.get(reverse("requests:list")).status_code == 200  # this session stays
    assert AccountEvent.objects.get(kind=K.PASSWORD_CHANGE).actor == clerk


def test_changing_ones_own_password_revokes_ones_api_token(clerk_client, clerk, password):
    token = Token.objects.create(user=clerk)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/bodies/").status_code == 200

    clerk_client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "a new long passphrase 78",
            "new_password2": "a new long passphrase 78",
        },
    )

    assert api.get("/api/v1/bodies/").status_code == 401
    assert not Token.objects.filter(user=clerk).exists()
    assert clerk_client.get(reverse("requests:list")).status_code == 200  # this session stays
    ended = AccountEvent.objects.get(kind=K.ACCESS_ENDED, user=clerk)
    assert ended.detail == {"reason": "password_change", "sessions": 0, "tokens": 1}


def test_an_idle_session_is_closed(clerk_client, settings):
    settings.GONGKAI_SESSION_IDLE_MINUTES = 30
    assert clerk_client.get(reverse("requests:list")).status_code == 200
    session = clerk_client.session
    session[SEEN_AT] = time.time() - 31 * 60
    session.save()

    assert clerk_client.get(reverse("requests:list")).status_code == 302


def test_a_session_has_a_maximum_life(clerk_client, settings):
    settings.GONGKAI_SESSION_MAX_HOURS = 12
    clerk_client.get(reverse("requests:list"))
    session = clerk_client.session
    session[LOGIN_AT] = time.time() - 13 * 3600
    session[SEEN_AT] = time.time()
    session.save()

    assert clerk_client.get(reverse("requests:list")).status_code == 302


@pytest.fixture
def admin_client_for():
    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make


def test_a_new_login_starts_the_sessions_life_again(client, clerk, password):
    _login(client, "zhichu_clerk", password)
    session = client.session
    session[LOGIN_AT] = time.time() - 11 * 3600
    session.save()
    _login(client, "zhichu_clerk", password)

    assert time.time() - client.session[LOGIN_AT] < 60

"""The permission matrix (issue #17): every URL pattern of the site, requested as an anonymous visitor,
as a clerk of body A (只楚街道) and as a clerk of body B (西高皇街道) for body A's objects.

* Anonymous: a URL not in PUBLIC is refused (login page, 401, 403, 404 or 405) for GET and POST.
* Clerk of B: a URL naming an object of A is refused (403, 404, 405, or the login page); a URL naming
  none shows nothing of A (its request, applicant, item and report markers appear in no answer).
* Clerk of A: the same URLs with the same objects are reachable (so the refusals above are the check
  and not a wrong id).

A new URL pattern must pass these; a new kind of URL argument needs an entry in ``_fill`` — the test
fails and says so. A public URL is added to PUBLIC with its reason.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.actions.notices import notify
from gongkai.bodies.models import StaffMembership
from gongkai.disclosure.actions.items import Draft, add_attachment, create_item
from gongkai.disclosure.models import CatalogueNode
from gongkai.prepared.actions.files import request_file
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.models import ImportBatch
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.requests.actions import cases, remedies
from gongkai.requests.documents import letters
from gongkai.requests.models import Applicant, Channel

# Markers of body A's private data: none may reach the clerk of B or an anonymous visitor.
SECRET_SUBJECT = "只楚街道绝密测试事项甲"
SECRET_NAME = "欧阳秘密"
SECRET_ID = "110101199003070011"
SECRET_ITEM = "只楚街道未公开草稿乙"

# URL names anyone may open, and why.
PUBLIC = {
    "home": "the front page",
    "login": "the login form",
    "logout": "logging out (POST) ends the caller's own session",
    "gk:*": "the public portal: shows published items and reports only (portal/access.py)",
    "portal:apply_index": "the list of bodies that accept applications (names only)",
    "portal:apply": "applying without an account (throttled per client)",
    "portal:applied": "the number and code just issued, kept in the applicant's own session",
    "portal:track": "the tracking form (throttled per client)",
    "admin:login": "the admin's login form",
    "admin:logout": "logging out",
    "admin:jsi18n": "the admin's translations (no data)",
}
# Served to a signed-in account whoever it is: the caller's own things.
OWN = {"password_change", "password_change_done", "supervision:api_token", "admin:*"}


def _public(name: str) -> bool:
    return name in PUBLIC or f"{name.split(':')[0]}:*" in PUBLIC


def _walk(resolver: URLResolver, prefix: str = "", ns: str = ""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _walk(p, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            name = f"{ns}:{p.name}" if ns else str(p.name)
            yield name, prefix + str(p.pattern)


PATTERNS = sorted(set(_walk(get_resolver())))


@pytest.fixture
def world(street, other_street, clerk, other_clerk, seed, letter_settings):
    reviewer = body_actions.create_staff_user(
        actor=None, body=street, username="zhichu_rev", password="x" * 12, role=StaffMembership.Role.REVIEWER
    )
    applicant = Applicant.objects.create(
        body=street,
        kind="natural_person",
        name=SECRET_NAME,
        id_type="resident_id",
        id_number=SECRET_ID,
        email="a@b.cn",
    )
    request = cases.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 26),
        subject=SECRET_SUBJECT,
        items=[SECRET_SUBJECT],
    ).request
    letter = letters.generate_letter(request, actor=clerk, kind="receipt")
    remedy = remedies.open_remedy(actor=clerk, request=request, kind="review", filed_on=date(2025, 10, 8))
    [notification] = notify(
        [clerk], kind="due_5", text=SECRET_SUBJECT, link=f"/requests/{request.pk}/", body=street
    )
    nodes = list(
        CatalogueNode.objects.filter(body=street).order_by("pk")
    )  # the default a new body starts with
    item = create_item(
        actor=clerk,
        body=street,
        draft=Draft(node=nodes[0], title=SECRET_ITEM, formed_on=date(2025, 9, 26), body_html="<p>草稿</p>"),
    )
    attachment = add_attachment(actor=clerk, item=item, name="a.pdf", data=b"%PDF-1.7\n%%EOF\n")
    imported = import_report(actor=clerk, body=street, data=seed("000"), filename="2023.txt", confirmed=True)
    batch = ImportBatch.objects.create(body=street, created_by=clerk)
    yearbook = compile_report(actor=clerk, body=street, year=2025)
    prepared = request_file(actor=clerk, kind="yearbook.pdf", params={"pk": yearbook.pk}, title=SECRET_ITEM)
    return {
        "pk": None,  # by URL: see _fill
        "request": request,
        "letter": letter,
        "remedy": remedy,
        "notification": notification,
        "node": nodes[0],
        "item": item,
        "attachment": attachment,
        "imported": imported,
        "batch": batch,
        "yearbook": yearbook,
        "prepared": prepared,
        "membership": clerk.memberships.get(),
        "clerk": clerk,
        "reviewer": reviewer,
        "street": street,
    }


# The object a URL's ``pk`` names, by the URL name's namespace or name.
PK_OF = {
    "bodies:notice_read": "notification",
    "bodies:": "street",
    "api:body": "street",
    "requests:": "request",
    "reports:batch_detail": "batch",
    "reports:": "imported",
    "yearbook:published": "imported",
    "yearbook:": "yearbook",
    "disclosure:node_change": "node",
    "disclosure:attachment": "attachment",
    "disclosure:": "item",
    "gk:attachment": "attachment",
    "gk:report": "imported",
    "gk:": "item",
    "portal:": "request",
    "prepared:": "prepared",
}
SLUGS = {
    "name": "reply",
    "act": "approve",
    "change": "add",
    "fmt": "docx",
    "kind": "receipt",
    "outcome": "granted",
    "year": 2025,
}


def _fill(name: str, route: str, w: dict) -> str | None:
    """The path of ``route`` for body A's objects; None for the admin's regex routes."""
    if route.startswith("admin/"):
        path = route.replace("<path:object_id>", str(w["membership"].pk)).replace("<id>", str(w["clerk"].pk))
        path = path.replace("<path:content_type_id>/<path:object_id>", "1/1")
        return None if "(?P" in path or "^" in path else "/" + path

    def value(m: re.Match) -> str:
        arg = m.group(2)
        if arg == "pk":
            key = next(v for k, v in PK_OF.items() if name == k or (k.endswith(":") and name.startswith(k)))
            return str(w[key].pk)
        if arg in ("body_pk", "target_pk", "body"):
            return str(w["street"].pk)
        if arg in SLUGS:
            return str(SLUGS[arg])
        objects = {
            "letter_pk": "letter",
            "case_pk": "remedy",
            "membership_pk": "membership",
            "user_pk": "reviewer",
            "node_pk": "node",
        }
        if arg not in objects:
            raise AssertionError(
                f"{name} ({route}): the permission matrix does not know the argument {arg!r}"
            )
        return str(w[objects[arg]].pk)

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    return response.status_code == 302 and "login" in response["Location"]


def _leaks(response) -> list[str]:
    if getattr(response, "streaming", False):
        return []
    body = response.content.decode("utf-8", "replace")
    return [s for s in (SECRET_SUBJECT, SECRET_NAME, SECRET_ID, SECRET_ITEM) if s in body]


def _client(user=None) -> Client:
    client = Client(REMOTE_ADDR="192.0.2.1")
    if user is not None:
        client.force_login(user)
    return client


def test_every_url_is_known_to_the_matrix(world):
    unknown = []
    for name, route in PATTERNS:
        try:
            _fill(name, route, world)
        except (AssertionError, StopIteration) as e:
            unknown.append(f"{name}: {e}")
    assert not unknown, unknown


def test_anonymous_visitors_reach_only_public_urls(world):
    wrong = []
    for name, route in PATTERNS:
        path = _fill(name, route, world)
        if path is None:
            continue
        for method in ("get", "post"):
            response = getattr(_client(), method)(path)
            if _leaks(response):
                wrong.append(f"{method.upper()} {path} ({name}) shows {_leaks(response)}")
            elif not _public(name) and not _refused(response):
                wrong.append(
                    f"{method.upper()} {path} ({name}) answered {response.status_code} without a login"
                )
    assert not wrong, "\n".join(wrong)


def test_a_clerk_of_another_body_reaches_nothing_of_body_a(world, other_clerk):
    wrong = []
    for name, route in PATTERNS:
        path = _fill(name, route, world)
        if path is None:
            continue
        names_an_object = "<" in route
        for method in ("get", "post"):
            response = getattr(_client(other_clerk), method)(path)
            if _leaks(response):
                wrong.append(f"{method.upper()} {path} ({name}) shows {_leaks(response)}")
            elif names_an_object and not _public(name) and not _refused(response) and name not in OWN:
                wrong.append(
                    f"{method.upper()} {path} ({name}) answered {response.status_code} to body B's clerk"
                )
    assert not wrong, "\n".join(wrong)


def test_the_clerk_of_body_a_reaches_the_same_urls(world, clerk):
    """The refusals above are the permission check, not a wrong id: body A's clerk gets past them on
    the pages a clerk may use (management and admin pages are for 管理员 and superusers)."""
    for_clerks = []
    for name, route in PATTERNS:
        path = _fill(name, route, world)
        if (
            path is None
            or "<" not in route
            or name.split(":")[0] in ("admin", "bodies", "gk", "portal", "api")
        ):
            continue
        if name in ("requests:letter_settings", "requests:letter_template", "yearbook:published"):
            continue
        response = _client(clerk).get(path)
        for_clerks.append((name, response.status_code))
    reachable = [n for n, status in for_clerks if status not in (403, 404)]
    assert len(reachable) >= len(for_clerks) * 0.6, for_clerks

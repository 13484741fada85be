"""What every page of a body needs — the body, its catalogue, its links — kept in memory per process.

A portal request used to ask the database for the body and the catalogue node and to reverse a
dozen URLs; these change only when the body publishes or withdraws something (which
bumps its version in ``cache``) or, rarely, when an administrator renames a body or a node. So the
context is built once per body and version and kept at most ``TTL`` seconds. It holds nothing
that grows with the body's items: it was once the ids of the items with files, a query that read
the whole body (83 ms at 1,000,000 items, once a minute; ``public.get_public_item`` tells now).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from html import escape

from django.http import Http404
from django.urls import reverse

from gongkai.bodies.models import Body
from gongkai.disclosure.models import CatalogueNode
from gongkai.portal.queries import cache
from gongkai.web import shared_cache

TTL = 60.0


@dataclass(frozen=True)
class BodyContext:
    body: Body
    nodes: dict[int, CatalogueNode]  # every node of the body, retired ones too (items keep their node)
    live: list[CatalogueNode]  # the nodes in use, in tree order
    nav: dict[str, str]  # the body's section links

    def node_options(self, label_body: bool = False) -> list[tuple[str, str]]:
        prefix = f"{self.body.display_name} · " if label_body else ""
        return [(str(n.pk), prefix + n.name) for n in self.live]


@dataclass(frozen=True)
class SiteContext:
    nav: dict[str, str]
    bodies: list[Body]
    body_options: list[tuple[str, str]]
    node_options: list[tuple[str, str]]  # every body's nodes, labelled with the body


_bodies: dict[int, tuple[int, float, BodyContext]] = {}
_site: list[tuple[int, float, SiteContext]] = []


def _fresh(entry: tuple[int, float, object] | None, version: int | None) -> bool:
    """Kept for this version, and not too long ago (an unknown version: never fresh)."""
    return (
        version is not None
        and entry is not None
        and entry[0] == version
        and time.monotonic() - entry[1] < TTL
    )


def site_nav() -> dict[str, str]:
    return {"bodies": reverse("gk:bodies"), "search": reverse("gk:search"), "track": reverse("portal:track")}


def body_context(body_id: int) -> BodyContext:
    """The body's context; ``Http404`` if there is no such body."""
    version = cache.version(body_id)
    entry = _bodies.get(body_id)
    if entry is not None and _fresh(entry, version):
        return entry[2]
    body = Body.objects.filter(pk=body_id).first()
    if body is None:
        raise Http404("没有找到这个机关")
    nodes = list(CatalogueNode.objects.filter(body_id=body_id).order_by("position", "pk"))
    for n in nodes:
        n.body = body
    args = [body_id]
    nav = {
        **site_nav(),
        "home": reverse("gk:home", args=args),
        "guide": reverse("gk:guide", args=args),
        "directory": reverse("gk:directory", args=args),
        "catalogue": reverse("gk:catalogue", args=args),
        "apply": reverse("portal:apply", args=args),
        "reports": reverse("gk:reports", args=args),
        "search_body": reverse("gk:search_body", args=args),
    }
    context = BodyContext(
        body=body,
        nodes={n.pk: n for n in nodes},
        live=[n for n in nodes if n.retired_at is None],
        nav=nav,
    )
    if version is not None:
        _bodies[body_id] = (version, time.monotonic(), context)
    return context


def site_context() -> SiteContext:
    version = cache.version(None)
    if _site and _fresh(_site[0], version):
        return _site[0][2]
    bodies = list(Body.objects.order_by("name"))
    by_pk = {b.pk: b for b in bodies}
    nodes = CatalogueNode.objects.filter(retired_at__isnull=True).order_by("body", "position", "pk")
    context = SiteContext(
        nav=site_nav(),
        bodies=bodies,
        body_options=[(str(b.pk), b.name) for b in bodies],
        node_options=[(str(n.pk), f"{by_pk[n.body_id].display_name} · {n.name}") for n in nodes],
    )
    if version is not None:
        _site[:] = [(version, time.monotonic(), context)]
    return context


def select_html(name: str, options: list[tuple[str, str]], empty: str, selected: object) -> str:
    """A ``<select>`` with ``id_<name>``, its options escaped, the chosen one marked."""
    chosen = "" if selected in (None, "") else str(selected)
    parts = [f'<select name="{name}" id="id_{name}">', f'<option value=""{" selected" if not chosen else ""}>{escape(empty)}</option>']  # fmt: skip
    for value, label in options:
        parts.append(
            f'<option value="{value}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
        )
    parts.append("</select>")
    return "".join(parts)


@shared_cache.on_recovery
def _forget_on_recovery(alias: str) -> None:
    forget()  # kept before an outage of the shared cache: maybe under a version bumped meanwhile


def forget() -> None:
    """Drop every kept context (tests clear the cache between cases)."""
    _bodies.clear()
    _site.clear()

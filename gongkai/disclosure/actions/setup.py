"""A new body starts ready for 主动公开: the default catalogue for its level and the default review
chain, made by the system when the body is added (``bodies.actions.hooks``), so that its clerks can
draft at once instead of waiting for a 管理员 to build a catalogue."""

from __future__ import annotations

from django.contrib.auth.models import User as AuthUser

from gongkai.bodies.models import Body
from gongkai.disclosure.actions.catalogue import create_default_catalogue
from gongkai.disclosure.actions.chain import review_chain
from gongkai.disclosure.models import CatalogueNode

TOWNSHIP_LEVELS = frozenset({Body.Level.SUBDISTRICT, Body.Level.TOWNSHIP})


def default_catalogue_kind(body: Body) -> str:
    """街道、乡镇 get the township catalogue; every other body the department one."""
    return "township" if body.level in TOWNSHIP_LEVELS else "department"


def start_with_defaults(actor: AuthUser | None, body: Body) -> None:
    """The default catalogue (unless the body has one) and the default review chain (stored, so the
    settings page shows the chain in force). Done by the system: ``actor`` only added the body."""
    if not CatalogueNode.objects.filter(body=body).exists():
        create_default_catalogue(actor=None, body=body, kind=default_catalogue_kind(body))
    review_chain(body)

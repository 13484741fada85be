"""The sections of a person's home page (待办), each a plain query of the app that owns the work.

A section function takes the user and answers a ``Section`` (or None when nothing of that app concerns
them); adding an app's work to every home page is one line in ``SECTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User as AuthUser

from gongkai.bodies.queries.worklist import locked_accounts, notices_section
from gongkai.disclosure.queries.worklist import catalogue_missing, disclosure_section
from gongkai.report_imports.queries.worklist import imports_section
from gongkai.report_workspace.queries.worklist import yearbook_section
from gongkai.requests.queries.worklist import letter_settings_missing, requests_section
from gongkai.supervision.queries.worklist import supervision_section
from gongkai.web.worklist import Section

SectionQuery = Callable[[AuthUser], Section | None]


def administration_section(user: AuthUser) -> Section | None:
    """A 管理员's: accounts locked out, bodies whose settings are incomplete."""
    entries = [
        e for e in (locked_accounts(user), letter_settings_missing(user), catalogue_missing(user)) if e
    ]
    return Section("系统管理", entries) if entries else None


SECTIONS: list[SectionQuery] = [
    notices_section,
    requests_section,
    disclosure_section,
    yearbook_section,
    imports_section,
    supervision_section,
    administration_section,
]


def sections_for(user: AuthUser) -> list[Section]:
    """Every section that concerns the user, in the order of ``SECTIONS``."""
    return [s for query in SECTIONS if (s := query(user)) is not None]

"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.bodies.models.accounts import AccountEvent
from gongkai.bodies.models.bodies import (
    Body,
    BodyChange,
    NameOn,
    StaffMembership,
    end_of_year,
    names_at,
    renamed_since,
    subtrees,
)
from gongkai.bodies.models.notices import NoticeKind, Notification

__all__ = [
    "AccountEvent",
    "Body",
    "BodyChange",
    "NameOn",
    "NoticeKind",
    "Notification",
    "StaffMembership",
    "end_of_year",
    "names_at",
    "renamed_since",
    "subtrees",
]

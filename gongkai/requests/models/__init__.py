"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.requests.models.cases import (
    APPLICANT_KIND_CHOICES,
    CONFIRMED_CHANNELS,
    Applicant,
    Channel,
    Event,
    EventKind,
    FeeNotice,
    Request,
    RequestCounter,
    RequestItem,
)
from gongkai.requests.models.letters import (
    DEFAULT_REMEDY,
    DeliveryMethod,
    Letter,
    LetterKind,
    LetterSettings,
    LetterTemplate,
)
from gongkai.requests.models.notifications import ReminderKind, SentReminder
from gongkai.requests.models.remedies import (
    DECIDED_KEYS,
    KIND_CHOICES,
    KIND_KEYS,
    LITIGATION_AFTER_REVIEW,
    OUTCOME_CHOICES,
    PENDING,
    REVIEW,
    RemedyCase,
)

__all__ = [
    "APPLICANT_KIND_CHOICES",
    "CONFIRMED_CHANNELS",
    "DECIDED_KEYS",
    "DEFAULT_REMEDY",
    "KIND_CHOICES",
    "KIND_KEYS",
    "LITIGATION_AFTER_REVIEW",
    "OUTCOME_CHOICES",
    "PENDING",
    "REVIEW",
    "Applicant",
    "Channel",
    "DeliveryMethod",
    "Event",
    "EventKind",
    "FeeNotice",
    "Letter",
    "LetterKind",
    "LetterSettings",
    "LetterTemplate",
    "RemedyCase",
    "ReminderKind",
    "Request",
    "RequestCounter",
    "RequestItem",
    "SentReminder",
]

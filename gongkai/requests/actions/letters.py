"""Each body's letter settings: remedies and the office's contact details, which the portal's 指南 shows."""

from __future__ import annotations

from django.db import transaction

from gongkai.bodies.actions.hooks import body_changed
from gongkai.requests.models.letters import LetterSettings


@transaction.atomic
def save_letter_settings(letter_settings: LetterSettings) -> LetterSettings:
    """Save the settings (checked by the form) and let the portal drop its pages of the body."""
    letter_settings.save()
    body_changed(letter_settings.body_id)
    return letter_settings

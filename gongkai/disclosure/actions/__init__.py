"""Every change in the disclosure app goes through a function in this package.

Each runs in ``transaction.atomic``, checks the actor's right to act for the body (PermissionDenied,
in Chinese), refuses what the rules do not allow (DisclosureError / TransitionError, in Chinese) and
appends an event to the item's, the catalogue's or the registers' log. ``actor=None`` is the system
(a management command); views always pass the logged-in user.
"""

from gongkai.disclosure.actions.errors import DisclosureError, ScreeningRefused

__all__ = ["DisclosureError", "ScreeningRefused"]

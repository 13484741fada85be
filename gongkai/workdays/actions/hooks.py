"""What else must happen when the holiday calendar changes: an explicit list of functions, no signals.

Another app registers a function once, when it starts (its ``AppConfig.ready``)::

    from gongkai.workdays.actions.hooks import on_calendar_change

    @on_calendar_change
    def recompute_open_deadlines(actor, years):
        ...  # recompute the due dates of open cases whose period touches one of ``years``

Every action in ``gongkai.workdays.actions.calendar`` calls ``calendar_changed(actor, years)`` as its last
step, *inside* its transaction: the registered functions see the new calendar
(``service.current_calendar()``), and whatever they write commits or rolls back together with the
calendar change. A function that sends mail or calls out should wrap that in
``transaction.on_commit``. An exception in a function aborts the calendar change.

``actor`` is the user who changed the calendar (None for the system); ``years`` is the sorted tuple
of years whose working days may have changed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User as AuthUser

CalendarHook = Callable[[AuthUser | None, tuple[int, ...]], None]

_hooks: list[CalendarHook] = []


def on_calendar_change(fn: CalendarHook) -> CalendarHook:
    """Register ``fn`` (once, however often this is called); usable as a decorator."""
    if fn not in _hooks:
        _hooks.append(fn)
    return fn


def remove_calendar_hook(fn: CalendarHook) -> None:
    """Unregister ``fn`` (tests use this to clean up)."""
    if fn in _hooks:
        _hooks.remove(fn)


def registered_hooks() -> tuple[CalendarHook, ...]:
    return tuple(_hooks)


def calendar_changed(actor: AuthUser | None, years: tuple[int, ...]) -> None:
    """Run every registered function, in the order they were registered."""
    for fn in tuple(_hooks):
        fn(actor, years)

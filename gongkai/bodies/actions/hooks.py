"""What else must happen when a body is added or changed: explicit lists of functions, no signals.

An app that keeps per-body setup registers a function once, when it starts (its ``AppConfig.ready``)::

    from gongkai.bodies.actions.hooks import on_body_added

    @on_body_added
    def start_with_defaults(actor, body):
        ...  # the default catalogue and review chain of the new body

``add_body`` calls ``body_added(actor, body)`` as its last step, inside its transaction: what the
functions write commits or rolls back with the new body, and an exception in one aborts the addition.

``on_body_changed`` functions take the body's id: they run when something the public sees of a body
changes — its name or short name, its place in the tree, its end, its catalogue, its office's contact
details. The actions making such a change call ``body_changed(body_id)`` inside their transaction (the
portal registers ``bump_on_commit``: its cached pages of the body are dropped once the change commits).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User as AuthUser

from gongkai.bodies.models import Body

BodyHook = Callable[[AuthUser | None, Body], None]
ChangeHook = Callable[[int], None]

_hooks: list[BodyHook] = []
_change_hooks: list[ChangeHook] = []


def on_body_added(fn: BodyHook) -> BodyHook:
    """Register ``fn`` (once, however often this is called); usable as a decorator."""
    if fn not in _hooks:
        _hooks.append(fn)
    return fn


def remove_body_hook(fn: BodyHook) -> None:
    """Unregister ``fn`` (tests use this to clean up)."""
    if fn in _hooks:
        _hooks.remove(fn)


def body_added(actor: AuthUser | None, body: Body) -> None:
    """Run every registered function, in the order they were registered."""
    for fn in tuple(_hooks):
        fn(actor, body)


def on_body_changed(fn: ChangeHook) -> ChangeHook:
    """Register ``fn`` to run with a body's id when what the public sees of it changes (once)."""
    if fn not in _change_hooks:
        _change_hooks.append(fn)
    return fn


def body_changed(body_id: int) -> None:
    """Run every function registered with ``on_body_changed``, in the order they were registered."""
    for fn in tuple(_change_hooks):
        fn(body_id)

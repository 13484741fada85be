"""The table of producers: each kind of prepared file and the dotted path of the function that makes it.

The apps that own the data register their kinds when they start (their ``AppConfig.ready``)::

    from gongkai.prepared.actions.producers import Producer, register

    register(Producer("yearbook.pdf", "gongkai.report_workspace.documents.prepared.annual_pdf"))

A task message names only a prepared file's id; the worker reads its kind from the database and runs
the function this table gives for it — a message cannot name any other function, and a kind no app
registered fails the file.

A producer is ``fn(user, params) -> Produced``: ``user`` is the person who asked (None for a public
file) and it checks again, as it runs, that this person may still see what the file holds (a 404 or a
PermissionDenied fails the file with a Chinese message); a ``ProduceError`` fails it with its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.contrib.auth.models import User as AuthUser
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Producer:
    kind: str
    path: str  # dotted path of fn(user, params) -> Produced
    public: bool = False  # made without an owner, offered by its own page to anyone it lets in


@dataclass
class Produced:
    """What a producer hands back: the content (bytes, or a file open at its start, which the task
    closes), the name the download gets and its content type."""

    content: bytes | IO[bytes]
    filename: str
    content_type: str


class ProduceError(Exception):
    """A file that cannot be made, with the reason the person sees (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ProducerFn = Callable[[AuthUser | None, dict[str, Any]], Produced]

_table: dict[str, Producer] = {}


def register(producer: Producer) -> Producer:
    """Add a kind to the table (again with the same path: nothing; another path: an error)."""
    known = _table.get(producer.kind)
    if known is not None and known != producer:
        raise ValueError(f"prepared file kind {producer.kind!r} is registered twice")
    _table[producer.kind] = producer
    return producer


def unregister(kind: str) -> None:
    """Remove a kind (tests use this to clean up)."""
    _table.pop(kind, None)


def producer_for(kind: str) -> Producer | None:
    return _table.get(kind)


def function_for(kind: str) -> ProducerFn | None:
    """The function that makes ``kind``, or None when no app registered it."""
    producer = _table.get(kind)
    return None if producer is None else import_string(producer.path)

"""Running prepared files as a worker would, in the test process: the in-memory broker's messages
(tests/conftest.py) are taken and each ``prepared.produce`` run; and the test producers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from gongkai.prepared.actions.producers import Produced, ProduceError, Producer
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks import produce
from tests.queue.broker import queued_tasks


def run_queued() -> list[int]:
    """Run every queued ``prepared.produce`` message as the worker would; the ids it named."""
    ids = [pk for name, pk in queued_tasks() if name == "prepared.produce"]
    for pk in ids:
        produce.produce_file(pk)
    return ids


def run_waiting() -> list[int]:
    """Run every file still waiting, as the worker would once the request's transaction committed and
    its message was sent (a test's transaction never commits: tests/prepared/tasks checks the send)."""
    ids = list(PreparedFile.objects.filter(state=PreparedFile.State.QUEUED).values_list("pk", flat=True))
    for pk in ids:
        produce.produce_file(pk)
    return ids


def fetch(client: Client, item: PreparedFile) -> bytes:
    """The file's bytes through its download page (as its owner's client)."""
    response = client.get(reverse("prepared:download", args=[item.pk]))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


# ---------------------------------------------------------------- producers of the tests' own kinds

CALLS: list[dict[str, Any]] = []


def echo(user: Any, params: dict[str, Any]) -> Produced:
    CALLS.append(params)
    if params.get("refuse") == "404":
        raise Http404("没有找到")
    if params.get("refuse") == "403":
        raise PermissionDenied("不可以")
    if params.get("fail"):
        raise ProduceError(params["fail"])
    if params.get("crash"):
        raise RuntimeError("boom")
    return Produced(
        f"{user.username}:{params.get('text', '')}".encode(), "回声.txt", "text/plain; charset=utf-8"
    )


ECHO = Producer("test.echo", "tests.prepared.helpers.echo")

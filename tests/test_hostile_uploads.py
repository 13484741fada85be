"""Issue #17: the hostile-file set (tests/hostile_files.py: zip bombs, a PDF whose page tree points to
itself, a 2,000-page PDF, decompression bombs, XXE, billion laughs, every encoding, binary garbage, an
empty and an oversize file) through every upload path of the site.

The upload paths are found in the URL conf: every view that reads ``request.FILES`` (itself or through
a function of its module it calls) and every API view that accepts a multipart or file body. Each must
have a poster below, so a new upload form fails ``test_every_upload_path_is_tested`` until it is added.

For every file and path: no HTTP 500; a refusal is one Chinese sentence (no English library text, no
traceback, no class name); nothing half-saved (no row, no stored file); the contents of /etc/passwd
appear nowhere; the site answers the next request. A good report, in whatever encoding, is read.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape
from lxml import html

from gongkai.bodies.models import StaffMembership
from gongkai.disclosure.actions import changes, review
from gongkai.disclosure.actions.items import Draft, create_item
from gongkai.disclosure.models import Attachment, CatalogueNode, DecisionCount
from gongkai.report_imports.models import ImportBatchFile, ImportedReport
from gongkai.report_imports.tasks.batches import run_batch
from gongkai.report_workspace.actions.reports import compile_report
from gongkai.report_workspace.models import AnnualReport
from tests.conftest import PASSWORD, _staff
from tests.hostile_files import (
    CJK,
    SECRET_FILE,
    SEED,
    Hostile,
    hostile_set,
    latin_words,
    secret_line,
    text_pdf,
    zip_of_bomb,
)
from tests.report_imports.views.test_import_page import through_the_queue

MAX_MB = 5  # the upload limit during these tests: the oversize file is just above it


@cache
def hostile_files() -> list[Hostile]:
    return hostile_set(SEED.read_text(encoding="utf-8"), oversize=(MAX_MB + 1) * 1024 * 1024)


# ---------------------------------------------------------------- the upload paths, from the URL conf


def _views(resolver: URLResolver | None = None, ns: str = "") -> Iterator[tuple[str, Callable]]:
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _views(p, inner)
        elif isinstance(p, URLPattern):
            yield (f"{ns}:{p.name}" if ns else str(p.name)), p.callback


def _reads_files(callback: Callable) -> bool:
    """The view reads uploaded files: an API view with a multipart/file parser, or a function that
    touches ``.FILES`` itself or through the functions of its module it calls."""
    api = getattr(callback, "cls", None)
    if api is not None and hasattr(api, "parser_classes"):
        from rest_framework.parsers import FileUploadParser, MultiPartParser

        return any(issubclass(p, (MultiPartParser, FileUploadParser)) for p in api.parser_classes)
    view = inspect.unwrap(getattr(callback, "view_class", callback))
    module = sys.modules.get(view.__module__)
    if module is None or view.__module__.startswith("django."):
        return False
    tree = ast.parse(inspect.getsource(module))
    calls: dict[str, set[str]] = {}
    touches: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            names |= {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
            calls[node.name] = names
            if "FILES" in names:
                touches.add(node.name)
    seen, todo = set(), [view.__name__]
    while todo:
        name = todo.pop()
        if name in seen or name not in calls:
            continue
        seen.add(name)
        if name in touches:
            return True
        todo += calls[name]
    return False


def upload_paths() -> set[str]:
    return {name for name, callback in _views() if not name.startswith("admin:") and _reads_files(callback)}


# ---------------------------------------------------------------- posting a file on each path


@dataclass
class Outcome:
    status: int
    accepted: bool
    message: str  # what the user reads (the page's alerts and messages, or the batch's line)
    page: str
    rows: int  # new rows of the path's model
    files: int  # new files under MEDIA_ROOT


def _messages(page: str) -> str:
    if not page.strip():
        return ""
    tree = html.fromstring(page)
    found = tree.xpath(
        '//*[@role="alert"] | //li[starts-with(@class, "message-")] | //ul[@class="errorlist"]'
    )
    return " ".join(el.text_content().strip() for el in found)


@dataclass
class World:
    client: Client
    street: object
    annual: AnnualReport
    draft: object
    changed: object
    media: Path


def _files(world: World) -> int:
    return sum(1 for p in world.media.rglob("*") if p.is_file()) if world.media.exists() else 0


def _post(world: World, url: str, data: dict, model, success: str) -> Outcome:
    before, files = model.objects.count(), _files(world)
    response = world.client.post(url, data)
    page = response.content.decode()
    # The messages the next page would show, taken here (rendering it for every file costs seconds).
    message = " ".join(str(m) for m in get_messages(response.wsgi_request)) or _messages(page)
    world.client.cookies.pop("messages", None)
    rows = model.objects.count() - before
    return Outcome(
        response.status_code, success in message or rows > 0, message, page, rows, _files(world) - files
    )


def post_report_import(world: World, f: Hostile) -> Outcome:
    before, files = ImportedReport.objects.count(), _files(world)
    upload = SimpleUploadedFile(f.name, f.data)
    response = world.client.post(reverse("reports:import"), {"body": world.street.pk, "file": upload})
    response = through_the_queue(world.client, response)  # read by a worker, then its status page
    rows = ImportedReport.objects.count() - before
    page = "" if response.status_code == 302 else response.content.decode()
    return Outcome(
        response.status_code, response.status_code == 302, _messages(page), page, rows, _files(world) - files
    )


def post_batch(world: World, f: Hostile) -> Outcome:
    before = ImportedReport.objects.count()
    files = _files(world)
    upload = SimpleUploadedFile(f.name, f.data)
    response = world.client.post(reverse("reports:batch_new"), {"body": world.street.pk, "files": [upload]})
    if response.status_code != 302:
        page = response.content.decode()
        return Outcome(response.status_code, False, _messages(page), page, 0, _files(world) - files)
    batch = run_batch(int(response["Location"].rstrip("/").split("/")[-1]))
    item = batch.files.get()
    detail = world.client.get(reverse("reports:batch_detail", args=[batch.pk]))
    page = detail.content.decode()
    assert escape(item.message) in page
    accepted = item.status == ImportBatchFile.Status.IMPORTED
    rows = ImportedReport.objects.count() - before
    new_files = _files(world) - files - (1 if accepted else 0)  # an imported report keeps its original
    return Outcome(detail.status_code, accepted, item.message, page, rows - (1 if accepted else 0), new_files)


def post_yearbook(world: World, f: Hostile) -> Outcome:
    url = reverse("yearbook:import", args=[world.annual.pk])
    before = world.annual.sources
    outcome = _post(
        world, url, {"file": SimpleUploadedFile(f.name, f.data)}, AnnualReport, "已导入报告中的数值"
    )
    world.annual.refresh_from_db()
    outcome.rows = int(world.annual.sources != before)
    if outcome.accepted:
        world.annual.sources = {}
        world.annual.save(update_fields=["sources"])
        outcome.rows = 0
    return outcome


def post_register(world: World, f: Hostile) -> Outcome:
    url = reverse("disclosure:register_change", args=[world.street.pk, "import"])
    return _post(world, url, {"file": SimpleUploadedFile(f.name, f.data)}, DecisionCount, "已导入")


def post_attachment(world: World, f: Hostile) -> Outcome:
    """An item's attachment (draft) and a change's attachment (published item in 变更): the file is
    stored as it is, never opened, when its first bytes are of an accepted kind."""
    outcomes = []
    for item, act in ((world.draft, "attach"), (world.changed, "change_attach")):
        url = reverse("disclosure:item_act", args=[item.pk, act])
        before = Attachment.all_objects.count()
        outcome = _post(world, url, {"file": SimpleUploadedFile(f.name, f.data)}, Attachment, "已上传附件")
        if outcome.accepted:
            assert Attachment.all_objects.count() == before + 1 and outcome.files == 1, (act, f.key)
            outcome.rows = outcome.files = 0
        outcomes.append(outcome)
    assert outcomes[0].accepted == outcomes[1].accepted, f.key
    return outcomes[0] if not outcomes[0].accepted else outcomes[1]


# The report readers' paths must read a good report and refuse each hostile file as the set says.
READS_REPORTS = {"reports:import", "reports:batch_new", "yearbook:import"}
POSTERS: dict[str, Callable[[World, Hostile], Outcome]] = {
    "reports:import": post_report_import,
    "reports:batch_new": post_batch,
    "yearbook:import": post_yearbook,
    "disclosure:register_change": post_register,
    "disclosure:item_act": post_attachment,
}


def test_every_upload_path_is_tested():
    assert upload_paths() == set(POSTERS), "a new upload path: add its poster to POSTERS"


# ---------------------------------------------------------------- the set through every path


@pytest.fixture
def world(clerk, street, settings, tmp_path) -> World:
    settings.GONGKAI_MAX_UPLOAD_MB = MAX_MB
    settings.GONGKAI_MAX_UPLOAD_BYTES = MAX_MB * 1024 * 1024
    settings.GONGKAI_IMPORT_SECONDS = 20
    settings.GONGKAI_IMPORT_MEMORY_MB = 1536
    reviewer = _staff(street, "zhichu_reviewer", StaffMembership.Role.REVIEWER)
    leader = _staff(street, "zhichu_leader", StaffMembership.Role.LEADER)
    node = (
        CatalogueNode.objects.filter(body=street).order_by("pk").first()
    )  # the default a new body starts with

    def draft(title: str):
        return create_item(
            actor=clerk,
            body=street,
            draft=Draft(node=node, title=title, formed_on=date(2025, 9, 26), body_html="<p>正文</p>"),
        )

    published = review.submit_for_review(draft("已发布的信息"), actor=clerk)
    while published.status == "in_review":
        actor = leader if published.current_step.role == StaffMembership.Role.LEADER else reviewer
        published = review.approve_step(published, actor=actor)
    published = review.publish(
        published, actor=clerk, now=datetime(2025, 10, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    )
    changes.open_change(published, actor=clerk, reason="更正附件", formed_on=date(2025, 10, 20))
    client = Client()
    client.force_login(clerk)
    return World(
        client=client,
        street=street,
        annual=compile_report(actor=clerk, body=street, year=2023),
        draft=draft("草稿"),
        changed=published,
        media=Path(settings.MEDIA_ROOT),
    )


def judge(path: str, f: Hostile, outcome: Outcome) -> list[str]:
    wrong = []
    if outcome.status >= 500:
        wrong.append(f"HTTP {outcome.status}")
    if secret_line() in outcome.page or secret_line() in outcome.message:
        wrong.append(f"{SECRET_FILE} was read into the page")
    if path in READS_REPORTS:
        if f.report is None and not outcome.accepted:
            wrong.append(f"a good report was refused: {outcome.message!r}")
        if f.report is not None and outcome.accepted:
            wrong.append("a hostile file was accepted")
        if f.report and not re.search(f.report, outcome.message):
            wrong.append(f"expected {f.report!r} in {outcome.message!r}")
    if not outcome.accepted:
        if not CJK.search(outcome.message):
            wrong.append(f"no Chinese message: {outcome.message!r}")
        if latin := latin_words(outcome.message, f.name):
            wrong.append(f"English in the message {latin}: {outcome.message!r}")
        if outcome.rows or outcome.files:
            wrong.append(f"half-saved: {outcome.rows} rows, {outcome.files} files")
    if Client().get(reverse("login")).status_code != 200:
        wrong.append("the site stopped answering")
    return [f"{path} {f.key}: {w}" for w in wrong]


@pytest.mark.parametrize("path", sorted(POSTERS))
def test_the_hostile_set_through_every_upload_path(world, path):
    wrong = []
    for f in hostile_files():
        wrong += judge(path, f, POSTERS[path](world, f))
    assert not wrong, "\n".join(wrong)


def test_a_batch_of_the_whole_set_goes_on_after_each_hostile_file(world, settings):
    """One batch of every file (and the same files in a zip): each hostile one fails with its own
    sentence, each good one is imported, whatever stands before it."""
    settings.GONGKAI_MAX_UPLOAD_MB = 40  # the zip of the whole set, bombs included, is ~13 MB
    settings.GONGKAI_MAX_UPLOAD_BYTES = 40 * 1024 * 1024
    files = [f for f in hostile_files() if f.key != "oversize"]  # the whole upload would be refused
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        for f in files:
            z.writestr(f"zip/{f.name}", f.data)
    uploads = [SimpleUploadedFile(f.name, f.data) for f in files]
    uploads.append(SimpleUploadedFile("all.zip", archive.getvalue()))
    response = world.client.post(reverse("reports:batch_new"), {"body": world.street.pk, "files": uploads})
    assert response.status_code == 302, _messages(response.content.decode())
    batch = run_batch(int(response["Location"].rstrip("/").split("/")[-1]))

    by_name = {item.name: item for item in batch.files.all()}
    assert len(by_name) == 2 * len(files)
    wrong = []
    for f in files:
        for name in (f.name, f"zip/{f.name}"):
            item = by_name[name]
            imported = item.status == ImportBatchFile.Status.IMPORTED
            if imported != (f.report is None):
                wrong.append(f"{name}: {item.status} {item.message}")
            if not imported and (not CJK.search(item.message) or latin_words(item.message, f.name)):
                wrong.append(f"{name}: {item.message!r}")
    assert not wrong, "\n".join(wrong)
    assert batch.imported_count == 2 * sum(f.report is None for f in files)
    assert world.client.get(reverse("reports:batch_detail", args=[batch.pk])).status_code == 200


@pytest.mark.parametrize(("lying", "says"), [(False, "压缩包解压后超过"), (True, "实际大小与记录不符")])
def test_a_zip_bomb_in_a_batch_is_refused_whole(world, lying, says):
    before = _files(world)
    response = world.client.post(
        reverse("reports:batch_new"),
        {"body": world.street.pk, "files": [SimpleUploadedFile("reports.zip", zip_of_bomb(lying=lying))]},
    )
    assert response.status_code == 400
    assert says in _messages(response.content.decode())
    assert not ImportBatchFile.objects.exists() and _files(world) == before


def _slow_upload(path: str, client: Client, street, annual: AnnualReport, data: bytes) -> str:
    """Post the slow file on ``path`` and return what the user reads."""
    upload = SimpleUploadedFile("299.pdf", data)
    if path == "reports:import":
        response = through_the_queue(client, client.post(reverse(path), {"body": street.pk, "file": upload}))
        return _messages(response.content.decode())
    if path == "yearbook:import":
        response = client.post(reverse(path, args=[annual.pk]), {"file": upload})
        return " ".join(str(m) for m in get_messages(response.wsgi_request))
    response = client.post(reverse(path), {"body": street.pk, "files": [upload]})
    batch = run_batch(int(response["Location"].rstrip("/").split("/")[-1]))
    return batch.files.get().message


def _waiting_out_table_locks(step: Callable[[], object]) -> object:
    """Run ``step`` as a database with a busy timeout would: SQLite's in-memory test database (shared
    cache) answers "database table is locked" at once while the reader's thread writes its few
    milliseconds of status, where the file database of a real site waits; the second it may take
    is still measured by the caller."""
    while True:
        try:
            return step()
        except OperationalError as e:
            if "table is locked" not in str(e):
                raise
            time.sleep(0.01)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", sorted(READS_REPORTS))
def test_the_site_answers_while_a_slow_hostile_file_is_read(path, clerk, street, settings):
    """A 57 KB PDF of 299 dense pages takes ~20 s of a reader: stopped at the time limit (2 s here)
    with its own sentence, while logins and writes go on, each within a second."""
    settings.GONGKAI_IMPORT_SECONDS = 2
    annual = compile_report(actor=clerk, body=street, year=2023)
    uploader = Client()
    uploader.force_login(clerk)
    seen: dict[str, object] = {}

    def upload() -> None:
        try:
            seen["message"] = _slow_upload(path, uploader, street, annual, text_pdf(299, 115))
        finally:
            connection.close()

    thread = threading.Thread(target=upload)
    thread.start()
    slowest, during = 0.0, 0
    try:
        time.sleep(0.3)
        while thread.is_alive():
            start = time.monotonic()
            assert _waiting_out_table_locks(
                lambda: Client().login(username=clerk.username, password=PASSWORD)
            )
            clerk.first_name = str(during)
            _waiting_out_table_locks(lambda: clerk.save(update_fields=["first_name"]))
            slowest = max(slowest, time.monotonic() - start)
            during += 1
            time.sleep(0.2)
    finally:
        thread.join(timeout=120)
    assert during >= 2 and slowest < 1.0, (during, slowest)
    assert "处理超时（超过 2 秒）" in str(seen["message"])
    assert not ImportedReport.objects.exists()


def test_a_register_table_whose_sizes_lie_is_refused_unopened(world):
    lying = next(f for f in hostile_files() if f.key == "xlsx-lying-bomb")
    outcome = post_register(world, lying)
    assert not outcome.accepted and "疑似压缩炸弹" in outcome.message

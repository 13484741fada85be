"""A report file is read before any transaction opens: while a slow file is being read, the rest
of the site (a login, a registration of another write) goes on. Threads with their own database
connections; an event holds the read open, so nothing depends on timing but the 1 s bound."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from gongkai.report_imports.actions import reading
from gongkai.report_workspace.actions import reports
from gongkai.report_workspace.actions.reports import compile_report, import_cells
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_a_login_succeeds_within_a_second_while_an_uploaded_report_is_being_read(
    clerk, street, seed, monkeypatch
):
    annual = compile_report(actor=clerk, body=street, year=2023)
    reading_started, release = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def slow_read(data: bytes, filename: str):
        seen["in_transaction"] = connection.in_atomic_block
        reading_started.set()
        release.wait(timeout=60)  # the file "takes" as long as the test wants
        return reading.read_upload(data, filename)  # then the real, sandboxed read

    monkeypatch.setattr(reports, "read_upload", slow_read)

    def upload() -> None:
        try:
            seen["result"] = import_cells(actor=clerk, annual=annual, data=seed("000"), filename="000.txt")
        except BaseException as e:  # pragma: no cover - reported by the assertion below
            seen["error"] = e
        finally:
            connection.close()

    uploader = threading.Thread(target=upload)
    uploader.start()
    try:
        assert reading_started.wait(timeout=30)
        start = time.monotonic()
        client = Client()
        assert client.login(username=clerk.username, password=PASSWORD)  # writes a session, last_login
        clerk.first_name = "张"
        clerk.save(update_fields=["first_name"])
        elapsed = time.monotonic() - start
        assert uploader.is_alive()  # the read is still going on
        assert elapsed < 1.0
    finally:
        release.set()
        uploader.join(timeout=120)
    assert seen["in_transaction"] is False
    assert "error" not in seen, seen.get("error")
    annual.refresh_from_db()
    assert annual.sources  # the numbers of the file were taken


@pytest.mark.django_db(transaction=True)
def test_the_register_table_is_read_before_its_transaction_opens(clerk, street, monkeypatch):
    from gongkai.disclosure.actions import registers

    seen = {}
    real = registers.read_decision_table

    def watched(data: bytes, filename: str):
        seen["in_transaction"] = connection.in_atomic_block
        return real(data, filename)

    monkeypatch.setattr(registers, "read_decision_table", watched)
    data = "年份,月份,行政许可,行政处罚,行政强制\n2024,1,1,2,3\n".encode()
    assert registers.import_decision_counts(actor=clerk, body=street, data=data, filename="a.csv") == 1
    assert seen["in_transaction"] is False

"""`gongkai start` leaves no process behind: after the server is stopped (SIGTERM) or killed
(SIGKILL), the processes it started — the task worker with its beat process and its upload pool
(fork server, workers, resource tracker) — are gone within
seconds. A real server in a subprocess, a real upload; its processes are found in /proc by a mark
in their environment (inherited by every descendant, whoever their parent is after the server)."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
GONGKAI = Path(sys.executable).with_name("gongkai")
PASSWORD = "admin-" + "p" * 12


def marked(mark: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                environ = Path(f"/proc/{entry}/environ").read_bytes()
            except OSError:
                continue
            if f"GONGKAI_PROCESS_MARK={mark}".encode() in environ.split(b"\0"):
                found.append(int(entry))
    return found


def task_workers(mark: str) -> list[int]:
    """The marked processes of `gongkai worker`: the worker and its embedded beat process."""
    found = []
    for pid in marked(mark):
        with contextlib.suppress(OSError):
            if b"gongkai\0worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
    return found


def end_all(mark: str, server: subprocess.Popen[bytes]) -> None:
    """Whatever a failed test left running: every marked process, then the server."""
    for pid in marked(mark):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if server.poll() is None:
        server.kill()
        server.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def upload_a_report(base: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    for _ in range(240):
        try:
            opener.open(base + "/login/", timeout=2)
            break
        except OSError:
            time.sleep(0.25)

    def csrf() -> str:
        return next(c.value for c in jar if c.name == "csrftoken")

    login = {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": csrf()}
    opener.open(base + "/login/", urllib.parse.urlencode(login).encode())
    page = opener.open(base + "/reports/import/").read().decode()
    body = re.search(r'<option value="(\d+)"', page)
    assert body, page
    boundary = uuid.uuid4().hex
    text = next(SEEDS.glob("000_*.txt")).read_bytes()
    fields = [("csrfmiddlewaretoken", csrf()), ("body", body.group(1))]
    data = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields
    )
    data += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="000.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + text
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        base + "/reports/import/",
        data=data,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    response = opener.open(request, timeout=120)
    # The worker reads it in its sandbox pool; the page waits ~2 s for it, then shows the import's
    # status page, which leads to the report once the worker is done (the first read starts the pool).
    deadline = time.monotonic() + 120
    while re.search(r"/reports/import/\d+/$", response.url) and time.monotonic() < deadline:
        time.sleep(0.5)
        response = opener.open(response.url, timeout=30)
    assert re.search(r"/reports/\d+/$", response.url), response.url  # read by the pool, stored


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_server_ends_its_upload_pool(tmp_path, stop):
    mark = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(
        GONGKAI_DATA_DIR=str(tmp_path / "data"),
        GONGKAI_ADMIN_PASSWORD=PASSWORD,
        GONGKAI_ROOT_BODY="烟台市芝罘区人民政府只楚街道办事处",  # the body seed 000 names: filed at once
        GONGKAI_PROCESS_MARK=mark,
        GONGKAI_IMPORT_WORKERS="1",
    )
    port = free_port()
    server = subprocess.Popen(
        [str(GONGKAI), "start", "--addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        upload_a_report(f"http://127.0.0.1:{port}")
        running = marked(mark)
        assert server.pid in running and len(running) >= 3  # server, fork server, worker (and tracker)
        # The task worker's embedded beat scheduler runs as a child of the worker: it must end too.
        deadline = time.monotonic() + 60
        while len(task_workers(mark)) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(task_workers(mark)) >= 2, "the worker and its beat process"

        server.send_signal(stop)
        server.wait(timeout=30)
        deadline = time.monotonic() + 10
        while marked(mark) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {
            pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:120] for pid in marked(mark)
        }
        assert left == {}
    finally:
        end_all(mark, server)


def test_the_start_output_is_short_and_the_worker_speaks_in_its_log(tmp_path):
    """Celery's banner and its warnings (a root user gets a SecurityWarning) go to data/worker.log; the
    console says where, and the upload still goes through the worker."""
    mark = uuid.uuid4().hex
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(
        GONGKAI_DATA_DIR=str(data),
        GONGKAI_ADMIN_PASSWORD=PASSWORD,
        GONGKAI_ROOT_BODY="烟台市芝罘区人民政府只楚街道办事处",
        GONGKAI_PROCESS_MARK=mark,
        GONGKAI_IMPORT_WORKERS="1",
    )
    port = free_port()
    console = tmp_path / "console.txt"
    with open(console, "wb") as out:
        server = subprocess.Popen(
            [str(GONGKAI), "start", "--addr", f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        upload_a_report(f"http://127.0.0.1:{port}")
        log = data / "worker.log"
        deadline = time.monotonic() + 60
        while "[queues]" not in (log.read_text() if log.exists() else "") and time.monotonic() < deadline:
            time.sleep(0.5)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    finally:
        end_all(mark, server)
    said = console.read_text()
    assert f"后台任务进程已启动（日志：{data / 'worker.log'}）" in said
    assert "[queues]" not in said and "SecurityWarning" not in said and "[config]" not in said, said
    assert "[queues]" in (data / "worker.log").read_text()  # Celery's banner

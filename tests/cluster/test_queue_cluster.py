"""The platform as a cluster: two web processes and two Celery workers on PostgreSQL and Redis.

A batch of 200 mixed reports (text, Markdown, web pages, .docx; some unreadable) is uploaded as a zip
through one web process's pages, with a logged-in session and its CSRF token, and followed on the
other's. One worker is killed with SIGKILL mid-batch, as if its machine died. Every file must end
imported exactly once — one report per file, none twice — with the results a single process reading
the same files gets; and the reply-deadline reminder must fire from the beat inside the surviving
worker, with no crontab (its interval shortened through ``GONGKAI_SCHEDULE``).

Runs in CI's PostgreSQL pass (``DATABASE_URL`` on PostgreSQL, Redis at ``GONGKAI_TEST_REDIS_URL``,
default db 5); it creates and drops a database of its own.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import io
import json
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
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
REAL = ROOT.parent / "shared" / "corpus" / "real" / "raw"
FILES = 200
PASSWORD = "cluster-" + "p" * 12
REDIS_URL = os.getenv("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
LEASE_SECONDS = 6
WEB = (
    "import sys\n"
    "from waitress import serve\n"
    "from gongkai.wsgi import application\n"
    "serve(application, host='127.0.0.1', port=int(sys.argv[1]), threads=4)\n"
)
SETUP_REQUEST = (
    "import django, datetime\n"
    "django.setup()\n"
    "from gongkai.bodies.models import Body\n"
    "from gongkai.requests.actions.cases import register_request\n"
    "from gongkai.requests.models import Applicant, Channel\n"
    "body = Body.objects.get(parent=None)\n"
    "applicant = Applicant.objects.create(body=body, kind='natural_person', name='张三',\n"
    "    id_type='resident_id', id_number='110101199003070011', phone='13912345678')\n"
    "register_request(actor=None, body=body, applicant=applicant, channel=Channel.IN_PERSON,\n"
    "    arrived_on=datetime.date(2025, 9, 26), subject='老旧小区改造项目清单', items=['项目清单'])\n"
)


def _skip_reason() -> str | None:
    url = os.getenv("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "needs PostgreSQL (DATABASE_URL) and Redis: runs in CI's PostgreSQL pass"
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return f"needs Redis at {REDIS_URL} (GONGKAI_TEST_REDIS_URL)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- the files and a single-process run


def base_files() -> list[tuple[str, bytes]]:
    """Reports in every text form the platform reads, and two it must refuse."""
    from gongkai.report_format import analyse, read_bytes
    from gongkai.report_format.render import RENDERERS

    files = [(p.name, p.read_bytes()) for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    files += [(p.name, p.read_bytes()) for p in sorted((FIXTURES / "format2019").iterdir())]
    if REAL.is_dir():
        files += [(p.name, p.read_bytes()) for p in sorted(REAL.iterdir())]
    for name, data in files[:5]:
        report = analyse(read_bytes(data, name))
        for fmt in ("docx", "html"):
            files.append((f"{Path(name).stem}.{fmt}", RENDERERS[fmt](report)))
    files += [("乱码.txt", b"\x00\x01\x02\xff" * 500), ("空.txt", b"")]
    return files


def batch_files() -> list[tuple[str, bytes]]:
    base = base_files()
    return [(f"批次/{i:03d}_{base[i % len(base)][0]}", base[i % len(base)][1]) for i in range(FILES)]


def single_process(files: list[tuple[str, bytes]]) -> dict[str, object]:
    """What one process reading each file gets: the report's JSON, or the reason it is refused."""
    from gongkai.report_format import ReportReadError, analyse, read_bytes

    out: dict[str, object] = {}
    for name, data in files:
        try:
            out[name] = json.loads(json.dumps(analyse(read_bytes(data, name)).to_json()))
        except ReportReadError as e:
            out[name] = e.message
    return out


# A batch files each report under the body its title names, below the batch's body: the cluster's tree
# holds every body the files name (argv[1], JSON), as a city's tree holds its subordinates.
ADD_NAMED_BODIES = (
    "import django, json, sys\n"
    "django.setup()\n"
    "from gongkai.bodies.actions.members import create_body\n"
    "from gongkai.bodies.models import Body\n"
    "root = Body.objects.get(parent=None)\n"
    "for name in json.loads(sys.argv[1]):\n"
    "    if not Body.objects.filter(name=name).exists():\n"
    "        create_body(actor=None, name=name, level=Body.Level.OTHER, parent=root)\n"
)


def named_bodies(expected: dict[str, object]) -> list[str]:
    """The bodies the readable files' titles name."""
    return sorted({r["body"] for r in expected.values() if isinstance(r, dict) and r.get("body")})


def zipped(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


# ---------------------------------------------------------------- the cluster


class Cluster:
    def __init__(self, tmp: Path) -> None:
        import dj_database_url

        config = dj_database_url.parse(os.environ["DATABASE_URL"])
        self.admin_dsn = (
            f"host={config['HOST'] or '127.0.0.1'} port={config['PORT'] or 5432} "
            f"user={config['USER'] or 'postgres'} dbname=postgres"
        )
        if config.get("PASSWORD"):
            self.admin_dsn += f" password={config['PASSWORD']}"
        self.db = f"gk_queue_cluster_{os.getpid()}"
        self.dsn = self.admin_dsn.replace("dbname=postgres", f"dbname={self.db}")
        user = config["USER"] or "postgres"
        auth = f"{user}:{config['PASSWORD']}" if config.get("PASSWORD") else user
        host = f"{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_"))}
        self.env.update(
            DATABASE_URL=f"postgres://{auth}@{host}/{self.db}",
            CELERY_BROKER_URL=REDIS_URL,
            GONGKAI_DATA_DIR=str(tmp / "data"),
            GONGKAI_ADMIN_PASSWORD=PASSWORD,
            GONGKAI_QUEUE_LEASE_SECONDS=str(LEASE_SECONDS),
            GONGKAI_SCHEDULE="deadline_reminders=2",
            GONGKAI_IMPORT_WORKERS="1",  # one sandbox process a worker: two workers on two cores
            GONGKAI_WORKER_CONCURRENCY="1",
            LOG_LEVEL="INFO",
        )
        self.tmp = tmp
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def sql(self, query: str, *params: object) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.dsn) as conn:
            return list(conn.execute(query, params).fetchall())

    def create(self) -> None:
        import psycopg
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.db}"')
        self.run("gongkai", "start", "--no-serve")
        self.run("python", "-c", SETUP_REQUEST)

    def run(self, *argv: str) -> None:
        subprocess.run(self._argv(argv), env=self.env, check=True, stdout=subprocess.DEVNULL, timeout=300)

    def _argv(self, argv: tuple[str, ...]) -> list[str]:
        program = sys.executable if argv[0] == "python" else str(Path(sys.executable).with_name(argv[0]))
        return [program, *argv[1:]]

    def start(self, name: str, *argv: str) -> None:
        log = (self.tmp / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            self._argv(argv), env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def kill(self, name: str) -> None:
        """SIGKILL to the process and everything it started, as when its machine dies."""
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        import psycopg
        import redis

        for name in list(self.processes):
            self.kill(name)
        with contextlib.suppress(psycopg.Error), psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        with contextlib.suppress(redis.RedisError):
            redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    c = Cluster(tmp_path)
    try:
        c.create()
        yield c
    finally:
        c.stop()
        for log in sorted(tmp_path.glob("*.log")):
            sys.stdout.write(f"--- {log.name} (last lines)\n")
            sys.stdout.write("\n".join(log.read_text(errors="replace").splitlines()[-15:]) + "\n")


class Browser:
    """A logged-in session on one web process: cookies and the CSRF token, as a browser keeps them."""

    def __init__(self, base: str, jar: http.cookiejar.CookieJar) -> None:
        self.base = base
        self.jar = jar
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def wait_up(self) -> None:
        for _ in range(240):
            try:
                self.opener.open(self.base + "/login/", timeout=2)
                return
            except OSError:
                time.sleep(0.25)
        raise AssertionError(f"{self.base} did not start")

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=30).read().decode()

    def login(self) -> None:
        self.get("/login/")
        form = {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()}
        self.opener.open(self.base + "/login/", urllib.parse.urlencode(form).encode(), timeout=30)

    def upload(self, path: str, fields: dict[str, str], name: str, data: bytes) -> str:
        boundary = uuid.uuid4().hex
        body = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in {**fields, "csrfmiddlewaretoken": self.csrf()}.items()
        )
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                "Content-Type: application/zip\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        return self.opener.open(request, timeout=120).url


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.5)
    raise AssertionError(f"not within {seconds} s: {what}")


def test_a_batch_survives_a_dead_worker_and_reminders_fire_without_cron(cluster: Cluster):
    files = batch_files()
    expected = single_process(files)
    cluster.run("python", "-c", ADD_NAMED_BODIES, json.dumps(named_bodies(expected), ensure_ascii=False))
    ports = free_port(), free_port()
    for i, port in enumerate(ports):
        cluster.start(f"web{i}", "python", "-c", WEB, str(port))
    cluster.start("worker_beat", "gongkai", "worker", "--beat")
    cluster.start("worker_doomed", "gongkai", "worker")

    jar = http.cookiejar.CookieJar()
    one, two = (Browser(f"http://127.0.0.1:{port}", jar) for port in ports)
    one.wait_up()
    two.wait_up()
    one.login()
    page = one.get("/reports/batch/new/")
    root = cluster.sql("SELECT id FROM bodies_body WHERE parent_id IS NULL")[0][0]
    assert f'<option value="{root}"' in page, page  # the bodies the files name are below it
    url = one.upload("/reports/batch/new/", {"body": str(root)}, "报告.zip", zipped(files))
    batch = re.search(r"/reports/batch/(\d+)/$", url)
    assert batch, url
    progress = two.get(f"/reports/batch/{batch.group(1)}/")  # the same session, the other process
    assert "<progress" in progress and "批量导入" in progress

    def done() -> int:
        return cluster.sql(
            "SELECT count(*) FROM reports_importbatchfile WHERE status IN ('imported', 'failed')"
        )[0][0]

    wait_for(lambda: done() >= 30, 120, "30 files read by the two workers")
    cluster.kill("worker_doomed")
    killed_at = done()
    assert killed_at < FILES, "the batch finished before a worker could be killed"

    wait_for(
        lambda: cluster.sql("SELECT status FROM reports_importbatch")[0][0] in ("done", "partial"),
        180,
        "the batch to finish on the surviving worker",
    )
    rows = cluster.sql(
        "SELECT f.name, f.status, f.message, r.id, r.data FROM reports_importbatchfile f "
        "LEFT JOIN reports_importedreport r ON r.id = f.report_id ORDER BY f.position"
    )
    assert len(rows) == FILES
    assert all(status in ("imported", "failed") for _, status, _, _, _ in rows)
    reports = [report_id for _, status, _, report_id, _ in rows if status == "imported"]
    assert len(reports) == len(set(reports))  # one report per file
    assert cluster.sql("SELECT count(*) FROM reports_importedreport")[0][0] == len(reports)  # none twice
    got = {name: (data if status == "imported" else message) for name, status, message, _, data in rows}
    assert got == expected
    final = two.get(f"/reports/batch/{batch.group(1)}/")
    assert f"已处理 {FILES} / {FILES}" in final

    wait_for(
        lambda: cluster.sql("SELECT count(*) FROM requests_sentreminder")[0][0],
        60,
        "the reply-deadline reminder sent by beat",
    )

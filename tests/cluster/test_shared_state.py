"""Two web "machines" on one PostgreSQL database, one Redis and one shared media volume: server A is
gunicorn with two prefork workers, server B is waitress (as ``gongkai start`` serves). Each has its
own data dir; they share only what a production layout shares (docs/deployment.md). Everything goes
through HTTP: a change made through one is seen at once through the other, a login on one is a
session on the other, and the public forms' throttle counts requests made to either.

Needs GONGKAI_TEST_POSTGRES_URL (a server: postgres://postgres@127.0.0.1:5432 — the test makes its own
database and drops it) and GONGKAI_TEST_REDIS_URL (a Redis database the test may empty, e.g.
redis://127.0.0.1:6379/6); skipped without them.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.cluster

POSTGRES = os.getenv("GONGKAI_TEST_POSTGRES_URL", "")
REDIS = os.getenv("GONGKAI_TEST_REDIS_URL", "")
SEED = next((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("001_*.txt"))
PASSWORD = "cluster-admin-Pass-2025"
PYTHON = Path(sys.executable)

# Run inside the prepared installation: a report of the root body ready to be put on the portal.
PREPARE = """
import json
from pathlib import Path
from django.contrib.auth import get_user_model
from gongkai.bodies.models import Body
from gongkai.report_imports.actions.imports import import_report
admin = get_user_model().objects.get(username="admin")
root = Body.objects.get(parent=None)
report = import_report(actor=admin, body=root, data=Path({seed!r}).read_bytes(), filename="001.txt", confirmed=True)
print(json.dumps({{"root": root.pk, "report": report.pk, "title": report.title}}))
"""


@dataclass
class Browser:
    """One person's cookies, sent to whichever server a request goes to."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, port: int, method: str, path: str, form: dict[str, str] | None = None) -> Response:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, dict(raw.getheaders()), raw.read().decode())
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    kept = rest.split(";", 1)[0]
                    if kept in ('""', "") or "max-age=0" in value.lower():
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = kept
        finally:
            conn.close()
        return response

    def get(self, port: int, path: str) -> Response:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, form: dict[str, str]) -> Response:
        if "csrftoken" not in self.cookies:
            self.get(port, "/login/")  # any page with a form sets the CSRF cookie
        return self.request(port, "POST", path, form)

    def login(self, port: int) -> None:
        self.get(port, "/login/")
        response = self.post(port, "/login/", {"username": "admin", "password": PASSWORD})
        assert response.status == 302, response.text[:500]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


@dataclass
class Cluster:
    a: int  # gunicorn, two workers
    b: int  # waitress
    root: int
    report: int
    title: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server on port {port} stopped: {log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/login/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the server on port {port} did not answer: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if not (POSTGRES and REDIS):
        pytest.skip(
            "cluster test: set GONGKAI_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432) and "
            "GONGKAI_TEST_REDIS_URL (a Redis database it may empty, e.g. redis://127.0.0.1:6379/6)"
        )
    import psycopg
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    database = f"gk_shared_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    root = tmp_path_factory.mktemp("cluster")
    media = root / "shared-media"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    base.update(
        DATABASE_URL=f"{POSTGRES}/{database}",
        REDIS_URL=REDIS,
        GONGKAI_MEDIA_DIR=str(media),
        SECRET_KEY="cluster-test-" + uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="127.0.0.1",
        DEBUG="False",
        GONGKAI_ADMIN_PASSWORD=PASSWORD,
        GONGKAI_TRACK_FAILURE_RATE="3/h",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
    )
    env_a = {**base, "GONGKAI_DATA_DIR": str(root / "machine-a")}
    env_b = {**base, "GONGKAI_DATA_DIR": str(root / "machine-b")}
    servers: list[subprocess.Popen] = []
    try:
        gongkai = [str(PYTHON), "-m", "gongkai"]
        subprocess.run(
            [*gongkai, "start", "--no-serve"], env=env_a, check=True, capture_output=True, timeout=600
        )
        prepared = subprocess.run(
            [*gongkai, "shell", "-c", PREPARE.format(seed=str(SEED))],
            env={**env_a, "GONGKAI_IMPORT_ISOLATED": "False"},
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        facts = json.loads(prepared.stdout.strip().splitlines()[-1])
        a, b = free_port(), free_port()
        gunicorn = [str(PYTHON), "-m", "gunicorn", "gongkai.wsgi:application", "--preload"]
        waitress = [str(PYTHON), "-m", "waitress", "--host=127.0.0.1", "--threads=4"]
        commands = [
            ([*gunicorn, "--workers=2", "--threads=4", f"--bind=127.0.0.1:{a}"], env_a, a),
            ([*waitress, f"--port={b}", "gongkai.wsgi:application"], env_b, b),
        ]
        for command, env, port in commands:
            log = root / f"server-{port}.log"
            with log.open("w") as out:
                servers.append(subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT))
            wait_for(port, servers[-1], log)
        yield Cluster(a, b, facts["root"], facts["report"], facts["title"])
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        redis.Redis.from_url(REDIS).flushdb()
        shutil.rmtree(root, ignore_errors=True)


def test_a_login_on_one_process_is_a_session_on_the_other(cluster):
    person = Browser()
    assert person.get(cluster.b, "/reports/").status == 302  # not signed in: to the login page

    person.login(cluster.a)

    on_b = person.get(cluster.b, "/reports/")
    assert on_b.status == 200 and "admin" in on_b.text
    assert person.post(cluster.b, "/logout/", {}).status == 302
    assert person.get(cluster.a, "/reports/").status == 302  # signed out everywhere


def test_a_report_put_on_the_portal_through_one_is_listed_at_once_by_the_other(cluster):
    page = f"/gk/{cluster.root}/ndbg/"  # 年度报告
    visitor, leader = Browser(), Browser()
    assert cluster.title not in visitor.get(cluster.b, page).text
    again = visitor.get(cluster.b, page)
    assert again.headers.get("X-Portal-Cache") == "hit", (again.status, again.headers)  # B keeps the page

    leader.login(cluster.a)
    assert leader.post(cluster.a, f"/reports/{cluster.report}/portal/", {"action": "show"}).status == 302

    for port in (cluster.b, cluster.a, cluster.a):  # B, and A twice (whichever of its workers answers)
        listed = visitor.get(port, page)
        assert listed.status == 200 and cluster.title in listed.text


def due_date(person: Browser, port: int) -> str:
    page = person.get(port, "/calendar/deadline/?start=2025-06-10&days=1").text
    found = re.search(r"2025年6月\d+日", page[page.index("期限") :])
    assert found, page[:2000]
    return found.group(0)


def test_a_day_off_set_through_one_moves_the_deadline_counted_by_the_other(cluster):
    clerk, admin = Browser(), Browser()
    clerk.login(cluster.b)
    assert due_date(clerk, cluster.b) == "2025年6月11日"  # Tuesday + one working day

    admin.login(cluster.a)
    changed = admin.post(
        cluster.a,
        "/calendar/day/",
        {"on": "2025-06-11", "kind": "rest", "name": "地方放假", "reason": "集群测试：本地另行放假一天"},
    )
    assert changed.status == 302, changed.text[:2000]

    assert due_date(clerk, cluster.b) == "2025年6月12日"


def test_a_body_added_through_one_is_in_the_tree_shown_by_the_other(cluster):
    person = Browser()
    person.login(cluster.b)
    tree = f"/bodies/{cluster.root}/tree/"
    assert "集群测试街道办事处" not in person.get(cluster.b, tree).text  # B has walked and kept the tree

    added = person.post(
        cluster.a,
        f"/bodies/{cluster.root}/add/",
        {"name": "集群测试街道办事处", "level": "subdistrict", "reason": "集群测试：新设街道"},
    )
    assert added.status == 302, added.text[:2000]

    assert "集群测试街道办事处" in person.get(cluster.b, tree).text


def test_wrong_tracking_codes_are_counted_across_processes(cluster):
    guesser = Browser()
    wrong = {"number": "〔2025〕第1号", "code": "WRONG-CODE"}
    for port in (cluster.a, cluster.b, cluster.a):  # the limit is 3 an hour per address
        assert guesser.post(port, "/track/", wrong).status == 400

    refused = guesser.post(cluster.b, "/track/", wrong)

    assert refused.status == 429 and "频繁" in refused.text

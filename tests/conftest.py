"""The named actors every Django test can ask for, and the seed reports.

The world: 某某区人民政府 (a district) with two 街道 below it, 只楚街道 and 西高皇街道, each with
one 经办人 (clerk). Uploaded files go to a temporary MEDIA_ROOT.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from gongkai.bodies.actions import members as actions
from gongkai.bodies.models import Body, StaffMembership

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
PASSWORD = "correct horse battery staple"


def pytest_configure(config: pytest.Config) -> None:
    """Page processes of this test session take page slots of their own: a benchmark or another
    test session reading scans on the machine would otherwise hold the machine's slots, and the
    tests that count page processes would see fewer (report_format/page_pool.py)."""
    os.environ.setdefault("GONGKAI_OCR_SLOTS_DIR", tempfile.mkdtemp(prefix="gongkai-test-slots-"))


@pytest.fixture(autouse=True, scope="session")
def _queue_in_memory() -> None:
    """Tasks sent by the code under test wait in memory, as with no worker running: a test runs what it
    checks itself (tests/cluster/ runs real workers on a real broker)."""
    from gongkai.queue.app import app

    app.conf.CELERY_BROKER_URL = "memory://"  # the name Django's settings give it wins over broker_url
    app.conf.broker_transport_options = {}


@pytest.fixture(autouse=True)
def _no_wait_for_a_worker(settings) -> None:
    """No worker runs here: the import page does not wait for one (a test runs the queued task itself,
    e.g. tests/report_imports/views/test_import_page.py ``post_text``)."""
    settings.GONGKAI_IMPORT_WAIT_MS = 0


@pytest.fixture(autouse=True)
def _media_in_tmp_and_fast_passwords(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password() -> str:
    """The password every named actor logs in with."""
    return PASSWORD


@pytest.fixture
def seed() -> Callable[[str], bytes]:
    """``seed("000")`` → the bytes of tests/fixtures/seeds/000_….txt"""

    def read(prefix: str) -> bytes:
        return next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()

    return read


@pytest.fixture
def district(db) -> Body:
    return actions.create_body(
        actor=None, name="某某区人民政府", short_name="某某区", level=Body.Level.COUNTY
    )


@pytest.fixture
def street(district: Body) -> Body:
    return actions.create_body(
        actor=None,
        name="只楚街道办事处",
        short_name="只楚街道",
        level=Body.Level.SUBDISTRICT,
        parent=district,
    )


@pytest.fixture
def other_street(district: Body) -> Body:
    return actions.create_body(
        actor=None,
        name="西高皇街道办事处",
        short_name="西高皇街道",
        level=Body.Level.SUBDISTRICT,
        parent=district,
    )


def _staff(body: Body, username: str, role: StaffMembership.Role) -> AbstractUser:
    return actions.create_staff_user(actor=None, body=body, username=username, password=PASSWORD, role=role)


@pytest.fixture
def clerk(street: Body) -> AbstractUser:
    """经办人 of 只楚街道."""
    return _staff(street, "zhichu_clerk", StaffMembership.Role.CLERK)


@pytest.fixture
def other_clerk(other_street: Body) -> AbstractUser:
    """经办人 of 西高皇街道."""
    return _staff(other_street, "xigaohuang_clerk", StaffMembership.Role.CLERK)


@pytest.fixture
def district_admin(district: Body) -> AbstractUser:
    """管理员 of the district."""
    return _staff(district, "district_admin", StaffMembership.Role.ADMIN)


@pytest.fixture
def clerk_client(client: Client, clerk: AbstractUser) -> Client:
    client.force_login(clerk)
    return client


@pytest.fixture
def other_clerk_client(client: Client, other_clerk: AbstractUser) -> Client:
    client.force_login(other_clerk)
    return client


@pytest.fixture
def letter_settings(street):
    """The settings the body's 管理员 fills in: every letter's remedies and contact details."""
    from gongkai.requests.models import LetterSettings

    return LetterSettings.objects.create(
        body=street,
        review_organ="某某区人民政府",
        court="某某区人民法院",
        office_address="某某区某某路1号",
        office_phone="010-12345678",
    )

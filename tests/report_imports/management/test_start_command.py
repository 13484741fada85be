"""`gongkai start --demo --no-serve`: migrations, first admin, demo world — twice is like once."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_imports.models import ImportedReport


def start(capsys, *args: str) -> str:
    call_command("start", "--no-serve", *args)
    return capsys.readouterr().out


def test_start_creates_the_first_admin_and_prints_the_password(db, capsys, monkeypatch, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    monkeypatch.delenv("GONGKAI_ADMIN_PASSWORD", raising=False)

    out = start(capsys)

    admin = User.objects.get(username="admin")
    password = out.split("用户名 admin")[1].split("密码 ")[1].split()[0]
    assert admin.is_superuser
    assert admin.check_password(password)
    assert "http://127.0.0.1:8000/" in out


def test_start_takes_the_admin_password_from_the_environment(db, capsys, monkeypatch, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    monkeypatch.setenv("GONGKAI_ADMIN_PASSWORD", "from-the-env-123")

    out = start(capsys)

    assert User.objects.get(username="admin").check_password("from-the-env-123")
    assert "from-the-env-123" not in out


def test_demo_builds_a_district_with_two_streets_every_role_and_their_reports(db, capsys, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"

    out = start(capsys, "--demo")

    district = Body.objects.get(name="某某区人民政府")
    streets = district.children.all()
    assert [s.get_level_display() for s in streets] == ["街道", "街道"]
    for street in streets:
        clerk = StaffMembership.objects.get(body=street, role=StaffMembership.Role.CLERK).user
        for role in ("reviewer", "leader"):
            staff = StaffMembership.objects.get(body=street, role=role)
            assert f"用户名 {staff.user.username}　{street.name}　{staff.get_role_display()}　密码 " in out
        assert f"用户名 {clerk.username}　{street.name}　经办人　密码 " in out
        reports = ImportedReport.objects.filter(body=street)  # 东城 re-imported after a send-back
        assert reports.exists()
        for report in reports:
            assert report.error_count == 0 and report.warning_count == 0
            assert report.created_by == clerk
    assert "用户名 quji_jiandu　某某区人民政府　监督人员　密码 " in out
    assert StaffMembership.objects.get(user__username="admin").body == district


def test_demo_twice_changes_nothing(db, capsys, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    start(capsys, "--demo")
    counts = (Body.objects.count(), User.objects.count(), ImportedReport.objects.count())

    out = start(capsys, "--demo")

    assert (Body.objects.count(), User.objects.count(), ImportedReport.objects.count()) == counts
    assert "密码未改变" in out


def test_a_bad_address_is_refused_in_chinese(db):
    with pytest.raises(CommandError, match="格式不对"):
        call_command("start", "--no-serve", "--addr", "localhost")


def test_listening_on_every_interface_mentions_allowed_hosts(db, capsys, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"

    out = start(capsys, "--addr", "0.0.0.0:8123")

    assert "http://127.0.0.1:8123/" in out
    assert "ALLOWED_HOSTS" in out

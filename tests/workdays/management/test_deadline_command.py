"""`gongkai deadline DATE [--working-days N] [--json]`, in-process and as a user runs it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def deadline(capsys, *args: str) -> str:
    call_command("deadline", *args)
    return capsys.readouterr().out


def test_it_prints_the_due_date_and_how_it_was_counted(db, capsys):
    out = deadline(capsys, "2025-09-26")

    assert out.splitlines()[0] == "期限届满日：2025年10月30日（周四）"
    assert "自2025年9月26日次日起算第20个工作日为2025年10月30日" in out
    assert "调休上班日计入：2025年9月28日（周日）、2025年10月11日（周六）" in out
    assert "警告" not in out


def test_it_reads_a_date_written_in_chinese_and_another_number_of_days(db, capsys):
    out = deadline(capsys, "2025年9月26日", "--working-days", "7")

    assert "期限届满日：2025年10月13日" in out


def test_a_provisional_date_comes_with_a_warning_line(db, capsys):
    out = deadline(capsys, "2026-12-15")

    assert "期限届满日：2027年1月13日" in out
    assert "警告：这是暂定日期，2027年的放假安排尚未公布" in out


def test_json_gives_the_count_in_full(db, capsys):
    result = json.loads(deadline(capsys, "2025-09-26", "--json"))

    assert result["start"] == "2025-09-26"
    assert result["working_days"] == 20
    assert result["due"] == "2025-10-30"
    assert result["provisional"] is False
    assert [d["date"] for d in result["makeup"]] == ["2025-09-28", "2025-10-11"]
    assert {"date": "2025-10-06", "name": "中秋节", "source": "package"} in result["skipped"]
    assert result["explanation"].startswith("自2025年9月26日次日起算")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2025-13-01",), "日期“2025-13-01”不存在"),
        (("下周一",), "日期“下周一”无法识别，请写成 2025-09-26 或 2025年9月26日"),
        (("2025-09-26", "--working-days", "-3"), "工作日数应在0到1000之间"),
    ],
)
def test_a_bad_argument_is_refused_in_chinese_with_exit_code_2(db, args, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command("deadline", *args)

    assert refused.value.returncode == 2


# ------------------------------------------------------------------ as a user runs it


def gongkai_command() -> str:
    beside_python = Path(sys.executable).parent / "gongkai"
    found = str(beside_python) if beside_python.exists() else shutil.which("gongkai")
    if found is None:
        pytest.fail("the `gongkai` command is not installed: run `pip install -e .`")
    return found


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    # the environment carries DJANGO_SETTINGS_MODULE as pytest-django set it
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [gongkai_command(), *args], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


def test_the_gongkai_command_prints_the_due_date(tmp_path):
    assert run("migrate", "--no-input", tmp_path=tmp_path).returncode == 0

    result = run("deadline", "2025-09-26", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "2025年10月30日" in result.stdout


def test_the_gongkai_command_exits_2_on_a_bad_date(tmp_path):
    result = run("deadline", "2025-02-30", tmp_path=tmp_path)

    assert result.returncode == 2
    assert "日期“2025-02-30”不存在" in result.stderr


def test_before_migrate_it_says_what_to_run(tmp_path):
    result = run("deadline", "2025-09-26", tmp_path=tmp_path)

    assert result.returncode == 1
    assert "请先运行 gongkai migrate" in result.stderr

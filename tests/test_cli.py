"""The `gongkai` command: Django commands and `gongkai report …`, run as a user runs them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEED = next((Path(__file__).resolve().parent / "fixtures" / "seeds").glob("001_*.txt"))


def gongkai_command() -> str:
    beside_python = Path(sys.executable).parent / "gongkai"
    found = str(beside_python) if beside_python.exists() else shutil.which("gongkai")
    if found is None:
        pytest.fail("the `gongkai` command is not installed: run `pip install -e .` (scripts/test does)")
    return found


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_gongkai_runs_a_django_command(tmp_path):
    result = run(gongkai_command(), "check", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_gongkai_lists_the_start_command(tmp_path):
    result = run(gongkai_command(), "help", "start", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "--demo" in result.stdout


def test_python_dash_m_gongkai_works_too(tmp_path):
    result = run(sys.executable, "-m", "gongkai", "check", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr


def test_gongkai_report_goes_to_the_report_tools(tmp_path):
    result = run(gongkai_command(), "report", "parse", str(SEED), tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert '"year": 2023' in result.stdout
    assert not (tmp_path / "data").exists()


def test_gongkai_report_returns_the_tools_exit_code(tmp_path):
    result = run(gongkai_command(), "report", "parse", str(tmp_path / "no-such-file.txt"), tmp_path=tmp_path)

    assert result.returncode == 2
    assert "找不到文件" in result.stderr

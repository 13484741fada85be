"""Issue #17: the hostile-file set (tests/hostile_files.py) through the command line. `gongkai report
parse` gives each file's reason as one Chinese sentence on stderr and exit code 2 (0 and the JSON for a
good report); `gongkai report import` of a folder holding all of them runs to its end (exit 0), reads
every good report and lists every other file with its reason. No traceback anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from gongkai.report_format.cli import main
from gongkai.report_format.read import MAX_BYTES
from tests.hostile_files import CJK, SEED, hostile_set, latin_words, secret_line


@cache
def hostile_files():
    return hostile_set(SEED.read_text(encoding="utf-8"), oversize=MAX_BYTES + 1)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Every file of the set; the oversize one just above the command's 20 MB."""
    where = tmp_path_factory.mktemp("hostile")
    for f in hostile_files():
        (where / f.name).write_bytes(f.data)
    return where


@pytest.mark.parametrize("f", hostile_files(), ids=lambda f: f.key)
def test_report_parse_answers_each_file_with_a_sentence(folder, f, capsys, monkeypatch):
    monkeypatch.chdir(folder)
    code = main(["parse", f.name])

    out, err = capsys.readouterr()
    assert secret_line() not in out + err
    if f.report is None:
        assert code == 0, err
        assert json.loads(out)["table3"]
        return
    assert code == 2
    assert err.startswith("无法读取：") and err.count("\n") == 1, err
    assert CJK.search(err) and not latin_words(err, f.name), err


def test_report_import_of_the_folder_runs_to_its_end(folder, tmp_path):
    out = tmp_path / "result.jsonl"
    outside_the_walk = [
        str(folder / f.name) for f in hostile_files() if f.name.endswith((".png", ".jpg", ".xlsx"))
    ]
    command = [sys.executable, "-m", "gongkai", "report", "import", str(folder), *outside_the_walk]
    result = subprocess.run(
        [*command, "--out", str(out), "--workers", "2", "--time-limit", "60"],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    records = {Path(r["file"]).name: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(records) == {f.name for f in hostile_files()}
    for f in hostile_files():
        record = records[f.name]
        assert record["ok"] == (f.report is None), record.get("error")
        if not record["ok"]:
            error = record["error"].replace(str(folder), "")
            assert CJK.search(error) and not latin_words(error, f.name), error
            assert record["error"] in result.stdout

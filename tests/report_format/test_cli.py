"""`gongkai report parse|check|render`: output, exit codes 0/1/2, messages in Chinese."""

import json
import subprocess
import sys

from gongkai.report_format.cli import main
from tests.report_format.builders import consistent_report, t3
from tests.report_format.seeds import seed_path


def test_parse_prints_the_canonical_json(capsys):
    assert main(["parse", str(seed_path("002"))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["table3"]["rows"]["partial"] == [2, 0, 0, 0, 0, 0, 2]
    assert data["year"] == 2024


def test_parse_with_infer_marks_the_recovered_cells(capsys):
    assert main(["parse", str(seed_path("000")), "--infer"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["table3"]["rows"]["total"] == [5, 0, 0, 0, 0, 0, 5]
    assert any(f["code"] == "INFERRED" for f in data["findings"])


def test_check_exits_0_without_errors_and_lists_warnings(capsys):
    assert main(["check", str(seed_path("000"))]) == 0
    out = capsys.readouterr().out
    assert "TEXT_SUM" in out and "[警告]" in out and "只楚街道办事处" in out


def test_check_exits_1_on_an_error_finding(tmp_path, capsys):
    r = consistent_report()
    r.values[t3("granted", "natural_person")] = 9
    path = tmp_path / "bad.json"
    path.write_text(r.dumps(), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "[错误] T3_OUTCOME_SUM" in capsys.readouterr().out


def test_check_with_previous_year(tmp_path, capsys):
    previous = consistent_report()
    previous.year = 2023
    previous.values[t3("carried_forward", "natural_person")] = 7
    prev = tmp_path / "2023.json"
    prev.write_text(previous.dumps(), encoding="utf-8")
    now = tmp_path / "2024.json"
    now.write_text(consistent_report().dumps(), encoding="utf-8")
    assert main(["check", str(now), "--previous", str(prev)]) == 1
    assert "CROSS_YEAR_CARRY" in capsys.readouterr().out


def test_unreadable_file_exits_2_with_a_chinese_message(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["check", str(empty)]) == 2
    assert "文件为空" in capsys.readouterr().err
    assert main(["parse", str(tmp_path / "nope.txt")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_render_writes_a_file(tmp_path):
    out = tmp_path / "r.json"
    assert main(["render", str(seed_path("001")), "--to", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["table4"]["review"]["total"] == 0


def test_as_a_process_the_exit_code_reaches_the_shell(tmp_path):
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 10)
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "report", "check", str(garbage)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "无法读取" in done.stderr and "Traceback" not in done.stderr

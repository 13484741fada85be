"""Legacy .doc files through LibreOffice; without it, a message that names the package to install."""

from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

import pytest

from gongkai.report_format import ReportReadError, read_bytes
from gongkai.report_format.read_legacy import soffice_path
from gongkai.report_format.render import render_docx
from gongkai.report_format.sample import random_report
from tests.report_format.test_roundtrip_property import assert_same_report


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) 未安装，无法转换 .doc")
def test_a_doc_file_parses_back_to_the_same_report(tmp_path: Path):
    report = random_report(random.Random(8))
    source = tmp_path / "报告.docx"
    source.write_bytes(render_docx(report))
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    parsed = read_bytes((tmp_path / "报告.doc").read_bytes(), "报告.doc")
    assert_same_report(parsed, report)
    assert parsed.source["format"] == "doc"


def test_without_libreoffice_the_message_names_the_package(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ReportReadError) as e:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧.doc")
    assert "libreoffice-writer" in e.value.message and "另存为 .docx" in e.value.message

"""A task worker stays lean: what every worker process imports leaves out the libraries only some tasks
need (openpyxl with numpy and Pillow, python-docx with lxml, jieba; SQLAlchemy on Redis), and the
system checks that would load every view. Measured: a `gongkai worker` on Redis 159 → 86 MB RSS."""

from __future__ import annotations

import json
import subprocess
import sys

from gongkai.queue.management.commands.worker import Command

HEAVY = ("openpyxl", "numpy", "PIL", "docx", "lxml", "jieba", "sqlalchemy")

PROBE = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
os.environ["CELERY_SKIP_CHECKS"] = "1"
import django
django.setup()
from gongkai.queue.app import app
app.loader.import_default_modules()
for name in app.conf.imports:
    __import__(name)
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _loaded(tmp_path, **env: str) -> set[str]:
    environ = {"PATH": "/usr/bin:/bin", "GONGKAI_DATA_DIR": str(tmp_path), **env}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=environ, capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_a_worker_on_redis_imports_none_of_the_heavy_libraries(tmp_path):
    loaded = _loaded(tmp_path, REDIS_URL="redis://127.0.0.1:6379/15")  # no connection is made

    assert "gongkai" in loaded and "celery" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_embedded_worker_adds_only_sqlalchemy(tmp_path):
    loaded = _loaded(tmp_path)

    assert loaded & set(HEAVY) <= {"sqlalchemy"}


def test_the_worker_command_leaves_the_system_checks_to_the_web_process():
    assert Command.requires_system_checks == ()

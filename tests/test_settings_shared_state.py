"""Where shared state goes: REDIS_URL moves the caches to Redis, GONGKAI_MEDIA_DIR and
GONGKAI_STORAGE_* move the uploaded files; a bad value stops the process and names the variable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_settings import check_deploy

SHOW = (
    "import json, gongkai.settings as s; print(json.dumps({'caches': {k: v['BACKEND'] for k, v in s.CACHES.items()}, "
    "'media': str(s.MEDIA_ROOT), 'storage': s.STORAGES['default'], 'sessions': s.SESSION_ENGINE}))"
)


def settings_with(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    unset = ("DATABASE_URL", "DEBUG", "SECRET_KEY", "REDIS_URL")
    environ = {k: v for k, v in os.environ.items() if k not in unset and not k.startswith("GONGKAI_")}
    environ.update(GONGKAI_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=environ, capture_output=True, text=True, timeout=60
    )


def shown(tmp_path: Path, **env: str) -> dict:
    result = settings_with(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_server_the_versions_are_files_in_the_data_dir_and_the_counts_a_table(tmp_path):
    found = shown(tmp_path)

    assert found["caches"] == {
        "default": "django.core.cache.backends.filebased.FileBasedCache",
        "throttle": "django.core.cache.backends.db.DatabaseCache",
        "pages": "django.core.cache.backends.locmem.LocMemCache",
    }
    assert found["media"] == str(tmp_path / "data" / "media")
    assert found["sessions"] == "django.contrib.sessions.backends.db"


def test_redis_url_shares_the_versions_and_the_counts(tmp_path):
    found = shown(tmp_path, REDIS_URL="redis://cache.internal:6379/0")

    redis = "django.core.cache.backends.redis.RedisCache"
    assert (found["caches"]["default"], found["caches"]["throttle"]) == (redis, redis)
    assert found["caches"]["pages"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"  # ending access deletes rows
    shared = shown(tmp_path, REDIS_URL="redis://cache.internal:6379/0", GONGKAI_PAGE_CACHE="shared")
    assert shared["caches"]["pages"] == redis


def test_the_files_go_to_a_shared_volume_or_another_storage(tmp_path):
    volume = shown(tmp_path, GONGKAI_MEDIA_DIR=str(tmp_path / "nfs" / "gongkai"))
    assert volume["media"] == str(tmp_path / "nfs" / "gongkai")

    s3 = shown(
        tmp_path,
        GONGKAI_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        GONGKAI_STORAGE_OPTIONS='{"bucket_name": "gongkai", "default_acl": "private"}',
    )
    assert s3["storage"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "gongkai", "default_acl": "private"},
    }


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"REDIS_URL": "cache.internal:6379"}, "REDIS_URL"),
        ({"GONGKAI_PAGE_CACHE": "shared"}, "GONGKAI_PAGE_CACHE"),
        ({"REDIS_URL": "redis://x:6379/0", "GONGKAI_PAGE_CACHE": "everywhere"}, "GONGKAI_PAGE_CACHE"),
        ({"GONGKAI_STORAGE_OPTIONS": "bucket=gongkai"}, "GONGKAI_STORAGE_OPTIONS"),
        ({"GONGKAI_STORAGE_OPTIONS": '["gongkai"]'}, "GONGKAI_STORAGE_OPTIONS"),
    ],
)
def test_a_bad_shared_state_setting_stops_the_process(tmp_path, env, named):
    result = settings_with(tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


DEPLOYMENT = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"


def documented_environment() -> dict[str, str]:
    """The settings block of docs/deployment.md, placeholders (``<…>``) filled in."""
    text = DEPLOYMENT.read_text(encoding="utf-8")
    block = text[text.index("## Settings") :]
    block = block[block.index("```bash") + len("```bash") : block.index("```", block.index("```bash") + 7)]
    env = {}
    for line in block.splitlines():
        line = line.split("  #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        env[name] = re.sub(r"<[^>]*>", "Zq7-" + "x9Lm" * 15, value)
    return env


def test_the_documented_several_machine_settings_pass_check_deploy(tmp_path):
    env = documented_environment()
    assert {
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "GONGKAI_MEDIA_DIR",
        "GONGKAI_CLIENT_IP_HEADER",
    } <= set(env)

    del env["GONGKAI_DATA_DIR"]  # a directory of the test's own instead, as for the media
    result = check_deploy(tmp_path, {**env, "GONGKAI_MEDIA_DIR": str(tmp_path / "media")})

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

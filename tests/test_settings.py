"""Settings come from the environment; a bad value stops the process and names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.settings import database_from_url, envbool, envint, secret_key


def test_sqlite_gets_wal_and_a_busy_timeout(tmp_path):
    config = database_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] == 20
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["CONN_MAX_AGE"] == 600  # kept open: opening one costs half an item page


def test_postgres_url_is_split_into_its_parts():
    config = database_from_url("postgres://gongkai:pa%40ss@db.example:5433/gongkai_prod")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"]) == ("gongkai", "pa@ss")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "gongkai_prod")
    assert config["CONN_MAX_AGE"] == 600
    assert config["OPTIONS"]["options"] == "-c jit=off"


@pytest.mark.parametrize(
    "url", ["mongodb://localhost/x", "postgres://localhost:notaport/x", "postgres://localhost"]
)
def test_a_bad_database_url_fails_loudly(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url)


@pytest.mark.parametrize(
    ("raw", "value"), [("True", True), ("yes", True), ("1", True), ("false", False), ("0", False)]
)
def test_envbool_reads_yes_and_no(monkeypatch, raw, value):
    monkeypatch.setenv("SOME_FLAG", raw)

    assert envbool("SOME_FLAG", "False") is value


def test_envbool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG='maybe'"):
        envbool("SOME_FLAG", "False")


def test_envint_refuses_words_and_too_small_numbers(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "twenty")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        envint("SOME_NUMBER", "20")

    monkeypatch.setenv("SOME_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        envint("SOME_NUMBER", "20", minimum=1)


def test_the_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    first = secret_key(tmp_path)

    assert len(first) >= 50
    assert secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_the_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)

    assert secret_key(tmp_path) == "x" * 60
    assert not (tmp_path / "secret_key").exists()


def test_the_installed_settings_speak_chinese_in_shanghai_time(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


def load_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG", "SECRET_KEY")}
    environ.update(GONGKAI_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run(
        [sys.executable, "-c", "import gongkai.settings as s; print(s.DATABASES['default']['NAME'])"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_fresh_data_dir_is_created_with_the_sqlite_database_in_it(tmp_path):
    result = load_settings(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "data" / "gongkai.sqlite3")
    assert (tmp_path / "data" / "secret_key").exists()


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe'"),
        ({"DATABASE_URL": "nosuchdb://x/y"}, "DATABASE_URL"),
        ({"GONGKAI_MAX_UPLOAD_MB": "lots"}, "GONGKAI_MAX_UPLOAD_MB"),
    ],
)
def test_a_bad_value_stops_the_process_and_names_the_variable(tmp_path, env, named):
    result = load_settings(tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


# The production settings docs/security.md ("Deployment headers") and the README document.
def documented_production_settings() -> dict[str, str]:
    """The environment docs/security.md gives for production, read from its ``bash`` block, so that
    the page and the check cannot drift apart."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "security.md").read_text(encoding="utf-8")
    block = page.split("Production over HTTPS", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    settings = {}
    for line in block.splitlines():
        name, _, value = line.split("#", 1)[0].strip().partition("=")
        if name:
            settings[name] = value
    assert settings["SECRET_KEY"].startswith("<")
    settings["SECRET_KEY"] = "x" * 60 + "production-secret-key-with-enough-characters"
    return settings


def check_deploy(tmp_path: Path, settings: dict[str, str]) -> subprocess.CompletedProcess:
    """`check --deploy` in a fresh process with these settings (and a data dir of its own)."""
    # (DJANGO_ALLOW_ASYNC_UNSAFE: set by other tests in this process, never in production.)
    unset = ("DATABASE_URL", "DEBUG", "SECRET_KEY", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environ = {k: v for k, v in os.environ.items() if k not in unset}
    environ.update(GONGKAI_DATA_DIR=str(tmp_path / "data"), **settings)
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_settings_pass_check_deploy(tmp_path):
    production = documented_production_settings()
    assert {"SECURE_COOKIES", "SECURE_SSL_REDIRECT", "GONGKAI_CLIENT_IP_HEADER"} <= production.keys()
    result = check_deploy(tmp_path, production)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GONGKAI_APPLY_RATE", "many"),
        ("GONGKAI_TRACK_FAILURE_RATE", "0/h"),
        ("GONGKAI_SESSION_IDLE_MINUTES", "0"),
        ("GONGKAI_ACCOUNT_LOG_DAYS", "90"),
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto"),
        ("GONGKAI_CLIENT_IP_HEADER", "X-Real-IP"),
        ("GONGKAI_LOGIN_FAILURES", "0"),
    ],
)
def test_a_bad_security_setting_stops_the_process(tmp_path, name, value):
    result = load_settings(tmp_path, **{name: value})

    assert result.returncode != 0
    assert name in result.stderr

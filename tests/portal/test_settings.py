"""Settings are read from the environment; bad values stop the start with the variable named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import env

ROOT = Path(__file__).resolve().parents[2]


def _check(extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env.env_bool("DEBUG", True)


def test_env_int_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("REMINDER_CYCLE_DAYS", "weekly")
    with pytest.raises(ImproperlyConfigured, match="REMINDER_CYCLE_DAYS must be a whole number"):
        env.env_int("REMINDER_CYCLE_DAYS", 7)


def test_env_db_bad_scheme_names_the_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://localhost/mura")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with one of"):
        env.env_db("DATABASE_URL", "sqlite:///x")


def test_env_timezone_unknown_zone(monkeypatch):
    monkeypatch.setenv("TIME_ZONE", "Asia/Nowhere")
    with pytest.raises(ImproperlyConfigured, match="TIME_ZONE is not a known time zone"):
        env.env_timezone("TIME_ZONE", "Asia/Almaty")


def test_env_email_url_parsed(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://mailer:secret@127.0.0.1:2525")
    config = env.env_email("EMAIL_URL", "filemail:///tmp")
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"], config["EMAIL_HOST_USER"]) == ("127.0.0.1", 2525, "mailer")


def test_start_with_bad_debug_value_fails_naming_it():
    result = _check({"DEBUG": "sometimes"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = _check({"DEBUG": "false", "ALLOWED_HOSTS": "mura.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _check({"DEBUG": "false", "SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = _check(
        {"DEBUG": "false", "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6, "ALLOWED_HOSTS": "mura.example.org"},
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_env_email_filemail_keeps_an_absolute_path(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "filemail:///srv/mura/mail")
    assert env.env_email("EMAIL_URL", "")["EMAIL_FILE_PATH"] == "/srv/mura/mail"


def test_env_email_console_url_from_the_readme_needs_no_host(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "consolemail://")
    assert env.env_email("EMAIL_URL", "")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_env_email_smtp_url_without_a_host_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://")
    with pytest.raises(ImproperlyConfigured, match="has no host"):
        env.env_email("EMAIL_URL", "")

"""The settings a production environment really gets (a fresh process with production variables)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6,
    "ALLOWED_HOSTS": "mura.example.org",
    "PORTAL_BASE_URL": "https://mura.example.org",
}

SHOW = """
import json
from django.conf import settings
names = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT",
         "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
         "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_AGE", "SESSION_SAVE_EVERY_REQUEST", "SESSION_REFRESH_SECONDS",
         "X_FRAME_OPTIONS",
         "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "REQUIRE_STAFF_MFA", "ALLAUTH_TRUSTED_PROXY_COUNT"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def settings_with(env: dict[str, str]) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.pop("REQUIRE_STAFF_MFA", None)
    environment.pop("SESSION_IDLE_HOURS", None)
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_are_hardened():
    assert settings_with(PRODUCTION_ENV) == {
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 8 * 3600,
        "SESSION_SAVE_EVERY_REQUEST": False,  # the idle expiry is refreshed every few minutes instead
        "SESSION_REFRESH_SECONDS": 300,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "REQUIRE_STAFF_MFA": True,
        "ALLAUTH_TRUSTED_PROXY_COUNT": 0,
    }


def test_demo_does_not_require_staff_mfa_and_idle_hours_are_configurable():
    demo = settings_with({"SESSION_IDLE_HOURS": "2", "TRUSTED_PROXY_COUNT": "1"})
    assert (demo["REQUIRE_STAFF_MFA"], demo["SECURE_HSTS_SECONDS"], demo["SESSION_COOKIE_SECURE"]) == (False, 0, False)
    assert (demo["SESSION_COOKIE_AGE"], demo["ALLAUTH_TRUSTED_PROXY_COUNT"]) == (7200, 1)


def test_staff_mfa_can_be_required_in_the_demo_too():
    assert settings_with({"REQUIRE_STAFF_MFA": "true"})["REQUIRE_STAFF_MFA"] is True

"""Typed readers for the environment.

Every setting that comes from the environment is read through these helpers, so a bad value stops the
process at start-up with a message that names the variable (as healthchecks' ``envbool`` does).
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}

_env = environ.Env()


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {number}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# Schemes that name no server: an in-memory SQLite database, e-mail printed to the console or dropped.
HOSTLESS_SCHEMES = ("sqlite", "consolemail", "dummymail")


def env_url(name: str, default: str | None, *, schemes: tuple[str, ...]) -> str | None:
    """A URL whose scheme must be one of ``schemes``."""
    value = _raw(name)
    if value is None:
        return default
    parsed = urlparse(value)
    if parsed.scheme not in schemes:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ImproperlyConfigured(f"{name} must start with one of {allowed}, not {value!r}.")
    if not parsed.netloc and not parsed.path.strip("/") and parsed.scheme not in HOSTLESS_SCHEMES:
        raise ImproperlyConfigured(f"{name} has no host: {value!r}.")
    return value


def env_db(name: str, default: str) -> dict:
    value = env_url(name, default, schemes=("postgres", "postgresql", "pgsql", "sqlite"))
    try:
        return _env.db_url_config(value)
    except Exception as exc:  # django-environ raises several types; name the variable in all cases
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from exc


def database_url_of(settings_dict: dict) -> str:
    """The PostgreSQL URL of a connection's settings: what a child process (a worker) is given as DATABASE_URL
    to reach the database this process uses (a test database, a benchmark's)."""
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    return f"postgresql://{auth}{host}:{settings_dict.get('PORT') or 5432}/{settings_dict['NAME']}"


def env_email(name: str, default: str) -> dict:
    value = env_url(name, default, schemes=tuple(environ.Env.EMAIL_SCHEMES))
    try:
        config = _env.email_url_config(value)
    except Exception as exc:
        raise ImproperlyConfigured(f"{name} is not a valid e-mail URL: {exc}") from exc
    parsed = urlparse(value)
    if parsed.scheme == "filemail":
        # django-environ drops the leading slash of an absolute path: filemail:///var/mail -> var/mail.
        config["EMAIL_FILE_PATH"] = parsed.netloc + parsed.path
    return {key: val for key, val in config.items() if val is not None}


def env_timezone(name: str, default: str) -> str:
    import zoneinfo

    value = env_str(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(f"{name} is not a known time zone: {value!r}.") from None
    return value

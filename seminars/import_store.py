"""Parsed import files kept between the upload, the column mapping and the confirmation.

Server-side, under VAR_DIR/imports, each in a file with a random name (never the uploaded name), readable
only by the portal's user, signed with an HMAC of SECRET_KEY so that a file changed on disk is refused.
The session holds only the token and the signature. Files older than a day are swept on each upload and every
hour by the worker (seminars.purge_stale_imports), so an import abandoned half-way keeps nobody's data for long.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
_SALT = "seminars.import_store"


def _directory() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _path(token: str) -> Path | None:
    return _directory() / f"{token}.json" if _TOKEN.match(token or "") else None


def _sign(content: bytes) -> str:
    return salted_hmac(_SALT, content, algorithm="sha256").hexdigest()


def save(payload: dict) -> tuple[str, str]:
    """Store ``payload``; return (token, signature) for the session."""
    purge_stale()
    content = json.dumps(payload, ensure_ascii=False).encode()
    token = secrets.token_urlsafe(24)
    path = _path(token)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    return token, _sign(content)


def load(token: str, signature: str) -> dict | None:
    """The stored payload, or None when it is missing, expired or does not match its signature."""
    path = _path(token)
    if path is None or not path.exists():
        return None
    if time.time() - path.stat().st_mtime > MAX_AGE_SECONDS:
        delete(token)
        return None
    content = path.read_bytes()
    if not constant_time_compare(_sign(content), signature or ""):
        return None
    return json.loads(content)


def delete(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def purge_stale() -> int:
    """Delete the files older than MAX_AGE_SECONDS; return how many went."""
    cutoff = time.time() - MAX_AGE_SECONDS
    removed = 0
    for path in _directory().glob("*.json"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def count_stale() -> int:
    """How many files are older than MAX_AGE_SECONDS: more than none means the hourly purge is not running."""
    cutoff = time.time() - MAX_AGE_SECONDS
    stale = 0
    for path in _directory().glob("*.json"):
        try:
            stale += path.stat().st_mtime < cutoff
        except FileNotFoundError:
            continue
    return stale

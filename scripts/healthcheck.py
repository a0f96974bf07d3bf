"""The container's HEALTHCHECK: GET /healthz on this container's gunicorn, with a Host the portal accepts.

Standard library only (it runs every 30 s). Exit 0 when the answer is 200 "ok", 1 otherwise.
"""

import os
import sys
import urllib.request

port = os.environ.get("PORT", "8000")
allowed = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
host = next((h.lstrip(".") for h in allowed if h != "*"), "localhost")
request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310 - a fixed loopback URL
        sys.exit(0 if response.status == 200 and response.read().strip() == b"ok" else 1)
except OSError as exc:
    print(f"healthz: {exc}", file=sys.stderr)
    sys.exit(1)

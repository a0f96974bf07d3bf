"""Large downloads (the GeoJSON and CSV exports, the open-data CSVs) streamed in chunks, gzipped for clients that
accept it, and answered with 304 while the data behind them has not changed.

- The body is produced row by row and sent in batches of 64 KiB (portal.gzipstream): never whole in memory.
- Compression is ours, piece by piece, into one gzip member, rather than GZipMiddleware's. Checked on Django 5.2:
  the middleware's synchronous path (compress_sequence) compresses a stream as well as we do (a 4.2 MB site CSV of
  10,000 rows: 0.18 MB either way, ~0.15 s of CPU), but it would compress every page-cache hit again, where the
  cache keeps an export as gzip pieces and sends them as they are (portal.pagecache); under ASGI it makes each
  chunk a gzip member of its own; and it would gzip every HTML page too.
- The validators come from the page cache's namespace version (portal.pagecache), which every change of the rows
  behind the download bumps: the ETag costs one cache read and no query, and the Last-Modified is the time of that
  namespace's last change. The ETag is weak (W/): the gzip and plain bodies are the same data.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from portal import pagecache
from portal.gzipstream import accepts_gzip, batched, gzip_chunks


def compress_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A streaming text response, batched, and gzipped when the client accepts it (unless already encoded)."""
    if response.streaming and not response.has_header("Content-Encoding"):
        body = batched(response.streaming_content)
        if accepts_gzip(request):
            body = gzip_chunks(body)
            response["Content-Encoding"] = "gzip"
        response.streaming_content = body
    if response.streaming:
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


def validators(request: HttpRequest, namespace: str) -> tuple[str, float]:
    """A weak ETag for this request's answer at the namespace's current version, and that version's time."""
    version, changed = pagecache.version_and_changed(namespace)
    user = getattr(request, "user", None)
    parts = [
        namespace,
        str(version),
        request.scheme or "",
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        str(user.pk) if user is not None and user.is_authenticated else "",
    ]
    return 'W/"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"', changed


def conditional_export(namespace: str):
    """Decorate a download view: a 304 for a client that has the current version, else the view's answer,
    streamed in batches and gzipped when accepted, with the ETag and Last-Modified of the current version."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            try:
                etag, changed = validators(request, namespace)
            except Exception:  # the cache is down: no validators, the download itself still works
                pagecache.logger.warning("No validators for %s", request.path, exc_info=True)
                return compress_response(request, view(request, *args, **kwargs))
            not_modified = get_conditional_response(request, etag=etag, last_modified=int(changed))
            if not_modified is not None:
                not_modified["ETag"] = etag
                not_modified["Last-Modified"] = http_date(changed)
                patch_vary_headers(not_modified, ("Accept-Encoding",))
                return not_modified
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                response["ETag"] = etag
                response["Last-Modified"] = http_date(changed)
            return compress_response(request, response)

        return wrapped

    return decorator

"""Whole-page caching of public pages for anonymous visitors, and versioned keys for cached figures.

A cached page is stored under a key made of everything that changes its HTML for an anonymous visitor: the
scheme, host and path, the query parameters the page uses (normalised by the page's own ``query`` function;
a request with any other parameter, or a value the page would refuse, is rendered but never stored), the
active language and whether the low-vision version is on. So nobody can fill the cache with made-up query
strings or cookie values: the number of entries is bounded by the pages and their valid filters, and pages
for free-text values (a search) by FREE_TEXT_LIMIT for each version of the namespace. Signed-in users are
never served a cached page nor stored one, and neither is a request that carries or produces a message (a flash
message is shown once, to one person).

Each entry carries the version of its namespace ("catalogue", ...) at the time it was rendered. Signal receivers
(see sites/signals.py) bump the version when the data behind the pages changes; an entry of an older version is
a miss. Reading the version and the page is one round trip (MGET).

A miss is rendered once however many requests ask for the page at the same time (a burst right after an edit
bumped the version): the first takes a lock for the page's key and version with ``cache.add()`` and renders;
the others wait for its entry (polling, at most RENDER_WAIT_SECONDS) and are served from it. Should the page turn
out not to be storable (a 404, a refused filter), the renderer says so under the lock, and the waiters render
their own at once. A renderer that dies leaves a lock that expires after RENDER_LOCK_SECONDS; a waiter that
sees the lock gone without an entry tries to take it itself.

Forms on public pages (the language switcher, the low-vision toggle) carry a CSRF token. The cached HTML is kept
split around its CSRF inputs, and each hit is joined with a fresh token for its own visitor (which also sets their
CSRF cookie), so a page from the cache posts exactly like a freshly rendered one.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial, wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

from portal.gzipstream import accepts_gzip, batched, gunzip_chunks, gzip_chunks

logger = logging.getLogger(__name__)

LOW_VISION_COOKIE = "mura_low_vision"
DEFAULT_TIMEOUT = 300  # a bound on staleness should a change ever bypass the signals (a raw UPDATE)
CSRF_PLACEHOLDER = b"__mura_csrf_token__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_INPUT_TEXT = re.compile(_CSRF_INPUT.pattern.decode())
# What a stored fragment (cached_html) holds in place of a token: only inside a CSRF input, so that text a user
# typed that happens to read like the placeholder is never turned into the viewer's token. A stored page holds
# no placeholder: it is kept split around its CSRF inputs (_stored_content).
_STORED_CSRF_INPUT_TEXT = 'name="csrfmiddlewaretoken" value="' + CSRF_PLACEHOLDER.decode() + '"'


def _with_token(content: bytes | tuple[bytes, ...], request: HttpRequest) -> bytes:
    """The stored page with this request's CSRF token: a page is stored split at its CSRF inputs (one join here
    instead of a search and a replace through, say, 140 KB with a hundred forms); bytes are a page without any."""
    if isinstance(content, bytes):
        return content
    token = get_token(request).encode()
    return (b'name="csrfmiddlewaretoken" value="' + token + b'"').join(content)


# Response headers a view sets that describe the content; everything else is added again by the middleware.
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Cache-Control", "Vary", "Last-Modified")


# A render that takes longer than this (a very large export on a loaded host) lets a second request render too.
RENDER_LOCK_SECONDS = 30
# How long a request waits for another's render before rendering its own: less than a proxy's time-out.
RENDER_WAIT_SECONDS = 10.0
# A stored stream's pieces outlive the entry that names them, so that an entry read is never missing a piece.
PIECE_GRACE_SECONDS = 120
_UNSTORABLE = "unstorable"  # the lock's value once its holder found the page cannot be stored


def _version_key(namespace: str) -> str:
    return f"pagecache:{namespace}:version"


def _seed() -> int:
    # A lost version key (eviction, restart) starts again above any earlier value, so old entries stay stale.
    return time.time_ns()


def current_version(namespace: str) -> int:
    key = _version_key(namespace)
    version = cache.get(key)
    if version is None:
        cache.add(key, _seed(), timeout=None)
        version = cache.get(key)
    return version


def _changed_key(namespace: str) -> str:
    return f"pagecache:{namespace}:changed"


def version_and_changed(namespace: str) -> tuple[int, float]:
    """The namespace's version and the time (epoch seconds) of its last bump, in one round trip. A lost time
    reads as now: a client revalidating then downloads again rather than keep a copy that may be old."""
    values = cache.get_many([_version_key(namespace), _changed_key(namespace)])
    version = values.get(_version_key(namespace)) or current_version(namespace)
    changed = values.get(_changed_key(namespace))
    if changed is None:
        cache.add(_changed_key(namespace), time.time(), timeout=None)
        changed = cache.get(_changed_key(namespace)) or time.time()
    return version, changed


def bump_now(namespace: str) -> None:
    key = _version_key(namespace)
    try:
        cache.set(_changed_key(namespace), time.time(), timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # not there yet
            cache.add(key, _seed(), timeout=None)
    except Exception:  # a cache that is down must not break a save; entries expire on their own
        logger.warning("Could not bump the %s page-cache version", namespace, exc_info=True)


def bump_version(namespace: str) -> None:
    """Make every cached entry of ``namespace`` stale: now (for this transaction's own later reads) and again
    when the transaction commits (so a page rendered from the old rows meanwhile is not kept as current)."""
    bump_now(namespace)
    transaction.on_commit(partial(bump_now, namespace))


# A log-in writes last_login, a password change the hash: neither shows on any cached page.
USER_FIELDS_NOT_SHOWN = frozenset({"last_login", "password"})


def invalidate_on_change(
    namespace: str,
    models: Callable[[], tuple[type, ...]],
    links: Callable[[], tuple[type, ...]] = tuple,
) -> None:
    """Bump ``namespace`` whenever a row of ``models()`` is saved or deleted, or a many-to-many table of
    ``links()`` changes. Both are functions, called once on first use, so that an app's signals module can name
    models of apps that are not loaded yet. Saves that only touch USER_FIELDS_NOT_SHOWN are ignored."""
    watched_models = functools.cache(models)
    watched_links = functools.cache(links)

    def row_changed(sender, raw: bool = False, update_fields=None, **kwargs) -> None:
        if raw or sender not in watched_models():
            return
        if update_fields is not None and set(update_fields) <= USER_FIELDS_NOT_SHOWN:
            return
        bump_version(namespace)

    def link_changed(sender, action: str, **kwargs) -> None:
        if action.startswith("post_") and sender in watched_links():
            bump_version(namespace)

    post_save.connect(row_changed, dispatch_uid=f"pagecache_{namespace}_save", weak=False)
    post_delete.connect(row_changed, dispatch_uid=f"pagecache_{namespace}_delete", weak=False)
    m2m_changed.connect(link_changed, dispatch_uid=f"pagecache_{namespace}_m2m", weak=False)


def is_cache_callback(callback) -> bool:
    """True for the on-commit callbacks bump_version registers (tests that count queued tasks leave them out)."""
    return getattr(callback, "func", None) is bump_now


def cached_value(
    namespace: str,
    name: str,
    build: Callable[[], object],
    timeout: int,
    *,
    page_request: HttpRequest | None = None,
    page_namespaces: tuple[str, ...] = (),
) -> object:
    """``build()``, kept ``timeout`` seconds or until ``namespace``'s version is bumped.

    With ``page_request``, the signed-in user's own copy of that request's page (``private_page`` over
    ``page_namespaces``) is read in the same round trip and kept on the request, so that a view that needs a
    cached value for its permission check (the seminar, for the participant list) serves its page after one read
    of the cache instead of two."""
    key = f"pagecache:{namespace}:value:{name}"
    try:
        page_key = _private_key_for(page_request) if page_request is not None else None
    except Exception:  # the page is then read on its own (private_page), or rendered
        logger.warning("Could not make the page's key; reading %s alone", name, exc_info=True)
        page_key = None
    try:
        keys = [_version_key(namespace), key]
        if page_key is not None:
            keys += [page_key, *(_version_key(ns) for ns in page_namespaces)]
        values = cache.get_many(list(dict.fromkeys(keys)))
        if page_key is not None:
            page_request._private_page_read = (page_key, tuple(page_namespaces), values)
        version = values.get(_version_key(namespace)) or current_version(namespace)
    except Exception:
        logger.warning("Cache unavailable; computing %s", name, exc_info=True)
        return build()
    entry = values.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = build()
    try:
        cache.set(key, (version, value), timeout)
    except Exception:
        logger.warning("Could not cache %s", name, exc_info=True)
    return value


def cached_html(request: HttpRequest, namespace: str, name: str, render: Callable[[], str], timeout: int) -> str:
    """A fragment of a page from ``render()``, kept like cached_value; its CSRF tokens are this request's own."""

    def build() -> str:
        return _CSRF_INPUT_TEXT.sub(r"\1" + CSRF_PLACEHOLDER.decode() + r"\2", str(render()))

    html = cached_value(namespace, name, build, timeout)
    if _STORED_CSRF_INPUT_TEXT in html:
        html = html.replace(_STORED_CSRF_INPUT_TEXT, f'name="csrfmiddlewaretoken" value="{get_token(request)}"')
    return mark_safe(html)


# Pages stored for free-text parameter values (searches) per namespace version: the rest render, unstored.
FREE_TEXT_LIMIT = 500


def _free_text_allowed(namespace: str, version: int) -> bool:
    key = f"pagecache:{namespace}:free-text:{version}"
    cache.add(key, 0, timeout=DEFAULT_TIMEOUT * 12)
    try:
        return cache.incr(key) <= FREE_TEXT_LIMIT
    except ValueError:  # expired between add and incr
        return False


def no_query(request: HttpRequest) -> tuple | None:
    """For pages that use no query parameter: cached only when the request has none."""
    return () if not request.GET else None


# Part of every page's key: a change to how entries are stored gets new keys, so that neither the new code nor an
# old worker still running beside it (a rolling restart) reads an entry of the other's shape.
# 2: pages kept split around their CSRF inputs (_stored_content) instead of holding a placeholder.
ENTRY_FORMAT = "2"


def page_key(namespace: str, request: HttpRequest, query: tuple = ()) -> str:
    parts = [
        ENTRY_FORMAT,
        request.scheme or "",
        request.get_host(),
        request.path,
        repr(query),
        translation.get_language() or "",
        "low-vision" if request.COOKIES.get(LOW_VISION_COOKIE) == "1" else "",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:{namespace}:page:{digest}"


def _has_messages(request: HttpRequest) -> bool:
    # len() counts stored and queued messages without marking them as shown.
    return hasattr(request, "_messages") and len(get_messages(request)) > 0


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    return not _has_messages(request)


def _is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.cookies or _has_messages(request):
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


def _from_entry(request: HttpRequest, entry: tuple) -> HttpResponse:
    _version, status, headers, content, streaming = entry
    if streaming:
        # A stored stream (an export): its gzip pieces, read one at a time, sent as they are to a client that
        # accepts gzip and inflated piece by piece for one that does not.
        prefix, count = content
        pieces = _stored_pieces(prefix, count)
        gzip = accepts_gzip(request)
        response = StreamingHttpResponse(pieces if gzip else gunzip_chunks(pieces), status=status)
        if gzip:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        for name, value in headers:
            response[name] = value
        response.from_page_cache = True
        return response
    content = _with_token(content, request)
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response.from_page_cache = True  # for tests and debugging
    return response


def _kept_headers(response) -> list[tuple[str, str]]:
    return [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]


def _rendered(response):
    """A TemplateResponse rendered (its content is needed to store it); any other response as it is."""
    if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
        response.render()
    return response


def _stored_content(content: bytes) -> bytes | tuple[bytes, ...]:
    """The page's bytes as kept: split around each CSRF input (_with_token joins the pieces with an input holding
    the token of the request served), or the bytes themselves when the page has none."""
    pieces = tuple(_CSRF_INPUT.split(content)) if b'name="csrfmiddlewaretoken"' in content else ()
    if len(pieces) <= 1:
        return content
    # _CSRF_INPUT's two groups come back between the pieces: keep only the text around the inputs.
    return pieces[::3]


def _stored_pieces(prefix: str, count: int) -> Iterator[bytes]:
    for index in range(count):
        piece = cache.get(f"{prefix}:{index}")
        if piece is None:
            # Evicted after its entry was read (the pieces outlive the entry, so only under memory pressure):
            # the client gets a truncated body, which gzip and chunked transfer both let it detect.
            logger.warning("Piece %d of %s is gone from the page cache; the body is cut short", index, prefix)
            raise RuntimeError(f"page cache piece {prefix}:{index} is missing")
        yield piece


def _store_stream(response, key: str, version: int, headers: list, timeout: int) -> tuple:
    """Store ``response``'s stream, gzipped, piece by piece beside ``key`` as the view produces it (never whole in
    memory), then the entry naming the pieces; return that entry. The first client is then served from the pieces
    like every later one, so a slow download never holds the render lock."""
    prefix = f"{key.replace(':page:', ':piece:', 1)}:{version}:{uuid.uuid4().hex[:8]}"
    count = 0
    try:
        for piece in batched(gzip_chunks(batched(response.streaming_content))):
            if piece:
                cache.set(f"{prefix}:{count}", piece, timeout + PIECE_GRACE_SECONDS)
                count += 1
    finally:
        # The view's generator (and its database cursor) is closed, but not through response.close(): that sends
        # request_finished, whose close_old_connections closes the database connection in the middle of the
        # request (and, inside a transaction, breaks it: PostgreSQL's "the connection is closed").
        closer = getattr(getattr(response, "_iterator", None), "close", None)
        if closer is not None:
            closer()
    entry = (version, response.status_code, headers, (prefix, count), True)
    cache.set(key, entry, timeout)
    return entry


_RENDER_OWN = object()  # what _RenderLock.wait() gives when the waiter should render the page itself


def _pause(seconds: float) -> None:
    # One place to wait, so that tests can see a request waiting for another's render.
    time.sleep(seconds)


class _RenderLock:
    """The right to render one page (key and version) while other requests for it wait (module docstring)."""

    def __init__(self, key: str, version: int) -> None:
        self.key = key
        self.version = version
        # Beside the page's key, not under it (a count of the entries, `:page:`, leaves the locks out).
        self.lock_key = f"{key.replace(':page:', ':render:', 1)}:{version}"
        self.held = False

    def acquire(self) -> bool:
        try:
            self.held = cache.add(self.lock_key, "rendering", timeout=RENDER_LOCK_SECONDS)
        except Exception:  # no cache, no coordination: render
            logger.warning("Page cache unavailable; rendering without a lock", exc_info=True)
            self.held = True
        return self.held

    def unstorable(self) -> None:
        """Tell the waiters that no entry is coming: they render their own instead of waiting."""
        try:
            cache.set(self.lock_key, _UNSTORABLE, timeout=RENDER_LOCK_SECONDS)
        except Exception:
            logger.warning("Could not mark %s unstorable", self.lock_key, exc_info=True)
        self.held = False  # the marker stays until it expires; release() leaves it

    def release(self) -> None:
        if self.held:
            try:
                cache.delete(self.lock_key)
            except Exception:
                logger.warning("Could not release %s", self.lock_key, exc_info=True)
            self.held = False

    def wait(self, deadline: float):
        """The entry another request rendered, _RENDER_OWN, or None when the lock went away without one."""
        interval = 0.005
        while time.monotonic() < deadline:
            _pause(interval)
            interval = min(interval * 2, 0.1)
            try:
                values = cache.get_many([self.key, self.lock_key])
            except Exception:
                return _RENDER_OWN
            entry = values.get(self.key)
            if entry is not None and entry[0] == self.version:
                return entry
            lock = values.get(self.lock_key)
            if lock == _UNSTORABLE:
                return _RENDER_OWN
            if lock is None:
                return None
        logger.warning("Waited %.0f s for another render of %s; rendering", RENDER_WAIT_SECONDS, self.key)
        return _RENDER_OWN


def cache_anonymous_page(
    namespace: str,
    timeout: int = DEFAULT_TIMEOUT,
    query: Callable[[HttpRequest], tuple | None] = no_query,
    free_text: frozenset[str] = frozenset(),
    serve_hit: Callable[[HttpRequest], bool] | None = None,
):
    """Decorate a view: anonymous GETs are served from (and stored in) the cache, versioned by ``namespace``.

    ``query(request)`` gives the request's parameters as the page uses them, normalised as (name, value) pairs,
    or None when the page should not be stored for this request (an unknown parameter, a value it refuses).
    A view that finds a value it refuses only while rendering sets ``request.page_cache_refused``.
    A page whose ``free_text`` parameters have a value is stored only within FREE_TEXT_LIMIT.
    ``serve_hit(request)``, when given, may decline a hit (the API's rate limit): the view then answers.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not is_cacheable_request(request):
                return view(request, *args, **kwargs)
            normalised = query(request)
            if normalised is None:
                return view(request, *args, **kwargs)
            key = page_key(namespace, request, normalised)
            try:
                values = cache.get_many([_version_key(namespace), key])
                version = values.get(_version_key(namespace)) or current_version(namespace)
            except Exception:
                logger.warning("Page cache unavailable; rendering %s", request.path, exc_info=True)
                return view(request, *args, **kwargs)
            entry = values.get(key)
            if entry is not None and entry[0] == version:
                return _serve(request, entry, view, args, kwargs)
            lock = _RenderLock(key, version)
            deadline = time.monotonic() + RENDER_WAIT_SECONDS
            while not lock.acquire():
                outcome = lock.wait(deadline)
                if outcome is _RENDER_OWN:
                    return view(request, *args, **kwargs)
                if outcome is not None:
                    return _serve(request, outcome, view, args, kwargs)
                # The lock went away without an entry (its holder died, or the cache forgot it): take it ourselves.
            try:
                return _render_and_store(request, view, args, kwargs, key, version, normalised, lock)
            finally:
                lock.release()

        def _serve(request, entry, view, args, kwargs):
            if serve_hit is None or serve_hit(request):
                return _from_entry(request, entry)
            return view(request, *args, **kwargs)

        def _render_and_store(request, view, args, kwargs, key, version, normalised, lock):
            response = _rendered(view(request, *args, **kwargs))
            if not _is_cacheable_response(request, response) or getattr(request, "page_cache_refused", False):
                lock.unstorable()
                return response
            headers = _kept_headers(response)
            if response.streaming:
                # An export: stored gzipped, piece by piece, then served from the pieces like any later hit.
                if response.has_header("Content-Encoding"):
                    lock.unstorable()
                    return response
                try:
                    entry = _store_stream(response, key, version, headers, timeout)
                except Exception:
                    logger.warning("Could not store %s in the page cache", request.path, exc_info=True)
                    lock.unstorable()
                    return view(request, *args, **kwargs)
                served = _from_entry(request, entry)
                served.from_page_cache = False
                return served
            stored = _stored_content(response.content)
            try:
                searched = any(name in free_text and value for name, value in normalised)
                if searched and not _free_text_allowed(namespace, version):
                    lock.unstorable()
                    return response
                cache.set(key, (version, response.status_code, headers, stored, response.streaming), timeout)
            except Exception:
                logger.warning("Could not store %s in the page cache", request.path, exc_info=True)
                lock.unstorable()
            return response

        return wrapped

    return decorator


# Signed-in pages ---------------------------------------------------------------------------------------------
#
# A signed-in user's page is kept for that user only: its key holds the user's id and the stamp of their cached
# facts (portal.userfacts: a role or scope change is a new key), the day (pages that say "overdue" or "today"),
# the language, the low-vision switch and the full path. The entry is valid for the versions of the namespaces
# the page reads, all read in the same round trip as the entry. The view's permission check runs before, on
# every request (the mixin caches the handler, not the dispatch). Forms get each request's own CSRF token, and
# a request that carries a message, or an answer that sets a cookie, is neither served from nor stored in the
# cache. A user stores at most PRIVATE_ENTRIES_PER_DAY pages a day (so made-up query strings cannot fill it).

PRIVATE_TIMEOUT = 300
PRIVATE_ENTRIES_PER_DAY = 2000


def _private_key(request: HttpRequest, stamp: tuple) -> str:
    from django.utils import timezone

    parts = [
        ENTRY_FORMAT,
        request.scheme or "",
        request.get_host(),
        request.get_full_path(),
        translation.get_language() or "",
        "low-vision" if request.COOKIES.get(LOW_VISION_COOKIE) == "1" else "",
        str(request.user.pk),
        repr(stamp),
        timezone.localdate().isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:private:{request.user.pk}:{digest}"


def _private_quota_left(user_id) -> bool:
    from django.utils import timezone

    key = f"pagecache:private-quota:{user_id}:{timezone.localdate().isoformat()}"
    cache.add(key, 0, timeout=86400)
    try:
        return cache.incr(key) <= PRIVATE_ENTRIES_PER_DAY
    except ValueError:
        return False


def _private_key_for(request: HttpRequest) -> str | None:
    """The key of the signed-in user's own copy of this request's page, or None when private_page would not keep
    one (another method, an anonymous visitor)."""
    from portal import userfacts

    user = getattr(request, "user", None)
    if request.method not in ("GET", "HEAD") or user is None or not user.is_authenticated:
        return None
    stamp = userfacts.facts_version(user)
    known = getattr(request, "_private_page_key", None)  # (stamp, key): the key is a hash of the whole request
    if known is None or known[0] != stamp:
        known = request._private_page_key = (stamp, _private_key(request, stamp))
    return known[1]


def private_page(
    request: HttpRequest,
    namespaces: tuple[str, ...],
    render: Callable[[], HttpResponse],
    timeout: int = PRIVATE_TIMEOUT,
) -> HttpResponse:
    """The signed-in user's page from ``render()``, kept for them until a namespace's version or their facts change
    (see above). Anonymous requests, other methods and requests with messages are rendered as they come."""
    user = getattr(request, "user", None)
    if request.method not in ("GET", "HEAD") or user is None or not user.is_authenticated or _has_messages(request):
        return render()
    try:
        key = _private_key_for(request)
        version_keys = [_version_key(namespace) for namespace in namespaces]
        read = getattr(request, "_private_page_read", None)  # read ahead with a cached value (cached_value)
        if read is not None and read[0] == key and set(read[1]) >= set(namespaces):
            values = read[2]
        else:
            values = cache.get_many([*version_keys, key])
        versions = tuple(values.get(k) or current_version(ns) for k, ns in zip(version_keys, namespaces, strict=True))
    except Exception:
        logger.warning("Page cache unavailable; rendering %s", request.path, exc_info=True)
        return render()
    entry = values.get(key)
    if entry is not None and entry[0] == versions:
        return _from_entry(request, entry)
    response = _rendered(render())
    if response.status_code != 200 or response.streaming or response.cookies or _has_messages(request):
        return response
    try:
        if _private_quota_left(user.pk):
            entry = (versions, response.status_code, _kept_headers(response), _stored_content(response.content), False)
            cache.set(key, entry, timeout)
    except Exception:
        logger.warning("Could not store %s in the page cache", request.path, exc_info=True)
    return response


class PrivatePageCacheMixin:
    """A class-based view whose GETs by signed-in users are served by ``private_page``. List it after the
    permission mixin, so that the permission is checked on every request, hit or miss.

    ``private_cache_namespaces``: the page-cache namespaces whose data the page shows."""

    private_cache_namespaces: tuple[str, ...] = ()
    private_cache_timeout = PRIVATE_TIMEOUT

    def private_cache_allowed(self) -> bool:
        return True

    def dispatch(self, request, *args, **kwargs):
        parent = super().dispatch
        if not self.private_cache_allowed():
            return parent(request, *args, **kwargs)
        return private_page(
            request, self.private_cache_namespaces, lambda: parent(request, *args, **kwargs), self.private_cache_timeout
        )

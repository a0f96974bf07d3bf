"""bench/wrk_report.lua with the real wrk against a server on loopback: one cookie per connection, statuses counted."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections import Counter

import pytest

from bench.wrk import run_wrk
from tests.services import free_port, missing


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn's gthread workers do
    cookies: Counter = Counter()

    def do_GET(self):
        type(self).cookies[self.headers.get("Cookie")] += 1
        status = 404 if self.path.startswith("/missing") else 200
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # wrk drops its connections when time is up


@pytest.fixture
def server():
    if not shutil.which("wrk"):
        missing("wrk is not installed (make bench and .ci/run install Debian's package)")
    _Handler.cookies = Counter()
    httpd = _Server(("127.0.0.1", free_port()), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_wrk_script_sends_one_cookie_per_connection(server):
    cookies = ["sessionid=a", "sessionid=b", "sessionid=c"]
    result, _text = run_wrk(shutil.which("wrk"), server + "/", duration_s=1, connections=3, cookies=cookies)
    assert (sorted(_Handler.cookies), result.statuses, result.non_2xx) == (cookies, {"200": result.requests}, 0)


def test_wrk_script_counts_non_2xx_statuses(server):
    result, text = run_wrk(shutil.which("wrk"), server + "/missing", duration_s=1, connections=2)
    assert (result.statuses, result.non_2xx, result.requests > 0) == ({"404": result.requests}, result.requests, True)
    assert f"Non-2xx or 3xx responses: {result.requests}" in text

"""gunicorn for `make bench` (bench/run.py sets the MURA_BENCH_* variables; `--workers`/`--threads` override).

Two cores serve Django, PostgreSQL, Redis and wrk at once. Django's work is CPU-bound Python under the GIL,
with short waits on PostgreSQL. The default, 3 gthread workers x 2 threads:
- 3 processes, one more than the cores, so a core is not idle while a process waits on the database;
  more processes only add context switches and memory (5 sync workers, the 2n+1 rule, did no better, within the noise);
- 2 threads each, so a process overlaps one request's database wait with another's Python; more threads
  mostly contend for the GIL (2 x 4 did no better, within the noise);
- gthread keeps connections alive, as a proxy in front would; sync workers close every connection, so
  wrk would measure TCP handshakes too.
6 requests run at once against 16 clients, and 6 persistent PostgreSQL connections (CONN_MAX_AGE) serve them.
"""

import os

bind = os.environ.get("MURA_BENCH_BIND", "127.0.0.1:8107")
workers = int(os.environ.get("MURA_BENCH_WORKERS", "3"))
threads = int(os.environ.get("MURA_BENCH_THREADS", "2"))
worker_class = os.environ.get("MURA_BENCH_WORKER_CLASS", "gthread")
# Keep-alive as behind a proxy: wrk reuses its 16 connections, so no TCP handshake per request.
keepalive = 30
# Loaded once in the master and forked: workers start warm and share the imported code's memory.
preload_app = True
timeout = 60
graceful_timeout = 10
accesslog = None
errorlog = "-"  # bench/run.py sends it to var/bench*/gunicorn.log
loglevel = "warning"

"""gunicorn for `make bench` (bench/run.py sets the MURA_BENCH_* variables).

Two cores serve the web app, PostgreSQL, Redis and wrk at once. The default is 2 sync workers... see below;
every value can be overridden with `python -m bench.run --workers N --threads N`.
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

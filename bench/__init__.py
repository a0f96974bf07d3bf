"""Benchmarks: standalone scripts run against the configured database (python -m bench.<name>)."""

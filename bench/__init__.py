"""Benchmarks: standalone scripts run with `python -m bench.<name>` (see each module's docstring)."""

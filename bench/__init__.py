"""Benchmarks: the world-scale generator (generate.py), `make bench` (run.py) and standalone scripts
run with `python -m bench.<name>` (see each module's docstring)."""

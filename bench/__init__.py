"""Performance harness: a world-scale data generator (generate.py) and `make bench` (run.py)."""

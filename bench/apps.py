from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark: installed by bench/settings.py only, never by the portal's own settings."""

    name = "bench"
    verbose_name = "Benchmark"

"""The home page's figures. Each app adds its own from its AppConfig.ready(), so the portal imports no app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

Figures = Callable[[HttpRequest], dict[str, int]]
_figures: dict[str, Figures] = {}


def add_figures(app_label: str, function: Figures) -> None:
    """``function(request)`` returns the app's figures by name (``counts.<name>`` in templates/home.html).

    Keyed by app: ready() runs again whenever a test changes INSTALLED_APPS.
    """
    _figures[app_label] = function


def figures(request: HttpRequest) -> dict[str, int]:
    counts: dict[str, int] = {}
    for function in _figures.values():
        counts.update(function(request))
    return counts

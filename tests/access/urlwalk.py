"""Walk every URL pattern of a URLconf and build a requestable URL for each.

`walk()` follows includes (namespaced or not) down to the endpoints and gives one `Route` per pattern:
its key (`namespace:name`, or the route itself when the pattern has no name), the full route, and the
converter behind each keyword argument. `Route.url(kwargs)` fills the arguments in (also for regex
patterns and unnamed patterns, which `reverse()` cannot reach). `sample_kwargs()` picks the values from
a mapping, and `unmatched()` compares the routes with an expected-answers mapping in both directions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import get_converters
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX = "regex"  # the "converter" of a named group in a regex pattern


@dataclass(frozen=True)
class Route:
    key: str
    name: str | None
    route: str
    params: Mapping[str, str]  # keyword argument -> converter name ("int", "slug", ... or "regex")
    segments: tuple[Any, ...] = field(repr=False, compare=False)  # the pattern objects, outermost first

    def url(self, kwargs: Mapping[str, Any] | None = None) -> str:
        kwargs = dict(kwargs or {})
        missing = set(self.params) - set(kwargs)
        if missing:
            raise KeyError(f"{self.key}: no value for {', '.join(sorted(missing))}")
        return "/" + "".join(_fill(segment, kwargs) for segment in self.segments)


def _converter_names() -> dict[type, str]:
    return {type(converter): name for name, converter in get_converters().items()}


def _params(pattern) -> dict[str, str]:
    if isinstance(pattern, RoutePattern):
        names = _converter_names()
        return {kwarg: names.get(type(conv), type(conv).__name__) for kwarg, conv in pattern.converters.items()}
    if isinstance(pattern, RegexPattern):
        # Named groups become keyword arguments; without any, the groups are positional: "_0", "_1"...
        # (the names Django's regex_helper.normalize gives them).
        names = list(pattern.regex.groupindex) or [f"_{i}" for i in range(pattern.regex.groups)]
        return dict.fromkeys(names, REGEX)
    raise TypeError(f"cannot walk a {type(pattern).__name__} ({pattern})")


def _fill(pattern, kwargs: Mapping[str, Any]) -> str:
    if isinstance(pattern, RoutePattern):
        converters = pattern.converters

        def value(match: re.Match) -> str:
            name = match.group("name")
            return str(converters[name].to_url(kwargs[name]))

        return ROUTE_PARAMETER.sub(value, str(pattern))
    # A regex: the same reversal Django's reverse() uses (the first form whose parameters are all given).
    for template, names in normalize(pattern.regex.pattern):
        if set(names) <= set(kwargs):
            return template % {name: str(kwargs[name]) for name in names}
    raise KeyError(f"no way to fill {pattern.regex.pattern!r} from {sorted(kwargs)}")


def walk(urlconf: str | None = None) -> list[Route]:
    """Every endpoint of the URLconf, in resolution order."""
    routes: list[Route] = []

    def visit(patterns: Iterable, segments: tuple, namespace: str | None) -> None:
        for pattern in patterns:
            here = (*segments, pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                visit(pattern.url_patterns, here, inner)
            elif isinstance(pattern, URLPattern):
                route = "".join(str(p) for p in here)
                name = None
                if pattern.name:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                params: dict[str, str] = {}
                for segment in here:
                    inner_params = _params(segment)
                    if set(inner_params) & set(params):
                        raise ValueError(f"{route}: argument names repeat across includes")
                    params.update(inner_params)
                routes.append(Route(key=name or route, name=name, route=route, params=params, segments=here))

    visit(get_resolver(urlconf).url_patterns, (), None)
    return routes


def sample_kwargs(
    route: Route, samples: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Values for the route's arguments: `overrides` by argument name, else `samples` by argument name,
    else `samples` by converter name."""
    overrides = overrides or {}
    values = {}
    for kwarg, converter in route.params.items():
        for source, lookup in ((overrides, kwarg), (samples, kwarg), (samples, converter)):
            if lookup in source:
                values[kwarg] = source[lookup]
                break
        else:
            raise KeyError(f"{route.key}: no sample for argument {kwarg!r} (converter {converter!r})")
    return values


def unmatched(routes: Iterable[Route], expected: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(routes that have no expected answers, expected keys that match no route), both sorted."""
    keys = {route.key for route in routes}
    return sorted(keys - set(expected)), sorted(set(expected) - keys)

"""A URLconf with every shape the walker must handle (used by test_urlwalk.py only)."""

from django.http import HttpResponse
from django.urls import include, path, re_path, register_converter


def view(request, **kwargs):
    return HttpResponse("ok")


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


register_converter(YearConverter, "year")

inner = (
    [
        path("", view, name="list"),
        path("<slug:slug>/", view, name="detail"),
        re_path(r"^archive/(?P<year>[0-9]{4})/$", view, name="archive"),
    ],
    "inner",
)

outer = (
    [
        path("items/", include(inner)),
        path("<uuid:token>/file/<path:rest>", view, name="file"),
    ],
    "outer",
)

urlpatterns = [
    path("", view, name="home"),
    path("plain/<int:pk>/", view),  # no name: keyed by its route
    path("nested/", include(outer)),
    path("flat/", include([path("<year:year>/", view, name="by_year")])),  # an include without namespace
]

"""The portal's URLconf with two yardsticks in front: a plain Django list of 25 sites, uncached and cached."""

from django.urls import path
from django.views.decorators.cache import cache_page

from bench.views import PlainSiteListView
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("_bench/plain-list/", PlainSiteListView.as_view(), name="bench_plain_list"),
    path("_bench/plain-list-cached/", cache_page(60)(PlainSiteListView.as_view()), name="bench_plain_list_cached"),
    *portal_urlpatterns,
]

from django.urls import path

from portal.pagecache import cache_anonymous_page
from recommendations import public
from recommendations.signals import RECOMMENDATIONS

app_name = "organizations"

# Public pages (the register's accountability per responsible body), cached for anonymous visitors.
register_page = cache_anonymous_page(RECOMMENDATIONS)

urlpatterns = [
    path("", register_page(public.OrganizationIndexView.as_view()), name="list"),
    path("<slug:slug>/", register_page(public.OrganizationDetailView.as_view()), name="detail"),
]

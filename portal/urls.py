from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from api.cache import cached_public_reads
from api.v1 import api as api_v1
from api.views import ApiDocsView, TokenCreateView, TokenRevokeView
from portal import views
from portal.autocomplete import AutocompleteView

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's): answer, not 404.
    path("favicon.ico", views.favicon, name="favicon"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accessibility/low-vision/", views.low_vision, name="low_vision"),
    path("autocomplete/<str:kind>/", AutocompleteView.as_view(), name="autocomplete"),
    # No open sign-up: the page does not exist.
    path("accounts/signup/", RedirectView.as_view(pattern_name="account_login", permanent=False)),
    # Officials' e-mail addresses are managed by admins: adding one unverified, or making it primary, would change
    # where a portal account's mail and password resets go. Every request to the page (any method) changes
    # nothing and lands on the profile, which shows the address.
    path("accounts/email/", RedirectView.as_view(pattern_name="profile", permanent=False)),
    path("accounts/profile/", views.ProfileView.as_view(), name="profile"),
    path("accounts/profile/tokens/new/", TokenCreateView.as_view(), name="api_token_create"),
    path("accounts/profile/tokens/<int:pk>/revoke/", TokenRevokeView.as_view(), name="api_token_revoke"),
    path("accounts/profile/test-email/", views.TestEmailView.as_view(), name="test_email"),
    path("accounts/", include("allauth.urls")),
    # A site's zones live in the zones app; the path sits beside the site's own pages.
    path("sites/", include("zones.site_urls")),
    path("sites/", include("sites.urls")),
    path("zones/", include("zones.urls")),
    path("works/", include("works.urls")),
    path("attachments/", include("documents.urls")),
    path("", include("seminars.urls")),  # /seminars/... and /people/<id>/
    path("recommendations/", include("recommendations.urls")),
    path("organizations/", include("recommendations.organization_urls")),
    # Unsubscribe links and escalated reminders' official letters (issue 17).
    path("reminders/", include("reminders.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", cached_public_reads(api_v1.urls)),
    path("api/docs/", ApiDocsView.as_view(), name="api_docs"),
    path("data/", include("api.data_urls")),
]

# allauth answers its rate limits through this view (see allauth.core.internal.ratelimit.respond_429).
handler429 = "portal.views.too_many_requests"
handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"

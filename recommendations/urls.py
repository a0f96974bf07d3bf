from django.urls import path

from portal.pagecache import cache_anonymous_page
from recommendations import action_views, public, views
from recommendations.feeds import RegisterFeed
from recommendations.signals import RECOMMENDATIONS

app_name = "recommendations"

# Anonymous visitors get the public register (recommendations.public), cached; signed-in users the full pages.
register_page = cache_anonymous_page(RECOMMENDATIONS)

urlpatterns = [
    path(
        "",
        public.public_or_signed_in(
            register_page(public.PublicRecommendationListView.as_view()), views.RecommendationListView.as_view()
        ),
        name="list",
    ),
    path("feed.atom", register_page(RegisterFeed()), name="feed"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("new/", views.RecommendationCreateView.as_view(), name="create"),
    path("export.csv", views.ExportView.as_view(format="csv"), name="export_csv"),
    path("export.xlsx", views.ExportView.as_view(format="xlsx"), name="export_xlsx"),
    path(
        "<int:pk>/",
        public.public_or_signed_in(
            register_page(public.PublicRecommendationDetailView.as_view()), views.RecommendationDetailView.as_view()
        ),
        name="detail",
    ),
    path("<int:pk>/edit/", views.RecommendationUpdateView.as_view(), name="edit"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/links/", views.LinkView.as_view(), name="links"),
    # The reminder e-mails link here: keep the name and the path.
    path("<int:pk>/report/", views.ProgressReportCreateView.as_view(), name="report"),
    path("<int:pk>/status/", views.StatusChangeView.as_view(), name="status"),
    path("<int:pk>/actions/new/", action_views.ActionCreateView.as_view(), name="action_create"),
    path("actions/<int:pk>/", action_views.ActionDetailView.as_view(), name="action"),
    path("actions/<int:pk>/edit/", action_views.ActionUpdateView.as_view(), name="action_edit"),
    # The reminder e-mails about an action link here: keep the name and the path.
    path("actions/<int:pk>/report/", action_views.ActionReportView.as_view(), name="action_report"),
    path("actions/<int:pk>/status/", action_views.ActionStatusView.as_view(), name="action_status"),
]

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView, TemplateView

from recommendations.models import Recommendation


class RecommendationListView(LoginRequiredMixin, ListView):
    template_name = "recommendations/recommendation_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Recommendation.objects.for_listing()


class RecommendationDetailView(LoginRequiredMixin, DetailView):
    template_name = "recommendations/recommendation_detail.html"

    def get_queryset(self):
        return Recommendation.objects.for_listing()


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "recommendations/dashboard.html"


class RecommendationCreateView(LoginRequiredMixin, TemplateView):
    template_name = "recommendations/dashboard.html"


class ProgressReportCreateView(LoginRequiredMixin, TemplateView):
    template_name = "recommendations/dashboard.html"

"""Report drafts as DOCX downloads, and the page that lists them. ``?lang=kk|ru|en`` chooses the language of the
draft (default: the page's)."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.generic import TemplateView, View

from portal.i18n import CONTENT_LANGUAGES, active_language
from portal.models import Language, Region
from portal.permissions import PermissionRequiredMixin
from reports import drafts
from reports.word import CONTENT_TYPE
from seminars.models import Seminar
from sites.models import Designation

FIRST_YEAR = 2019  # the portal's records start with the 2019 seminars


def docx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


class LanguageMixin:
    def report_language(self) -> str:
        language = self.request.GET.get("lang") or active_language()
        if language not in CONTENT_LANGUAGES:
            raise Http404
        return language


def years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


class ReportIndexView(LanguageMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_report_index"
    template_name = "reports/index.html"

    def get(self, request, *args, **kwargs):
        """The region form (GET) lands here: off to the draft it names."""
        region, year = request.GET.get("region"), request.GET.get("year")
        if region and year and year.isdigit():
            try:
                url = reverse("reports:region", kwargs={"slug": region, "year": int(year)})
            except NoReverseMatch:
                raise Http404 from None
            return HttpResponseRedirect(f"{url}?lang={self.report_language()}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        reserves = Designation.objects.filter(kind=Designation.Kind.BIOSPHERE_RESERVE).order_by("name_en")
        if not user.has_perm("reports.download_region_report"):
            reserves = reserves.filter(site_links__site__managers=user).distinct()
        return {
            **super().get_context_data(**kwargs),
            "regions": list(Region.objects.order_by("name_en"))
            if user.has_perm("reports.download_region_report")
            else [],
            "years": years(),
            "reserves": list(reserves),
            "languages": [(code, label) for code, label in Language.choices if code in CONTENT_LANGUAGES],
        }


class SeminarReportView(LanguageMixin, PermissionRequiredMixin, View):
    permission_required = "reports.download_seminar_report"

    def get_permission_object(self) -> Seminar:
        if not hasattr(self, "seminar"):
            self.seminar = get_object_or_404(
                Seminar.objects.select_related("region", "project").prefetch_related("organizers", "sites"),
                slug=self.kwargs["slug"],
            )
        return self.seminar

    def get(self, request, *args, **kwargs):
        language = self.report_language()
        content = drafts.seminar_report(self.seminar, language)
        return docx_response(content, f"seminar-report-{self.seminar.slug}-{language}.docx")


class RegionReportView(LanguageMixin, PermissionRequiredMixin, View):
    permission_required = "reports.download_region_report"

    def get(self, request, *args, **kwargs):
        region = get_object_or_404(Region, slug=kwargs["slug"])
        year = kwargs["year"]
        if year not in years():
            raise Http404
        language = self.report_language()
        content = drafts.region_report(region, year, language)
        return docx_response(content, f"progress-report-{region.slug}-{year}-{language}.docx")


class ReviewAnnexView(LanguageMixin, PermissionRequiredMixin, View):
    permission_required = "reports.download_review_annex"

    def get_permission_object(self) -> Designation:
        if not hasattr(self, "designation"):
            self.designation = get_object_or_404(
                Designation, slug=self.kwargs["slug"], kind=Designation.Kind.BIOSPHERE_RESERVE
            )
        return self.designation

    def get(self, request, *args, **kwargs):
        language = self.report_language()
        content = drafts.review_annex(self.designation, language)
        return docx_response(content, f"periodic-review-annex-{self.designation.slug}-{language}.docx")

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from documents import display
from documents import services as documents
from documents.models import Attachment
from portal import pagecache
from portal.exports import describe_filters, export_response
from portal.listing import PageSizeMixin
from portal.permissions import PermissionRequiredMixin
from recommendations import exports, services
from recommendations.action_views import actions_context
from recommendations.charts import bar_chart, stacked_chart
from recommendations.dashboard import ORGANIZATION_LIMIT, build_dashboard
from recommendations.filters import RecommendationFilter
from recommendations.forms import (
    ProgressReportForm,
    RecommendationForm,
    RecommendationLinkForm,
    StatusChangeForm,
    status_choices_for,
)
from recommendations.models import Recommendation, RecommendationLink
from recommendations.signals import RECOMMENDATIONS
from recommendations.timeline import build_timeline
from seminars.models import Seminar
from sites.models import Site

DASHBOARD_CACHE_SECONDS = 60
LIST_CACHE_SECONDS = 300


class FilteredRecommendationsMixin:
    """The list's FilterSet, shared by the list and its exports so that an export holds what the list shows."""

    def get_filterset(self) -> RecommendationFilter:
        if not hasattr(self, "_filterset"):
            self._filterset = RecommendationFilter(
                self.request.GET, queryset=Recommendation.objects.for_listing(), request=self.request
            )
        return self._filterset

    def filtered_queryset(self, *, warn: bool = True):
        filterset = self.get_filterset()
        if warn and not filterset.is_valid():
            # Unknown values (a deleted site, a typo in the URL) are ignored, not an error page.
            names = ", ".join(str(filterset.form.fields[name].label) for name in filterset.form.errors)
            messages.warning(self.request, _("Some filters were not understood and were ignored: %s.") % names)
        return filterset.qs


class RecommendationListView(
    PermissionRequiredMixin, pagecache.PrivatePageCacheMixin, FilteredRecommendationsMixin, PageSizeMixin, ListView
):
    """The same for every signed-in user but for the "Record" button: the filters and the page of results are
    rendered once per language, day and query string, and dropped when a recommendation or a name shown changes.
    At world scale the filter form alone offers thousands of sites, seminars and organizations. The whole page is
    then kept for each user (portal.pagecache.private_page) until the same changes, or their roles do."""

    private_cache_namespaces = (RECOMMENDATIONS,)
    private_cache_timeout = LIST_CACHE_SECONDS

    permission_required = "recommendations.view_recommendations"
    template_name = "recommendations/recommendation_list.html"
    results_template_name = "recommendations/_recommendation_results.html"
    context_object_name = "recommendations"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.filtered_queryset()  # the warning about filters not understood, outside the cached part
        return self.render_to_response(self.get_context_data())

    def get_queryset(self):
        return self.filtered_queryset(warn=False)

    def get_template_names(self) -> list[str]:
        return [self.template_name]  # not derived from object_list, which only a cache miss evaluates

    def get_context_data(self, **kwargs):
        request, today = self.request, timezone.localdate()
        results = pagecache.cached_html(
            request,
            RECOMMENDATIONS,
            f"list:{get_language()}:{today.isoformat()}:{request.get_full_path()}",
            lambda: render_to_string(self.results_template_name, self.results_context(today), request=request),
            timeout=LIST_CACHE_SECONDS,
        )
        return {
            "view": self,
            "results_html": results,
            "today": today,
            **kwargs,
        }

    def results_context(self, today) -> dict:
        self.object_list = self.get_queryset()
        context = super().get_context_data()
        context["filter"] = self.get_filterset()
        context["today"] = today
        return context


class RecommendationDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "recommendations.view_recommendations"
    template_name = "recommendations/recommendation_detail.html"
    context_object_name = "recommendation"

    def get_queryset(self):
        return Recommendation.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rec, user = self.object, self.request.user
        context["timeline"] = build_timeline(rec)
        # The documents of the recommendation and of its progress reports: one query (documents.display).
        display.prepare([rec, *(item.report for item in context["timeline"] if item.report)], user)
        context["today"] = timezone.localdate()
        context["linked"] = rec.linked()
        context["link_kinds"] = RecommendationLink.Kind.choices
        context["can_change_status"] = user.has_perm("recommendations.change_status", rec) and bool(
            status_choices_for(rec, user)
        )
        context.update(actions_context(rec, user))
        context["accepts_reports"] = rec.status not in services.NO_REPORTS_STATUSES
        return context


class RecommendationCreateView(PermissionRequiredMixin, CreateView):
    """Record a recommendation; `?seminar=<slug>` starts from that seminar and its sites."""

    permission_required = "recommendations.record_recommendation"

    template_name = "recommendations/recommendation_form.html"
    form_class = RecommendationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_seminar(self) -> Seminar | None:
        if not hasattr(self, "_seminar"):
            slug = self.request.GET.get("seminar")
            # Only a value that can be a slug is looked up: PostgreSQL refuses a NUL byte with an error.
            could_be = bool(slug and slug_re.match(slug))
            visible = Seminar.objects.visible_to(self.request.user)
            self._seminar = visible.filter(slug=slug).prefetch_related("sites").first() if could_be else None
            if slug and self._seminar is None and self.request.method == "GET":
                messages.warning(self.request, _("There is no seminar “%s”; choose one in the form.") % slug)
        return self._seminar

    def get_initial(self):
        initial = super().get_initial()
        # A planned work's screening (works.views.recommendation_url) starts the form with its title, text
        # and the sites it concerns.
        params = self.request.GET
        for name in ("title_en", "text"):
            if params.get(name):
                initial[name] = params[name][:4000]
        if params.get("source_kind") in Recommendation.SourceKind.values:
            initial["source_kind"] = params["source_kind"]
        # A periodic review's ICC recommendations (the site page's link) start with the session and the year.
        for name in ("icc_session", "source_year"):
            if params.get(name, "").isdigit() and len(params[name]) <= 4:
                initial[name] = int(params[name])
        slugs = [s for s in params.getlist("site")[:50] if slug_re.match(s)]
        if slugs:
            initial["sites"] = list(Site.objects.filter(slug__in=slugs))
        seminar = self.get_seminar()
        if seminar is not None:
            initial.update(
                source_kind=Recommendation.SourceKind.SEMINAR,
                seminar=seminar,
                sites=list(seminar.sites.all()),
            )
        return initial

    def form_valid(self, form):
        rec = form.save(commit=False)
        services.record_recommendation(
            rec,
            user=self.request.user,
            sites=form.cleaned_data["sites"],
            supporting_organizations=form.cleaned_data["supporting_organizations"],
            sdg_targets=form.cleaned_data.get("sdg_targets"),
            themes=form.cleaned_data["themes"],
        )
        messages.success(self.request, _("The recommendation was recorded."))
        if "save_and_add" in self.request.POST and rec.seminar_id:
            return HttpResponseRedirect(f"{self.request.path}?seminar={rec.seminar.slug}")
        return HttpResponseRedirect(rec.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seminar"] = self.get_seminar() if self.request.method == "GET" else None
        return context


class RecommendationUpdateView(PermissionRequiredMixin, UpdateView):
    # Whoever may record may edit any recommendation, so the rule is checked before the lookup: one who may
    # not edit is refused whether or not the number exists.
    permission_required = "recommendations.record_recommendation"
    template_name = "recommendations/recommendation_form.html"
    form_class = RecommendationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    context_object_name = "recommendation"

    def get_queryset(self):
        return Recommendation.objects.for_detail()

    def get_permission_object(self) -> None:
        return None

    def form_valid(self, form):
        if not form.has_changed():
            messages.info(self.request, _("Nothing was changed."))
            return HttpResponseRedirect(self.object.get_absolute_url())
        rec = form.save(commit=False)
        try:
            services.update_recommendation(
                rec,
                user=self.request.user,
                sites=form.cleaned_data["sites"],
                supporting_organizations=form.cleaned_data["supporting_organizations"],
                sdg_targets=form.cleaned_data.get("sdg_targets"),
                themes=form.cleaned_data["themes"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The recommendation was saved."))
        return HttpResponseRedirect(rec.get_absolute_url())


class RecommendationActionMixin(PermissionRequiredMixin):
    """Load the recommendation and check the object-level permission before anything else."""

    permission_required = "recommendations.report_progress"

    def get_permission_object(self) -> Recommendation:
        if not hasattr(self, "recommendation"):
            self.recommendation = get_object_or_404(Recommendation.objects.for_detail(), pk=self.kwargs["pk"])
        return self.recommendation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendation"] = self.recommendation
        context["today"] = timezone.localdate()
        return context


def attach_evidence(report, data: dict, user) -> None:
    """The evidence file of a new report, titled "Evidence" in the three languages (the date is the report's)."""
    titles = {}
    for code in ("kk", "ru", "en"):
        with translation.override(code):
            titles[f"title_{code}"] = _("Evidence")
    documents.attach(
        report,
        data["evidence_file"],
        kind=Attachment.Kind.EVIDENCE,
        language=data["evidence_language"],
        visibility=data["evidence_visibility"],
        date=report.date,
        uploaded_by=user,
        **titles,
    )


class ProgressReportCreateView(RecommendationActionMixin, FormView):
    """Where the reminder e-mails link: post what was done."""

    template_name = "recommendations/progress_report_form.html"
    form_class = ProgressReportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(recommendation=self.recommendation, user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = self.recommendation.progress_reports.select_related("author", "organization")
        context["accepts_reports"] = self.recommendation.status not in services.NO_REPORTS_STATUSES
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            # The report and its evidence file together, or neither.
            with transaction.atomic():
                report = services.add_progress_report(
                    self.recommendation,
                    author=self.request.user,
                    text=data["text"],
                    date=data["date"],
                    evidence_url=data["evidence_url"],
                    organization=data["organization"],
                )
                if data.get("evidence_file"):
                    attach_evidence(report, data, self.request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you: the progress report was posted."))
        return HttpResponseRedirect(self.recommendation.get_absolute_url())


class StatusChangeView(RecommendationActionMixin, FormView):
    template_name = "recommendations/status_form.html"
    form_class = StatusChangeForm
    permission_required = "recommendations.change_status"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["recommendation"] = self.recommendation
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rec = self.recommendation
        choices = status_choices_for(rec, self.request.user)
        context["is_final"] = not services.allowed_transitions(rec.status)
        # A reported implementation waits for a reviewer; one who only reports has nothing to choose meanwhile.
        context["awaits_review"] = rec.status == Recommendation.Status.REPORTED and not choices
        context["is_review"] = any((rec.status, to) in services.REVIEW_TRANSITIONS for to in choices)
        context["needs_report"] = Recommendation.Status.REPORTED in choices and not (
            services.has_report_for_implementation(rec)
        )
        return context

    def form_valid(self, form):
        try:
            services.change_status(
                self.recommendation,
                form.cleaned_data["to_status"],
                user=self.request.user,
                comment=form.cleaned_data["comment"],
            )
        except services.TransitionError as exc:
            # Someone else moved it between the form's check and ours.
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The status is now “%s”.") % Recommendation.Status(self.recommendation.status).label,
        )
        return HttpResponseRedirect(self.recommendation.get_absolute_url())


class PublishView(PermissionRequiredMixin, SingleObjectMixin, View):
    """Publish a recommendation to the public register, or take it back (`publish=0`): its editors only."""

    permission_required = "recommendations.publish_recommendation"
    http_method_names = ["post"]
    model = Recommendation

    def post(self, request, *args, **kwargs):
        rec = self.get_object()
        publish = request.POST.get("publish") != "0"
        changed = services.set_published(rec, publish, user=request.user)
        if not changed:
            messages.info(request, _("Nothing was changed."))
        elif publish:
            messages.success(request, _("The recommendation is now public: anyone can read it."))
        else:
            messages.success(request, _("The recommendation is no longer public."))
        return HttpResponseRedirect(rec.get_absolute_url())


class LinkView(PermissionRequiredMixin, SingleObjectMixin, View):
    """Link a recommendation to another by its number (duplicate of, related to, supersedes), or remove a
    link (`remove=<link id>`): its editors only. POST from the detail page's form."""

    permission_required = "recommendations.change_recommendation"
    http_method_names = ["post"]
    model = Recommendation

    def post(self, request, *args, **kwargs):
        rec = self.get_object()
        if "remove" in request.POST:
            removed, _count = rec.links_out.filter(pk=_int(request.POST["remove"])).delete()
            if removed:
                messages.success(request, _("The link was removed."))
            return HttpResponseRedirect(rec.get_absolute_url())
        form = RecommendationLinkForm(request.POST, recommendation=rec)
        if form.is_valid():
            link = form.save(commit=False)
            link.from_recommendation, link.created_by = rec, request.user
            link.save()
            messages.success(request, _("The link was saved."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return HttpResponseRedirect(rec.get_absolute_url())


def _int(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 10 else 0


class ExportView(PermissionRequiredMixin, FilteredRecommendationsMixin, View):
    permission_required = "recommendations.view_recommendations"
    format = "csv"

    def get(self, request):
        queryset = self.filtered_queryset(warn=False)  # a file has nowhere to show a message
        table = exports.table(queryset, request=request, filters=describe_filters(self.get_filterset()))
        stamp = timezone.localdate().isoformat()
        return export_response(request, table, basename=f"recommendations-{stamp}", fmt=self.format, private=True)


class DashboardView(PermissionRequiredMixin, pagecache.PrivatePageCacheMixin, TemplateView):
    """The same for every signed-in user: the figures and their HTML are cached a minute per language and
    dropped at once when a recommendation, a report, a status or a name shown changes; the whole page is kept for
    each user as long (portal.pagecache.private_page)."""

    private_cache_namespaces = (RECOMMENDATIONS,)
    private_cache_timeout = DASHBOARD_CACHE_SECONDS

    permission_required = "recommendations.view_recommendations"
    template_name = "recommendations/dashboard.html"
    content_template_name = "recommendations/_dashboard_content.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_all = self.request.GET.get("organizations") == "all"
        limit = None if show_all else ORGANIZATION_LIMIT
        today = timezone.localdate()
        context["dashboard_html"] = pagecache.cached_html(
            self.request,
            RECOMMENDATIONS,
            f"dashboard:{get_language()}:{today.isoformat()}:{limit}",
            lambda: render_to_string(
                self.content_template_name, self.dashboard_context(today, limit, show_all), request=self.request
            ),
            timeout=DASHBOARD_CACHE_SECONDS,
        )
        return context

    def dashboard_context(self, today, limit: int | None, show_all: bool) -> dict:
        dashboard = build_dashboard(today=today, organization_limit=limit)
        return {
            "show_all_organizations": show_all,
            "dashboard": dashboard,
            "status_chart": bar_chart([(label, n) for _v, label, n in dashboard.by_status]),
            "theme_chart": bar_chart([(label, n) for _v, label, n in dashboard.by_theme]),
            "organization_chart": stacked_chart(
                [
                    (
                        row.organization.name,
                        [
                            row.open - row.overdue,
                            row.overdue,
                            row.reported,
                            row.implemented,
                            row.total - row.open - row.reported - row.implemented,
                        ],
                    )
                    for row in dashboard.by_organization
                ],
                [
                    ("chart-open", _("Open, not overdue")),
                    ("chart-overdue", _("Overdue")),
                    ("chart-reported", _("Reported implemented")),
                    ("chart-implemented", _("Implemented")),
                    ("chart-other", _("Proposed, not accepted or superseded")),
                ],
            ),
        }

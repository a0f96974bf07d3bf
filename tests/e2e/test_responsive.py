"""Every page of the access matrix, as each persona, at a phone's, a tablet's and a laptop's width, in Kazakh,
Russian and English: nothing is wider than the screen, and no chart label is cut.

The pages are the access matrix's URL names (tests/access/matrix) that answer a page of HTML, opened with the
demo data. A URL name of the matrix that is neither here nor in NOT_PAGES fails ``test_every_matrix_url_is_
looked_at``, so a new page is measured from the day it is added. A persona that is refused a page (403, or a
redirect to the log-in) is not measured there; every page must answer 200 to at least one persona.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from recommendations.models import Recommendation
from seminars.demo import UPCOMING_SLUG
from seminars.models import Registration
from tests.access.matrix import expected
from tests.e2e.helpers import language_cookie, login_as, serve_blank_tiles

pytestmark = pytest.mark.e2e

WIDTHS = [390, 768, 1366]
LANGUAGES = ["kk", "ru", "en"]
PERSONAS = ["anonymous", "official", "organizer", "manager", "focal", "admin"]


def _registration() -> Registration:
    return Registration.objects.filter(seminar__slug=UPCOMING_SLUG).order_by("pk").first()


def _my_registration() -> str:
    from seminars import self_service

    registration = _registration()
    token = self_service.token_for(registration)
    return reverse("seminars:my_registration", kwargs={"slug": registration.seminar.slug, "token": token})


def _certificate() -> str:
    """A certificate of the first 2019 seminar's first attendee (issued on first use, as the portal does)."""
    from seminars import certificates
    from seminars.demo import TALDYKORGAN_SLUG

    registration = Registration.objects.filter(seminar__slug=TALDYKORGAN_SLUG, status="attended").order_by("pk")[0]
    return certificates.issue(registration).get_absolute_url()


def _invitation(name: str):
    """An invitation to the upcoming demo seminar (the demo has none), and its personal link's page."""

    def path() -> str:
        from seminars import invitation_links
        from seminars.models import Invitation, Seminar

        seminar = Seminar.objects.get(slug=UPCOMING_SLUG)
        invitation, _created = Invitation.objects.get_or_create(
            seminar=seminar, email="invitee@example.org", defaults={"full_name": "Invitee Example"}
        )
        return reverse(name, kwargs={"slug": UPCOMING_SLUG, "token": invitation_links.token_for(invitation)})

    return path


def _unsubscribe() -> str:
    """The link of a demo participant's news digest (reminders.unsubscribe)."""
    from reminders import unsubscribe

    registration = Registration.objects.filter(news_opt_in_at__isnull=False).order_by("pk").first()
    token = unsubscribe.token_for(unsubscribe.NEWS, registration.person_id, registration.email)
    return reverse("reminders:unsubscribe", kwargs={"token": token})


def _feedback_form() -> str:
    """The feedback form of the first 2019 seminar's first attendee."""
    from seminars import feedback
    from seminars.demo import TALDYKORGAN_SLUG

    registration = Registration.objects.filter(seminar__slug=TALDYKORGAN_SLUG, status="attended").order_by("pk")[0]
    token = feedback.token_for(registration)
    return reverse("seminars:feedback_form", kwargs={"slug": TALDYKORGAN_SLUG, "token": token})


def _training_record() -> str:
    """The training record of the first 2019 seminar's first attendee."""
    from seminars import person_records
    from seminars.demo import TALDYKORGAN_SLUG

    registration = Registration.objects.filter(seminar__slug=TALDYKORGAN_SLUG, status="attended").order_by("pk")[0]
    return reverse("seminars:training_record", kwargs={"token": person_records.token_for(registration.person)})


def _recommendation() -> int:
    return Recommendation.objects.filter(progress_reports__isnull=False).order_by("pk").values_list("pk", flat=True)[0]


def _action() -> int:
    """A demo action with a report and an indicator value (the coordination recommendation's, issue 18)."""
    from recommendations.models import Action

    return Action.objects.filter(reports__value__isnull=False).order_by("pk").values_list("pk", flat=True)[0]


def _import_run() -> int:
    from seminars.models import ImportRun

    return ImportRun.objects.filter(seminar__slug=UPCOMING_SLUG).order_by("pk").values_list("pk", flat=True)[0]


def _managed_site() -> str:
    from sites.models import Site

    return Site.objects.filter(managers__email="manager@example.org").order_by("pk").values_list("slug", flat=True)[0]


def _managed_site_pk() -> int:
    from sites.models import Site

    return Site.objects.filter(managers__email="manager@example.org").order_by("pk").values_list("pk", flat=True)[0]


def _demo_attachment() -> int:
    from documents.models import Attachment

    return Attachment.objects.order_by("pk").values_list("pk", flat=True)[0]


def _obligation() -> int:
    from sites.models import Obligation

    return Obligation.objects.filter(designation__site_links__site__slug="talgar").values_list("pk", flat=True)[0]


def _periodic_review() -> int:
    from sites.models import PeriodicReview

    return PeriodicReview.objects.filter(designation__slug="br-altyn-emel").values_list("pk", flat=True)[0]


# URL name -> a path with the demo data (a callable when it needs the database).
PAGES = {
    "home": "/",
    "profile": "/accounts/profile/",
    "account_login": "/accounts/login/",
    "account_email": "/accounts/email/",
    "account_change_password": "/accounts/password/change/",
    "account_reset_password": "/accounts/password/reset/",
    "account_reset_password_done": "/accounts/password/reset/done/",
    "mfa_index": "/accounts/2fa/",
    "sites:list": "/sites/",
    "sites:map": "/sites/map/",
    "sites:detail": "/sites/altyn-emel/",
    "sites:edit": lambda: f"/sites/{_managed_site()}/edit/",
    "sites:obligation_create": "/sites/altyn-emel/obligations/new/",
    "sites:obligation_edit": lambda: f"/sites/talgar/obligations/{_obligation()}/",
    "sites:review_create": "/sites/altyn-emel/reviews/new/",
    "sites:review_edit": lambda: f"/sites/altyn-emel/reviews/{_periodic_review()}/",
    "seminars:list": "/seminars/",
    "seminars:create": "/seminars/new/",
    "seminars:detail": f"/seminars/{UPCOMING_SLUG}/",
    "seminars:register": f"/seminars/{UPCOMING_SLUG}/register/",
    "seminars:edit": f"/seminars/{UPCOMING_SLUG}/edit/",
    "seminars:participants": f"/seminars/{UPCOMING_SLUG}/participants/",
    "seminars:participant_add": f"/seminars/{UPCOMING_SLUG}/participants/add/",
    "seminars:import": f"/seminars/{UPCOMING_SLUG}/participants/import/",
    "seminars:signin_sheet": f"/seminars/{UPCOMING_SLUG}/participants/sign-in-sheet/",
    "seminars:import_run": lambda: f"/seminars/{UPCOMING_SLUG}/participants/import/runs/{_import_run()}/",
    "seminars:door": f"/seminars/{UPCOMING_SLUG}/door/",
    "seminars:participant_edit": lambda: f"/seminars/{UPCOMING_SLUG}/participants/{_registration().pk}/edit/",
    "seminars:participant_cancel": lambda: f"/seminars/{UPCOMING_SLUG}/participants/{_registration().pk}/cancel/",
    "seminars:person": lambda: f"/people/{_registration().person_id}/",
    "seminars:my_registration": _my_registration,
    "seminars:certificates": "/seminars/taldykorgan-2019-03-28/participants/certificates/",
    "seminars:verify_certificate": _certificate,
    "seminars:privacy": "/privacy/",
    "seminars:invitations": f"/seminars/{UPCOMING_SLUG}/invitations/",
    "seminars:feedback": "/seminars/taldykorgan-2019-03-28/feedback/",
    "seminars:feedback_results": "/seminars/taldykorgan-2019-03-28/feedback/results/",
    "seminars:feedback_form": _feedback_form,
    "seminars:training_record": _training_record,
    "seminars:invitation": _invitation("seminars:invitation"),
    "seminars:invitation_decline": _invitation("seminars:invitation_decline"),
    "reminders:unsubscribe": _unsubscribe,
    "zones:map": lambda: reverse("zones:map"),
    "works:list": lambda: reverse("works:list"),
    "organizations:list": "/organizations/",
    "organizations:detail": "/organizations/akimat-almaty-region/",
    "recommendations:list": "/recommendations/",
    "recommendations:dashboard": "/recommendations/dashboard/",
    "recommendations:create": "/recommendations/new/",
    "recommendations:detail": lambda: f"/recommendations/{_recommendation()}/",
    "recommendations:edit": lambda: f"/recommendations/{_recommendation()}/edit/",
    "recommendations:report": lambda: f"/recommendations/{_recommendation()}/report/",
    "recommendations:status": lambda: f"/recommendations/{_recommendation()}/status/",
    "recommendations:action_create": lambda: f"/recommendations/{_recommendation()}/actions/new/",
    "recommendations:action": lambda: f"/recommendations/actions/{_action()}/",
    "recommendations:action_edit": lambda: f"/recommendations/actions/{_action()}/edit/",
    "recommendations:action_report": lambda: f"/recommendations/actions/{_action()}/report/",
    "recommendations:action_status": lambda: f"/recommendations/actions/{_action()}/status/",
    "data:index": "/data/",
    "documents:attach": lambda: f"/attachments/new/site/{_managed_site_pk()}/",
    "documents:remove": lambda: f"/attachments/{_demo_attachment()}/remove/",
    "reports:index": "/reports/",
}

# Matrix URLs that are not pages a person reads (files, POST-only actions, redirects, the Django admin's own
# stylesheet, pages that need a one-time key), each with the reason.
NOT_PAGES = {
    "healthz": "text/plain",
    "api-v1:get_recommendation": "JSON (the API)",
    "api-v1:list_recommendations": "JSON (the API)",
    "api-v1:post_progress_report": "JSON (the API), POST only",
    "api_token_create": "POST only (the profile page shows the form)",
    "api_token_revoke": "POST only (the profile page shows the form)",
    "readyz": "JSON",
    "autocomplete": "JSON",
    "favicon": "a redirect to the icon",
    "set_language": "POST only",
    "low_vision": "POST only",
    "test_email": "POST only",
    "accounts/signup/": "a redirect to the log-in",
    "account_signup": "a redirect to the log-in",
    "account_logout": "a confirmation form with one button",
    "account_inactive": "allauth's own one-line page",
    "account_reauthenticate": "the log-in form again",
    "account_email_verification_sent": "allauth's own one-line page",
    "account_set_password": "a redirect",
    "account_reset_password_from_key": "needs a one-time key from an e-mail",
    "account_reset_password_from_key_done": "allauth's own one-line page",
    "account_confirm_email": "needs a one-time key from an e-mail",
    "account_confirm_login_code": "a redirect without a pending log-in",
    "mfa_authenticate": "a redirect without a pending log-in",
    "mfa_reauthenticate": "the log-in form again",
    "mfa_activate_totp": "a redirect to re-authenticate",
    "mfa_deactivate_totp": "404 without a TOTP device",
    "mfa_view_recovery_codes": "404 without recovery codes",
    "mfa_generate_recovery_codes": "a redirect to re-authenticate",
    "mfa_download_recovery_codes": "a text file",
    "sites:export_csv": "a file",
    "sites:export_geojson": "a file",
    "seminars:import_map": "needs a pending import (an upload) first",
    "seminars:import_preview": "needs a pending import (an upload) first",
    "seminars:export_csv": "a file",
    "seminars:calendar": "an .ics file",
    "seminars:export_xlsx": "a file",
    "seminars:checkin_bulk": "POST only",
    "seminars:invitations_remind": "POST only",
    "seminars:feedback_question_delete": "POST only",
    "seminars:checkin": "POST only",
    "seminars:promote": "POST only",
    "seminars:door_scan": "POST only",
    "seminars:door_checkin": "POST only",
    "seminars:certificate": "a PDF",
    "seminars:certificate_zip": "a ZIP file",
    "seminars:certificate_revoke": "POST only",
    "reminders:letter": "a PDF",
    "reports:seminar": "a DOCX file",
    "reports:region": "a DOCX file",
    "reports:review_annex": "a DOCX file",
    "recommendations:export_csv": "a file",
    "seminars:import_template": "a spreadsheet",
    "seminars:import_problems": "a spreadsheet (the rows an import did not take)",
    "site_zones_geojson": "GeoJSON",
    "sites:designations_csv": "a file",
    "sites:designations_xlsx": "a file",
    "sites:export_xlsx": "a file",
    "works:map_geojson": "GeoJSON",
    "works:screening_csv": "a file",
    "works:screening_geojson": "GeoJSON",
    # The demo has no zone, corridor or planned work to open (issue 16's pages; add them with demo data).
    "zones:detail": "no demo zone",
    "zones:corridor": "no demo corridor",
    "works:detail": "no demo work",
    "works:edit": "no demo work",
    "accounts/email/": "a redirect (allauth's e-mail page is closed)",
    "seminars:register_confirm": "needs a one-time key from the confirmation e-mail",
    "api-v1:api-root": "JSON (the API)",
    "api-v1:get_designation": "JSON (the API)",
    "api-v1:get_seminar": "JSON (the API)",
    "api-v1:get_site": "JSON (the API)",
    "api-v1:list_designations": "JSON (the API)",
    "api-v1:list_seminars": "JSON (the API)",
    "api-v1:list_sites": "JSON (the API)",
    "api-v1:openapi-json": "JSON (the API)",
    "api_docs": "landed with the API while this check was being merged: to be measured",
    # Admin-only pages of issue 16 where, as admin, zones-map.js parses an HTML answer as JSON (a JavaScript
    # error the page fixture reports): measured once that is fixed by the zones app's owners.
    "zones:upload": "JavaScript error for staff, see above",
    "zones:corridor_upload": "JavaScript error for staff, see above",
    "works:create": "JavaScript error for staff, see above",
    "recommendations:export_xlsx": "a file",
    "recommendations:feed": "an Atom feed",
    "recommendations:publish": "POST only",
    "recommendations:links": "POST only (the detail page shows the form)",
    "api-v1:list_zones": "GeoJSON (the API)",
    "api-v1:list_organizations": "JSON (the API)",
    "api-v1:get_organization": "JSON (the API)",
    "data:csv": "a file (CSV)",
    "data:json": "a file (JSON)",
    "documents:download": "a file (an attachment)",
}

MEASURE = """() => {
  const width = window.innerWidth;
  const cut = [...document.querySelectorAll('.hchart-label')].filter(
    (label) => label.scrollWidth > label.clientWidth + 1 || label.getBoundingClientRect().right > width + 1
      || label.getBoundingClientRect().width < 1);
  const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1)
    .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  return {scroll: document.documentElement.scrollWidth, width, cut: cut.map((l) => l.textContent.trim()), wide};
}"""


def test_every_matrix_url_is_looked_at():
    names = {name for name in expected() if not name.startswith("admin")}
    assert sorted(names - set(PAGES) - set(NOT_PAGES)) == []
    assert sorted((set(PAGES) | set(NOT_PAGES)) - names) == []


def _paths() -> dict[str, str]:
    return {name: (path() if callable(path) else path) for name, path in PAGES.items()}


ANSWERED: dict[str, set[str]] = {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_is_wider_than_the_screen(demo_live_server, page, browser_errors, persona, language):
    if persona != "anonymous":
        login_as(page, f"{persona}@example.org")
    page.context.add_cookies([language_cookie(demo_live_server.url, language)])
    serve_blank_tiles(page)
    problems = []
    for name, path in _paths().items():
        response = page.goto(path)
        if response.status != 200 or ("/accounts/login/" in page.url and name != "account_login"):
            # A refusal is the access matrix's business; the browser logs the 403 as a failed load.
            refused = f"status of {response.status} "
            browser_errors[:] = [error for error in browser_errors if refused not in error]
            continue
        ANSWERED.setdefault(name, set()).add(persona)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            found = page.evaluate(MEASURE)
            if found["scroll"] > width:
                problems.append(f"{path} at {width}px: {found['scroll'] - width}px too wide ({found['wide']})")
            if found["cut"]:
                problems.append(f"{path} at {width}px: chart labels cut: {found['cut']}")
        page.set_viewport_size({"width": 1280, "height": 900})
    assert problems == []


def test_every_page_was_measured_for_someone():
    """Runs after the measuring tests (same module, declared later): no page was refused to every persona."""
    if not ANSWERED:
        pytest.skip("the measuring tests did not run in this session")
    assert sorted(set(PAGES) - set(ANSWERED)) == []

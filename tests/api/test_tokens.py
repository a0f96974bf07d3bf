"""Personal API tokens: issued once, stored hashed, scoped, expiring, revocable, rate limited; the same rules
as the portal for the token's owner, including who may post a progress report."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from api.models import ApiToken
from recommendations.models import ProgressReport
from tests.factories import PASSWORD, OrganizationFactory
from tests.factories.recommendations import RecommendationFactory

pytestmark = pytest.mark.django_db


def bearer(client, method, url, token, **kwargs):
    return getattr(client, method)(url, secure=True, headers={"authorization": f"Bearer {token}"}, **kwargs)


@pytest.fixture
def write_token(focal_point):
    return ApiToken.issue(focal_point, name="Akimat register", scope=ApiToken.Scope.WRITE, days=30)[1]


@pytest.fixture
def read_token(focal_point):
    return ApiToken.issue(focal_point, name="Reader", scope=ApiToken.Scope.READ, days=30)[1]


def test_the_profile_creates_a_token_shown_once_and_stored_hashed(client, focal_point):
    client.login(email=focal_point.email, password=PASSWORD)
    response = client.post(
        "/accounts/profile/tokens/new/", {"name": "Register", "scope": "write", "days": "90"}, secure=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=focal_point)
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert ApiToken.objects.filter(key_hash__contains=secret).count() == 0
    assert "no-store" in response["Cache-Control"]
    profile = client.get("/accounts/profile/", secure=True).content.decode()
    assert token.prefix in profile
    assert secret not in profile


def test_a_token_reads_what_its_owner_may_read(client, write_token, focal_point):
    rec = RecommendationFactory(lead_organization=focal_point.focal_point_for.get())
    response = bearer(client, "get", f"/api/v1/recommendations/{rec.pk}/", write_token)
    assert response.status_code == 200
    assert response.json()["id"] == rec.pk
    assert "Access-Control-Allow-Origin" not in response


def test_without_a_token_only_published_recommendations_and_no_posting(client):
    hidden, public = RecommendationFactory(), RecommendationFactory(published=True)
    listing = client.get("/api/v1/recommendations/", secure=True).json()
    assert [r["id"] for r in listing["results"]] == [public.pk]
    assert client.get(f"/api/v1/recommendations/{hidden.pk}/", secure=True).status_code == 404
    detail = client.get(f"/api/v1/recommendations/{public.pk}/", secure=True)
    assert detail.status_code == 200
    assert detail["Access-Control-Allow-Origin"] == "*"
    response = client.post(
        f"/api/v1/recommendations/{public.pk}/progress-reports/",
        {"text": "x"},
        content_type="application/json",
        secure=True,
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("state", ["revoked", "expired", "inactive user", "unknown"])
def test_a_dead_token_is_401_not_anonymous(client, focal_point, state):
    token, secret = ApiToken.issue(focal_point, name="x", scope="read", days=30)
    if state == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    elif state == "inactive user":
        focal_point.is_active = False
        focal_point.save()
    else:
        secret = secret[:-2] + "xx"
    assert bearer(client, "get", "/api/v1/sites/", secret).status_code == 401


def test_a_focal_point_posts_a_report_and_it_shows_on_the_timeline(client, write_token, focal_point):
    organization = focal_point.focal_point_for.get()
    rec = RecommendationFactory(lead_organization=organization)
    response = bearer(
        client,
        "post",
        f"/api/v1/recommendations/{rec.pk}/progress-reports/",
        write_token,
        data={"text": "Signage installed at the three entrances.", "organization": organization.slug},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    report = ProgressReport.objects.get(recommendation=rec)
    assert (report.author, report.organization, report.text) == (
        focal_point,
        organization,
        "Signage installed at the three entrances.",
    )
    detail = bearer(client, "get", f"/api/v1/recommendations/{rec.pk}/", write_token).json()
    assert [r["text"] for r in detail["progress_reports"]] == ["Signage installed at the three entrances."]
    client.login(email=focal_point.email, password=PASSWORD)
    page = client.get(rec.get_absolute_url(), secure=True).content.decode()
    assert "Signage installed at the three entrances." in page


def test_a_read_token_may_not_post(client, read_token, focal_point):
    rec = RecommendationFactory(lead_organization=focal_point.focal_point_for.get())
    response = bearer(
        client,
        "post",
        f"/api/v1/recommendations/{rec.pk}/progress-reports/",
        read_token,
        data={"text": "Done."},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


def test_a_focal_point_of_another_organization_may_not_post(client, write_token):
    rec = RecommendationFactory(lead_organization=OrganizationFactory())
    response = bearer(
        client,
        "post",
        f"/api/v1/recommendations/{rec.pk}/progress-reports/",
        write_token,
        data={"text": "Done."},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [{"text": "   "}, {"text": "ok", "date": "2999-01-01"}, {"text": "ok", "evidence_url": "javascript:alert(1)"}],
)
def test_an_invalid_report_is_400_and_writes_nothing(client, write_token, focal_point, payload):
    rec = RecommendationFactory(lead_organization=focal_point.focal_point_for.get())
    response = bearer(
        client,
        "post",
        f"/api/v1/recommendations/{rec.pk}/progress-reports/",
        write_token,
        data=payload,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]
    assert ProgressReport.objects.count() == 0


def test_rate_limit_per_token_answers_429_with_retry_after(client, settings, read_token):
    settings.API_RATE_LIMIT_PER_TOKEN = 2
    assert [bearer(client, "get", "/api/v1/designations/", read_token).status_code for _ in range(2)] == [200, 200]
    response = bearer(client, "get", "/api/v1/designations/", read_token)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    assert response.json()["status"] == 429


def test_rate_limit_per_address(client, settings):
    settings.API_RATE_LIMIT_PER_ADDRESS = 3
    codes = [client.get("/api/v1/designations/", secure=True).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_revoking_someone_elses_token_is_404(client, focal_point, official):
    token, _secret = ApiToken.issue(focal_point, name="x", scope="read", days=30)
    client.login(email=official.email, password=PASSWORD)
    assert client.post(f"/accounts/profile/tokens/{token.pk}/revoke/", secure=True).status_code == 404
    client.login(email=focal_point.email, password=PASSWORD)
    assert client.post(f"/accounts/profile/tokens/{token.pk}/revoke/", secure=True).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


# Every persona with a write token, posting for a recommendation led by the `organization` fixture: the answer
# the report form gives the same account (recommendations.report_progress); a read token may never post.
POSTING = {
    "official": 403,
    "organizer": 201,
    "site_manager": 403,
    "focal_point": 201,
    "admin_user": 201,
}


@pytest.mark.parametrize("persona", list(POSTING))
@pytest.mark.parametrize("scope", ["read", "write"])
def test_every_persona_and_scope_posts_as_the_portal_allows(client, request, organization, persona, scope):
    user = request.getfixturevalue(persona)
    _token, secret = ApiToken.issue(user, name="matrix", scope=scope, days=1)
    rec = RecommendationFactory(lead_organization=organization)
    response = bearer(
        client,
        "post",
        f"/api/v1/recommendations/{rec.pk}/progress-reports/",
        secret,
        data={"text": "Done."},
        content_type="application/json",
    )
    expected = POSTING[persona] if scope == "write" else 403
    assert response.status_code == expected
    assert ProgressReport.objects.filter(recommendation=rec).count() == (1 if expected == 201 else 0)
    assert user.has_perm("recommendations.report_progress", rec) == (POSTING[persona] == 201)

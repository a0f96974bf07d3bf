"""Security headers on every page; HSTS and the HTTPS redirect with the production settings."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["/", "/accounts/login/", "/sites/", "/seminars/", "/accounts/password/reset/"]

PRODUCTION = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


def csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PAGES)
def test_content_security_policy_allows_no_inline_script_or_style(client, path):
    policy = csp(client.get(path))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_logged_in_pages_send_the_policy_too(client, official):
    client.force_login(official)
    response = client.get(reverse("mfa_index"))
    assert csp(response)["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


@override_settings(**PRODUCTION)
def test_production_sends_hsts_for_a_year(client):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(**PRODUCTION)
def test_production_redirects_http_to_https_except_health_checks(client):
    response = client.get("/sites/?q=x")
    assert (response.status_code, response["Location"]) == (301, "https://testserver/sites/?q=x")
    assert client.get("/healthz").status_code == 200


@override_settings(**PRODUCTION)
def test_production_trusts_the_proxy_https_header(client):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_policy_built_once_is_django_csps_own(rf, settings):
    """portal.middleware.ContentSecurityPolicyMiddleware keeps the headers it builds from settings: they are the
    ones django-csp builds for each response, follow a change of the settings, and a view's own policy (django-csp's
    decorators) still goes django-csp's way."""
    from csp.decorators import csp_update
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from portal.middleware import ContentSecurityPolicyMiddleware

    def answer(request):
        return HttpResponse("ok")

    @csp_update({"img-src": ["https://tiles.example.org"]})
    def own_policy(request):
        return HttpResponse("ok")

    def headers(middleware, view, path="/"):
        response = middleware(view)(rf.get(path))
        return {k: v for k, v in response.items() if k.startswith("Content-Security-Policy")}

    assert headers(ContentSecurityPolicyMiddleware, answer) == headers(CSPMiddleware, answer)
    assert "tiles.example.org" in headers(ContentSecurityPolicyMiddleware, own_policy)["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "EXCLUDE_URL_PREFIXES": ["/admin/"],
        "DIRECTIVES": {"default-src": ["'none'"], "report-uri": "/csp-report/"},
    }
    for path in ("/", "/admin/"):
        ours = headers(ContentSecurityPolicyMiddleware, answer, path)
        assert ours == headers(CSPMiddleware, answer, path)
    assert "Content-Security-Policy-Report-Only" in headers(ContentSecurityPolicyMiddleware, answer, "/")
    assert "Content-Security-Policy-Report-Only" not in headers(ContentSecurityPolicyMiddleware, answer, "/admin/")

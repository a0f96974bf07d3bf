"""What every answer under /api/ shares: the language, problem details, validators with 304s, CORS for open data."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe

from api.problems import PROBLEM_CONTENT_TYPE, problem_response

API_PREFIX = "/api/"
# Open data: anyone may read these from any origin (no credentials are involved: the API reads no cookie).
PUBLIC_PREFIXES = (
    "/api/v1/sites/",
    "/api/v1/designations/",
    "/api/v1/seminars/",
    "/api/v1/recommendations/",  # anonymous: the published ones only
    "/api/v1/organizations/",  # anonymous: figures of the published recommendations
    "/api/v1/zones/",
    "/api/v1/openapi.json",
    "/data/",
)
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def is_public_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and request.path_info.startswith(PUBLIC_PREFIXES)
    )


def _etag(response: HttpResponse) -> str:
    return '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'


class ApiMiddleware:
    """After LocaleMiddleware: ``?lang=`` wins over Accept-Language; errors become problem details; a 200 gets
    an ETag from its body (and keeps the Last-Modified the operation set) so that a revalidation gets a 304."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        is_api = path.startswith(API_PREFIX)
        is_data = path.startswith("/data/")
        if not (is_api or is_data):
            return self.get_response(request)
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            response = problem_response(400, translation.gettext("A parameter contains a NUL character."))
        else:
            lang = request.GET.get("lang", "")
            if lang in LANGUAGES:
                translation.activate(lang)
                request.LANGUAGE_CODE = lang
            response = self.get_response(request)
        if is_api and response.status_code >= 400 and PROBLEM_CONTENT_TYPE not in response.get("Content-Type", ""):
            allow = response.get("Allow")
            response = problem_response(response.status_code, **({"Allow": allow} if allow else {}))
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            if not response.has_header("ETag"):
                response["ETag"] = _etag(response)
            last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
            conditional = get_conditional_response(
                request, etag=response["ETag"], last_modified=last_modified, response=response
            )
            if conditional is not None:
                response = conditional
        # A machine's `?lang=` is for this answer only: no language cookie (it would also spoil shared caching).
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        patch_vary_headers(response, ("Accept-Language", "Authorization"))
        if is_public_read(request):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Content-Language"
            # /data/ is a page too: a signed-in visitor's copy names them and stays private (no-store, set by
            # portal.middleware.PrivateAccountPagesMiddleware), where `public` would undo `private`.
            signed_in = is_data and getattr(getattr(request, "user", None), "is_authenticated", False)
            if response.status_code in (200, 304) and not signed_in:
                patch_cache_control(response, public=True, max_age=60)
        elif is_api:
            patch_cache_control(response, private=True, no_cache=True)
        return response

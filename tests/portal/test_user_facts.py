"""Signed-in requests read the session, the user and their roles from the cache (portal.sessions,
portal.userfacts) and their pages from the per-user page cache (portal.pagecache.private_page). How soon a change
is seen (README, "Sessions, roles and how soon a change is seen"): log-out at once; a role or scope change made
through the ORM at the next request; one that bypasses the signals within USER_FACTS_TIMEOUT."""

from __future__ import annotations

import pickle
import re
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache, caches
from django.db import connection
from django.middleware.csrf import _does_token_match
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import roles, userfacts
from portal.models import User
from tests.factories import OrganizationFactory, RegistrationFactory, SeminarFactory, SiteFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("user_facts_cache")]

DASHBOARD = reverse("recommendations:dashboard")


def _participants(seminar) -> str:
    return reverse("seminars:participants", kwargs={"slug": seminar.slug})


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _queries(client, path) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), response


def test_a_warm_signed_in_page_asks_the_database_nothing(official):
    client = _signed_in(official)
    client.get(DASHBOARD)
    count, response = _queries(client, DASHBOARD)
    assert (count, response.status_code) == (0, 200)
    assert response.from_page_cache


def test_the_user_and_their_roles_come_from_one_cache_entry(official):
    loads = []

    def load():
        loads.append(1)
        return User.objects.get(pk=official.pk)

    first = userfacts.cached_user(official.pk, load)
    second = userfacts.cached_user(official.pk, load)
    assert len(loads) == 1
    assert second.pk == official.pk and second is not first
    with CaptureQueriesContext(connection) as queries:
        assert roles.is_official(second) and not roles.is_organizer(second)
    assert len(queries) == 0


def _organizer_page(organizer):
    seminar = SeminarFactory(organizers=[organizer.organization])
    RegistrationFactory(seminar=seminar)
    client = _signed_in(organizer)
    assert client.get(_participants(seminar)).status_code == 200
    assert client.get(_participants(seminar)).from_page_cache
    return client, _participants(seminar)


def test_a_role_taken_away_is_refused_at_the_next_request(organizer):
    client, page = _organizer_page(organizer)
    organizer.groups.remove(Group.objects.get(name=roles.ORGANIZER))
    assert client.get(page).status_code == 403


def test_a_role_taken_away_from_the_group_side_is_refused_at_the_next_request(organizer):
    client, page = _organizer_page(organizer)
    Group.objects.get(name=roles.ORGANIZER).user_set.clear()
    assert client.get(page).status_code == 403


def test_a_move_to_another_organization_is_seen_at_the_next_request(organizer):
    client, page = _organizer_page(organizer)
    organizer.organization = OrganizationFactory()
    organizer.save()
    assert client.get(page).status_code == 403


def test_a_role_removed_behind_the_signals_back_is_seen_within_the_stated_bound(organizer, settings):
    settings.USER_FACTS_TIMEOUT = 1
    client, page = _organizer_page(organizer)
    # Raw rows, as a SQL script would: no signal, no version bump.
    User.groups.through.objects.filter(user_id=organizer.pk).delete()
    assert client.get(page).status_code == 200  # still the cached facts: within the bound, not at once
    time.sleep(1.2)
    assert client.get(page).status_code == 403


def test_log_out_ends_the_session_at_once_even_with_its_cookie_replayed(official):
    client = _signed_in(official)
    assert client.get(DASHBOARD).status_code == 200
    cookie = client.cookies["sessionid"].value
    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies["sessionid"] = cookie
    response = replay.get(DASHBOARD)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_password_changed_elsewhere_ends_the_other_sessions(official):
    client = _signed_in(official)
    assert client.get(DASHBOARD).status_code == 200
    official.set_password("a-new-long-password-2026")
    official.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302


def test_a_deactivated_user_is_signed_out_at_the_next_request(official):
    client = _signed_in(official)
    assert client.get(DASHBOARD).status_code == 200
    official.is_active = False
    official.save()
    assert client.get(DASHBOARD).status_code == 302


def test_a_session_lost_from_the_cache_is_read_from_the_database(official):
    client = _signed_in(official)
    assert client.get(DASHBOARD).status_code == 200
    cache.clear()  # an evicted or restarted cache: sessions and facts gone, the database still has them
    response = client.get(DASHBOARD)
    assert response.status_code == 200 and not getattr(response, "from_page_cache", False)


# The per-user page cache ---------------------------------------------------------------------------------------


def test_an_organizer_whose_organization_leaves_the_seminar_is_refused_although_the_page_was_cached(organizer):
    """The permission is checked on every request, hit or miss: a change to the seminar's organizers (not a
    fact of the user) must not leave them reading the participants' personal data."""
    seminar = SeminarFactory(organizers=[organizer.organization])
    RegistrationFactory(seminar=seminar)
    client = _signed_in(organizer)
    assert client.get(_participants(seminar)).status_code == 200
    assert client.get(_participants(seminar)).from_page_cache
    seminar.organizers.set([OrganizationFactory()])
    assert client.get(_participants(seminar)).status_code == 403


def test_two_organizers_of_the_seminar_never_get_each_others_copy(organizer):
    seminar = SeminarFactory(organizers=[organizer.organization])
    colleague = UserFactory(
        email="colleague@test.example", full_name="Colleaguename Surname", organization=organizer.organization
    )
    colleague.groups.add(Group.objects.get(name=roles.ORGANIZER))
    first = _signed_in(organizer)
    first.get(_participants(seminar))
    page = _signed_in(colleague).get(_participants(seminar))
    assert page.status_code == 200 and not getattr(page, "from_page_cache", False)
    assert 'href="/profile/">Colleaguename</a>' in page.text.replace(reverse("profile"), "/profile/")


def test_a_cached_page_gets_the_requests_own_csrf_token(organizer):
    seminar = SeminarFactory(organizers=[organizer.organization])
    RegistrationFactory(seminar=seminar)
    one, two = _signed_in(organizer), _signed_in(organizer)
    one.get(_participants(seminar))
    hit = two.get(_participants(seminar))
    assert hit.from_page_cache
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', hit.text)
    assert tokens and "__mura_csrf_token__" not in hit.text
    # The token in the page matches this client's own CSRF secret, not the first client's.
    secret = two.cookies[settings.CSRF_COOKIE_NAME].value
    assert all(_does_token_match(token, secret) for token in tokens)
    assert not any(_does_token_match(token, one.cookies[settings.CSRF_COOKIE_NAME].value) for token in tokens)


def test_a_request_with_a_message_is_neither_served_nor_stored(official, rf):
    from portal import pagecache

    request = rf.get(DASHBOARD)
    request.user = official
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(constants.INFO, "Saved.")
    calls = []

    def render():
        from django.http import HttpResponse

        calls.append(1)
        return HttpResponse("page")

    pagecache.private_page(request, ("recommendations",), render)
    pagecache.private_page(request, ("recommendations",), render)
    assert len(calls) == 2


def test_the_start_page_is_kept_per_user_and_dropped_with_their_roles(focal_point):
    client = _signed_in(focal_point)
    assert client.get("/").templates[0].name == "start.html"
    assert client.get("/").from_page_cache
    focal_point.groups.clear()
    focal_point.focal_point_for.clear()
    response = client.get("/")
    assert not getattr(response, "from_page_cache", False)
    assert response.templates[0].name == "home.html"


def test_an_admin_start_page_is_never_cached(admin_user):
    client = _signed_in(admin_user)
    client.get("/")
    assert not getattr(client.get("/"), "from_page_cache", False)


def test_a_site_given_to_a_manager_shows_on_their_start_page_at_once(site_manager):
    first = SiteFactory(name_en="First managed site")
    first.managers.add(site_manager)
    client = _signed_in(site_manager)
    assert "First managed site" in client.get("/").text
    assert client.get("/").from_page_cache
    second = SiteFactory(name_en="Second managed site")
    second.managers.add(site_manager)
    response = client.get("/")
    assert "Second managed site" in response.text
    site_manager.managed_sites.remove(first)
    assert "First managed site" not in client.get("/").text


def test_a_managers_site_page_is_theirs_and_follows_the_catalogue(site_manager, official):
    site = SiteFactory(name_en="Managed site")
    site.managers.add(site_manager)
    manager, reader = _signed_in(site_manager), _signed_in(official)
    page = reverse("sites:detail", kwargs={"slug": site.slug})
    edit = reverse("sites:edit", kwargs={"slug": site.slug})
    assert edit in manager.get(page).text
    assert manager.get(page).from_page_cache
    assert edit not in reader.get(page).text  # another user never gets the manager's copy
    site.name_en = "Managed site, renamed"
    site.save()
    assert "Managed site, renamed" in manager.get(page).text


def test_the_cache_never_holds_a_password_hash(official):
    client = _signed_in(official)
    client.get(DASHBOARD)
    entry = cache.get(userfacts._entry_key(official.pk))
    _stamp, kept, hashes = entry
    assert "password" not in kept.__dict__
    assert official.password.encode() not in pickle.dumps(entry)
    assert hashes[0] == User.objects.get(pk=official.pk).get_session_auth_hash()
    assert client.get(DASHBOARD).status_code == 200  # the session is checked against the kept hash


def test_an_organization_leaving_a_seminar_leaves_the_organizers_start_page_at_once(organizer):
    draft = SeminarFactory(organizers=[organizer.organization], title_en="Secret draft of A")
    client = _signed_in(organizer)
    assert "Secret draft of A" in client.get("/").text
    draft.organizers.set([OrganizationFactory()])
    assert "Secret draft of A" not in client.get("/").text


def test_a_removed_contact_e_mail_leaves_the_signed_in_site_page_at_once(official):
    organization = OrganizationFactory(emails=["removed@example.org"])
    site = SiteFactory(managing_organization=organization)
    client = _signed_in(official)
    page = reverse("sites:detail", kwargs={"slug": site.slug})
    assert "removed@example.org" in client.get(page).text
    organization.emails.all().delete()
    assert "removed@example.org" not in client.get(page).text


def test_text_that_reads_like_the_token_placeholder_is_shown_as_typed(organizer):
    seminar = SeminarFactory(organizers=[organizer.organization])
    RegistrationFactory(seminar=seminar, person__full_name="__mura_csrf_token__ Person")
    client = _signed_in(organizer)
    client.get(_participants(seminar))
    hit = client.get(_participants(seminar))
    assert hit.from_page_cache
    assert "__mura_csrf_token__ Person" in hit.text


def test_a_cached_participant_list_costs_two_cache_reads_and_no_query(organizer, monkeypatch):
    """The session with the user and their roles (read ahead: this process saw the user on the session before),
    then the seminar (for the permission check) with the organizer's copy of the page."""
    client, path = _organizer_page(organizer)
    backend = caches["default"]  # what `cache` and the sessions (SESSION_CACHE_ALIAS) both use
    reads, depth = [], []
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(keys, *args, _original=original, **kwargs):
            if not depth:  # LocMemCache's get_many calls its get for each key: one read, as Redis's MGET
                reads.append(keys)
            depth.append(1)
            try:
                return _original(keys, *args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(backend, name, counted)
    count, response = _queries(client, path)
    assert response.from_page_cache and count == 0
    assert len(reads) == 2, reads


def test_the_facts_read_ahead_with_a_session_serve_only_the_user_it_names(organizer, official):
    """The process's note of who was last seen on a session is a hint: pointed at another user (a stale or wrong
    note), the request is still the session's own user, with their own roles."""
    seminar = SeminarFactory(organizers=[organizer.organization])
    client = _signed_in(organizer)
    assert client.get(_participants(seminar)).status_code == 200
    _signed_in(official).get(DASHBOARD)  # the official's facts are in the cache
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert userfacts.user_seen_on(session_key) == organizer.pk
    userfacts.remember_user_on(session_key, official.pk)
    response = client.get(DASHBOARD)
    user = response.wsgi_request.user
    assert (user.pk, roles.is_organizer(user), roles.is_official(user)) == (organizer.pk, True, False)
    assert userfacts.user_seen_on(session_key) == organizer.pk
    assert client.get(_participants(seminar)).status_code == 200

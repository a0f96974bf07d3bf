"""Personas and shared fixtures. Every protected URL is tried as each persona (see tests/test_access*.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import override_settings
from django.test.testcases import LiveServerThread
from django.utils import translation

from portal import roles
from tests import services
from tests.factories import PASSWORD, OrganizationFactory, RegionFactory, UserFactory


class _SharedConnectionWSGIServer(ThreadedWSGIServer):
    """The live servers' request threads, without a close that races the test thread on in-memory SQLite.

    With in-memory SQLite (the newcomer's `make test`) the live server's request threads share the test thread's
    connection (``connections_override``). Each request thread ends with ``connections.close_all()``; SQLite's
    ``close()`` does nothing for an in-memory database but check thread sharing, and a request thread that
    finishes just after the server's teardown (a browser's late keep-alive request) fails that check: the
    thread dies before closing its socket, and the next test errors on the exception and the unclosed socket.
    Closing is therefore skipped only for those shared connections; file and PostgreSQL databases close as usual.
    """

    def _close_connections(self) -> None:
        if not self.connections_override:
            super()._close_connections()


LiveServerThread.server_class = _SharedConnectionWSGIServer


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """PBKDF2 at production strength costs ~0.3 s a user on this machine; tests create hundreds.

    Set once for the whole run, before any other fixture (the browser tests' demo servers included). A test of
    the hashing itself sets settings.PASSWORD_HASHERS back for itself.
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _local_cache(settings):
    """Tests cache in memory: clearing a Redis cache would FLUSHDB a shared server.

    A test that needs the Redis cache sets settings.CACHES itself.
    """
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _user_facts_from_the_database(settings):
    """The query-count tests measure a signed-in request as it is when the user's cached facts are cold (the
    first request after a role change): each request loads them. tests/portal/test_user_facts.py turns the cache
    on (the `user_facts_cache` fixture) and tests the warm path, which asks no query."""
    settings.USER_FACTS_CACHE = False


@pytest.fixture
def user_facts_cache(settings):
    settings.USER_FACTS_CACHE = True


@pytest.fixture(scope="session")
def _documents_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(autouse=True)
def _documents_storage(settings, _documents_dir):
    """Attachments go to a scratch directory of the run (a test of S3 sets STORAGES["documents"] itself)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(_documents_dir), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _no_language_leaks_between_tests():
    """A request activates its language in the thread and nothing deactivates it: a Kazakh page fetched by one
    test would otherwise make the next test's labels Kazakh."""
    yield
    translation.deactivate()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def region(db):
    return RegionFactory(slug="almaty-region", name_en="Almaty region", name_ru="Алматинская область")


@pytest.fixture
def organization(db, region):
    """Organization X: the focal point speaks for it and the organizer works for it."""
    return OrganizationFactory(slug="akimat-x", name_en="Akimat X", region=region)


@pytest.fixture
def other_organization(db, region):
    return OrganizationFactory(slug="akimat-y", name_en="Akimat Y", region=region)


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@test.example", is_staff=True, is_superuser=True, role=roles.ADMIN)


@pytest.fixture
def organizer(db, organization):
    return UserFactory(email="organizer@test.example", organization=organization, role=roles.ORGANIZER)


@pytest.fixture
def site_manager(db):
    """Manager of site A once the site fixtures attach it (see tests/sites)."""
    return UserFactory(email="manager@test.example", role=roles.SITE_MANAGER)


@pytest.fixture
def focal_point(db, organization):
    user = UserFactory(email="focal@test.example", organization=organization, role=roles.FOCAL_POINT)
    user.focal_point_for.add(organization)
    return user


@pytest.fixture
def official(db):
    return UserFactory(email="official@test.example", role=roles.OFFICIAL)


PERSONAS = ["anonymous", "official", "organizer", "site_manager", "focal_point", "admin_user"]


@pytest.fixture
def persona_client(client, request):
    """`persona_client(name)` gives a test client logged in as that persona (or anonymous)."""

    def make(name: str):
        if name == "anonymous":
            client.logout()
            return client
        user = request.getfixturevalue(name)
        client.force_login(user)
        return client

    return make


@pytest.fixture
def redis_url():
    return services.redis_url_or_skip()


@pytest.fixture
def postgres(db):
    services.postgres_or_skip()


@pytest.fixture
def celery_worker(transactional_db, redis_url, tmp_path):
    """A real Celery worker process on Redis, sharing the test database; e-mail goes to files in tmp_path."""
    services.postgres_or_skip()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    worker = services.WorkerProcess(broker_url=redis_url, env={"EMAIL_URL": f"filemail://{mail_dir}"})
    worker.mail_dir = mail_dir
    worker.start()
    yield worker
    worker.stop()

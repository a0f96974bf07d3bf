"""Participants' personal data reaches only those with the right to it, and is never cached when it does.

The sweep loads the demo data, gives every demo registration a phone number, and adds a second organization
(B) with its own organizer, a published and a draft seminar, and participants of whom most share their
e-mail (and so their person) with participants of the demo organization (A), but gave B other names and
phones. It then requests every URL pattern of the portal (walked from the URLconf, filled with every
seminar, site, person, registration and recommendation, list pages also with query strings) as each demo
account, B's organizer, an organizer whose organization runs no seminar, and anonymously. Each response
is searched (the decoded body and headers; an XLSX also unzipped, every part of it) for every e-mail,
phone and full name held on a registration or a person (the admin's object pages and POST-only pages are
tried with a few objects each). A value may reach admins, and the organizers of an organization whose
seminar's registration holds it: nothing B holds reaches A, nothing A holds reaches B, and a person's own
record reaches admins only. A response that shows any of them says `no-store`.

The reminder digests, planned and rendered by the real `send_reminders` command, carry none of them. The API (which
reads no session) is swept on its own: every operation of its schema, anonymously and with a read and a write token
of each persona, shows none of them to anyone; the open-data downloads (/data/) are in the main sweep.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pypdf
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin as django_admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from portal import roles
from portal.models import Organization, Region, User
from recommendations.models import Recommendation
from seminars import certificates, import_runs, imports
from seminars.models import Certificate, CertificateBatch, ImportRun, Invitation, Person, Registration, Seminar
from sites.models import Designation, Site
from tests.access.matrix import SAMPLES
from tests.access.urlwalk import Route, sample_kwargs, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("user_facts_cache")]  # the production path

# The demo accounts, the organizer of organization B (see the module's account), and an organizer of an
# organization that organizes no seminar, to show the right is per organization.
OTHER_ORGANIZER = "other-organizer@example.org"
IDLE_ORGANIZER = "idle-organizer@example.org"
ORGANIZERS = {"organizer": "unesco-almaty-office", "other_organizer": "akimat-zhambyl-region"}
ACCOUNTS = {
    "anonymous": None,
    "official": "official@example.org",
    "organizer": "organizer@example.org",
    "other_organizer": OTHER_ORGANIZER,
    "idle_organizer": IDLE_ORGANIZER,
    "site_manager": "manager@example.org",
    "focal_point": "focal@example.org",
    "admin_user": "admin@example.org",
}

# Query strings tried on the list pages and exports, on top of the bare URL. None of them names a value
# searched for (a search box echoing the query back is not a leak).
LIST_QUERIES = ["?q=example", "?q=Sample&page=2", "?page=999999", "?o=-1&status=attended&sort=email"]
LIST_PAGES = {
    "home",
    "sites:list",
    "sites:map",
    "sites:export_csv",
    "sites:export_xlsx",
    "sites:designations_csv",
    "sites:designations_xlsx",
    "sites:export_geojson",
    "seminars:list",
    "recommendations:list",
    "recommendations:dashboard",
    "recommendations:export_csv",
    "recommendations:export_xlsx",
    "recommendations:feed",
    "organizations:list",
    "admin:seminars_person_changelist",
    "admin:seminars_registration_changelist",
    "admin:seminars_seminar_changelist",
}
PARTICIPANT_LIST_PAGES = {"seminars:participants", "seminars:export_csv", "seminars:export_xlsx", "seminars:door"}
PARTICIPANT_QUERIES = ["?q=example", "?status=attended", "?status=waitlisted&page=2", "?page=-1"]
# Pages that answer a GET with 405 or that only admins reach (the admin's object pages): a few objects
# each are enough to see who is refused; every object is tried where a GET shows one participant.
FEW = 3
POST_ONLY = {"seminars:checkin", "seminars:promote", "seminars:certificate_revoke"}
# Invitations' personal links (issue 20) are opened by whoever holds them: test_an_invitation_link_shows_its_own_
# invitation_only tries each; the sweep tries a made-up token.
# A recorded import's page and its rows-not-imported XLSX: every run is tried (the demo's, and B's naming B's
# participants).
IMPORT_RUN_PAGES = {"seminars:import_run", "seminars:import_problems"}


@dataclass
class Secret:
    """One value that identifies a participant, and who may see it."""

    owner: str  # "registration 12" or "person 3": the first row found holding the value
    kind: str  # "e-mail", "phone", "name"
    value: str
    allowed: frozenset[str]


@dataclass
class Sweep:
    requests: int = 0
    urls: set[str] = field(default_factory=set)
    bytes_searched: int = 0
    xlsx_parts: int = 0
    with_personal_data: int = 0
    statuses: Counter = field(default_factory=Counter)
    seen_by: Counter = field(default_factory=Counter)  # persona: responses showing personal data
    leaks: list[str] = field(default_factory=list)
    cacheable: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def response_text(response) -> tuple[str, int, int]:
    """Everything a response says, as text: headers, body, and the parts of a zip (an XLSX) unpacked."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    texts = [f"{name}: {value}" for name, value in response.items()]
    texts.append(content.decode("utf-8", "replace"))
    parts = 0
    if content.startswith(b"%PDF-"):
        texts.append(pdf_text(content))
    if content.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for info in archive.infolist():
                part = archive.read(info)
                texts.append(pdf_text(part) if part.startswith(b"%PDF-") else part.decode("utf-8", "replace"))
                parts += 1
    text = "\n".join(texts)
    return text + "\n" + html.unescape(text), len(content), parts


def pdf_text(content: bytes) -> str:
    """A PDF's text as a reader would copy it (a certificate's, a letter's): its streams are compressed."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def demo_phone(index: int) -> str:
    return f"+7 701 555 {index:04d}"


def b_phone(index: int) -> str:
    return f"+7 702 444 {index:04d}"


B_SHARED = 8  # B's participants who also registered with A (same e-mail, so the same person)


def add_organization_b() -> None:
    """B: its organizer, a published and a draft seminar, and participants sharing e-mails with A's."""
    b = Organization.objects.get(slug=ORGANIZERS["other_organizer"])
    assert not Seminar.objects.filter(organizers=b).exists()
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=40)
    published = Seminar.objects.create(
        slug="b-published-seminar", title_en="B's open seminar", start=start, end=start + dt.timedelta(days=1),
        status=Seminar.Status.PUBLISHED, registration_state=Seminar.RegistrationState.OPEN, public_registration=True,
    )  # fmt: skip
    draft = Seminar.objects.create(
        slug="b-draft-seminar", title_en="B's draft seminar", start=start, end=start + dt.timedelta(hours=6)
    )
    for seminar in (published, draft):
        seminar.organizers.set([b])
    shared = list(Person.objects.order_by("pk")[:B_SHARED])
    own = [
        Person.objects.create(full_name=f"B Only Participant {n}", email=f"b-only-{n}@example.net", language="kk")
        for n in range(2)
    ]
    for index, person in enumerate([*shared, *own], start=1):
        seminar = draft if index % 2 else published
        Registration.objects.create(
            seminar=seminar, person=person, full_name=f"B Given Name {index}", email=person.email,
            phone=b_phone(index), position=f"B position {index}", consent_at=timezone.now(),
            status=Registration.Status.REGISTERED if index % 3 else Registration.Status.WAITLISTED,
        )  # fmt: skip
    # Two people invited to B's open seminar (issue 20): their names and addresses are B's and the admins' only.
    for n in range(2):
        Invitation.objects.create(
            seminar=published, email=f"b-invitee-{n}@example.net", full_name=f"B Invitee {n}", language="kk"
        )
    # An import into B's seminar that gave back two rows naming B's participants (their registrations' details,
    # with a gender the import does not know): the run's page and its XLSX are B's and the admins' only.
    listed = list(Registration.objects.filter(seminar=published).order_by("pk")[:2])
    table = imports.Table(
        kind="xlsx",
        headers=["Full name", "E-mail", "Phone", "Gender"],
        rows=[(n + 2, [r.full_name, r.email, r.phone, "unknown"]) for n, r in enumerate(listed)],
    )
    mapping = imports.guess_mapping(table.headers)
    validation = imports.validate(table, mapping)
    assert len(validation.invalid_lines) == 2
    ImportRun.objects.create(
        seminar=published, file_name="b-list.xlsx", mode=ImportRun.Mode.VALID_ROWS, rows=2, invalid=2,
        problems_file=import_runs.problems_xlsx(published, table, mapping, validation),
    )  # fmt: skip


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses to run otherwise
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    # The demo participants have no phone: give each registration one, so that phones are searched for too
    # (the person keeps the phone of their first registration).
    phones = {}
    for index, registration in enumerate(Registration.objects.order_by("pk"), start=1):
        registration.phone = phones.setdefault(registration.person_id, demo_phone(index))
        registration.save(update_fields=["phone"])
    for person in Person.objects.all():
        person.phone = phones[person.pk]
        person.save(update_fields=["phone"])
    add_organization_b()
    for email, slug in ((OTHER_ORGANIZER, ORGANIZERS["other_organizer"]), (IDLE_ORGANIZER, "akimat-zhetisu-region")):
        user = User.objects.create_user(
            email=email, password="unused-password-1", organization=Organization.objects.get(slug=slug)
        )
        user.groups.add(Group.objects.get(name=roles.ORGANIZER))
        assert roles.is_organizer(User.objects.get(pk=user.pk))
    assert not Seminar.objects.filter(organizers__slug="akimat-zhetisu-region").exists()
    # Attendance certificates: every attended demo participant has one, one revoked, and the first 2019 seminar's
    # ZIP is made, so that the PDFs, the ZIP and the public checks are searched too.
    for registration in Registration.objects.filter(status=Registration.Status.ATTENDED).order_by("pk"):
        certificates.issue(registration)
    first = Certificate.objects.order_by("pk").first()
    certificates.revoke(first, None)
    batch = CertificateBatch.objects.create(seminar=first.registration.seminar, total=0)
    certificates.build_zip(batch.pk)


def secrets_of_demo_participants() -> list[Secret]:
    """Every value held on a registration or a person, with the personas allowed to see it."""
    persona_of = {Organization.objects.get(slug=slug).pk: persona for persona, slug in ORGANIZERS.items()}
    allowed: dict[tuple[str, str], set[str]] = {}
    owners: dict[tuple[str, str], str] = {}

    def hold(owner: str, values, personas: set[str]) -> None:
        for kind, value in zip(("e-mail", "phone", "name"), values, strict=True):
            if value:
                allowed.setdefault((kind, value), {"admin_user"}).update(personas)
                owners.setdefault((kind, value), owner)

    for registration in Registration.objects.prefetch_related("seminar__organizers"):
        personas = {persona_of[o.pk] for o in registration.seminar.organizers.all() if o.pk in persona_of}
        values = (registration.email, registration.phone, registration.full_name)
        hold(f"registration {registration.pk}", values, personas)
    for person in Person.objects.all():
        hold(f"person {person.pk}", (person.email, person.phone, person.full_name), set())
    for invitation in Invitation.objects.prefetch_related("seminar__organizers"):
        personas = {persona_of[o.pk] for o in invitation.seminar.organizers.all() if o.pk in persona_of}
        hold(f"invitation {invitation.pk}", (invitation.email, "", invitation.full_name), personas)
    return [Secret(owners[key], key[0], key[1], frozenset(personas)) for key, personas in allowed.items()]


def _admin_objects(key: str) -> list[str]:
    """Primary keys to try on an admin object page: every person and registration, one of anything else."""
    for model in django_admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if key.startswith(prefix):
            if model in (Person, Registration):
                return [str(pk) for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:FEW]]
            first = model.objects.order_by("pk").values_list("pk", flat=True).first()
            return [str(first if first is not None else 0)]
    return ["0"]


def urls_to_request(route: Route) -> list[str]:
    key, params = route.key, set(route.params)
    seminars = list(Seminar.objects.values_list("slug", flat=True))
    if not params:
        base = route.url()
        return [base, *(base + q for q in LIST_QUERIES)] if key in LIST_PAGES else [base]
    if key.startswith("seminars:") and params == {"slug"}:
        urls = [route.url({"slug": slug}) for slug in seminars]
        if key in PARTICIPANT_LIST_PAGES:
            urls += [url + q for url in urls for q in PARTICIPANT_QUERIES]
        return urls
    if key == "seminars:certificate_zip":
        batches = CertificateBatch.objects.values_list("seminar__slug", "pk")
        return [route.url({"slug": slug, "pk": pk}) for slug, pk in batches]
    # Report drafts (DOCX, searched unzipped): every seminar's, every region's of this year, every reserve's annex.
    if key == "reports:seminar":
        return [route.url({"slug": slug}) for slug in seminars]
    if key == "reports:region":
        year = timezone.localdate().year
        return [route.url({"slug": slug, "year": year}) for slug in Region.objects.values_list("slug", flat=True)]
    if key == "reports:review_annex":
        reserves = Designation.objects.filter(kind=Designation.Kind.BIOSPHERE_RESERVE).values_list("slug", flat=True)
        return [route.url({"slug": slug}) for slug in reserves]
    if key == "seminars:verify_certificate":
        return [route.url({"code": c.display_code}) for c in Certificate.objects.order_by("pk")]
    if key in IMPORT_RUN_PAGES:
        return [
            route.url({"slug": slug, "pk": pk}) for slug, pk in ImportRun.objects.values_list("seminar__slug", "pk")
        ]
    if key.startswith("seminars:") and params == {"slug", "pk"}:
        registrations = Registration.objects.order_by("pk").values_list("seminar__slug", "pk")
        if key in POST_ONLY:
            registrations = registrations[:FEW]
        return [route.url({"slug": slug, "pk": pk}) for slug, pk in registrations]
    if key == "seminars:person":
        return [route.url({"pk": pk}) for pk in Person.objects.values_list("pk", flat=True)]
    if key.startswith("sites:") and params == {"slug"}:
        return [route.url({"slug": slug}) for slug in Site.objects.values_list("slug", flat=True)]
    if key == "organizations:detail":
        return [route.url({"slug": slug}) for slug in Organization.objects.values_list("slug", flat=True)]
    if key == "recommendations:feed":
        # Per site, organization and theme (the feed's own filters), on top of the list queries.
        base = route.url()
        queries = [f"?site={slug}" for slug in Site.objects.values_list("slug", flat=True)]
        queries += [f"?organization={slug}" for slug in Organization.objects.values_list("slug", flat=True)]
        queries += [f"?theme={theme}" for theme in Recommendation.Theme.values]
        return [base, *(base + q for q in LIST_QUERIES), *(base + q for q in queries)]
    if key.startswith("recommendations:action") and key != "recommendations:action_create" and params == {"pk"}:
        from recommendations.models import Action

        return [route.url({"pk": pk}) for pk in Action.objects.order_by("pk").values_list("pk", flat=True)[:FEW]]
    if key.startswith("recommendations:") and params == {"pk"}:
        return [route.url({"pk": pk}) for pk in Recommendation.objects.values_list("pk", flat=True)]
    if key.startswith("admin:") and params == {"object_id"}:
        return [route.url({"object_id": pk}) for pk in _admin_objects(key)]
    if key.startswith("admin:") and params == {"_0", "_1"}:  # simple_history's one historical version
        model = next((m for m in (Person, Registration) if f"_{m._meta.model_name}_" in key), None)
        if model is None:
            return [route.url({"_0": "0", "_1": "0"})]
        versions = model.history.order_by("history_id").values_list("id", "history_id")[:FEW]
        return [route.url({"_0": pk, "_1": history_id}) for pk, history_id in versions]
    if key == "admin:view_on_site":
        person_type = ContentType.objects.get_for_model(Person).pk
        return [
            route.url({"content_type_id": person_type, "object_id": pk})
            for pk in Person.objects.order_by("pk").values_list("pk", flat=True)[:FEW]
        ]
    if key in ("documents:download", "documents:remove"):
        from documents.models import Attachment

        return [route.url({"pk": pk}) for pk in Attachment.objects.values_list("pk", flat=True)] or [
            route.url({"pk": 0})
        ]
    if key == "documents:attach":
        from documents import registry

        return [
            route.url({"parent": entry.key, "pk": pk})
            for model in registry.registered_models()
            for entry in [registry.for_model(model)]
            for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:FEW]
        ]
    if key in ("data:csv", "data:json"):
        from api.datasets import DATASETS

        return [route.url({"dataset": slug}) for slug in DATASETS]
    if key == "admin:app_list":
        labels = sorted({model._meta.app_label for model in django_admin.site._registry})
        return [route.url({"app_label": label}) for label in labels]
    return [route.url(sample_kwargs(route, SAMPLES))]


def logged_in_clients() -> dict[str, Client]:
    clients = {}
    for persona, email in ACCOUNTS.items():
        client = Client()
        if email:
            user = User.objects.get(email=email)
            if user.is_staff:
                # Staff need a TOTP authenticator wherever REQUIRE_STAFF_MFA is on; give the admin one.
                TOTP.activate(user, generate_totp_secret())
            client.force_login(user)
        clients[persona] = client
    return clients


def sweep(urls: list[str], clients: dict[str, Client], secrets: list[Secret]) -> Sweep:
    result = Sweep()
    users = {persona: User.objects.filter(email=email).first() for persona, email in ACCOUNTS.items()}
    public_names = {c.get_absolute_url(): c.full_name for c in Certificate.objects.all()}
    for url in urls:
        result.urls.add(url)
        for persona, client in clients.items():
            result.requests += 1
            try:
                response = client.get(url)
            except Exception as exc:  # the test client re-raises a view's exception: a 5xx
                result.errors.append(f"{persona} GET {url}: {type(exc).__name__}: {exc}")
                continue
            result.statuses[response.status_code // 100] += 1
            if response.status_code >= 500:
                result.errors.append(f"{persona} GET {url}: {response.status_code}")
            text, size, parts = response_text(response)
            result.bytes_searched += size
            result.xlsx_parts += parts
            # The public check of a certificate shows the name printed on it, to anyone holding its code.
            printed = public_names.get(urlsplit(url).path)
            shown = [s for s in secrets if s.value in text and not (s.kind == "name" and s.value == printed)]
            if shown:
                result.with_personal_data += 1
                result.seen_by[persona] += 1
                cache_control = response.get("Cache-Control", "")
                if "no-store" not in cache_control:
                    result.cacheable.append(f"{persona} GET {url}: Cache-Control {cache_control!r}")
            for secret in shown:
                if persona not in secret.allowed:
                    result.leaks.append(f"{persona} GET {url}: {secret.kind} of {secret.owner}")
            # A page may log the client out (or a session may rotate): keep every persona signed in.
            if users[persona] is not None and "_auth_user_id" not in client.session:
                client.force_login(users[persona])
    return result


def test_personal_data_reaches_only_admins_and_the_seminars_organizers(demo, capsys):
    secrets = secrets_of_demo_participants()
    assert Person.objects.count() >= 21
    # A's and B's registrations share e-mails, not names or phones: those are the values that must not cross.
    b_only = [s for s in secrets if s.allowed == {"admin_user", "other_organizer"}]
    a_only = [s for s in secrets if s.allowed == {"admin_user", "organizer"}]
    assert len([s for s in b_only if s.kind == "phone"]) == B_SHARED + 2
    assert len([s for s in secrets if s.allowed == {"admin_user", "organizer", "other_organizer"}]) == B_SHARED
    assert len(a_only) > 40
    routes = walk()
    urls = [url for route in routes for url in urls_to_request(route)]
    clients = logged_in_clients()

    result = sweep(urls, clients, secrets)

    with capsys.disabled():
        print(
            f"\npersonal-data sweep: {len(routes)} URL patterns, {len(result.urls)} URLs × {len(clients)} personas"
            f" = {result.requests} requests; {result.bytes_searched:,} bytes searched (+{result.xlsx_parts}"
            f" XLSX parts) for {len(secrets)} values of {Person.objects.count()} people"
            f" and {Registration.objects.count()} registrations;"
            f" {result.with_personal_data} responses show personal data ({dict(result.seen_by)});"
            f" statuses by class {dict(result.statuses)}"
        )
    assert result.errors == []
    assert result.leaks == []
    assert result.cacheable == []
    # The sweep is not vacuous: those who may see the data do see it, on their pages and exports.
    assert set(result.seen_by) == {"admin_user", "organizer", "other_organizer"}


# The API: every operation of the OpenAPI schema, anonymously and with a read and a write token of each persona.
API_LIST_QUERIES = ["?limit=200", "?q=example&limit=200", "?status=published", "?status=draft", "?overdue=1"]


def api_requests() -> list[tuple[str, str]]:
    """(method, URL) of every API operation, filled with every object (lists: every page, and a few filters)."""
    from api.v1 import api

    fill = {
        "/sites/{slug}/": [s.slug for s in Site.objects.only("slug")],
        "/designations/{slug}/": list(Designation.objects.values_list("slug", flat=True)),
        "/seminars/{slug}/": list(Seminar.objects.values_list("slug", flat=True)),
        "/recommendations/{rec_id}/": [str(pk) for pk in Recommendation.objects.values_list("pk", flat=True)],
        "/organizations/{slug}/": list(Organization.objects.values_list("slug", flat=True)),
    }
    requests = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if "{" not in path:
                requests += [(method, path + query) for query in API_LIST_QUERIES]
                continue
            [template] = [t for t in fill if t in path]  # a new kind of parameter needs its values here
            name = template.split("{")[1].split("}")[0]
            requests += [(method, path.replace("{" + name + "}", value)) for value in fill[template]]
    return requests


def test_the_api_shows_no_participant_data_to_anyone(demo, settings, capsys):
    """No API operation answers any participant's e-mail, phone or name: not anonymously, and not with a read or a
    write token of any persona (admins and organizers see participants in the portal, never through the API).
    Lists are read to their last page; every recommendation gets a report posted by every write token."""
    settings.API_RATE_LIMIT_PER_ADDRESS = settings.API_RATE_LIMIT_PER_TOKEN = 10**9
    secrets = secrets_of_demo_participants()
    tokens = {"anonymous": None}
    for persona, email in ACCOUNTS.items():
        if email:
            user = User.objects.get(email=email)
            for scope in ("read", "write"):
                tokens[f"{persona}/{scope}"] = ApiToken.issue(user, name="sweep", scope=scope, days=1)[1]
    client = Client()  # no session: the API reads none anyway
    operations = api_requests()
    result = Sweep()
    for label, token in tokens.items():
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        queue = list(operations)
        while queue:
            method, url = queue.pop(0)
            result.requests += 1
            result.urls.add(f"{method} {url.split('?')[0]}")
            if method == "post":
                response = client.post(
                    url, {"text": f"Sweep report by {label}."}, content_type="application/json", headers=headers
                )
            else:
                response = client.get(url, headers=headers)
            result.statuses[response.status_code] += 1
            if response.status_code >= 500:
                result.errors.append(f"{label} {method.upper()} {url}: {response.status_code}")
            text, size, _parts = response_text(response)
            result.bytes_searched += size
            shown = [secret for secret in secrets if secret.value in text]
            result.leaks += [f"{label} {method.upper()} {url}: {secret.kind} of {secret.owner}" for secret in shown]
            if response.status_code == 200 and method == "get" and (next_url := response.json().get("next")):
                parts = urlsplit(next_url)
                queue.insert(0, ("get", f"{parts.path}?{parts.query}"))
    with capsys.disabled():
        print(
            f"\nAPI personal-data sweep: {len(result.urls)} distinct operation URLs, {len(tokens)} callers"
            f" (anonymous and a read and a write token of {len(tokens) // 2} personas) = {result.requests} requests;"
            f" {result.bytes_searched:,} bytes searched for {len(secrets)} values; statuses {dict(result.statuses)}"
        )
    assert result.errors == []
    assert result.leaks == []
    # Not vacuous: write tokens of those who may report did post (201), read tokens were refused (403).
    assert result.statuses[201] > 0 and result.statuses[403] > 0 and result.statuses[200] > 0


def test_the_sweep_would_see_a_leak(demo):
    """The search itself works: the organizer's own export is found to hold every e-mail and phone."""
    secrets = [s for s in secrets_of_demo_participants() if s.kind != "name"]
    clients = {"organizer": logged_in_clients()["organizer"]}
    seminar = Seminar.objects.get(slug="taldykorgan-2019-03-28")
    exports = [f"/seminars/{seminar.slug}/participants/export.{ext}" for ext in ("csv", "xlsx")]
    for url in exports:
        response = clients["organizer"].get(url)
        text, _size, _parts = response_text(response)
        for registration in Registration.objects.filter(seminar=seminar):
            assert registration.email in text and registration.phone in text, url
    result = sweep(exports, clients, [Secret(s.owner, s.kind, s.value, frozenset()) for s in secrets])
    assert result.leaks  # with the right taken away, the same responses count as leaks


def test_reminder_emails_carry_no_participant_data(demo, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    call_command("send_reminders", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    assert mail.outbox, "the demo plans reminders: nothing sent means nothing was checked"
    secrets = secrets_of_demo_participants()
    searched = 0
    for message in mail.outbox:
        parts = [message.subject, message.body, *(str(a[0]) for a in getattr(message, "alternatives", []))]
        parts += [*message.to, *message.cc, *message.bcc, *message.reply_to, str(message.extra_headers)]
        text = "\n".join(parts)
        searched += len(text.encode())
        text += html.unescape(text)
        assert [s.value for s in secrets if s.value in text] == [], message.to
    with capsys.disabled():
        print(f"\nreminder digests: {len(mail.outbox)} e-mails, {searched:,} bytes searched, no participant data")


def test_a_self_service_link_shows_its_own_registration_only(demo, capsys):
    """The link in a participant's e-mails (seminars:my_registration) is opened without an account, by whoever
    holds it: of every value held on registrations and people, its page shows only its own registration's name
    (not even its e-mail or phone, as the link may be forwarded), and it is never cached."""
    from seminars import self_service

    secrets = secrets_of_demo_participants()
    client = Client()
    registrations = list(Registration.objects.exclude(email=None).select_related("seminar").order_by("pk"))
    assert len(registrations) > 30
    for registration in registrations:
        token = self_service.token_for(registration)
        path = reverse("seminars:my_registration", kwargs={"slug": registration.seminar.slug, "token": token})
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"]
        text, _size, _parts = response_text(response)
        shown = {s.value for s in secrets if s.value in text}
        assert registration.full_name in shown
        assert {value for value in shown if value not in registration.full_name} == set(), registration.pk
    with capsys.disabled():
        print(f"\nself-service links: {len(registrations)} registrations, each page shows its own name only")


def test_an_invitation_link_shows_its_own_invitation_only(demo, capsys):
    """An invitation's personal link (seminars:invitation, and its decline page) is opened without an account:
    of every value held on registrations, people and invitations, it shows only its own invitation's name and
    address (the form filled in for the invitee), and it is never cached."""
    from seminars import invitation_links

    secrets = secrets_of_demo_participants()
    client = Client()
    rows = list(Invitation.objects.select_related("seminar").order_by("pk"))
    assert len(rows) >= 2
    for invitation in rows:
        kwargs = {"slug": invitation.seminar.slug, "token": invitation_links.token_for(invitation)}
        for name in ("seminars:invitation", "seminars:invitation_decline"):
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 200, name
            assert "no-store" in response["Cache-Control"]
            text, _size, _parts = response_text(response)
            shown = {s.value for s in secrets if s.value in text}
            assert shown <= {invitation.email, invitation.full_name}, (name, invitation.pk, shown)
    with capsys.disabled():
        print(f"\ninvitation links: {len(rows)} invitations, each page shows its own invitee only")


def test_news_digests_carry_only_their_recipients_own_data(demo, settings, capsys):
    """Issue 19: after a status change of a published demo recommendation, the participants who asked for news get
    a digest. Of every value held on registrations and people, each shows only its own recipient's name and
    address; the unsubscribe page its link opens (no account) shows none at all, and is never cached."""
    from recommendations import services as rec_services
    from reminders.models import Delivery

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PORTAL_BASE_URL = "https://mura.example.org"
    rec = Recommendation.objects.published().filter(status=Recommendation.Status.ACCEPTED).order_by("pk").first()
    rec_services.change_status(rec, Recommendation.Status.IN_PROGRESS, user=None)
    mail.outbox = []
    call_command("send_reminders", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    news = Delivery.objects.filter(kind=Delivery.Kind.NEWS)
    subscribers = set(Registration.objects.filter(news_opt_in_at__isnull=False).values_list("email", flat=True))
    assert set(news.values_list("recipient_email", flat=True)) == subscribers and subscribers
    messages = [m for m in mail.outbox if m.to[0] in subscribers]
    assert len(messages) == len(subscribers)
    secrets = secrets_of_demo_participants()
    client = Client()
    for message in messages:
        (recipient,) = message.to
        own = set(Registration.objects.filter(email=recipient).values_list("full_name", flat=True)) | {recipient}
        parts = [message.subject, message.body, *(str(a[0]) for a in message.alternatives), str(message.extra_headers)]
        text = "\n".join(parts)
        text += html.unescape(text)
        assert {s.value for s in secrets if s.value in text} - own == set(), recipient
        path = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("https://mura.example.org")
        response = client.get(path)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        page, _size, _parts = response_text(response)
        assert [s.value for s in secrets if s.value in page] == [], path
    with capsys.disabled():
        print(f"\nnews digests: {len(messages)} e-mails, each with its own recipient's data only")


def test_a_training_record_link_shows_its_own_person_only(demo, capsys):
    """A person's training record (seminars:training_record) is opened by whoever holds the link: of every value
    held on registrations, people and invitations, it shows only that person's own name."""
    from seminars import person_records

    secrets = secrets_of_demo_participants()
    client = Client()
    people = list(Person.objects.exclude(email=None).order_by("pk"))
    for person in people:
        response = client.get(reverse("seminars:training_record", kwargs={"token": person_records.token_for(person)}))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        text, _size, _parts = response_text(response)
        shown = {s.value for s in secrets if s.value in text}
        assert {value for value in shown if value not in person.full_name} == set(), person.pk
    with capsys.disabled():
        print(f"\ntraining records: {len(people)} people, each page shows its own name only")

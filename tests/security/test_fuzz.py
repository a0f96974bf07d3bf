"""Generated input to the pages that take the most of it: never a 5xx, and a refused import writes nothing.

Three targets: the public self-registration form, the participant import (upload, then the mapping and
preview steps when the upload is accepted) and the query strings of the list pages and exports. Each test
runs Hypothesis inside the test body, after the fixtures, so that the database and the client are shared by
the examples of one test (pytest-django's transaction is rolled back once, at the end); each counts the
inputs it really tried and prints the count.
"""

from __future__ import annotations

import io
import itertools
import string
from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from portal.models import Organization, User
from seminars import imports
from seminars.models import ImportRun, PendingImport, Person, Registration, Seminar
from tests.factories import SeminarFactory
from tests.seminars.selfreg import confirm_url, link_token
from tests.seminars.test_email_lowercasing import GROWS

pytestmark = pytest.mark.django_db

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CONTROL = "".join(map(chr, [*range(0x00, 0x20), 0x7F, 0x85, 0x9F, 0x200B, 0x200E, 0x202E, 0xFEFF]))
# Letters that change length or meaning when case-folded, and look-alikes of ASCII.
TRICKY = "İıſKÅßﬀǅ\u0307ΣςＡ＠．"

alphabet = st.sampled_from(string.printable + KAZAKH + CYRILLIC + CONTROL + TRICKY + "🙂𝕏") | st.characters(
    codec="utf-8"
)
short_text = st.text(alphabet, max_size=40)
# Short, overlong (over the 255 of most fields, over the 254 of an e-mail) and empty.
field_text = st.one_of(
    short_text,
    st.text(alphabet, min_size=250, max_size=300),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "қ", "\x00", " "]), st.integers(240, 2000)),
    st.just(""),
)
email_text = st.one_of(
    field_text,
    st.builds(
        lambda local, domain, tld: f"{local}@{domain}.{tld}",
        st.text(st.sampled_from(string.ascii_letters + string.digits + "._+-" + TRICKY + KAZAKH), min_size=1),
        st.text(st.sampled_from(string.ascii_lowercase + KAZAKH + "-" + TRICKY), min_size=1, max_size=70),
        st.sampled_from(["org", "kz", "қаз", "рф", "x" * 70]),
    ),
    # Valid as typed, longer than the column once lower-cased (see tests/seminars/test_email_lowercasing.py).
    st.builds(lambda n, k: "a@" + ".".join(["İ" * n] * k) + ".kz", st.integers(1, 31), st.integers(1, 6)),
)

EXAMPLES = {"self_registration": 120, "import": 100, "query_string": 150}
COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def report(capsys, target: str, count: int) -> None:
    with capsys.disabled():
        print(f"\nfuzz {target}: {count} inputs")


def refused_by_a_server_error(response) -> bool:
    return response.status_code >= 500


# ---------------------------------------------------------------------------------------------------------
# (a) the public self-registration form

SELF_REGISTRATION_FIELDS = ["full_name", "email", "organization_name", "organization_kind", "position", "gender"]


@st.composite
def registration_posts(draw) -> list[tuple[str, str]]:
    data: dict[str, str | list[str]] = {}
    for name in SELF_REGISTRATION_FIELDS:
        if draw(st.booleans()) or name in ("full_name", "email"):
            data[name] = draw(email_text if name == "email" else field_text)
    data["gender"] = draw(st.sampled_from([*Person.Gender.values, "", "nonbinary", "\x00"]) | field_text)
    data["organization_kind"] = draw(st.sampled_from([*Organization.Kind.values, ""]) | short_text)
    data["language"] = draw(st.sampled_from(["kk", "ru", "en", "", "zz"]) | short_text)
    if draw(st.booleans()):
        data["consent"] = draw(st.sampled_from(["on", "1", "true", "", "off"]) | short_text)
    pairs = list(data.items())
    # Repeated fields and unknown ones.
    pairs += draw(st.lists(st.tuples(st.sampled_from([*data, "csrfmiddlewaretoken", "id", "seminar"]), short_text)))
    return pairs


def test_self_registration_form_never_fails(client, admin_user, capsys):
    seminar = SeminarFactory(slug="fuzzed-open-seminar", capacity=3)
    url = reverse("seminars:register", kwargs={"slug": seminar.slug})
    addresses = (f"198.51.100.{n % 250}" for n in itertools.count())  # below the per-address rate limit
    count = 0

    @hypothesis_settings(max_examples=EXAMPLES["self_registration"], **COMMON)
    @given(registration_posts())
    # The 500 found while writing this test: rare for the strategies, so always tried.
    @example([("full_name", "A"), ("email", GROWS), ("gender", "male"), ("language", "kk"), ("consent", "on")])
    def post(pairs):
        nonlocal count
        count += 1
        before = Registration.objects.filter(seminar=seminar).count()
        body = urlencode(pairs)
        with TestCase.captureOnCommitCallbacks() as callbacks:
            response = client.post(
                url, body, content_type="application/x-www-form-urlencoded", REMOTE_ADDR=next(addresses)
            )
        assert not refused_by_a_server_error(response), pairs
        assert response.status_code == 200
        token = link_token(callbacks)
        if token is not None:  # the address's owner follows the link from the e-mail
            response = client.post(confirm_url(seminar, token))
            assert not refused_by_a_server_error(response), pairs
            assert response.status_code == 200
        added = Registration.objects.filter(seminar=seminar).count() - before
        assert added in (0, 1)
        if added:
            person = Registration.objects.filter(seminar=seminar).latest("pk").person
            assert "\x00" not in person.full_name + (person.email or "") + person.position
            assert len(person.full_name) <= 255
            assert "no-store" in response["Cache-Control"]

    post()
    report(capsys, "self-registration", count)
    assert count >= EXAMPLES["self_registration"] // 2
    # The organizer's pages and exports still render whatever was registered.
    organizer_client = Client()
    organizer_client.force_login(admin_user)
    for name in ("participants", "export_csv", "export_xlsx", "signin_sheet"):
        response = organizer_client.get(reverse(f"seminars:{name}", kwargs={"slug": seminar.slug}))
        assert response.status_code == 200, name


# ---------------------------------------------------------------------------------------------------------
# (b) the participant import

HEADERS = [alias for aliases in imports.HEADER_ALIASES.values() for alias in aliases[:3]]
header_cell = st.sampled_from(HEADERS) | short_text
data_cell = st.one_of(
    short_text,
    st.sampled_from(["aruzhan@example.org", "+7 701 111 11 11", "8 (701) 111-11-11", "ж", "male", "қаз", "=1+1"]),
    st.emails(),
)
tables = st.tuples(
    st.lists(header_cell, min_size=0, max_size=8),
    st.lists(st.lists(data_cell, max_size=9), max_size=12),
)

# Files an organizer could really upload: known headers in any order, always a name and an e-mail column;
# most cells valid (names in Kazakh, Russian or English letters), one in 25 random text (control
# characters, overlong, empty), so that some files pass every step and get imported.
PLAUSIBLE_FIELDS = ["phone", "organization", "organization_kind", "position", "gender", "language"]
letters = st.sampled_from(string.ascii_letters + KAZAKH + CYRILLIC + " -'")
phones = st.one_of(
    st.sampled_from(["+7 701 111 11 11", "8 (727) 222-33-44", "87011234567", "+7-701-000", "+999999999999999999"]),
    st.from_regex(r"\+?[0-9 ()\-]{1,20}", fullmatch=True),
)
valid_cell = {
    "full_name": st.text(letters, min_size=1, max_size=60).filter(str.strip),
    "email": st.emails(),
    "phone": phones,
    "organization": st.sampled_from(["Akimat X", "Демо музей", "Алматы облысының әкімдігі", ""]),
    "organization_kind": st.sampled_from([*imports.ORGANIZATION_KIND_ALIASES, ""]),
    "position": st.text(letters, max_size=60),
    "gender": st.sampled_from(list(imports.GENDER_ALIASES)),
    "language": st.sampled_from(list(imports.LANGUAGE_ALIASES)),
}
junk_cell = field_text | email_text
ONE_IN_25 = st.sampled_from([False] * 24 + [True])  # shrinks towards False: a simple example is a valid one


@st.composite
def plausible_tables(draw):
    names = ["full_name", "email", *draw(st.permutations(PLAUSIBLE_FIELDS))[: draw(st.integers(0, 6))]]
    names = draw(st.permutations(names))
    header = [draw(st.sampled_from(imports.HEADER_ALIASES[name])) for name in names]
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        rows.append([draw(junk_cell if draw(ONE_IN_25) else valid_cell[name]) for name in names])
    return header, rows


def _csv(table, delimiter: str, encoding: str) -> bytes:
    header, rows = table
    lines = [delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in [header, *rows]]
    return "\r\n".join(lines).encode(encoding, errors="replace")


def _xlsx(table) -> bytes:
    header, rows = table
    workbook = Workbook()
    sheet = workbook.active
    for row in [header, *rows]:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _mangled(data: bytes, cuts: list[int], flips: list[tuple[int, int]]) -> bytes:
    """A file damaged in transit: truncated and with bytes changed."""
    data = bytearray(data)
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    for cut in cuts:
        data = data[: max(cut % (len(data) + 1), 4)]
    return bytes(data)


any_tables = plausible_tables() | tables
uploads = st.one_of(
    st.binary(max_size=2000),
    st.builds(_csv, plausible_tables(), st.sampled_from([",", ";"]), st.just("utf-8")),
    st.builds(_xlsx, plausible_tables()),
    st.builds(_csv, any_tables, st.sampled_from([",", ";", "\t", "|"]), st.sampled_from(["utf-8", "cp1251", "utf-16"])),
    st.builds(_xlsx, any_tables),
    st.builds(
        _mangled,
        st.builds(_xlsx, any_tables),
        st.lists(st.integers(0, 10_000), max_size=1),
        st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=5),
    ),
    st.builds(lambda data: b"PK\x03\x04" + data, st.binary(max_size=500)),
)
mappings = st.lists(st.sampled_from(["", *imports.FIELD_NAMES, "bogus"]), max_size=10)
STEPS = ("import", "import_map", "import_preview", "participants")
file_names = st.sampled_from(["participants.csv", "list.xlsx", "photo.png", "../../etc/passwd", "", "a" * 300])


def test_participant_import_never_fails_and_a_refused_import_writes_nothing(client, organizer, organization, capsys):
    client.force_login(organizer)
    counts = {"inputs": 0, "uploads accepted": 0, "mappings accepted": 0, "imported": 0}
    seminars = (SeminarFactory(slug=f"fuzzed-import-{n}", organizers=[organization]) for n in itertools.count())

    def written() -> tuple[int, int]:
        return Person.objects.count(), Registration.objects.count()

    def files() -> set[int]:
        """The pending imports (the parsed tables waiting for a confirmation)."""
        return set(PendingImport.objects.values_list("pk", flat=True))

    @hypothesis_settings(max_examples=EXAMPLES["import"], **COMMON)
    @given(uploads, file_names, st.one_of(st.none(), st.none(), st.none(), mappings))
    def attempt(data, name, forced_mapping):
        counts["inputs"] += 1
        seminar = next(seminars)  # a fresh one: the file's people are not already registered from an earlier try
        urls = {step: reverse(f"seminars:{step}", kwargs={"slug": seminar.slug}) for step in STEPS}
        before, files_before = written(), files()
        response = client.post(urls["import"], {"file": SimpleUploadedFile(name or "file", data)})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:  # refused, with the reason on the form
            assert response.context["form"].errors
            assert written() == before
            assert files() <= files_before  # nothing stored (an earlier try's file is cleared)
            return
        counts["uploads accepted"] += 1
        assert response["Location"] == urls["import_map"]
        response = client.get(urls["import_map"])
        assert response.status_code == 200
        table = imports.read_table(data)
        mapping = imports.guess_mapping(table.headers) if forced_mapping is None else forced_mapping
        response = client.post(urls["import_map"], {f"col_{i}": field for i, field in enumerate(mapping)})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:  # a bad mapping or bad rows: shown, nothing written
            assert written() == before
            assert client.get(urls["import_preview"]).status_code == 302
            assert client.post(urls["import_preview"]).status_code == 302
            assert written() == before
            return
        counts["mappings accepted"] += 1
        response = client.get(urls["import_preview"])
        assert response.status_code == 200
        assert written() == before  # the preview writes nothing
        invalid = response.context["invalid_count"]
        rows = response.context["row_count"]
        if invalid:  # rows with problems: a plain confirmation writes nothing, "import the valid rows" does
            assert client.post(urls["import_preview"]).status_code == 302
            assert written() == before
        response = client.post(urls["import_preview"], {"mode": "valid" if invalid else "all"})
        assert response.status_code == 302
        run = ImportRun.objects.filter(seminar=seminar).get()
        assert response["Location"] == (run.get_absolute_url() if invalid else urls["participants"])
        assert (run.rows, run.imported, run.invalid) == (len(table.rows), rows, invalid)
        counts["imported"] += 1
        people, registrations = written()
        assert registrations - before[1] == rows
        assert people - before[0] <= rows

    attempt()
    report(capsys, "participant import", counts["inputs"])
    with capsys.disabled():
        print(f"  ({counts})")
    assert counts["inputs"] >= EXAMPLES["import"] // 2


def test_oversized_upload_writes_nothing(client, organizer, organization):
    seminar = SeminarFactory(organizers=[organization])
    client.force_login(organizer)
    url = reverse("seminars:import", kwargs={"slug": seminar.slug})
    data = b"Full name,E-mail\n" + b"x" * imports.MAX_BYTES
    response = client.post(url, {"file": SimpleUploadedFile("big.csv", data)})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Registration.objects.exists()


# ---------------------------------------------------------------------------------------------------------
# (c) the query strings of the list pages and exports

KNOWN_KEYS = [
    "q", "page", "sort", "o", "status", "theme", "priority", "organization", "organizations", "site", "region",
    "seminar", "overdue", "due_from", "due_to", "year", "designation", "category", "transboundary",
    "management_plan", "gender", "organization_kind", "format", "language", "bbox", "zoom",
]  # fmt: skip
numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0", "-1", "1e308", "NaN", "inf", "9" * 400, "2019-02-30", "0x10", "１２", "٣"]),
)
values = st.one_of(
    numbers,
    short_text,
    st.sampled_from(["all", "draft", "attended", "almaty-region", "tanbaly", "taldykorgan-2019-03-28", "\x00"]),
    st.text(alphabet, min_size=500, max_size=3000),
)
keys = st.sampled_from(KNOWN_KEYS) | short_text
pairs = st.lists(st.tuples(keys, values), max_size=8)
raw_tails = st.sampled_from(["", "&", "&&=", "%", "%zz", "%00", "%FF%FE", "=&=", "page", "q=%E2%80%AE", "a[]=1"])


def _query(pairs_, tail: str) -> str:
    encoded = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs_)
    return "&".join(part for part in (encoded, tail) if part)


def test_list_pages_survive_any_query_string(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    slug = Seminar.objects.get(slug="taldykorgan-2019-03-28").slug
    pages = [
        reverse("home"),
        reverse("sites:list"),
        reverse("sites:map"),
        reverse("sites:export_csv"),
        reverse("sites:export_geojson"),
        reverse("seminars:list"),
        reverse("recommendations:list"),
        reverse("recommendations:dashboard"),
        reverse("recommendations:create"),
        reverse("recommendations:export_csv"),
        reverse("recommendations:export_xlsx"),
        *(reverse(f"seminars:{name}", kwargs={"slug": slug}) for name in ("participants", "export_csv")),
        reverse("seminars:export_xlsx", kwargs={"slug": slug}),
        reverse("seminars:signin_sheet", kwargs={"slug": slug}),
    ]
    clients = {"anonymous": Client()}
    for persona, email in (("organizer", "organizer@example.org"), ("admin", "admin@example.org")):
        clients[persona] = Client()
        clients[persona].force_login(User.objects.get(email=email))
    count = 0

    @hypothesis_settings(max_examples=EXAMPLES["query_string"], **COMMON)
    @given(st.sampled_from(pages), st.sampled_from(sorted(clients)), pairs, raw_tails)
    def request(page, persona, pairs_, tail):
        nonlocal count
        count += 1
        url = f"{page}?{_query(pairs_, tail)}"
        response = clients[persona].get(url)
        assert not refused_by_a_server_error(response), url
        assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)

    request()
    report(capsys, "list-page query strings", count)
    assert count >= EXAMPLES["query_string"] // 2

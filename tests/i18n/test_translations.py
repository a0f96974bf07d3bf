"""Our Kazakh and Russian catalogues: complete, compiled, and overriding Django's and allauth's where needed."""

from __future__ import annotations

import ast
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["kk", "ru"]
OVERRIDES_MODULE = ROOT / "portal" / "locale_overrides.py"
# Pages whose strings are translated now; the apps' pages follow after they merge (issue 8).
TRANSLATED_NOW = ("templates/base.html", "templates/home.html", "templates/account/", "templates/includes/")
# Plural forms: Kazakh as Django's; Russian with the three forms integers need (Django's has a fourth for fractions).
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    # Russian: one form for 1, 21, 31…; one for 2–4, 22–24…; one for 0, 5–20, 25–30… (counts are integers).
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}


def _po(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def _live(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def _missing(entries: list[polib.POEntry]) -> list[str]:
    return [
        f"{'fuzzy' if entry.fuzzy else 'untranslated'}: {entry.msgid!r}"
        for entry in entries
        if entry.fuzzy or not entry.translated()
    ]


def _key(entry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _translations(entries) -> dict[tuple[str, str], str | tuple]:
    return {
        _key(entry): (tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr)
        for entry in entries
        if entry.msgid
    }


def _override_keys() -> set[tuple[str, str]]:
    """(context, msgid) of every call in portal/locale_overrides.py, read with ast (the module is generated)."""
    keys = set()
    for node in ast.walk(ast.parse(OVERRIDES_MODULE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if node.func.id == "pgettext_lazy":
                keys.add((args[0], args[1]))
            elif node.func.id in ("_", "ngettext_lazy"):
                keys.add(("", args[0]))
    return keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    missing = _missing(_live(_po(language)))
    assert missing == [], f"{len(missing)} entries to translate in locale/{language}:\n" + "\n".join(missing[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_strings_of_the_base_home_and_account_pages_are_translated(language):
    entries = [
        entry
        for entry in _live(_po(language))
        if any(path.startswith(TRANSLATED_NOW) for path, _line in entry.occurrences)
    ]
    assert len(entries) > 40
    assert _missing(entries) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header_names_the_language_and_is_not_fuzzy(language):
    po = _po(language)
    # makemessages starts a catalogue with a fuzzy template header and no language; ours are filled in.
    assert po.metadata_is_fuzzy == []
    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_mo_file_is_compiled_from_the_current_po(language):
    """The .mo holds exactly the translated, non-fuzzy entries of the .po: run compilemessages after editing."""
    po = _po(language)
    expected = _translations(e for e in _live(po) if e.translated() and not e.fuzzy)
    compiled = _translations(polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo")))
    stale = sorted(set(expected.items()) ^ set(compiled.items()), key=str)
    assert not stale, f"locale/{language}/LC_MESSAGES/django.mo is out of date (make messages): {stale[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_override_is_in_the_catalogue_and_translated(language):
    overrides = _override_keys()
    assert len(overrides) > 90
    entries = {_key(entry): entry for entry in _live(_po(language))}
    assert sorted(overrides - entries.keys()) == [], "run make messages after scripts/add_overrides.py"
    assert _missing([entries[key] for key in overrides]) == []


def test_locale_paths_come_first():
    assert settings.LOCALE_PATHS == [ROOT / "locale"]


@pytest.mark.parametrize(
    ("context", "msgid", "ours", "upstream"),
    [
        # Django's Kazakh capitalises the month inside a date; ours does not.
        ("alt. month", "November", "қараша", "Қараша"),
        # allauth has no Kazakh at all: without our catalogue this stays English.
        ("", "Forgot your password?", "Құпиясөзді ұмыттыңыз ба?", "Forgot your password?"),
        # Django's admin Kazakh lacks it.
        ("", "View site", "Сайтты ашу", "View site"),
    ],
)
def test_our_kazakh_wins_over_django_and_allauth(context, msgid, ours, upstream):
    with translation.override("kk"):
        found = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert found == ours
    assert found != upstream


def test_log_in_form_labels_are_kazakh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    body = client.get("/accounts/login/").content.decode()
    for text in ("Электрондық пошта", "Құпиясөз", "Мені есте сақтау", "Құпиясөзді ұмыттыңыз ба?"):
        assert text in body, text

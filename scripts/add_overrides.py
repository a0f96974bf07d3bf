"""Write portal/locale_overrides.py: the Django, admin and allauth strings a user meets most whose Kazakh is missing.

Why a Python module and not lines appended to our .po files: `makemessages` rebuilds the .po files from the
sources and turns every msgid it no longer finds into an obsolete `#~` entry, which is never compiled. Listing
the msgids in a module that `makemessages` scans keeps them in our catalogues for good. Our LOCALE_PATHS
catalogue is merged last, so its translation wins over Django's and allauth's for the same msgid (checked by
tests/i18n/test_translations.py).

Usage:  .venv/bin/python scripts/add_overrides.py [--fill-ru]
then    make messages   (makemessages + compilemessages)

--fill-ru copies Django's and allauth's own Russian into our ru catalogue for these msgids (they are complete
in Russian; our copy only keeps the completeness test honest). Kazakh is translated by hand in locale/kk.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "portal" / "locale_overrides.py"


def _package_dir(name: str) -> Path:
    module = __import__(name, fromlist=["__file__"])
    return Path(module.__file__).resolve().parent


# allauth: every string of these sources (references in allauth's own .po), minus the features we do not use.
ALLAUTH_SOURCES = (
    "account/adapter.py",
    "account/forms.py",
    "account/fields.py",
    "templates/account/login.html",
    "templates/account/logout.html",
    "templates/account/password_change.html",
    "templates/account/password_reset.html",
    "templates/account/password_reset_done.html",
    "templates/account/password_reset_from_key.html",
    "templates/account/password_reset_from_key_done.html",
    "templates/account/messages/logged_in.txt",
    "templates/account/messages/logged_out.txt",
    "templates/account/messages/password_changed.txt",
    "templates/account/email/base_message.txt",
    "templates/account/email/password_reset_key_subject.txt",
    "templates/account/email/password_reset_key_message.txt",
    "templates/account/email/unknown_account_subject.txt",
    "templates/account/email/unknown_account_message.txt",
    "templates/mfa/index.html",
    "templates/mfa/authenticate.html",
)
# Pages of the access matrix that the language crawl found in English (issue 14): every string, skip words too.
ALLAUTH_PAGES = (
    "templates/account/account_inactive.html",
    "templates/account/verification_sent.html",
    "templates/account/verified_email_required.html",
    "templates/account/email_confirm.html",
    "templates/account/base_reauthenticate.html",
    "templates/account/reauthenticate.html",
    "templates/account/snippets/already_logged_in.html",
    "templates/mfa/reauthenticate.html",
    "templates/mfa/recovery_codes/base.html",
    "templates/mfa/recovery_codes/index.html",
    "templates/mfa/recovery_codes/generate.html",
    "templates/mfa/totp/base.html",
    "templates/mfa/totp/activate_form.html",
    "templates/mfa/totp/deactivate_form.html",
)
# Sign-up, usernames, phones and third-party accounts are switched off in Mura.
ALLAUTH_SKIP_WORDS = ("phone", "username", "sign up", "signup", "third-party", "passkey", "sign-in code", "code")

# Django admin navigation and the messages of its change forms (Django's .po files carry no source references).
DJANGO_ADMIN = (
    "Django site admin",
    "Django administration",
    "Site administration",
    "Log in",
    "Log out",
    "View site",
    "Welcome,",
    "Change password",
    "Home",
    "Add",
    "Change",
    "View",
    "Delete",
    "Save",
    "Save and add another",
    "Save and continue editing",
    "Save as new",
    "Close",
    "History",
    "View on site",
    "Recent actions",
    "My actions",
    "None available",
    "Unknown content",
    "Filter",
    "Search",
    "Go",
    "Run the selected action",
    "Select all %(total_count)s %(module_name)s",
    "Clear selection",
    "Toggle navigation",
    "Start typing to filter…",
    "Filter navigation items",
    "Action:",
    "Date/time",
    "User",
    "Action",
    "Yes, I’m sure",
    "No, take me back",
    "Delete selected %(verbose_name_plural)s",
    "Add %s",
    "Change %s",
    "View %s",
    "Select %s",
    "Select %s to change",
    "Select %s to view",
    "All",
    "Yes",
    "No",
    "Unknown",
    "Any date",
    "Today",
    "Past 7 days",
    "This month",
    "This year",
    "Models in the %(name)s application",
    "Page not found",
    "We’re sorry, but the requested page could not be found.",
    "Skip to main content",
    "Breadcrumbs",
    "Log in again",
    "Thanks for spending some quality time with the web site today.",
    "The {name} “{obj}” was added successfully.",
    "The {name} “{obj}” was changed successfully.",
    "The {name} “{obj}” was changed successfully. You may edit it again below.",
    "The %(name)s “%(obj)s” was deleted successfully.",
    "Items must be selected in order to perform actions on them. No items have been changed.",
    "No action selected.",
)
DJANGO_ADMIN_PLURAL = (
    ("%(counter)s result", "%(counter)s results"),
    ("%(full_result_count)s total", "%(full_result_count)s total"),
    ("%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully."),
    ("%(total_count)s selected", "All %(total_count)s selected"),
    ("Please correct the error below.", "Please correct the errors below."),
)
# Django core: the form errors everyone meets.
DJANGO_CORE = (
    "This field is required.",
    "Enter a valid email address.",
    "Enter a valid date.",
    "Enter a valid time.",
    "Enter a valid date/time.",
    "Enter a whole number.",
    "Enter a number.",
    "Select a valid choice. %(value)s is not one of the available choices.",
    "The submitted file is empty.",
    "No file was submitted. Check the encoding type on the form.",
)
# django.contrib.auth: the password validators' help and errors on the password forms.
DJANGO_AUTH = (
    "Your password can’t be too similar to your other personal information.",
    "Your password can’t be a commonly used password.",
    "Your password can’t be entirely numeric.",
    "This password is too common.",
    "This password is entirely numeric.",
    "The password is too similar to the %(verbose_name)s.",
)
DJANGO_AUTH_PLURAL = (
    (
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    (
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
)

# Month names inside dates: the kk date formats use E, Django's "alt. month" forms, which Django's Kazakh
# capitalises ("1 Қараша"); Kazakh writes them in lower case there ("2019 ж. 1 қараша"). Overridden always.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


KAZAKH_TYPOS = ("Өзгетру", "өзгетру", "үщін")


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str = ""
    context: str = ""

    def python(self) -> str:
        # JSON string literals are valid Python and double-quoted, as ruff format wants them.
        msgid, plural, context = (json.dumps(s, ensure_ascii=False) for s in (self.msgid, self.plural, self.context))
        if self.plural:
            return f"ngettext_lazy({msgid}, {plural}, 1)"
        if self.context:
            return f"pgettext_lazy({context}, {msgid})"
        return f"_({msgid})"


def _catalogue(package: str, app: str, language: str) -> polib.POFile:
    base = _package_dir(package)
    path = base / app / "locale" / language / "LC_MESSAGES" / "django.po" if app else base
    return polib.pofile(str(path))


def _translated(entry: polib.POEntry | None) -> bool:
    if entry is None or entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _find(po: polib.POFile, message: Message) -> polib.POEntry | None:
    return po.find(message.msgid, msgctxt=message.context or False)


def allauth_messages() -> list[Message]:
    po = polib.pofile(str(_package_dir("allauth") / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    found: list[Message] = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        files = {ref for ref, _line in entry.occurrences}
        if files.intersection(ALLAUTH_PAGES):
            found.append(Message(entry.msgid, entry.msgid_plural, entry.msgctxt or ""))
            continue
        if not files.intersection(ALLAUTH_SOURCES):
            continue
        lowered = entry.msgid.lower()
        if "recovery code" not in lowered and any(word in lowered for word in ALLAUTH_SKIP_WORDS):
            continue
        found.append(Message(entry.msgid, entry.msgid_plural, entry.msgctxt or ""))
    return found


def django_messages() -> tuple[list[Message], list[str]]:
    """The Django strings whose Kazakh is missing upstream, and the msgids not found (typos, renamed upstream)."""
    django_dir = _package_dir("django")
    sources = {
        "admin": django_dir / "contrib" / "admin" / "locale",
        "core": django_dir / "conf" / "locale",
        "auth": django_dir / "contrib" / "auth" / "locale",
    }
    wanted = {
        "admin": [Message(m) for m in DJANGO_ADMIN] + [Message(s, p) for s, p in DJANGO_ADMIN_PLURAL],
        "core": [Message(m) for m in DJANGO_CORE],
        "auth": [Message(m) for m in DJANGO_AUTH] + [Message(s, p) for s, p in DJANGO_AUTH_PLURAL],
    }
    always = [Message(m, context="alt. month") for m in MONTHS]
    # Django's own Kazakh carries typos ("Өзгетру" for "Өзгерту", "үщін" for "үшін"): overridden wherever they are.
    for name in ("admin", "core"):
        for entry in polib.pofile(str(sources[name] / "kk" / "LC_MESSAGES" / "django.po")):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            if not entry.obsolete and any(typo in text for text in texts for typo in KAZAKH_TYPOS):
                always.append(Message(entry.msgid, entry.msgid_plural, entry.msgctxt or ""))
    result, unknown = [], []
    for name, messages in wanted.items():
        english = polib.pofile(str(sources[name] / "en" / "LC_MESSAGES" / "django.po"))
        kazakh = polib.pofile(str(sources[name] / "kk" / "LC_MESSAGES" / "django.po"))
        for message in messages:
            if _find(english, message) is None:
                unknown.append(message.msgid)
            elif not _translated(_find(kazakh, message)):
                result.append(message)
    return result + always, unknown


def render(messages: list[Message]) -> str:
    lines = [
        '"""Django, admin and allauth strings that users meet most and whose Kazakh is missing upstream.',
        "",
        "Generated by scripts/add_overrides.py; do not edit by hand. Listed here only so that makemessages keeps",
        "them in locale/*/django.po, where our translation overrides Django's and allauth's (LOCALE_PATHS win).",
        '"""',
        "",
        "# ruff: noqa: E501",
        "from django.utils.translation import gettext_lazy as _",
        "from django.utils.translation import ngettext_lazy, pgettext_lazy",
        "",
        "OVERRIDES = (",
    ]
    lines += [f"    {message.python()}," for message in messages]
    lines += [")", ""]
    return "\n".join(lines)


def fill_russian(messages: list[Message]) -> int:
    """Copy Django's and allauth's Russian into locale/ru for the override msgids still empty there."""
    django_dir = _package_dir("django")
    upstream = [
        polib.pofile(str(_package_dir("allauth") / "locale" / "ru" / "LC_MESSAGES" / "django.po")),
        polib.pofile(str(django_dir / "contrib" / "admin" / "locale" / "ru" / "LC_MESSAGES" / "django.po")),
        polib.pofile(str(django_dir / "conf" / "locale" / "ru" / "LC_MESSAGES" / "django.po")),
        polib.pofile(str(django_dir / "contrib" / "auth" / "locale" / "ru" / "LC_MESSAGES" / "django.po")),
    ]
    ours_path = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    ours = polib.pofile(str(ours_path), wrapwidth=79)
    filled = 0
    for message in messages:
        entry = _find(ours, message)
        if entry is None or _translated(entry):
            continue
        source = next((e for po in upstream if _translated(e := _find(po, message))), None)
        if source is None:
            continue
        if message.plural:
            entry.msgstr_plural = dict(source.msgstr_plural)
        else:
            entry.msgstr = source.msgstr
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    ours.save(str(ours_path))
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill-ru", action="store_true", help="copy upstream Russian into locale/ru")
    args = parser.parse_args(argv)

    allauth = allauth_messages()
    django, unknown = django_messages()
    if unknown:
        print("not in Django's catalogues (fix the list):", *unknown, sep="\n  ", file=sys.stderr)
        return 1
    messages = list(dict.fromkeys(allauth + django))
    OUTPUT.write_text(render(messages), encoding="utf-8")
    # A fixed argument list of our own tool, no user input.
    subprocess.run([str(ROOT / ".venv" / "bin" / "ruff"), "format", "-q", str(OUTPUT)], check=False)  # noqa: S603
    print(f"{OUTPUT.relative_to(ROOT)}: {len(allauth)} allauth + {len(django)} Django msgids")
    if args.fill_ru:
        print(f"locale/ru: {fill_russian(messages)} msgstr copied from Django and allauth")
    return 0


if __name__ == "__main__":
    sys.exit(main())

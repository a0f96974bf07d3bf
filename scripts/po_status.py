"""Print how many entries of each of our catalogues are translated, untranslated and fuzzy.

Usage: .venv/bin/python scripts/po_status.py [--list]   (--list also prints the msgids still to do)
Exit status 1 while anything is untranslated or fuzzy, so it can gate a release.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def status(po: polib.POFile) -> dict[str, list[polib.POEntry]]:
    """Live (non-obsolete) entries split into translated, untranslated and fuzzy."""
    live = [entry for entry in po if not entry.obsolete]
    fuzzy = [entry for entry in live if entry.fuzzy]
    untranslated = [entry for entry in live if not entry.fuzzy and not entry.translated()]
    translated = [entry for entry in live if not entry.fuzzy and entry.translated()]
    return {"translated": translated, "untranslated": untranslated, "fuzzy": fuzzy}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Translation status of locale/*/django.po")
    parser.add_argument("--list", action="store_true", help="print the untranslated and fuzzy msgids")
    args = parser.parse_args(argv)
    incomplete = False
    print(f"{'language':<10}{'total':>7}{'translated':>12}{'untranslated':>14}{'fuzzy':>7}")
    for language in LANGUAGES:
        counts = status(catalogue(language))
        total = sum(len(entries) for entries in counts.values())
        print(
            f"{language:<10}{total:>7}{len(counts['translated']):>12}"
            f"{len(counts['untranslated']):>14}{len(counts['fuzzy']):>7}"
        )
        incomplete |= bool(counts["untranslated"] or counts["fuzzy"])
        if args.list:
            for kind in ("untranslated", "fuzzy"):
                for entry in counts[kind]:
                    where = ", ".join(sorted({path for path, _line in entry.occurrences}))
                    print(f"  {kind}: {entry.msgid!r}  ({where})")
    return 1 if incomplete else 0


if __name__ == "__main__":
    sys.exit(main())

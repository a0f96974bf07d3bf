"""The SDG targets (recommendations.SdgTarget) from the committed list, recommendations/data/sdg_targets.json.

Migration 0009 loads them; `ensure_targets()` loads them again into a database that lost them (a `flush`, or a
test database emptied by a transactional test), and the demo calls it before it classifies its items."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "sdg_targets.json"


def ensure_targets() -> int:
    """Create the targets that are missing; returns how many were created."""
    from recommendations.models import SdgTarget

    targets = json.loads(DATA.read_text(encoding="utf-8"))["targets"]
    if SdgTarget.objects.count() >= len(targets):
        return 0
    existing = set(SdgTarget.objects.values_list("code", flat=True))
    missing = [
        SdgTarget(
            code=row["code"],
            goal=row["goal"],
            position=position,
            text_en=row["text_en"],
            text_ru=row["text_ru"],
            text_kk=row["text_kk"],
            kk_official=False,
        )
        for position, row in enumerate(targets, start=1)
        if row["code"] not in existing
    ]
    SdgTarget.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)

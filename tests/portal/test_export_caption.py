"""The title row of every export: one sentence, ending with one full stop in every language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from portal.exports import Table


@pytest.mark.parametrize(("language", "ending"), [("ru", "5 декабря 2026 г."), ("kk", "5 желтоқсан."), ("en", "2026.")])
def test_the_caption_ends_with_one_full_stop(language, ending):
    when = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)
    with translation.override(language):
        caption = Table(title="Sites", columns=[], rows=[]).caption(when)
    assert caption.endswith(ending)
    assert not caption.endswith("..")

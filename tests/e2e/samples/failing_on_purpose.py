"""A browser test that fails on purpose. Not collected by the suite (no test_ prefix): test_artifacts.py runs
it in a separate pytest to prove that a failure leaves a screenshot and the page's HTML behind."""

import pytest

pytestmark = pytest.mark.e2e


def test_fails_on_purpose(page):
    page.set_content("<!DOCTYPE html><title>Deliberate failure</title><h1>Deliberate failure</h1>")
    assert page.locator("h1").inner_text() == "Something else"

"""Issue 8: the whole self-registration and the organizer's check-in work with the keyboard alone.

After the page is opened, nothing is clicked: the focus moves with Tab, text is typed, selects change with the
arrow keys, the consent box is ticked with Space and forms are sent with Enter. Each step asserts that the
focus really is where the next key press goes, so a control that the keyboard cannot reach fails the test.
"""

from __future__ import annotations

import hashlib

import pytest

from seminars.demo import UPCOMING_SLUG
from seminars.models import Registration, SelfRegistrationRequest
from tests.e2e.helpers import focused, login_as, tab_to

pytestmark = pytest.mark.e2e


def _type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def _choose(page, selector: str, value: str, max_presses: int = 15) -> None:
    """Move a focused <select> to ``value`` with the arrow keys (no mouse, no dropdown)."""
    tab_to(page, selector)
    for key in ("ArrowDown", "ArrowUp"):
        for _ in range(max_presses):
            if page.eval_on_selector(selector, "el => el.value") == value:
                return
            page.keyboard.press(key)
    raise AssertionError(f"{selector} never reached {value!r} with the arrow keys")


def test_self_registration_with_the_keyboard_alone(fresh_demo_server, page):
    page.goto(f"/seminars/{UPCOMING_SLUG}/")
    # From the seminar's page to its form: Tab to the link, Enter.
    tab_to(page, f"main a[href$='/seminars/{UPCOMING_SLUG}/register/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/seminars/{UPCOMING_SLUG}/register/")

    _type_into(page, "#id_full_name", "Keyboard Kazakova")
    _type_into(page, "#id_email", "keyboard.kazakova@example.org")
    _type_into(page, "#id_organization_name", "Demo District Library")
    _type_into(page, "#id_position", "Librarian")
    _choose(page, "#id_gender", "female")
    _choose(page, "#id_language", "kk")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    assert page.is_checked("#id_consent")

    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Check your e-mail"

    # The link from the e-mail (its token is only stored hashed: give the request a token the test knows).
    request = SelfRegistrationRequest.objects.get(email="keyboard.kazakova@example.org")
    SelfRegistrationRequest.objects.filter(pk=request.pk).update(token_hash=hashlib.sha256(b"known").hexdigest())
    page.goto(f"/seminars/{UPCOMING_SLUG}/register/confirm/known/")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    registration = Registration.objects.get(seminar__slug=UPCOMING_SLUG, email="keyboard.kazakova@example.org")
    assert registration.source == Registration.Source.SELF
    assert (registration.gender, registration.language) == ("female", "kk")
    # The demo workshop is full: the keyboard user is told so, like everyone else.
    assert registration.status == Registration.Status.WAITLISTED
    assert page.locator("h1").inner_text() == "You are on the waiting list"


def test_the_organizer_checks_participants_in_with_the_keyboard_alone(fresh_demo_server, page):
    login_as(page, "organizer@example.org")
    page.goto(f"/seminars/{UPCOMING_SLUG}/participants/")
    waiting = Registration.objects.filter(seminar__slug=UPCOMING_SLUG, status=Registration.Status.REGISTERED)
    before = waiting.count()
    assert before, "the demo seminar needs registered participants to check in"

    # One participant: Tab to the first "Check in" button, Enter.
    tab_to(page, "main form.inline-form:has(input[name=status][value=attended]) button[type=submit]", max_tabs=200)
    assert focused(page)["text"] == "Check in"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert waiting.count() == before - 1
    assert Registration.objects.filter(seminar__slug=UPCOMING_SLUG, status=Registration.Status.ATTENDED).exists()

    # Then the keyboard is still usable on the reloaded list: the next "Check in" is reachable the same way.
    tab_to(page, "main form.inline-form:has(input[name=status][value=attended]) button[type=submit]", max_tabs=200)
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert waiting.count() == before - 2

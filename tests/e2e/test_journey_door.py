"""The organizer at the door on a phone: finds a participant by typing, checks them in without a reload,
undoes it; a check-in made while the connection is down is sent when it comes back, once; and a participant's
QR code held up to the phone's camera checks them in.

The camera is Chromium's fake capture device playing a Y4M file made here from the participant's real QR code
(the one their confirmation e-mail carries), so the page's jsQR reads a real picture of a real code.
"""

from __future__ import annotations

import pytest
import segno

from seminars import door
from seminars.demo import UPCOMING_SLUG
from seminars.models import Registration
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.helpers import login_as

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _registered(name_part: str) -> Registration:
    return Registration.objects.select_related("person").get(
        seminar__slug=UPCOMING_SLUG, person__full_name__icontains=name_part
    )


def _first_registered() -> Registration:
    return (
        Registration.objects.select_related("person", "seminar")
        .filter(seminar__slug=UPCOMING_SLUG, status=Registration.Status.REGISTERED)
        .order_by("person__full_name")
        .first()
    )


def test_door_check_in_by_search_with_undo_and_a_dropped_connection(fresh_demo_server, page, browser_errors):
    page.set_viewport_size(PHONE)
    login_as(page, "organizer@example.org")
    registration = _first_registered()
    name = registration.person.full_name
    page.goto(f"/seminars/{UPCOMING_SLUG}/door/")
    page.evaluate("() => { window.__notReloaded = true; }")

    with page.expect_response(lambda response: "/door/?q=" in response.url):
        page.locator("#door-q").fill(name.split()[0][:4])  # htmx asks after a 250 ms pause in typing
    row = page.locator(f"#door-row-{registration.pk}")
    row.wait_for()
    assert page.locator("li.door-row").count() >= 1
    # The big button comes first on the phone, and nothing is wider than the screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    box = row.locator("button.door-button").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300

    row.locator("button.door-button").click()
    row.locator(".door-done").wait_for()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    assert page.evaluate("() => window.__notReloaded") is True  # no page load happened

    row.locator("button.door-undo").click()
    row.locator("button.door-button").wait_for()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED

    # The connection drops: the tap waits in the queue, then goes once when the phone is back online.
    page.context.set_offline(True)
    row.locator("button.door-button").click()
    page.locator(".door-pending").wait_for()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED
    # The row shows as pending when the tap is queued; the status line says so once the request has failed.
    page.wait_for_function("() => document.querySelector('[data-door-status]').innerText.includes('retry')")
    assert "retry" in page.locator("[data-door-status]").inner_text()
    page.context.set_offline(False)
    row.locator(".door-done").wait_for(timeout=40_000)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    # Two check-ins in all (the first, undone, and the one sent after the outage): the retry made no third.
    assert registration.history.filter(status=Registration.Status.ATTENDED).count() == 2
    assert page.evaluate("() => localStorage.length && JSON.parse(Object.values(localStorage)[0]).length") == 0
    # The browser logged the attempts made while offline; they are the point of this test, nothing else is.
    offline = [error for error in browser_errors if "ERR_INTERNET_DISCONNECTED" in error]
    assert offline and len(offline) == len(browser_errors)
    browser_errors.clear()


def _y4m_of_qr(text: str, path) -> None:
    """A still 640x480 video of the QR code of ``text`` (black on white), in the Y4M format Chromium plays."""
    matrix = [list(row) for row in segno.make(text, error="m").matrix]
    size, width, height = len(matrix), 640, 480
    border = 4
    scale = (height - 40) // (size + 2 * border)
    left = (width - scale * (size + 2 * border)) // 2
    top = (height - scale * (size + 2 * border)) // 2
    luma = bytearray([235]) * (width * height)
    for y, line in enumerate(matrix):
        for x, dark in enumerate(line):
            if not dark:
                continue
            for dy in range(scale):
                start = (top + (y + border) * scale + dy) * width + left + (x + border) * scale
                luma[start : start + scale] = bytes([16]) * scale
    chroma = bytes([128]) * (width * height // 4)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _i in range(5):
            out.write(frame)


def test_door_check_in_by_qr_code(fresh_demo_server, _playwright, tmp_path):
    registration = _first_registered()
    video = tmp_path / "qr.y4m"
    _y4m_of_qr(door.scan_url(registration), video)
    browser = _playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = browser.new_context(base_url=fresh_demo_server.url, viewport=PHONE, locale="en-US")
        context.grant_permissions(["camera"], origin=fresh_demo_server.url)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        login_as(page, "organizer@example.org")
        page.goto(f"/seminars/{UPCOMING_SLUG}/door/")
        page.get_by_role("button", name="Scan a QR code").click()
        page.locator(f"#door-row-{registration.pk} .door-done").first.wait_for(timeout=20_000)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.ATTENDED
        assert page.locator("[data-door-status]").inner_text() == f"Checked in: {registration.person.full_name}"
        assert errors == []
    finally:
        browser.close()

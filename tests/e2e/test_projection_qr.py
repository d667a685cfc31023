"""The QR code of the exercises' projector pages, as the room sees it: Chromium shows the page
with the app's CSS at a projector's 1280 × 720, and zxing-cpp reads the screenshot (issue 15,
point 1: every QR code the app produces is decoded). Screenshots in test-artifacts/."""

import pytest
from django.urls import reverse

from tests.cooperatives.test_qr_codes import decode
from tests.e2e.test_accessibility import log_in
from tests.e2e.test_qr_print import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("projection", "phones"), [("diagram_projection", "diagram"), ("time_projection", "time")]
)
def test_the_projectors_code_scans_on_screen_and_gives_the_phones_page(
    open_context, live_server, facilitator, cooperative, artifacts, projection, phones
):
    context = open_context(viewport={"width": 1280, "height": 720})
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(reverse(f"exercises:{projection}", args=[cooperative.slug]))
    code = page.locator(".projection-qr svg")
    code.scroll_into_view_if_needed()
    box = code.bounding_box()
    assert box["width"] >= 160 and box["x"] + box["width"] <= 1280  # whole, big enough to aim at
    image = screenshot(page, artifacts / f"{projection}-qr-1280x720.png")
    expected = live_server.url + reverse(f"exercises:{phones}", args=[cooperative.slug])
    assert decode(image) == [expected]

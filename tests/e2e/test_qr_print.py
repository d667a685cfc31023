"""The QR codes as people meet them: on the meeting room's screen and on the printed sheet.

Chromium shows the pages with the app's own CSS; its screenshots and the PDF it prints
(rasterised by pdftoppm at 150 dpi) are read by zxing-cpp, and every code must give back the
exact link the server made. The screenshots stay in test-artifacts/ for a person to look at.
"""

import pytest
from django.urls import reverse

from cooperatives import invitations
from cooperatives.models import Membership
from cooperatives.qr import short_code
from tests.cooperatives.test_qr_codes import decode, needs_poppler, pdf_pages
from tests.e2e.conftest import axe_violations, format_violations
from tests.e2e.test_accessibility import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_poppler]

CM = 96 / 2.54  # CSS pixels in a centimetre


def screenshot(page, path):
    from PIL import Image

    page.screenshot(path=str(path))
    return Image.open(path).convert("RGB")


@pytest.mark.parametrize(
    ("width", "height", "share"), [(1280, 720, 0.75), (390, 844, 0.85)], ids=["screen", "phone"]
)
def test_the_meeting_code_fills_the_screen_scans_and_has_its_short_code_in_view(
    open_context, live_server, facilitator, open_session, artifacts, width, height, share
):
    context = open_context(viewport={"width": width, "height": height})
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(
        reverse("diagnostics:session_qr", args=[open_session.cooperative.slug, open_session.pk])
    )
    code = page.locator(".qr-large svg").bounding_box()
    short = page.locator(".qr-short-code")
    assert code["width"] == pytest.approx(code["height"], abs=1)
    assert code["width"] >= share * min(width, height)
    assert code["x"] >= 0 and code["x"] + code["width"] <= width  # whole, never clipped
    if width > height:  # on the room's screen everything is in view without scrolling
        assert code["y"] + code["height"] <= height
        assert short.bounding_box()["y"] + short.bounding_box()["height"] <= height
    page.locator(".qr-large").scroll_into_view_if_needed()
    image = screenshot(page, artifacts / f"session-qr-{width}x{height}.png")
    assert decode(image) == [live_server.url + open_session.get_join_url()]
    assert short.text_content().strip() == short_code(open_session.join_key)
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_the_printed_sheet_has_eight_whole_cards_a_page_and_every_code_scans(
    open_context, live_server, facilitator, cooperative, artifacts, monkeypatch
):
    for n in range(10):
        Membership.objects.create(cooperative=cooperative, email=f"papier{n}@exemple.coop")
    issued = []
    real_url = invitations.invitation_url

    def recording(request, token):
        issued.append(real_url(request, token))
        return issued[-1]

    monkeypatch.setattr(invitations, "invitation_url", recording)  # the live server's thread too
    context = open_context()
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(reverse("cooperatives:qr_sheet", args=[cooperative.slug]))
    for box in page.locator("input[name=members]").all():
        box.check()
    page.get_by_role("button", name="Préparer la feuille à imprimer").click()
    page.wait_for_selector(".qr-card")
    assert len(issued) == 11  # ten on paper and the facilitator

    # On screen, before printing: every card scans.
    page.set_viewport_size({"width": 1280, "height": 2400})
    assert sorted(decode(screenshot(page, artifacts / "qr-sheet-screen.png"))) == sorted(issued)

    # On paper: 8 cards on the first A4 page, 3 on the second, each code at least 3.5 cm.
    page.emulate_media(media="print")
    symbols = page.eval_on_selector_all(  # the symbol without its 4-module quiet zones
        ".qr-card svg",
        """codes => codes.map((c) => c.getBoundingClientRect().width
                                   * (c.viewBox.baseVal.width - 8) / c.viewBox.baseVal.width)""",
    )
    assert min(symbols) >= 3.5 * CM
    sheets = pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
    sheets[0].save(artifacts / "qr-sheet-printed-page-1.png")
    assert [sheet.size for sheet in sheets] == [(1240, 1754)] * 2  # A4 at 150 dpi
    found = [decode(sheet) for sheet in sheets]
    assert [len(codes) for codes in found] == [8, 3]
    assert sorted(found[0] + found[1]) == sorted(issued)


def test_a_phone_without_a_camera_types_the_short_code_and_lands_on_the_questionnaire(
    open_context, open_session, artifacts
):
    page = open_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(reverse("answers:by_code"))
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    page.get_by_label("Code de la session").fill(short_code(open_session.join_key).lower())
    page.get_by_role("button", name="Rejoindre").click()
    page.wait_for_url(f"**{open_session.get_join_url()}")
    assert page.locator("h1").text_content().strip() == open_session.title
    page.screenshot(path=str(artifacts / "join-by-code-390.png"))

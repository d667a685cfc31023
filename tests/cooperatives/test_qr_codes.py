"""Every QR code the app draws scans, at its printed size, and says the exact link.

The SVGs are rasterised the way paper sees them: WeasyPrint draws each one at its printed size
into a PDF, poppler's pdftoppm turns the PDF into pixels at an ordinary printer's 150 dpi, and
zxing-cpp (a maintained decoder, the engine behind many phone scanners) reads them. The browser
side (the sheet printed by Chromium, the meeting page on a 1280 × 720 screen) is in
tests/e2e/test_qr_print.py.
"""

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image
from weasyprint import HTML

from cooperatives import invitations
from cooperatives.invitations import Invitation
from cooperatives.models import Membership
from cooperatives.qr import SHORT_CODE_ALPHABET, short_code
from tests.factories import MembershipFactory, SessionFactory, UserFactory

PRINTED_CM = 4.8  # a card's code on paper, quiet zone included (static/css/app.css, print)
PRINTER_DPI = 150
SVG = re.compile(r"<svg\b.*?</svg>", re.S)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm missing (apt-get install poppler-utils)"
)


def svgs_in(html):
    return SVG.findall(html)


def pdf_pages(pdf_bytes, dpi=PRINTER_DPI):
    """The PDF's pages as images, rasterised by poppler as a printer would at `dpi`."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "printed.pdf"
        source.write_bytes(pdf_bytes)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(folder) / "page")],
            check=True,
            timeout=60,
        )
        pages = sorted(Path(folder).glob("page-*.png"))
        return [Image.open(path).convert("RGB") for path in pages]


def decode(image):
    return [found.text for found in zxingcpp.read_barcodes(image, formats=zxingcpp.QRCode)]


def decode_svg(svg, size_cm=PRINTED_CM):
    """Print one SVG at `size_cm` wide and read it back."""
    page = (
        f"<style>@page {{ size: {size_cm + 2}cm; margin: 1cm }}"
        f" svg {{ display: block; width: {size_cm}cm }}</style>{svg}"
    )
    (image,) = pdf_pages(HTML(string=page).write_pdf())
    return decode(image)


def print_sheet(client, cooperative, memberships, **extra):
    """Post the QR sheet form; return the HTML and the links the view put in each card."""
    issued = []
    real_url = invitations.invitation_url

    def recording(request, token):
        issued.append(real_url(request, token))
        return issued[-1]

    invitations.invitation_url = recording
    try:
        response = client.post(
            reverse("cooperatives:qr_sheet", args=[cooperative.slug]),
            {"members": [m.pk for m in memberships], **extra},
        )
    finally:
        invitations.invitation_url = real_url
    assert response.status_code == 200
    return response.content.decode(), issued


@pytest.fixture
def eight_on_paper(cooperative):
    return [
        Membership.objects.create(cooperative=cooperative, email=f"papier{n}@exemple.coop")
        for n in range(8)
    ]


@needs_poppler
def test_every_personal_code_of_the_sheet_scans_at_its_printed_size_and_gives_its_own_invitation(
    client_as, facilitator, cooperative, eight_on_paper
):
    html, issued = print_sheet(client_as(facilitator), cooperative, eight_on_paper)
    svgs = svgs_in(html)
    assert len(svgs) == len(issued) == 8
    assert [decode_svg(svg) for svg in svgs] == [[url] for url in issued]
    assert len(set(issued)) == 8
    # Each decoded link is a live invitation: the member who scans it gets the welcome page.
    assert all(url.startswith("http://testserver/") for url in issued)
    assert client_as(None).get(issued[0].removeprefix("http://testserver")).status_code == 200


@needs_poppler
def test_a_personal_code_still_scans_at_the_smallest_size_allowed_on_paper(
    client_as, facilitator, cooperative, eight_on_paper
):
    html, issued = print_sheet(client_as(facilitator), cooperative, eight_on_paper[:1])
    assert decode_svg(svgs_in(html)[0], size_cm=3.5) == issued


@needs_poppler
def test_the_session_code_scans_and_gives_the_join_link(client_as, facilitator, open_session):
    response = client_as(facilitator).get(
        reverse("diagnostics:session_qr", args=[open_session.cooperative.slug, open_session.pk])
    )
    (svg,) = svgs_in(response.content.decode())
    join_url = "http://testserver" + open_session.get_join_url()
    assert decode_svg(svg, size_cm=10) == [join_url]
    assert decode_svg(svg, size_cm=PRINTED_CM) == [join_url]


def test_every_qr_svg_has_a_viewbox_a_quiet_zone_and_no_size_that_could_clip_it(
    client_as, facilitator, cooperative, open_session, eight_on_paper
):
    client = client_as(facilitator)
    sheet, _issued = print_sheet(client, cooperative, eight_on_paper[:2], show_names="on")
    meeting = client.get(
        reverse("diagnostics:session_qr", args=[cooperative.slug, open_session.pk])
    ).content.decode()
    svgs = svgs_in(sheet) + svgs_in(meeting)
    assert len(svgs) == 3
    for svg in svgs:
        root = ET.fromstring(svg)  # noqa: S314 - markup the app itself just drew
        assert "width" not in root.attrib and "height" not in root.attrib, svg[:120]
        assert "style" not in root.attrib  # the CSP forbids inline styles anyway
        x, y, width, height = (int(n) for n in root.attrib["viewBox"].split())
        assert (x, y) == (0, 0) and width == height
        modules = width - 2 * 4  # a 4-module quiet zone on each side …
        assert modules >= 21 and (modules - 21) % 4 == 0  # … around a real QR symbol size
        dark = [p for p in root.iter() if p.tag.endswith("path") and p.get("stroke")]
        assert dark[0].get("d").startswith("M4 4.5")  # first dark module after 4 light ones


def test_the_meeting_page_shows_a_short_code_to_read_aloud(
    client_as, facilitator, cooperative, open_session
):
    other = SessionFactory(cooperative=cooperative, status=open_session.status)
    client = client_as(facilitator)
    codes = []
    for session in (open_session, other, open_session):
        response = client.get(
            reverse("diagnostics:session_qr", args=[cooperative.slug, session.pk])
        )
        codes.append(response.context["short_code"])
        assert f'<p class="qr-short-code">{codes[-1]}</p>' in response.content.decode()
    assert re.fullmatch(f"[{SHORT_CODE_ALPHABET}]{{3}}-[{SHORT_CODE_ALPHABET}]{{3}}", codes[0])
    assert not set(codes[0]) & set("ILOU")
    assert codes[0] == codes[2] != codes[1]  # stable for a session, different between two


def test_the_card_prints_the_members_name_when_ticked_and_nothing_personal_otherwise(
    client_as, facilitator, cooperative
):
    awa = MembershipFactory(
        cooperative=cooperative, user=UserFactory(first_name="Awa", last_name="Diallo")
    )
    client = client_as(facilitator)
    named, _issued = print_sheet(client, cooperative, [awa], show_names="on")
    assert '<p class="fw-bold mb-1 text-break">Awa Diallo</p>' in named
    assert awa.email not in named
    anonymous, _issued = print_sheet(client, cooperative, [awa])
    assert "Awa" not in anonymous and "Diallo" not in anonymous and awa.email not in anonymous
    assert "<title>Code personnel</title>" in anonymous


def test_the_sheet_groups_the_cards_eight_to_a_page(client_as, facilitator, cooperative):
    people = [
        Membership.objects.create(cooperative=cooperative, email=f"p{n}@exemple.coop")
        for n in range(10)
    ]
    html, _issued = print_sheet(client_as(facilitator), cooperative, people)
    sheets = html.split('<div class="qr-sheet">')[1:]
    assert [sheet.count('<div class="qr-card">') for sheet in sheets] == [8, 2]


def test_a_sheet_with_no_member_chosen_says_so_and_prints_nothing(
    client_as, facilitator, cooperative
):
    response = client_as(facilitator).post(
        reverse("cooperatives:qr_sheet", args=[cooperative.slug]), {"show_names": "on"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["members"]
    assert "<svg" not in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_meeting_code_of_a_session_not_open_is_not_found(
    client_as, facilitator, cooperative, draft_session, closed_session
):
    client = client_as(facilitator)
    for session in (draft_session, closed_session):
        url = reverse("diagnostics:session_qr", args=[cooperative.slug, session.pk])
        assert client.get(url).status_code == 404


# -- The short code typed instead of scanning (/repondre/code/) ---------------------------------


def type_code(client, code, **extra):
    return client.post(reverse("answers:by_code"), {"code": code}, **extra)


def test_typing_the_short_code_as_heard_leads_to_the_sessions_join_link(client, open_session):
    code = short_code(open_session.join_key)
    # Lower case, a space for the dash, O for 0 and I for 1: what people type from hearing it.
    heard = code.replace("-", " ").replace("0", "O").replace("1", "I").lower()
    for typed in (code, heard):
        response = type_code(client, typed)
        assert response.status_code == 302
        assert response["Location"] == open_session.get_join_url()


def test_a_code_that_cannot_be_one_says_what_a_code_looks_like(client, open_session):
    for typed in ("", "AB-12", "ABCD-12345", "ÀBC-DÉF"):
        response = type_code(client, typed)
        assert response.status_code == 400
        assert response.context["form"].errors["code"]


def test_the_code_of_a_session_not_open_leads_nowhere(client, draft_session, closed_session):
    for session in (draft_session, closed_session):
        response = type_code(client, short_code(session.join_key))
        assert response.status_code == 400
        assert "Aucune session ouverte n’a ce code" in response.content.decode()


def test_the_meeting_page_tells_where_to_type_the_code(client_as, facilitator, open_session):
    response = client_as(facilitator).get(
        reverse("diagnostics:session_qr", args=[open_session.cooperative.slug, open_session.pk])
    )
    assert "http://testserver/repondre/code/" in response.content.decode()

"""The exercises' projector pages (issue 17) draw a QR code too: like every code the app makes
(issue 15, point 1), it is printed at its size, read back by zxing-cpp and must give the exact
page where the phones add their notes or cards. On screen: tests/e2e/test_projection_qr.py."""

import pytest
from django.urls import reverse

from tests.cooperatives.test_qr_codes import decode_svg, needs_poppler, svgs_in

pytestmark = [pytest.mark.django_db, needs_poppler]

SHOWN_CM = 14 * 16 / 96 * 2.54  # .projection-qr svg { max-width: 14rem } (static/css/exercises.css)


@pytest.mark.parametrize(
    ("projection", "phones"), [("diagram_projection", "diagram"), ("time_projection", "time")]
)
def test_the_projectors_code_scans_and_gives_the_phones_page(
    client_as, facilitator, cooperative, projection, phones
):
    html = (
        client_as(facilitator)
        .get(reverse(f"exercises:{projection}", args=[cooperative.slug]))
        .content.decode()
    )
    (code,) = [svg for svg in svgs_in(html) if "<title>" in svg and 'class="segno"' in svg]
    expected = "http://testserver" + reverse(f"exercises:{phones}", args=[cooperative.slug])
    assert decode_svg(code, size_cm=SHOWN_CM) == [expected]
    assert decode_svg(code, size_cm=3.5) == [expected]  # the smallest size allowed on paper

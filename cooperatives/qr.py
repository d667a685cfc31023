import hashlib

import segno
from django.utils.safestring import mark_safe

# Crockford's base 32 without the letters people misread or mishear (I, L, O, U).
SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def qr_svg(data, title):
    """Inline SVG QR code, drawn on the server: no external service ever sees the link.

    The SVG has a viewBox and no width or height, so CSS sizes it to its box without
    clipping (a fixed 180 px code in a 160 px box lost its corners and never scanned).
    The 4-module quiet zone is inside the viewBox and drawn white (`light`), so it survives
    a tinted background or a tight box; error level M tolerates a crease or a smudge.
    """
    svg = segno.make(data, error="m").svg_inline(
        scale=1, border=4, omitsize=True, light="#fff", title=title
    )
    return mark_safe(svg)  # noqa: S308 - segno escapes the title and writes only its own markup


def short_code(key):
    """« K7M-2QX »: six characters drawn from a session's join key, to read out in a meeting
    so people check they scanned the right session. Derived (no stored field), unambiguous
    letters only; it identifies the session aloud but is not a way in (the QR link is)."""
    digest = hashlib.sha256(f"qvt.short.{key}".encode()).digest()
    letters = "".join(SHORT_CODE_ALPHABET[b % 32] for b in digest[:6])
    return f"{letters[:3]}-{letters[3:]}"

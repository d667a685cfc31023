"""The exercises on the meeting's projector (issue 17: « projector + phones, like the meeting
mode »): the board in large type, no form, a QR code of the page where members add their notes
or cards from their phones, and a refresh every 20 seconds (static/js/projection.js, with a
pause button: WCAG 2.2.1; axe refuses a meta refresh) so what the phones add appears on the
wall."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cooperatives.access import get_cooperative_for
from cooperatives.qr import qr_svg
from exercises import diagram, services
from exercises.report import diagram_rows
from fiches.content_loader import load_exercises

REFRESH_SECONDS = 20


def _context(request, cooperative, membership, page_name, title, **extra):
    phone_url = request.build_absolute_uri(
        reverse(f"exercises:{page_name}", args=[cooperative.slug])
    )
    return {
        "cooperative": cooperative,
        "membership": membership,
        "title": title,
        "phone_url": phone_url,
        "qr": qr_svg(phone_url, title),
        "refresh": REFRESH_SECONDS,
        **extra,
    }


@login_required
def diagram_projection(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    cards = list(cooperative.info_cards.all())
    return render(
        request,
        "exercises/projection.html",
        _context(
            request,
            cooperative,
            membership,
            "diagram",
            _("Diagramme de l’information"),
            content=load_exercises().diagram,
            svg=mark_safe(diagram.svg(cards)),  # noqa: S308 - every text in it is escaped
            cards=diagram_rows(cards),
        ),
    )


@login_required
def time_projection(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    return render(
        request,
        "exercises/projection.html",
        _context(
            request,
            cooperative,
            membership,
            "time",
            _("Compromis temporel"),
            time=services.time_board(cooperative),
        ),
    )

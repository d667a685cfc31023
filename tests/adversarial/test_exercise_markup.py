"""A member with two phones types markup into what every member may add in the meeting (a card
of the information diagram, a note of the time board), hoping it runs in the facilitator's
browser on the board, on the projector, in the compte rendu, in the plan it is sent to, or in
the network's list of planned actions. Every place prints it as text: Django's autoescape in
the templates, django.utils.html.escape in the server's SVG, textContent-free scripts (the
diagram's drag and drop reads only a card's number)."""

import pytest
from django.urls import reverse

from exercises.models import InfoCard, TimeNote
from plans.models import Action
from tests.exercises.test_report import report_html
from tests.exercises.test_time import visible_session
from tests.networks.builders import share_plan, shared_cooperative

pytestmark = pytest.mark.django_db

PAYLOAD = '<img src=x onerror=alert(1)><script>alert(2)</script>"><svg onload=alert(3)>'
RAW = ("<img src=x", "<script>alert", "<svg onload")


def assert_inert(html, where):
    for fragment in RAW:
        assert fragment not in html, where


def test_markup_in_a_card_or_a_note_never_runs_on_any_page_or_file(
    client_as, member, facilitator, cooperative
):
    session = visible_session(cooperative)
    phone = client_as(member)
    slug = cooperative.slug
    # Short enough for the card's label: the parts that would run, each on its own card.
    for piece in ("<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "<svg onload=a>"):
        response = phone.post(
            reverse("exercises:card_add", args=[slug]),
            {"label": piece, "channel": piece, "place": "op-impose"},
        )
        assert response.status_code == 302
    phone.post(
        reverse("exercises:time_note_add", args=[slug]),
        {"dimension": "marche", "kind": "constraint", "text": PAYLOAD},
    )
    assert InfoCard.objects.filter(cooperative=cooperative).count() == 3
    assert TimeNote.objects.filter(cooperative=cooperative, text=PAYLOAD).exists()

    desk = client_as(facilitator)
    for card in InfoCard.objects.filter(cooperative=cooperative):
        desk.post(
            reverse("exercises:card_place", args=[slug, card.pk]),
            {"layer": "target", "quadrant": "vie-libre"},
        )
        desk.post(reverse("exercises:card_send", args=[slug, card.pk]), {"step": "realisation"})
    assert Action.objects.filter(session=session).count() == 3  # the labels went to the plan

    for name in ("diagram", "diagram_projection", "time", "time_projection"):
        page = desk.get(reverse(f"exercises:{name}", args=[slug]))
        assert page.status_code == 200, name
        assert_inert(page.content.decode(), name)
    plan = desk.get(reverse("plans:plan", args=[slug, session.pk]))
    assert plan.status_code == 200
    assert_inert(plan.content.decode(), "plan")
    assert_inert(report_html(session), "compte rendu")


def test_markup_in_a_planned_action_never_runs_on_the_networks_dashboard(
    client_as, adviser, network
):
    # Two cooperatives plan the same title, so the dashboard lists it (top actions).
    shares = [shared_cooperative(network, 3.0) for _ in range(5)]
    shared = [s.shared_sessions.get() for s in shares]
    for one in shared:
        share_plan(one, ["temps"], [PAYLOAD])
    page = client_as(adviser).get(reverse("networks:dashboard", args=[network.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "alert(2)" in text  # the title is listed, as text
    assert_inert(text, "dashboard")

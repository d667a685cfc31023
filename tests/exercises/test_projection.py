"""The exercises on the projector: the board without forms, a QR code of the phones' page, a
refresh without script; what a phone adds appears there."""

import pytest
from django.urls import reverse

from exercises.models import InfoCard, TimeNote

pytestmark = pytest.mark.django_db


def test_the_diagram_projection_shows_the_cards_a_phone_added_and_its_qr_code(
    client_as, facilitator, member, cooperative
):
    client_as(member).post(
        reverse("exercises:card_add", args=[cooperative.slug]),
        {"label": "Agenda partagé", "channel": "mail", "place": "op-impose"},
    )
    page = client_as(facilitator).get(
        reverse("exercises:diagram_projection", args=[cooperative.slug])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "js/projection.js" in text and 'data-seconds="20"' in text  # a pausable refresh
    assert "Agenda partagé" in text and 'class="card"' in text
    assert "<form" not in text.split('id="contenu"')[1].split("</main>")[0]  # no form on the wall
    assert text.count("<svg") >= 2  # the diagram and the QR code
    assert reverse("exercises:diagram", args=[cooperative.slug]) in text


def test_the_time_projection_shows_the_four_times_and_their_notes(client_as, member, cooperative):
    TimeNote.objects.create(
        cooperative=cooperative, dimension="territoire", kind="constraint", text="Pas de bus"
    )
    text = (
        client_as(member)
        .get(reverse("exercises:time_projection", args=[cooperative.slug]))
        .content.decode()
    )
    assert "Les réalités du territoire" in text and "Pas de bus" in text
    assert "Retirer" not in text


def test_the_projections_take_a_constant_number_of_queries(
    client_as, member, cooperative, django_assert_max_num_queries
):
    for i in range(25):
        InfoCard.objects.create(
            cooperative=cooperative, label=f"c{i}", channel="x", place="op-libre"
        )
        TimeNote.objects.create(
            cooperative=cooperative, dimension="marche", kind="leeway", text=f"n{i}"
        )
    client = client_as(member)
    for name in ("diagram_projection", "time_projection"):
        with django_assert_max_num_queries(5):
            assert (
                client.get(reverse(f"exercises:{name}", args=[cooperative.slug])).status_code == 200
            )

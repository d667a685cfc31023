"""A member with two phones, in the meeting, floods the team's boards: every member may add a
card to the information diagram and a note to the time board (issue 17), so without a cap
one person posting in a loop buries what the others wrote, stretches the projector's diagram
and the compte rendu's pages without end. The boards hold a fixed number of items: past it
the page says so (409), and nothing is written."""

import pytest
from django.urls import reverse

from exercises import services
from exercises.models import InfoCard, TimeNote

pytestmark = pytest.mark.django_db


def fill(model, cooperative, count, **fields):
    model.objects.bulk_create(model(cooperative=cooperative, **fields) for _ in range(count))


def test_a_member_posting_cards_in_a_loop_stops_at_the_diagrams_cap(
    client_as, member, cooperative, other_cooperative
):
    fill(
        InfoCard,
        cooperative,
        services.MAX_INFO_CARDS - 1,
        label="x",
        channel="y",
        place="op-impose",
    )
    fill(InfoCard, other_cooperative, 5, label="x", channel="y", place="op-impose")
    client = client_as(member)
    url = reverse("exercises:card_add", args=[cooperative.slug])
    data = {"label": "Encore une", "channel": "mail", "place": "op-libre"}
    assert client.post(url, data).status_code == 302  # the last place on the board
    refused = client.post(url, data)
    assert refused.status_code == 409
    assert "Le diagramme compte déjà" in refused.content.decode()
    assert InfoCard.objects.filter(cooperative=cooperative).count() == services.MAX_INFO_CARDS


def test_a_member_posting_notes_in_a_loop_stops_at_the_time_boards_cap(
    client_as, member, cooperative
):
    fill(
        TimeNote,
        cooperative,
        services.MAX_TIME_NOTES - 1,
        dimension="salaries",
        kind="constraint",
        text="x",
    )
    client = client_as(member)
    url = reverse("exercises:time_note_add", args=[cooperative.slug])
    data = {"dimension": "marche", "kind": "leeway", "text": "Encore une"}
    assert client.post(url, data).status_code == 302
    refused = client.post(url, data)
    assert refused.status_code == 409
    assert "Le tableau compte déjà" in refused.content.decode()
    assert TimeNote.objects.filter(cooperative=cooperative).count() == services.MAX_TIME_NOTES


def test_removing_an_item_makes_room_again(client_as, member, facilitator, cooperative):
    fill(InfoCard, cooperative, services.MAX_INFO_CARDS, label="x", channel="y", place="op-impose")
    url = reverse("exercises:card_add", args=[cooperative.slug])
    data = {"label": "Après le ménage", "channel": "mail", "place": "op-libre"}
    assert client_as(member).post(url, data).status_code == 409
    junk = InfoCard.objects.filter(cooperative=cooperative).first()
    client = client_as(facilitator)
    client.post(reverse("exercises:card_delete", args=[cooperative.slug, junk.pk]))
    assert client.post(url, data).status_code == 302
    assert InfoCard.objects.filter(cooperative=cooperative, label="Après le ménage").exists()

"""The information diagram and the time board compared over time (issue 17): the facilitator
records « l'état du tableau », the team puts two states side by side with what moved."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exercises.models import Arrangement, BoardSnapshot, InfoCard, TimeNote

pytestmark = pytest.mark.django_db


def url(name, cooperative):
    return reverse(f"exercises:{name}", args=[cooperative.slug])


def card(cooperative, label, place="op-impose", target=""):
    return InfoCard.objects.create(
        cooperative=cooperative, label=label, channel="mail", place=place, target=target
    )


def test_a_recorded_diagram_keeps_its_state_and_the_comparison_shows_what_moved(
    client_as, facilitator, member, cooperative
):
    planning = card(cooperative, "Planning des interventions")
    stock = card(cooperative, "État du stock", place="op-libre")
    client = client_as(facilitator)
    response = client.post(url("diagram_snapshot", cooperative))
    assert response.status_code == 302 and response.url == url("diagram_history", cooperative)
    snapshot = BoardSnapshot.objects.get(cooperative=cooperative, board="diagram")
    assert snapshot.created_by == facilitator
    # The team refaites l'exercice: the planning moves, gets a target, the stock goes, news come.
    planning.place, planning.target = "vie-impose", "vie-libre"
    planning.save()
    stock.delete()
    card(cooperative, "Comptes rendus de réunion", place="vie-libre")
    assert snapshot.data["cards"][0]["place"] == "op-impose"  # a copy: it did not move
    page = client_as(member).get(url("diagram_history", cooperative))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="info-diagram"') == 2  # side by side
    assert 'data-change="moved"' in html and 'data-change="target"' in html
    assert "Ajouté : <strong>Comptes rendus de réunion</strong>" in html
    assert "Retiré : <strong>État du stock</strong>" in html
    assert "Enregistrer l’état du tableau" not in html  # members compare, the facilitator records


def test_two_recorded_time_boards_are_compared_and_the_state_is_dated_in_words(
    client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    TimeNote.objects.create(
        cooperative=cooperative, dimension="marche", kind="constraint", text="Délais des clients"
    )
    client.post(url("time_snapshot", cooperative))
    TimeNote.objects.create(
        cooperative=cooperative, dimension="salaries", kind="leeway", text="Horaires choisis"
    )
    Arrangement.objects.create(cooperative=cooperative, text="Une journée sans téléphone")
    client.post(url("time_snapshot", cooperative))
    first, second = BoardSnapshot.objects.filter(board="time").order_by("pk")
    page = client.get(url("time_history", cooperative), {"avant": first.pk, "apres": second.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ajouté : <strong>Horaires choisis</strong>" in html
    assert "Ajouté : <strong>Une journée sans téléphone</strong>" in html
    assert "Délais des clients" in html and 'data-change="removed"' not in html
    today = timezone.localdate()
    assert f"État du {today.day} " in html  # « État du 1 décembre 2026 à 23:20 »


def test_an_empty_board_is_not_recorded(client_as, facilitator, cooperative):
    response = client_as(facilitator).post(url("diagram_snapshot", cooperative), follow=True)
    assert "rien à enregistrer" in response.content.decode()
    assert not BoardSnapshot.objects.exists()


def test_a_member_cannot_record_the_board(client_as, member, cooperative):
    card(cooperative, "Planning")
    assert client_as(member).post(url("diagram_snapshot", cooperative)).status_code == 403
    assert not BoardSnapshot.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"avant": "999999", "apres": "maintenant"},
        {"avant": "x", "apres": "y"},
        {"avant": "maintenant", "apres": "maintenant"},
    ],
)
def test_a_bad_comparison_is_a_400_with_a_message_and_nothing_changed(
    client_as, facilitator, cooperative, other_cooperative, query
):
    card(cooperative, "Planning")
    client = client_as(facilitator)
    client.post(url("diagram_snapshot", cooperative))
    # Another cooperative's state cannot be named either.
    card(other_cooperative, "Voisine")
    theirs = BoardSnapshot.objects.create(
        cooperative=other_cooperative, board="diagram", data={"cards": []}
    )
    for q in (query, {"avant": theirs.pk, "apres": "maintenant"}):
        response = client.get(url("diagram_history", cooperative), q)
        assert response.status_code == 400
        html = response.content.decode()
        assert "choisissez-en un de la liste" in html or "deux états différents" in html
    assert BoardSnapshot.objects.count() == 2


def test_the_history_takes_a_constant_number_of_queries(client_as, member, cooperative):
    client = client_as(member)

    def queries_with(n):
        for i in range(n):
            card(cooperative, f"Info {i}")
            BoardSnapshot.objects.create(
                cooperative=cooperative,
                board="diagram",
                data={
                    "cards": [
                        {"label": f"Info {i}", "channel": "mail", "place": "op-libre", "target": ""}
                    ]
                },
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("diagram_history", cooperative)).status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(15)


def test_a_recorded_state_with_forged_places_is_drawn_without_them(client_as, member, cooperative):
    """A state is the copy the app wrote; if a row was tampered with, the page still shows."""
    BoardSnapshot.objects.create(
        cooperative=cooperative,
        board="diagram",
        data={"cards": [{"label": "<script>", "channel": "", "place": "ailleurs", "target": "x"}]},
    )
    response = client_as(member).get(url("diagram_history", cooperative))
    assert response.status_code == 200 and "<script>" not in response.content.decode()

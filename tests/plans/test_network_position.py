"""A cooperative sees where it stands in its network on its results page (issue 16): its score
per theme beside the network's quartiles and in words, only when enough cooperatives shared."""

import pytest
from django.urls import reverse

from networks.models import Network, NetworkMembership
from tests.factories import make_respondent
from tests.networks.builders import share, shared_cooperative

# Per theme: 5, 0 and 2 « Oui »: the team's score is 7/3 = 2.3.
SHEETS = ("Y" * 30, "N" * 30, "YYNNU" * 6)


def page_text(response):
    # The results page puts no-break spaces inside « » and before « ? : ; » (french_spaces).
    return response.content.decode().replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def results_url(closed_session):
    for letters in SHEETS:
        make_respondent(closed_session, letters)
    return reverse("plans:results", args=[closed_session.cooperative.slug, closed_session.pk])


def test_the_results_page_places_each_theme_against_the_networks_quartiles(
    client_as, member, network, results_url
):
    for score in (1, 2, 3, 4, 5):  # Q1 2, median 3, Q3 4 (inclusive method, n = 5)
        shared_cooperative(network, score)
    response = client_as(member).get(results_url)
    html = page_text(response)
    [position] = response.context["network_positions"]
    assert position.network == network and position.cooperatives == 5
    assert len(position.themes) == 6
    for t in position.themes:
        assert float(t.score) == 2.3
        assert (t.distribution.q1, t.distribution.median, t.distribution.q3) == (2, 3, 4)
        assert t.standing == "below_half"
    assert "Par rapport au réseau « Union régionale des Scop d’Occitanie »" in html
    assert "En dessous de la moitié des coopératives du réseau" in html


def test_above_the_median_reads_au_dessus_de_la_moitie(client_as, member, network, results_url):
    for score in (0, 0.5, 1, 2, 4):  # Q1 0.5, median 1, Q3 2: 2.3 is above Q3
        shared_cooperative(network, score)
    html = page_text(client_as(member).get(results_url))
    assert "Dans le quart des coopératives du réseau au score le plus haut" in html
    # Five more (fewer would let the new quartiles be subtracted from the old ones):
    # 0 0.5 1 2 2 2 2.5 3 3 4, median 2, Q3 2.875.
    for score in (2, 2, 2.5, 3, 3):
        shared_cooperative(network, score)
    html = page_text(client_as(member).get(results_url))
    assert "Au-dessus de la moitié des coopératives du réseau" in html


def test_no_position_from_fewer_than_five_cooperatives(client_as, member, network, results_url):
    for score in (1, 2, 3, 4):
        shared_cooperative(network, score)
    response = client_as(member).get(results_url)
    assert response.context["network_positions"] == []
    assert "Par rapport au réseau" not in page_text(response)


def test_a_network_the_cooperative_is_not_in_shows_nothing(client_as, member, results_url):
    other = Network.objects.create(name="Fédération voisine", slug="federation-voisine")
    for score in (1, 2, 3, 4, 5):
        shared_cooperative(other, score)
    assert client_as(member).get(results_url).context["network_positions"] == []


def test_a_cooperative_that_left_its_network_sees_no_position(
    client_as, member, network, cooperative, results_url
):
    for score in (1, 2, 3, 4, 5):
        shared_cooperative(network, score)
    NetworkMembership.objects.filter(network=network, cooperative=cooperative).update(status="left")
    assert client_as(member).get(results_url).context["network_positions"] == []


@pytest.mark.parametrize("count", [5, 40])
def test_the_position_costs_the_same_queries_for_5_or_40_cooperatives(
    client_as, member, network, results_url, count, django_assert_max_num_queries
):
    for n in range(count):
        shared_cooperative(network, n % 6)
    client = client_as(member)
    client.get(results_url)  # warm the per-process questionnaire cache
    # The results page's budget (tests/test_query_counts.py) and, for the network's figures,
    # its memberships then its stored board (figures.dashboard: SQLite 4, PostgreSQL 2).
    with django_assert_max_num_queries(14):
        response = client.get(results_url)
    assert response.context["network_positions"][0].cooperatives == count


def test_another_cooperative_leaving_takes_it_out_of_the_position_at_once(
    client_as, member, network, results_url
):
    others = [shared_cooperative(network, score) for score in (1, 2, 3, 4, 5)]
    client = client_as(member)
    assert client.get(results_url).context["network_positions"][0].cooperatives == 5
    NetworkMembership.objects.filter(network=network, cooperative=others[0]).update(status="left")
    assert client.get(results_url).context["network_positions"] == []  # 4 left: nothing
    shared_cooperative(network, 0)  # a new one shares: 0 2 3 4 5
    # Still nothing: these quartiles against the first ones would tell the leaver's score
    # apart from the newcomer's (the same rule as the adviser's board, st.release).
    assert client.get(results_url).context["network_positions"] == []
    for coop in others[1:]:  # the four others share a later session: five points changed
        share(coop, 5)
    [position] = client.get(results_url).context["network_positions"]
    assert position.cooperatives == 5 and position.themes[0].distribution.minimum == 0

"""A cooperative's facilitator in a network of exactly five sharing cooperatives wants the
others' figures from its own results page (issue 16). With five values the inclusive quartiles
are order statistics: Q1, the median and Q3 are three of the five scores (a stated limit,
docs/threat-model.md). What holds: the position names no cooperative, gives no minimum, no
maximum and no per-statement figure of the network, and counts the cooperatives only."""

import pytest
from django.urls import reverse

from tests.factories import make_respondent
from tests.networks.builders import shared_cooperative

pytestmark = pytest.mark.django_db

SHEETS = ("Y" * 30, "N" * 30, "YYNNU" * 6)


def test_a_network_of_five_shows_no_name_no_extreme_and_no_statement(
    client_as, facilitator, network, closed_session
):
    for letters in SHEETS:
        make_respondent(closed_session, letters)
    others = [
        shared_cooperative(network, score, name=f"Coopérative témoin {i}", counts=(i, 1, 1))
        for i, score in enumerate((0.6, 1.7, 2.9, 3.8, 4.9))
    ]
    url = reverse("plans:results", args=[closed_session.cooperative.slug, closed_session.pk])
    response = client_as(facilitator).get(url)
    [position] = response.context["network_positions"]
    assert position.cooperatives == 5
    html = response.content.decode()
    start = html.index("Par rapport au réseau")
    block = html[start : html.index("</table>", start)]
    for other in others:
        assert other.name not in html and other.slug not in html
    assert "1,7" in block and "2,9" in block and "3,8" in block  # Q1, median, Q3
    for extreme in ("0,6", "4,9"):  # the minimum and the maximum of every theme
        assert extreme not in block, extreme
    assert "data-statement" not in block

"""An adviser who wants one cooperative's figures does not need two cells of the dashboard: the
same cell read twice, before and after one cooperative leaves (its status « A quitté le réseau »
is on the network's list) or shares, differs by exactly that cooperative. The network's share
of « Oui » per statement is a mean across cooperatives, and the CSV gives it to one decimal, so
n × before − (n − 1) × after is the leaver's own share of « Oui », statement by statement: for a
team of five, its exact counts.

These tests are that attack. They fail today (the figures follow every share at once, see
docs/threat-model.md § Known limits and /work/issues/16-plan.md « Findings by i »): they are
marked xfail(strict) so that the fix, when it lands in networks.figures, has to remove the mark."""

import pytest
from django.urls import reverse

from networks import services
from networks.models import NetworkMembership
from tests.networks.builders import shared_cooperative

pytestmark = pytest.mark.django_db

# The others' (yes, unsure, no) on every statement: shares of « Oui » 33.3, 40, 60, 20, 0 %.
OTHERS = [(1, 1, 1), (2, 1, 2), (3, 1, 1), (1, 3, 1), (0, 2, 3)]
TARGET = (4, 1, 0)  # the cooperative the adviser wants: 80 % « Oui » everywhere


def yes_shares(client, network):
    """{statement code: share of « Oui »} as the adviser reads them in the network's CSV."""
    response = client.get(reverse("reports:network_csv", args=[network.slug]))
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    cooperatives = next(
        int(line.split(";")[1]) for line in lines if line.startswith("Coopératives dans")
    )
    rows = [line.split(";") for line in lines if line.startswith("Affirmation;")]
    return cooperatives, {row[1]: float(row[-1].replace(",", ".")) for row in rows}


def recovered(before, after):
    (n, shares_before), (m, shares_after) = before, after
    assert n - m == 1
    return {code: n * shares_before[code] - m * shares_after[code] for code in shares_before}


def rebuilds_the_target(estimate):
    true = 100 * TARGET[0] / sum(TARGET)
    return all(abs(value - true) < 2 for value in estimate.values())


@pytest.fixture
def others(network):
    return [shared_cooperative(network, 3.0, counts=counts) for counts in OTHERS]


@pytest.mark.xfail(strict=True, reason="finding i-1: the figures follow one cooperative's exit")
def test_reading_the_csv_before_and_after_one_cooperative_leaves_gives_none_of_its_figures(
    client_as, adviser, network, others
):
    target = shared_cooperative(network, 4.0, counts=TARGET)
    client = client_as(adviser)
    before = yes_shares(client, network)
    services.leave(NetworkMembership.objects.get(network=network, cooperative=target))
    after = yes_shares(client, network)
    assert not rebuilds_the_target(recovered(before, after))


@pytest.mark.xfail(strict=True, reason="finding i-1: the figures follow one cooperative's share")
def test_reading_the_csv_before_and_after_one_cooperative_shares_gives_none_of_its_figures(
    client_as, adviser, network, others
):
    client = client_as(adviser)
    before_share = yes_shares(client, network)
    shared_cooperative(network, 4.0, counts=TARGET)
    after_share = yes_shares(client, network)
    assert not rebuilds_the_target(recovered(after_share, before_share))

"""Adversary: a network's adviser who wants the figures of a cooperative that has just left.
Its dashboards are stored in the database (networks.NetworkBoard), for every web process; the
one computed while the cooperative still counted, for the whole network and for a filter the
adviser opened, is still a row when the next page is asked for (the leave's refresh task has not
run). The adviser reloads the page, the filter, and the same page in the other language."""

from networks import services
from networks.models import NetworkBoard, NetworkMembership
from tests.networks.builders import shared_cooperative
from tests.networks.test_dashboard import url


def test_boards_stored_while_a_cooperative_counted_are_not_shown_after_it_left(
    client_as, adviser, network
):
    coops = [shared_cooperative(network, s, legal_form="scop") for s in (1, 2, 3, 4, 5)]
    client = client_as(adviser)
    for filtre in (None, "legal_form:scop"):
        assert client.get(url(network, filtre)).context["board"].shown
    client.get(url(network), headers={"accept-language": "en"})
    before = set(NetworkBoard.objects.filter(network=network).values_list("digest", flat=True))
    stored = NetworkBoard.objects.filter(network=network)
    assert set(stored.values_list("param", "language")) == {
        ("", "fr"),
        ("legal_form:scop", "fr"),
        ("", "en"),
    }
    assert len(before) == 1

    services.leave(NetworkMembership.objects.get(network=network, cooperative=coops[4]))
    # No commit comes in this test: the refresh task never runs, the old rows stay.
    assert set(NetworkBoard.objects.values_list("digest", flat=True)) == before

    for filtre in (None, "legal_form:scop"):
        board = client.get(url(network, filtre)).context["board"]
        assert not board.shown and board.sharing == 4 and not board.themes
    board = client.get(url(network), headers={"accept-language": "en"}).context["board"]
    assert not board.shown and not board.themes
    # The boards stored now are those of the four, whose figures are masked.
    assert not set(NetworkBoard.objects.values_list("digest", flat=True)) & before

"""An adviser of a second network invites a cooperative that already shares sessions with its
first network. Whatever it shares counts in every network it is in (networks.figures), so
accepting hands the second network its shared sessions at once, without a new decision: the
members page used to say « Rien n’est partagé en rejoignant un réseau ». The facilitator must
read, by the « Accepter » button, that its shared sessions will count there."""

import pytest
from django.urls import reverse

from networks.models import Network, NetworkMembership
from tests.networks.builders import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_network(cooperative):
    union = Network.objects.create(name="Fédération des Scic", slug="federation-scic")
    NetworkMembership.objects.create(network=union, cooperative=cooperative, status="invited")
    return union


def members_page(client, cooperative):
    response = client.get(reverse("cooperatives:members", args=[cooperative.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_accepting_a_second_network_says_the_sessions_already_shared_will_count_there(
    client_as, facilitator, cooperative, network, second_network
):
    share(cooperative, 3.0)
    share(cooperative, 4.0, year=2026)
    page = members_page(client_as(facilitator), cooperative)
    assert "Rien n’est partagé en rejoignant un réseau" not in page
    assert "vos 2 sessions déjà partagées compteront aussitôt dans ses chiffres" in page


def test_without_a_shared_session_the_invitation_says_nothing_will_be_shared(
    client_as, facilitator, cooperative, second_network
):
    page = members_page(client_as(facilitator), cooperative)
    assert "déjà partagée" not in page
    assert "Accepter" in page


def test_rejoining_a_network_one_left_says_the_shares_kept_will_count_again(
    client_as, adviser, facilitator, cooperative, network
):
    """Leaving keeps the cooperative's shares (they only stop counting): an adviser who invites
    it back must not get them back unannounced."""
    share(cooperative, 3.0)
    membership = NetworkMembership.objects.get(network=network, cooperative=cooperative)
    client = client_as(facilitator)
    client.post(reverse("networks:leave", args=[cooperative.slug, membership.pk]))
    client_as(adviser).post(
        reverse("networks:invite", args=[network.slug]), {"cooperative": cooperative.slug}
    )
    membership.refresh_from_db()
    assert membership.status == "invited"
    page = members_page(client_as(facilitator), cooperative)
    assert "votre session déjà partagée comptera aussitôt dans ses chiffres" in page

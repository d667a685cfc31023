"""What the exports say of networks (issue 16): the cooperative's export lists its networks,
the summary rows and plans it shared and the advisers it granted access; an adviser's own
export lists their roles; deleting an adviser's account takes their roles and grants."""

import json

import pytest
from django.urls import reverse

from accounts.models import User
from networks import services
from networks.models import Adviser, AdviserGrant, Network, NetworkMembership
from tests.factories import CooperativeFactory
from tests.networks import test_sharing

shareable = test_sharing.shareable  # a closed session of 3 sheets: 2.3 per theme


@pytest.fixture
def shared(shareable, cooperative, network, facilitator, adviser):
    services.share_session(shareable, facilitator)
    services.share_plan(shareable, ["temps"], ["Une charte des usages"])
    services.grant(cooperative, adviser.adviser_roles.get(), facilitator)
    return shareable


def cooperative_export(client_as, facilitator, cooperative):
    response = client_as(facilitator).get(
        reverse("reports:cooperative_export", args=[cooperative.slug])
    )
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_cooperatives_export_lists_its_networks_shares_and_grants(
    client_as, facilitator, cooperative, network, adviser, shared
):
    refused = Network.objects.create(name="Fédération lointaine", slug="lointaine")
    NetworkMembership.objects.create(network=refused, cooperative=cooperative, status="refused")
    data = cooperative_export(client_as, facilitator, cooperative)
    assert [(n["network"], n["kind"], n["status"]) for n in data["networks"]] == [
        (network.name, "union_regionale", "accepted"),
        ("Fédération lointaine", "reseau", "refused"),
    ]
    assert all(n["invited_at"] for n in data["networks"])
    (row,) = data["shared_sessions"]
    assert (row["session"], row["year"], row["respondents"]) == ("Diagnostic 2024", 2024, 3)
    assert set(row["theme_scores"].values()) == {2.3}  # (5 + 0 + 2) / 3, per theme
    assert len(row["statement_counts"]) == 30
    (plan,) = data["shared_plans"]
    assert (plan["priority_themes"], plan["actions"]) == (["temps"], ["Une charte des usages"])
    (grant,) = data["adviser_grants"]
    assert (grant["adviser"], grant["network"]) == (adviser.email, network.name)


def test_the_export_holds_nothing_of_another_cooperatives_networks(
    client_as, facilitator, cooperative, network, shared
):
    other = CooperativeFactory()
    NetworkMembership.objects.create(
        network=Network.objects.create(name="Réseau d’une autre", slug="autre"),
        cooperative=other,
        status="accepted",
    )
    data = cooperative_export(client_as, facilitator, cooperative)
    assert "Réseau d’une autre" not in json.dumps(data, ensure_ascii=False)


def test_a_cooperative_in_no_network_exports_empty_lists(client_as, other_facilitator):
    coop = other_facilitator.memberships.get().cooperative
    data = cooperative_export(client_as, other_facilitator, coop)
    assert (
        data["networks"],
        data["shared_sessions"],
        data["shared_plans"],
        data["adviser_grants"],
    ) == ([], [], [], [])


def test_an_advisers_own_export_lists_their_roles(
    client_as, adviser, network, other_network, cooperative, shared
):
    Adviser.objects.create(network=other_network, user=adviser)
    response = client_as(adviser).get(reverse("reports:my_data_download"))
    roles = json.loads(response.content)["adviser_roles"]
    assert sorted((r["network"], r["granted_by_cooperatives"]) for r in roles) == sorted(
        [(network.name, [cooperative.name]), (other_network.name, [])]
    )
    assert all(r["since"] for r in roles)


def test_a_persons_export_without_a_role_has_an_empty_list(client_as, member):
    response = client_as(member).get(reverse("reports:my_data_download"))
    assert json.loads(response.content)["adviser_roles"] == []


def test_deleting_an_advisers_account_removes_their_roles_and_grants(
    client_as, adviser, network, cooperative, shared
):
    role = adviser.adviser_roles.get()
    assert AdviserGrant.objects.filter(adviser=role).exists()
    response = client_as(adviser).post(
        reverse("reports:delete_account"), {"confirmation": "Un-mot-de-passe-solide-42"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=adviser.pk).exists()
    assert not Adviser.objects.filter(pk=role.pk).exists()
    assert not AdviserGrant.objects.exists()
    # The cooperative's own decisions stay: its membership and its shared session.
    assert network.memberships.filter(cooperative=cooperative, status="accepted").exists()
    assert cooperative.shared_sessions.count() == 1

"""An adviser's invitation of a cooperative (issue 16): withdrawn while pending, told to the
cooperative's facilitators by a queued email (the adviser as sender, within the caps) and on
their home page."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cooperatives.models import Membership, OutgoingEmail
from networks.models import NetworkMembership
from tests.factories import CooperativeFactory, MembershipFactory, UserFactory


@pytest.fixture
def invited(network, other_cooperative, other_facilitator):
    return NetworkMembership.objects.create(
        network=network, cooperative=other_cooperative, status="invited"
    )


def invite(client, network, cooperative):
    return client.post(
        reverse("networks:invite", args=[network.slug]), {"cooperative": cooperative.slug}
    )


def test_an_adviser_withdraws_a_pending_invitation(client_as, adviser, network, invited):
    response = client_as(adviser).post(
        reverse("networks:withdraw", args=[network.slug, invited.pk]), follow=True
    )
    assert not NetworkMembership.objects.filter(pk=invited.pk).exists()
    assert "L’invitation de « " in response.content.decode()
    assert "est retirée" in response.content.decode()


def test_an_accepted_membership_cannot_be_withdrawn(client_as, adviser, network, cooperative):
    membership = network.memberships.get(cooperative=cooperative)
    response = client_as(adviser).post(
        reverse("networks:withdraw", args=[network.slug, membership.pk]), follow=True
    )
    membership.refresh_from_db()
    assert membership.status == "accepted"
    assert "seule une invitation en attente peut être retirée" in response.content.decode()


def test_another_networks_invitation_is_not_found(client_as, other_adviser, other_network, invited):
    # The pk of network N's invitation, through the other network's own door.
    response = client_as(other_adviser).post(
        reverse("networks:withdraw", args=[other_network.slug, invited.pk])
    )
    assert response.status_code == 404
    assert NetworkMembership.objects.filter(pk=invited.pk, status="invited").exists()


def test_withdrawing_is_a_post_with_its_csrf_token(adviser, network, invited):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(adviser)
    url = reverse("networks:withdraw", args=[network.slug, invited.pk])
    assert browser.get(url).status_code == 405
    assert browser.post(url).status_code == 403  # no CSRF token
    assert NetworkMembership.objects.filter(pk=invited.pk).exists()


def test_a_withdrawn_invitation_can_no_longer_be_accepted(
    client_as, adviser, network, invited, other_facilitator, other_cooperative
):
    client_as(adviser).post(reverse("networks:withdraw", args=[network.slug, invited.pk]))
    response = client_as(other_facilitator).post(
        reverse("networks:answer", args=[other_cooperative.slug, invited.pk]),
        {"decision": "accept"},
    )
    assert response.status_code == 404
    assert not NetworkMembership.objects.filter(network=network, cooperative=other_cooperative)


def test_answering_an_invitation_withdrawn_meanwhile_changes_nothing(network, invited):
    from networks import services

    stale = NetworkMembership.objects.get(pk=invited.pk)
    assert services.withdraw(invited)
    assert services.answer(stale, accept=True) is False
    assert not NetworkMembership.objects.filter(pk=invited.pk).exists()


def test_the_facilitators_get_an_email_from_the_adviser(
    client_as, adviser, network, other_cooperative, other_facilitator
):
    second = MembershipFactory(cooperative=other_cooperative, role="facilitator").user
    MembershipFactory(cooperative=other_cooperative)  # a member is not written to
    response = invite(client_as(adviser), network, other_cooperative)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([other_facilitator.email, second.email])
    message = mail.outbox[0]
    assert network.name in message.subject
    members_url = "http://testserver" + reverse(
        "cooperatives:members", args=[other_cooperative.slug]
    )
    assert members_url in message.body
    rows = OutgoingEmail.objects.filter(cooperative=other_cooperative)
    assert {(r.kind, r.sender_id, r.topic, r.status) for r in rows} == {
        ("network", adviser.pk, f"network:{network.pk}", "sent")
    }


def test_the_email_holds_no_link_that_does_anything(
    client_as, adviser, network, other_cooperative, other_facilitator
):
    invite(client_as(adviser), network, other_cooperative)
    body = mail.outbox[0].body
    links = [w for w in body.split() if w.startswith("http")]
    assert links == [
        "http://testserver" + reverse("cooperatives:members", args=[other_cooperative.slug])
    ]
    # Opened by someone else than its facilitator, it is the members page's usual door.
    assert Client().get(links[0]).status_code == 302


def test_inviting_again_within_a_month_sends_no_second_email(
    client_as, adviser, network, other_cooperative, other_facilitator
):
    client = client_as(adviser)
    invite(client, network, other_cooperative)
    invited = network.memberships.get(cooperative=other_cooperative)
    client.post(reverse("networks:withdraw", args=[network.slug, invited.pk]))
    response = invite(client, network, other_cooperative)
    assert len(mail.outbox) == 1
    assert network.memberships.filter(cooperative=other_cooperative, status="invited").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Aucun e-mail n’est parti" in page


def test_an_unverified_adviser_sends_no_email(client_as, network, other_cooperative):
    from networks.models import Adviser

    unverified = UserFactory(email_verified_at=None)
    Adviser.objects.create(network=network, user=unverified)
    MembershipFactory(cooperative=other_cooperative, role="facilitator")
    invite(client_as(unverified), network, other_cooperative)
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()
    assert network.memberships.filter(cooperative=other_cooperative, status="invited").exists()


def test_the_caps_hold_for_the_network_email(client_as, adviser, network, settings):
    """The adviser is the sender: their own daily cap counts every cooperative they invite."""
    settings.EMAILS_PER_COOPERATIVE_PER_DAY = 2
    client = client_as(adviser)
    cooperatives = [CooperativeFactory() for _ in range(4)]
    for coop in cooperatives:
        MembershipFactory(cooperative=coop, role="facilitator")
        invite(client, network, coop)
    assert len(mail.outbox) == 2
    assert OutgoingEmail.objects.filter(sender=adviser).count() == 2
    # Every invitation stands: the two others see it on their pages.
    assert network.memberships.filter(status="invited").count() == 4


def test_the_facilitators_home_page_shows_the_invitation(
    client_as, network, invited, other_facilitator, other_cooperative
):
    page = client_as(other_facilitator).get(reverse("home")).content.decode()
    assert 'id="network-invitations"' in page
    assert network.name in page
    assert reverse("cooperatives:members", args=[other_cooperative.slug]) + "#reseaux" in page


def test_a_member_or_an_answered_invitation_shows_no_notice(
    client_as, network, invited, other_cooperative
):
    member = MembershipFactory(cooperative=other_cooperative, role=Membership.Role.MEMBER).user
    assert 'id="network-invitations"' not in client_as(member).get(reverse("home")).content.decode()
    invited.status = "refused"
    invited.save()
    facilitator = other_cooperative.memberships.get(role="facilitator").user
    page = client_as(facilitator).get(reverse("home")).content.decode()
    assert 'id="network-invitations"' not in page


@pytest.mark.parametrize("count", [1, 12])
def test_the_home_page_needs_the_same_queries_for_1_or_12_invitations(
    client_as, facilitator, cooperative, count, django_assert_max_num_queries
):
    from networks.models import Network

    for n in range(count):
        other = Network.objects.create(name=f"Réseau {n}", slug=f"reseau-{n}")
        NetworkMembership.objects.create(network=other, cooperative=cooperative, status="invited")
    client = client_as(facilitator)
    # Session and user, the memberships, the networks advised, the invitations.
    with django_assert_max_num_queries(5):
        page = client.get(reverse("home")).content.decode()
    assert page.count("à rejoindre son réseau") == count


def test_an_invitation_withdrawn_before_the_worker_runs_is_never_sent(
    client_as, adviser, network, other_cooperative, other_facilitator
):
    from tests.cooperatives.test_email_queue import DATABASE_QUEUE, run_worker

    with DATABASE_QUEUE:
        client = client_as(adviser)
        invite(client, network, other_cooperative)
        invited = network.memberships.get(cooperative=other_cooperative)
        client.post(reverse("networks:withdraw", args=[network.slug, invited.pk]))
        run_worker()
    assert mail.outbox == []
    assert OutgoingEmail.objects.get(cooperative=other_cooperative).status == "failed"

"""Advisers add advisers to their network by email address (issue 16): a single-use personal
link, made by the worker, that adds the role to the logged-in account of the invited,
confirmed address only."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.signed import hash_token
from networks.models import Adviser, AdviserInvitation, Network
from tests.factories import UserFactory

NEW = "nouvelle@urscop.example"
LINK = re.compile(r"https?://testserver(/accompagner/([^/\s]+)/)")


def invite(client, network, text=NEW):
    return client.post(reverse("networks:invite_adviser", args=[network.slug]), {"emails": text})


def emailed_link():
    (path, token) = LINK.search(mail.outbox[-1].body).groups()
    return path, token


def test_an_adviser_invites_an_address_and_it_gets_a_personal_link(client_as, adviser, network):
    response = invite(client_as(adviser), network)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[NEW]]
    assert network.name in mail.outbox[0].subject
    _path, token = emailed_link()
    invitation = AdviserInvitation.objects.get()
    assert (invitation.email, invitation.invited_by, invitation.email_status) == (
        NEW,
        adviser,
        "sent",
    )
    assert invitation.token_hash == hash_token(token)  # only the hash is stored


def test_the_invited_person_logged_in_with_that_address_becomes_an_adviser(
    client_as, adviser, network
):
    invite(client_as(adviser), network)
    path, _token = emailed_link()
    newcomer = UserFactory(email=NEW)
    client = client_as(newcomer)
    assert client.get(path).status_code == 200  # a button: a mail scanner's GET uses nothing
    assert not Adviser.objects.filter(user=newcomer).exists()
    response = client.post(path)
    assert response["Location"] == reverse("networks:dashboard", args=[network.slug])
    assert Adviser.objects.filter(user=newcomer, network=network).exists()
    assert AdviserInvitation.objects.get().used_at is not None
    assert not network.adviser_invitations.pending().exists()  # no longer listed


def test_the_link_works_once(client_as, adviser, network):
    invite(client_as(adviser), network)
    path, _token = emailed_link()
    client = client_as(UserFactory(email=NEW))
    client.post(path)
    assert client.post(path).status_code == 410


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_and_nothing_is_used(
    client_as, adviser, network
):
    invite(client_as(adviser), network)
    path, _token = emailed_link()
    UserFactory(email=NEW)
    browser = Client()
    response = browser.post(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in browser.session
    assert AdviserInvitation.objects.get().used_at is None
    assert not Adviser.objects.filter(user__email=NEW).exists()


def test_an_unconfirmed_account_of_that_address_must_confirm_it_first(client_as, adviser, network):
    invite(client_as(adviser), network)
    path, _token = emailed_link()
    response = client_as(UserFactory(email=NEW, email_verified_at=None)).post(path)
    assert response.status_code == 403
    assert "Confirmez d’abord votre adresse" in response.content.decode()
    assert AdviserInvitation.objects.get().used_at is None


def test_an_address_already_adviser_is_told_and_gets_no_email(client_as, adviser, network):
    response = invite(client_as(adviser), network, adviser.email)
    page = client_as(adviser).get(response["Location"]).content.decode()
    assert "Déjà accompagnateur·rice du réseau" in page
    assert mail.outbox == []
    assert not AdviserInvitation.objects.exists()


def test_a_new_invitation_replaces_the_older_link(client_as, adviser, network, settings):
    client = client_as(adviser)
    invite(client, network)
    old_path, _token = emailed_link()
    AdviserInvitation.objects.update(created_at="2020-01-01T00:00:00Z")  # after the cooldown
    invite(client, network)
    new_path, _token = emailed_link()
    newcomer = client_as(UserFactory(email=NEW))
    assert newcomer.post(old_path).status_code == 410
    assert newcomer.post(new_path).status_code == 302
    assert Adviser.objects.filter(user__email=NEW).exists()


def test_a_second_invitation_within_the_cooldown_sends_nothing(client_as, adviser, network):
    client = client_as(adviser)
    invite(client, network)
    response = invite(client, network)
    assert len(mail.outbox) == 1
    assert "attendez un quart d’heure" in client.get(response["Location"]).content.decode()


def test_an_adviser_withdraws_a_pending_adviser_invitation(client_as, adviser, network):
    client = client_as(adviser)
    invite(client, network)
    path, _token = emailed_link()
    invitation = AdviserInvitation.objects.get()
    response = client.post(
        reverse("networks:withdraw_adviser_invitation", args=[network.slug, invitation.pk]),
        follow=True,
    )
    assert f"L’invitation de {NEW} est retirée." in response.content.decode()
    newcomer = Client()
    newcomer.force_login(UserFactory(email=NEW))
    assert newcomer.post(path).status_code == 410
    again = client.post(
        reverse("networks:withdraw_adviser_invitation", args=[network.slug, invitation.pk]),
        follow=True,
    )
    assert "Cette invitation n’est plus en attente." in again.content.decode()


def test_another_networks_adviser_cannot_withdraw_it(
    client_as, adviser, network, other_adviser, other_network
):
    invite(client_as(adviser), network)
    invitation = AdviserInvitation.objects.get()
    url = reverse("networks:withdraw_adviser_invitation", args=[other_network.slug, invitation.pk])
    assert client_as(other_adviser).post(url).status_code == 404
    assert AdviserInvitation.objects.get().revoked_at is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Ce champ est obligatoire."),
        (" ; , ", "Indiquez au moins une adresse."),
        ("pas-une-adresse", "Adresses non valides"),
        (" ".join(f"a{n}@urscop.example" for n in range(11)), "Au plus 10 adresses à la fois"),
        ("a@urscop.example\x1bb", "Adresses non valides"),
    ],
    ids=["empty", "separators-only", "invalid", "too-many", "control-character"],
)
def test_bad_addresses_get_a_message_and_nothing_is_sent(
    client_as, adviser, network, text, message
):
    response = invite(client_as(adviser), network, text)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AdviserInvitation.objects.exists()
    assert mail.outbox == []


def test_an_unverified_adviser_cannot_invite_advisers(client_as, network):
    unverified = UserFactory(email_verified_at=None)
    Adviser.objects.create(network=network, user=unverified)
    response = invite(client_as(unverified), network)
    assert response.status_code == 400
    assert "Confirmez d’abord votre adresse" in response.content.decode()
    assert not AdviserInvitation.objects.exists()


def test_an_unknown_link_is_a_404(db, client):
    assert client.post(reverse("networks:adviser_invitation", args=["x" * 32])).status_code == 404


def test_a_failed_send_leaves_no_working_link(client_as, adviser, network, settings):
    settings.EMAIL_BACKEND = "tests.networks.test_adviser_invitations.RefusingBackend"
    response = invite(client_as(adviser), network)
    invitation = AdviserInvitation.objects.get()
    assert (invitation.email_status, invitation.token_hash) == ("failed", None)
    page = client_as(adviser).get(response["Location"]).content.decode()
    assert "L’e-mail n’a pas pu partir" in page


class RefusingBackend:
    """A mail server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise OSError("554 refused")


def test_guessing_links_is_throttled_like_a_members_link(db, client):
    for n in range(10):
        assert (
            client.post(reverse("networks:adviser_invitation", args=[f"faux{n}"])).status_code
            == 404
        )
    assert client.post(reverse("networks:adviser_invitation", args=["faux"])).status_code == 429


def test_the_staff_make_a_network_and_its_first_adviser_in_the_admin(client_as, db):
    staff = UserFactory(email="equipe@qvt.example", is_staff=True, is_superuser=True)
    first = UserFactory(email="premiere@urscop.example")
    client = client_as(staff)
    response = client.post(
        reverse("admin:networks_network_add"),
        {
            "name": "Union régionale des Scop du Grand Est",
            "slug": "urscop-grand-est",
            "kind": "union_regionale",
            "advisers-TOTAL_FORMS": "1",
            "advisers-INITIAL_FORMS": "0",
            "advisers-0-user": str(first.pk),
            "adviser_invitations-TOTAL_FORMS": "0",
            "adviser_invitations-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    network = Network.objects.get(slug="urscop-grand-est")
    assert list(network.advisers.values_list("user__email", flat=True)) == [first.email]
    AdviserInvitation.objects.create(
        network=network, email=NEW, invited_by=first, token_hash=hash_token("secret")
    )
    page = client.get(reverse("admin:networks_network_change", args=[network.pk])).content
    assert NEW.encode() in page
    assert hash_token("secret").encode() not in page

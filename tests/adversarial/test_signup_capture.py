"""Issue 12, item 2: signing up with someone else's address to capture what is meant for them.

Before the fix, signing up logged in at once and attached every membership added under that
address: the facilitator's role of a cooperative included, and invitations added later."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cooperatives import invitations
from cooperatives.models import Membership
from tests.adversarial.helpers_a import ATTACKER_PASSWORD, follow_mail_link
from tests.factories import UserFactory

VICTIM = "sam@victime.example"


def attacker_signs_up_as(email):
    attacker = Client()
    attacker.post(
        reverse("accounts:signup"),
        {"email": email, "password1": ATTACKER_PASSWORD, "password2": ATTACKER_PASSWORD},
    )
    return attacker


def attacker_logs_in(email):
    attacker = Client()
    attacker.post(reverse("accounts:login"), {"username": email, "password": ATTACKER_PASSWORD})
    return attacker


def test_signing_up_with_an_address_added_as_facilitator_elsewhere_captures_nothing(cooperative):
    Membership.objects.create(cooperative=cooperative, email=VICTIM, role="facilitator")
    attacker = attacker_signs_up_as(VICTIM)
    assert attacker.get(cooperative.get_absolute_url()).status_code != 200
    assert attacker_logs_in(VICTIM).get(cooperative.get_absolute_url()).status_code != 200
    assert Membership.objects.get(email=VICTIM).user is None
    # The only link went to the victim's mailbox.
    assert [m.to for m in mail.outbox] == [[VICTIM]]


def test_registering_first_then_being_added_captures_nothing(cooperative, facilitator):
    attacker_signs_up_as(VICTIM)
    facilitator_client = Client()
    facilitator_client.force_login(facilitator)
    mail.outbox.clear()
    facilitator_client.post(
        reverse("cooperatives:members", args=[cooperative.slug]),
        {"emails": VICTIM, "role": "facilitator", "send_invitation": "on"},
    )
    membership = Membership.objects.get(email=VICTIM)
    assert membership.user is None
    assert attacker_logs_in(VICTIM).get(cooperative.get_absolute_url()).status_code != 200
    assert [m.to for m in mail.outbox] == [[VICTIM]]


def test_the_real_owner_of_a_pre_registered_address_still_gets_in(cooperative, facilitator):
    attacker_signs_up_as(VICTIM)
    membership = Membership.objects.create(cooperative=cooperative, email=VICTIM)
    _invitation, token = invitations.issue(membership, created_by=facilitator)
    owner = Client()
    mail.outbox.clear()
    owner.post(reverse("accounts:password_reset"), {"email": VICTIM})
    path = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    form_url = owner.get(path)["Location"]
    owner.post(form_url, {"new_password1": "Le-vrai-mdp-2027", "new_password2": "Le-vrai-mdp-2027"})
    owner.post(reverse("accounts:login"), {"username": VICTIM, "password": "Le-vrai-mdp-2027"})
    owner.post(reverse("invitation", args=[token]))
    membership.refresh_from_db()
    assert membership.user == User.objects.get(email=VICTIM)
    assert owner.get(cooperative.get_absolute_url()).status_code == 200
    # The attacker's password no longer opens anything.
    assert "_auth_user_id" not in attacker_logs_in(VICTIM).session


def test_a_verified_account_added_later_is_not_linked_until_it_uses_its_link(
    cooperative, facilitator
):
    owner = UserFactory(email=VICTIM)
    facilitator_client = Client()
    facilitator_client.force_login(facilitator)
    facilitator_client.post(
        reverse("cooperatives:members", args=[cooperative.slug]),
        {"emails": VICTIM, "role": "member", "send_invitation": "on"},
    )
    assert Membership.objects.get(email=VICTIM).user is None
    owner_client = Client()
    owner_client.force_login(owner)
    follow_mail_link(owner_client, mail.outbox[-1])
    assert Membership.objects.get(email=VICTIM).user == owner


def test_the_victim_clicking_the_unasked_link_opens_nothing_for_the_attacker(cooperative):
    # The attacker hopes the owner clicks « confirm » in a message they never asked for.
    Membership.objects.create(cooperative=cooperative, email=VICTIM, role="facilitator")
    attacker_signs_up_as(VICTIM)
    victim = Client()
    path = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    victim.get(path)
    victim.post(path, {"password": ""})
    victim.post(path, {"password": "un essai"})
    assert not User.objects.get(email=VICTIM).is_active
    assert Membership.objects.get(email=VICTIM).user is None
    assert attacker_logs_in(VICTIM).get(cooperative.get_absolute_url()).status_code != 200

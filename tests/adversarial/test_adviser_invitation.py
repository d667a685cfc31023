"""Issue 16: the network's invitations, played by their adversaries.

- An outsider with a throwaway account who got hold of an adviser's invitation (forwarded,
  read over a shoulder, or from a shared mailbox) wants the adviser role: the network's
  figures and the cooperatives that granted access.
- Anyone holding the link wants to be logged in as the invited person (the rule of
  test_account_takeover.py: an invitation never logs anyone in).
- Someone with a copy of the database or the admin's task list looks for a working link.
- An adviser who wants to use the site to write to many cooperatives or addresses.

New code: no earlier version to fail on; the link test was seen failing with the address
check of networks.adviser_invitations.redeem removed."""

import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cooperatives.models import OutgoingEmail
from networks.models import Adviser, AdviserInvitation, Network
from tests.cooperatives.test_email_queue import DATABASE_QUEUE, run_worker
from tests.factories import CooperativeFactory, MembershipFactory, UserFactory

INVITED = "invitee@urscop.example"
LINK = re.compile(r"https?://testserver(/\S+)")


def invite_adviser(client, network, email=INVITED):
    return client.post(reverse("networks:invite_adviser", args=[network.slug]), {"emails": email})


def the_link():
    return LINK.findall(mail.outbox[-1].body)[0]


def test_a_forwarded_link_gives_a_throwaway_account_nothing(client_as, adviser, network):
    invite_adviser(client_as(adviser), network)
    link = the_link()
    mallory = Client()
    mallory.force_login(UserFactory(email="mallory@jetable.example"))
    assert mallory.post(link).status_code == 403
    assert not Adviser.objects.filter(user__email="mallory@jetable.example").exists()
    assert mallory.get(reverse("networks:dashboard", args=[network.slug])).status_code == 404
    # Still usable by its owner afterwards.
    owner = Client()
    owner.force_login(UserFactory(email=INVITED))
    assert owner.post(link).status_code == 302
    assert Adviser.objects.filter(user__email=INVITED, network=network).exists()


def test_a_throwaway_account_of_the_invited_address_not_confirmed_gets_nothing(
    client_as, adviser, network
):
    """Signing up with the invited address without owning the mailbox: never confirmed."""
    invite_adviser(client_as(adviser), network)
    link = the_link()
    squatter = Client()
    squatter.force_login(UserFactory(email=INVITED, email_verified_at=None))
    assert squatter.post(link).status_code == 403
    assert not Adviser.objects.filter(user__email=INVITED).exists()


@pytest.mark.parametrize("has_account", [True, False], ids=["existing-account", "no-account"])
def test_the_link_never_logs_anyone_in_nor_makes_an_account(
    client_as, adviser, network, has_account
):
    if has_account:
        UserFactory(email=INVITED, is_staff=True)
    invite_adviser(client_as(adviser), network)
    link = the_link()
    browser = Client()
    response = browser.post(link)
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in browser.session
    assert browser.get(reverse("networks:dashboard", args=[network.slug])).status_code == 302
    from accounts.models import User

    assert User.objects.filter(email=INVITED).exists() is has_account
    assert AdviserInvitation.objects.get().used_at is None


def stored_queue():
    return json.dumps(
        [[str(t.args_kwargs), str(t.return_value), t.traceback] for t in DBTaskResult.objects.all()]
    )


def test_the_queue_and_the_tables_never_hold_a_working_link(client_as, adviser, network):
    with DATABASE_QUEUE:
        client = client_as(adviser)
        invite_adviser(client, network)
        invited = CooperativeFactory()
        MembershipFactory(cooperative=invited, role="facilitator")
        client.post(reverse("networks:invite", args=[network.slug]), {"cooperative": invited.slug})
        assert mail.outbox == []  # nothing sent inside a request
        assert AdviserInvitation.objects.get().token_hash is None  # no link before sending
        run_worker()
    assert len(mail.outbox) == 2
    token = the_link_of(INVITED).strip("/").split("/")[-1]
    assert len(token) >= 32
    stored = stored_queue()
    assert token not in stored
    rows = json.dumps(list(AdviserInvitation.objects.values()), default=str)
    assert token not in rows  # its SHA-256 only
    network_email = next(m for m in mail.outbox if m.to != [INVITED])
    # The cooperative's email points to its members page: no token at all.
    assert LINK.findall(network_email.body) == [
        reverse("cooperatives:members", args=[invited.slug])
    ]


def the_link_of(address):
    return LINK.findall(next(m for m in mail.outbox if m.to == [address]).body)[0]


def test_an_adviser_cannot_write_to_more_than_the_daily_cap(client_as, adviser, network, settings):
    """Cooperatives and advisers alike: every email the adviser makes the site send counts
    against their one daily cap as sender, the cooperatives' emails and the advisers'."""
    settings.EMAILS_PER_COOPERATIVE_PER_DAY = 3
    client = client_as(adviser)
    for _n in range(3):
        coop = CooperativeFactory()
        MembershipFactory(cooperative=coop, role="facilitator")
        client.post(reverse("networks:invite", args=[network.slug]), {"cooperative": coop.slug})
    assert len(mail.outbox) == 3
    invite_adviser(client, network, "x1@spam.example y2@spam.example")
    coop = CooperativeFactory()
    MembershipFactory(cooperative=coop, role="facilitator")
    client.post(reverse("networks:invite", args=[network.slug]), {"cooperative": coop.slug})
    assert len(mail.outbox) == 3
    assert not AdviserInvitation.objects.exists()
    assert OutgoingEmail.objects.filter(sender=adviser).count() == 3


def test_a_cooperative_hears_of_a_network_once_a_month_however_often_it_is_invited(
    client_as, adviser, network, other_cooperative, other_facilitator
):
    client = client_as(adviser)
    invite = reverse("networks:invite", args=[network.slug])
    for _n in range(5):
        client.post(invite, {"cooperative": other_cooperative.slug})
        pending = network.memberships.get(cooperative=other_cooperative)
        client.post(reverse("networks:withdraw", args=[network.slug, pending.pk]))
    assert len(mail.outbox) == 1


def test_no_page_makes_a_network(client_as, outsider, facilitator, adviser):
    """Networks are made by the platform's staff in the admin: a throwaway account, a
    facilitator or an adviser finds no URL outside the admin that creates one."""
    from tests.test_permissions import url_names

    names = [n for n in url_names() if n.startswith("networks:")]
    assert "networks:dashboard" in names
    assert not any("create" in n or "new" in n for n in names), names
    before = Network.objects.count()
    for user in (outsider, facilitator, adviser):
        client_as(user).post(reverse("admin:networks_network_add"), {"name": "X", "slug": "x"})
    assert Network.objects.count() == before


def test_the_logs_never_hold_an_adviser_link(client_as, adviser, network, caplog):
    """Whoever reads the application's or gunicorn's logs finds no working link: the path
    segment after /accompagner/ is hidden like a member's invitation."""
    from qvt.logs import redact

    invite_adviser(client_as(adviser), network)
    link = the_link()
    token = link.strip("/").split("/")[-1]
    access_line = f'127.0.0.1 - - "POST {link} HTTP/1.1" 302 0 "https://qvt.example{link}"'
    assert token not in redact(access_line)
    assert "/accompagner/[token]/" in redact(access_line)
    assert token not in redact(f"next=%2Faccompagner%2F{token}%2F")

"""Issue 15, point 2: « Recevoir un nouveau lien » on the invitation page.

The attacker types addresses into the form to learn who is a member of which cooperative, to
make the site mail a stranger, or to flood a member's inbox. The form did not exist before:
the first two tests were seen failing with the deferred sending put back in the view's body
(the queries differ) and with the filter on the membership's address removed."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperatives import invitation_views
from cooperatives.models import Invitation, Membership
from tests.factories import CooperativeFactory

URL = reverse("cooperatives:new_link")
MEMBER, STRANGER = "invitee@exemple.coop", "inconnue@exemple.coop"


@pytest.fixture
def pending(db):
    cooperative = CooperativeFactory(name="Scop des Oliviers")
    return Membership.objects.create(cooperative=cooperative, email=MEMBER, user=None)


def page(address, client=None):
    response = (client or Client()).post(URL, {"email": address})
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return response.status_code, body.replace(address, "ADDRESS")


def test_a_member_and_a_stranger_get_the_same_page(pending):
    assert page(MEMBER) == page(STRANGER)
    assert [m.to for m in mail.outbox] == [[MEMBER]]  # the member did get a link


def sync_part(address):
    """The view as a server runs it until the response leaves: the queries made, the emails."""
    request = RequestFactory().post(URL, {"email": address}, REMOTE_ADDR="192.0.2.7")
    request.user, request.session = AnonymousUser(), SessionStore()
    request._messages = FallbackStorage(request)
    before = len(mail.outbox)
    with CaptureQueriesContext(connection) as queries:
        response = invitation_views.new_link(request)
    sent_before_close = len(mail.outbox) - before
    # What the WSGI server does once the client has the body. Its request_finished signal would
    # close the database connection, which in a test is inside the test's transaction (on
    # PostgreSQL that ends the test's connection): Django's test client disconnects it the same
    # way.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return [re.sub(r"'[^']*'|\d+", "?", q["sql"]) for q in queries], sent_before_close, response


def test_what_runs_before_the_response_leaves_does_not_depend_on_the_address(pending):
    member_queries, member_sent, member_response = sync_part(MEMBER)
    stranger_queries, stranger_sent, _ = sync_part(STRANGER)
    assert member_queries == stranger_queries  # no lookup of the address before the answer
    assert member_sent == stranger_sent == 0
    assert member_response.status_code == 200 and len(mail.outbox) == 1  # sent after, at close


def test_the_link_goes_only_to_a_memberships_own_address(pending):
    Membership.objects.create(cooperative=pending.cooperative, email="autre@exemple.coop")
    # A differently cased address, or one with a plus part: mail goes to the stored address,
    # and never to another member of the same cooperative.
    page("INVITEE@Exemple.coop")
    page("invitee+moi@exemple.coop")
    page("intrus@exemple.coop")
    assert [m.to for m in mail.outbox] == [[MEMBER]]
    assert Invitation.objects.filter(membership=pending).count() == 1


def test_a_member_who_joined_already_gets_no_link(pending, member):
    pending.user = member
    pending.save()
    page(MEMBER)
    assert mail.outbox == []


def test_asking_again_within_the_cooldown_sends_nothing_more(pending):
    for _ in range(3):
        page(MEMBER)
    assert len(mail.outbox) == 1
    assert Invitation.objects.filter(membership=pending).usable().count() == 1


def test_asking_is_throttled_per_client_address(pending):
    client = Client(REMOTE_ADDR="198.51.100.9")
    statuses = [client.post(URL, {"email": f"x{n}@exemple.coop"}).status_code for n in range(12)]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    assert client.post(URL, {"email": MEMBER}).status_code == 429
    assert mail.outbox == []  # blocked before anything is looked up or sent


def test_a_malformed_address_gets_a_message_and_nothing_is_sent(pending):
    response = Client().post(URL, {"email": "pas une adresse"})
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide" in response.text
    assert mail.outbox == []

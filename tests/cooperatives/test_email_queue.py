"""Email leaves the request (issue 15, point 6): the page queues, the worker sends, retries
with backoff, and the facilitator sees per member whether the last email was sent, is pending
or failed. Here the database queue runs in the test's process (`db_worker --batch`); the real
worker process is tests/test_email_worker.py."""

import json
import re
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from accounts import mailqueue
from accounts.signed import hash_token
from cooperatives import tasks
from cooperatives.models import Invitation, OutgoingEmail
from tests.factories import MembershipFactory

DATABASE_QUEUE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)


@pytest.fixture
def queue():
    with DATABASE_QUEUE:
        yield


def run_worker():
    """What `manage.py db_worker` does, once over the tasks that are due, then returns. The
    worker closes stale connections between tasks; here its connection is the test's, inside
    the test's transaction (PostgreSQL would see it as unusable and end the test), so that
    step is left out."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def members_url(cooperative):
    return reverse("cooperatives:members", args=[cooperative.slug])


@pytest.fixture
def refusing_server(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def invite_ana(client, cooperative):
    return client.post(
        members_url(cooperative),
        {"emails": "ana@exemple.coop", "role": "member", "send_invitation": "on"},
    )


def test_adding_a_member_queues_the_email_and_the_worker_sends_it(
    queue, client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    assert invite_ana(client, cooperative).status_code == 302
    row = OutgoingEmail.objects.get(membership__email="ana@exemple.coop")
    assert (row.status, row.attempts, mail.outbox) == ("pending", 0, [])
    assert "en attente d’envoi" in client.get(members_url(cooperative)).content.decode()

    run_worker()
    (message,) = mail.outbox
    token = re.search(r"http://testserver/invitation/(\S+)/", message.body).group(1)
    assert Invitation.objects.usable().get(token_hash=hash_token(token))
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 1) and row.sent_at is not None
    assert "envoyé le" in client.get(members_url(cooperative)).content.decode()


def test_no_link_exists_until_the_worker_sends_it(queue, client_as, facilitator, cooperative):
    """The link is made at send time: what the request stored cannot log anyone in."""
    invite_ana(client_as(facilitator), cooperative)
    assert not Invitation.objects.filter(membership__email="ana@exemple.coop").exists()
    (task,) = DBTaskResult.objects.all()
    assert set(task.args_kwargs["kwargs"]) == {"email_id", "base_url", "language"}


def test_a_refusing_mail_server_leaves_the_email_pending_and_retries_later(
    queue, client_as, facilitator, cooperative, refusing_server
):
    client = client_as(facilitator)
    invite_ana(client, cooperative)
    run_worker()
    row = OutgoingEmail.objects.get(membership__email="ana@exemple.coop")
    assert (row.status, row.attempts) == ("pending", 1)
    # The next attempt waits (backoff); the link that could not go out is gone, so the
    # « Lien personnel » column does not say it was sent.
    later = DBTaskResult.objects.ready().count(), DBTaskResult.objects.filter(status="READY")
    assert later[0] == 0
    (retry,) = later[1]
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert not Invitation.objects.filter(membership=row.membership).exists()
    page = client.get(members_url(cooperative))
    assert page.status_code == 200 and "en attente d’envoi" in page.content.decode()
    assert "envoyé le" not in page.content.decode().split("ana@exemple.coop")[1]
    assert "SMTP" not in page.content.decode() and "Connection" not in page.content.decode()


def test_after_the_last_attempt_the_email_is_failed_and_the_page_says_so(
    queue, client_as, facilitator, cooperative, refusing_server
):
    target = MembershipFactory(cooperative=cooperative, email="ana@exemple.coop", user=None)
    (row,) = OutgoingEmail.objects.bulk_create(
        [OutgoingEmail(cooperative=cooperative, membership=target, kind="invitation")]
    )
    tasks.send_invitation.call(
        email_id=row.pk,
        base_url="http://testserver",
        language="fr",
        attempt=mailqueue.MAX_ATTEMPTS,
    )
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", mailqueue.MAX_ATTEMPTS)
    assert not DBTaskResult.objects.exists()  # no sixth attempt
    page = client_as(facilitator).get(members_url(cooperative)).content.decode()
    assert "échec de l’envoi" in page


def test_the_server_coming_back_sends_the_retried_email(
    queue, client_as, facilitator, cooperative, monkeypatch
):
    calls = []
    real = EmailBackend.send_messages

    def down_once(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("down")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", down_once)
    invite_ana(client_as(facilitator), cooperative)
    run_worker()
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # time passes
    run_worker()
    row = OutgoingEmail.objects.get(membership__email="ana@exemple.coop")
    assert (row.status, row.attempts) == ("sent", 2)
    (message,) = mail.outbox
    token = re.search(r"/invitation/(\S+)/", message.body).group(1)
    assert Invitation.objects.usable().filter(token_hash=hash_token(token)).count() == 1


def test_the_members_page_shows_each_members_last_email_in_constant_queries(
    client_as, facilitator, cooperative, django_assert_max_num_queries
):
    client = client_as(facilitator)
    for n in range(3):
        MembershipFactory(cooperative=cooperative, email=f"m{n}@exemple.coop", user=None)
    client.get(members_url(cooperative))
    with django_assert_max_num_queries(8) as few:
        client.get(members_url(cooperative))
    for n in range(3, 30):
        target = MembershipFactory(cooperative=cooperative, email=f"m{n}@exemple.coop", user=None)
        OutgoingEmail.objects.create(cooperative=cooperative, membership=target, kind="invitation")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(members_url(cooperative)).content.decode()
    assert page.count("en attente d’envoi") == 27


def test_the_queue_holds_ids_and_the_sites_address_only(queue, client_as, facilitator, cooperative):
    invite_ana(client_as(facilitator), cooperative)
    (task,) = DBTaskResult.objects.all()
    stored = json.dumps(task.args_kwargs)
    assert "ana@exemple.coop" not in stored and "/invitation/" not in stored


def test_the_members_earlier_link_works_until_the_new_one_has_left(
    queue, client_as, facilitator, cooperative, monkeypatch
):
    target = MembershipFactory(cooperative=cooperative, email="ana@exemple.coop", user=None)
    from cooperatives import invitations

    earlier, _token = invitations.issue(target, created_by=facilitator)
    calls = []
    real = EmailBackend.send_messages

    def down_once(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("down")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", down_once)
    client_as(facilitator).post(reverse("cooperatives:invite", args=[cooperative.slug, target.pk]))
    run_worker()  # the server is down: the earlier link still works
    assert list(Invitation.objects.usable().filter(membership=target)) == [earlier]
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()  # it is back: the new link replaces the earlier one
    (usable,) = Invitation.objects.usable().filter(membership=target)
    assert usable != earlier and len(mail.outbox) == 1


def test_the_worker_writes_in_the_language_of_the_page_that_queued(
    queue, client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    client.post(
        members_url(cooperative),
        {"emails": "ana@exemple.coop", "role": "member", "send_invitation": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    with translation.override("fr"):  # the worker's own language is the site's default
        run_worker()
    (message,) = mail.outbox
    assert message.subject.startswith("Invitation to") and "Invitation au" not in message.subject

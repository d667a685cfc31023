"""A session's emails through the queue (issue 15, point 6): the invitations sent when it
opens and the reminders are sent by the worker; the session page lists each invited member's
status and the reminders as counts only; the queue holds no join link and names nobody."""

import json
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cooperatives.models import OutgoingEmail
from tests.cooperatives.test_email_queue import DATABASE_QUEUE, run_worker
from tests.factories import MembershipFactory, make_respondent


@pytest.fixture
def queue():
    with DATABASE_QUEUE:
        yield


def open_url(session):
    return reverse("diagnostics:session_open", args=[session.cooperative.slug, session.pk])


def remind_url(session):
    return reverse("diagnostics:session_remind", args=[session.cooperative.slug, session.pk])


def test_opening_queues_the_invitations_and_the_page_follows_each_member(
    queue, client_as, facilitator, cooperative, draft_session
):
    ana = MembershipFactory(cooperative=cooperative, email="ana@exemple.coop", user=None)
    client = client_as(facilitator)
    client.post(open_url(draft_session), {"confirm": "1", "invite": [ana.pk]})
    assert mail.outbox == []
    section = client.get(draft_session.get_absolute_url()).content.decode()
    section = section.split('id="session-emails"')[1]
    assert "ana@exemple.coop" in section and "en attente d’envoi" in section
    (task,) = DBTaskResult.objects.all()
    draft_session.refresh_from_db()
    assert draft_session.join_token not in json.dumps(task.args_kwargs)  # a signed link

    run_worker()
    (message,) = mail.outbox
    assert f"/repondre/{draft_session.join_token}/" in message.body
    section = client.get(draft_session.get_absolute_url()).content.decode()
    assert "envoyé le" in section.split('id="session-emails"')[1]


def test_a_reminder_names_nobody_in_the_queue_and_skips_who_answered_meanwhile(
    queue, client_as, facilitator, cooperative, open_session
):
    MembershipFactory(cooperative=cooperative, email="tard@exemple.coop", user=None)
    quick = MembershipFactory(cooperative=cooperative, email="vite@exemple.coop", user=None)
    client = client_as(facilitator)
    assert client.post(remind_url(open_session)).status_code == 302
    rows = OutgoingEmail.objects.filter(kind="reminder")
    assert rows.count() == 3 and not rows.filter(membership__isnull=False).exists()
    (task,) = DBTaskResult.objects.all()
    stored = json.dumps(task.args_kwargs)
    assert "@" not in stored
    assert set(task.args_kwargs["kwargs"]) == {"session_id", "email_ids", "base_url", "language"}

    make_respondent(open_session, "Y" * 30, membership=quick)  # answers before it goes out
    run_worker()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert "vite@exemple.coop" not in recipients and "tard@exemple.coop" in recipients
    page = client.get(open_session.get_absolute_url()).content.decode()
    status = page.split('id="reminder-status"')[1]
    assert f"{len(recipients)} envoyés, 0 en attente, 0 en échec" in " ".join(status.split())
    # The rows counted for nobody are given back to the day's cap.
    assert OutgoingEmail.objects.filter(kind="reminder").count() == len(recipients)


def test_a_refused_reminder_stays_pending_and_the_page_answers(
    queue, client_as, facilitator, cooperative, open_session, monkeypatch
):
    MembershipFactory(cooperative=cooperative, email="tard@exemple.coop", user=None)

    def refuse(self, messages):
        raise smtplib.SMTPDataError(554, b"refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    client = client_as(facilitator)
    client.post(remind_url(open_session))
    run_worker()
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"pending"}
    page = client.get(open_session.get_absolute_url())
    assert page.status_code == 200
    assert "0 envoyés, 2 en attente" in " ".join(page.content.decode().split())
    assert "refused" not in page.content.decode()


def test_a_member_sees_no_one_elses_email_status(
    client_as, facilitator, member, cooperative, open_session
):
    """Who was invited and how it went is the facilitator's view only."""
    MembershipFactory(cooperative=cooperative, email="ana@exemple.coop", user=None)
    client_as(facilitator).post(
        reverse("diagnostics:session_remind", args=[cooperative.slug, open_session.pk])
    )
    page = client_as(member).get(open_session.get_absolute_url())
    assert page.status_code == 200
    assert 'id="session-emails"' not in page.content.decode()

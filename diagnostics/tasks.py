"""The worker's half of a session's emails: the invitations sent when it opens and the
reminders. The request queued only OutgoingEmail ids (diagnostics.session_invitations); the
join link is signed (accounts.signed), so it is built here, never stored in the queue.

A reminder names nobody, in its rows as in its task: who is reminded is computed here, at send
time, as the members still without a sent sheet (someone who answered meanwhile is not
reminded), at most as many as were counted against the cap.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from accounts import mailqueue
from cooperatives import outbox
from diagnostics import services
from diagnostics.models import DiagnosticSession


def _session(session_id):
    return DiagnosticSession.objects.select_related("cooperative").filter(pk=session_id).first()


def _settle(task_, rows, results, attempt, **kwargs):
    """Mark the rows whose email went out; the others wait for a later attempt, or fail."""
    sent = [row for row, ok in zip(rows, results, strict=True) if ok]
    unsent = [row for row, ok in zip(rows, results, strict=True) if not ok]
    outbox.mark_sent(sent, attempt)
    if unsent:
        retrying = mailqueue.retry_later(task_, attempt, email_ids=[r.pk for r in unsent], **kwargs)
        outbox.mark_unsent(unsent, attempt, retrying=retrying)


@task()
def send_session_invitations(session_id, email_ids, base_url, language, attempt=1):
    rows = list(outbox.pending(email_ids).select_related("membership").order_by("pk"))
    session = _session(session_id)
    if session is None or not session.is_open:  # closed (or deleted) before it could go out
        outbox.mark_unsent(rows, attempt, retrying=False)
        return
    gone = [r for r in rows if r.membership is None]  # removed from the cooperative meanwhile
    outbox.mark_unsent(gone, attempt, retrying=False)
    rows = [r for r in rows if r.membership is not None]
    with translation.override(language):
        body = render_to_string(
            "diagnostics/email/session_invitation.txt",
            {"session": session, "url": base_url + session.get_join_url()},
        )
        subject = _("Invitation : diagnostic « %s »") % session.title  # fixed text first
        results = mailqueue.deliver_each([(subject, body, r.membership.email) for r in rows])
    _settle(
        send_session_invitations,
        rows,
        results,
        attempt,
        session_id=session_id,
        base_url=base_url,
        language=language,
    )


@task()
def send_reminders(session_id, email_ids, base_url, language, attempt=1):
    rows = list(outbox.pending(email_ids).order_by("pk"))
    session = _session(session_id)
    if session is None or not session.is_open:
        outbox.mark_unsent(rows, attempt, retrying=False)
        return
    recipients = [m.email for m in services.members_to_remind(session)[: len(rows)]]
    # Fewer people left to remind than rows counted: the extra rows gave nobody an email.
    outbox.pending([r.pk for r in rows[len(recipients) :]]).delete()
    rows = rows[: len(recipients)]
    with translation.override(language):
        body = render_to_string(
            "diagnostics/email/reminder.txt",
            {"session": session, "url": base_url + session.get_join_url()},
        )
        subject = _("Rappel : diagnostic « %s »") % session.title
        results = mailqueue.deliver_each([(subject, body, email) for email in recipients])
    if any(results) and not all(results):
        # Rows name nobody, so a later attempt could not tell who already had it: the
        # reminder is not sent twice to anyone, what did not go out is failed.
        outbox.mark_sent([r for r, ok in zip(rows, results, strict=True) if ok], attempt)
        outbox.mark_unsent(
            [r for r, ok in zip(rows, results, strict=True) if not ok], attempt, retrying=False
        )
        return
    _settle(
        send_reminders,
        rows,
        results,
        attempt,
        session_id=session_id,
        base_url=base_url,
        language=language,
    )

"""The emails of a session: its link, sent when the facilitator opens it to the members they
chose (all by default), and the reminders; queued through the cooperative's outbox and its
rules, sent by the worker (diagnostics.tasks).

Not when members are added: then no session exists yet, and the link that counts for a member
is the session's join link (anonymous; no account needed). Opening happens once per session,
so this cannot be repeated to flood anyone; the daily cap and the verified sender still hold,
counted when the emails are queued.
"""

from dataclasses import dataclass, field

from accounts import mailqueue
from cooperatives import outbox
from cooperatives.models import OutgoingEmail

MAX_AT_ONCE = 100  # the outbox's rule: at most 100 addresses per request


def topic(session):
    return f"session:{session.pk}"


@dataclass
class Sent:
    sent: int = 0
    over_cap: int = 0
    failed: bool = False
    not_verified: bool = False
    chosen: list = field(default_factory=list)


def invite(request, session, memberships):
    """Queue the join link for the chosen memberships, as many as today's cap allows."""
    from diagnostics import tasks  # the task module imports services, which may import this

    result = Sent(chosen=list(memberships))
    if not result.chosen:
        return result
    if not outbox.may_send(request.user):
        result.not_verified = True
        return result
    left = outbox.emails_left_today(session.cooperative, request.user)
    batch, result.over_cap = result.chosen[:left], max(0, len(result.chosen) - left)
    if not batch:
        return result
    rows = outbox.record(
        session.cooperative,
        request.user,
        OutgoingEmail.Kind.SESSION,
        memberships=batch,
        topic=topic(session),
    )
    tasks.send_session_invitations.enqueue(
        session_id=session.pk,
        email_ids=[r.pk for r in rows],
        base_url=mailqueue.base_url(request),
        language=mailqueue.language(request),
    )
    result.failed = _all_failed(rows)
    result.sent = 0 if result.failed else len(batch)
    return result


def remind(request, session, count):
    """Queue `count` reminders (rows naming nobody); the worker finds whom to send them to."""
    from diagnostics import tasks

    rows = outbox.record(
        session.cooperative,
        request.user,
        OutgoingEmail.Kind.REMINDER,
        count=count,
        topic=topic(session),
    )
    tasks.send_reminders.enqueue(
        session_id=session.pk,
        email_ids=[r.pk for r in rows],
        base_url=mailqueue.base_url(request),
        language=mailqueue.language(request),
    )
    return not _all_failed(rows)


def _all_failed(rows):
    """Only with a backend that sends at once (the tests'): with the worker, rows are pending
    when the page answers, and the session page follows them."""
    return (
        bool(rows)
        and not OutgoingEmail.objects.filter(pk__in=[r.pk for r in rows])
        .exclude(status=OutgoingEmail.Status.FAILED)
        .exists()
    )


def invitation_list(session):
    """(the session's invitations, the latest per member, each with its status; its reminders
    as counts per status, since they name nobody), in one query."""
    rows = (
        OutgoingEmail.objects.filter(topic=topic(session))
        .select_related("membership__user")
        .order_by("-created_at", "-pk")
    )
    per_member, reminders = {}, dict.fromkeys(OutgoingEmail.Status.values, 0)
    for row in rows:
        if row.kind == OutgoingEmail.Kind.REMINDER:
            reminders[row.status] += 1
        elif row.membership is not None:
            per_member.setdefault(row.membership_id, row)
    invited = sorted(per_member.values(), key=lambda row: row.membership.email)
    return invited, reminders

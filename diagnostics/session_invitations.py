"""The email that opens a session to the team: sent when the facilitator opens it, to the
members they chose (all by default), through the cooperative's outbox and its rules.

Not when members are added: then no session exists yet, and the link that counts for a member
is the session's join link (anonymous; no account needed). Opening happens once per session,
so this cannot be repeated to flood anyone; the daily cap and the verified sender still hold.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cooperatives import outbox
from cooperatives.models import OutgoingEmail

MAX_AT_ONCE = 100  # the outbox's rule: at most 100 addresses per request


@dataclass
class Sent:
    sent: int = 0
    over_cap: int = 0
    failed: bool = False
    not_verified: bool = False
    chosen: list = field(default_factory=list)


def invite(request, session, memberships):
    """Email the join link to the chosen memberships, as many as today's cap allows."""
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
    url = request.build_absolute_uri(session.get_join_url())
    body = render_to_string(
        "diagnostics/email/session_invitation.txt", {"session": session, "url": url}
    )
    subject = _("Invitation : diagnostic « %s »") % session.title  # fixed text first
    if not outbox.deliver_many([(subject, body, m.email) for m in batch]):
        result.failed = True
        return result
    outbox.record(session.cooperative, request.user, OutgoingEmail.Kind.REMINDER, count=len(batch))
    result.sent = len(batch)
    return result

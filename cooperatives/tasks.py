"""The worker's half of a personal invitation: make the link, send it, record the outcome.

The request queued only the OutgoingEmail row's id (cooperatives.invitations.queue_link): the
link is made here, at send time, so the queue table never holds a token that works (the
database keeps only its hash, as for every invitation). A failed send deletes that link
(nobody has it) and tries again later with a fresh one.
"""

from django.urls import reverse
from django.utils import translation
from django_tasks import task

from accounts import mailqueue
from cooperatives import invitations, outbox
from cooperatives.models import Invitation


@task()
def send_invitation(email_id, base_url, language, attempt=1):
    row = outbox.pending([email_id]).select_related("membership__cooperative", "sender").first()
    if row is None:
        return  # already sent, or its member was removed and the row pruned
    if row.membership is None:  # removed from the cooperative meanwhile
        outbox.mark_unsent([row], attempt, retrying=False)
        return
    membership = row.membership
    # The member's earlier link keeps working until this one has left: a mail server down for
    # hours must not leave them with no working link.
    invitation, token = invitations.issue(membership, created_by=row.sender, replace=False)
    with translation.override(language):
        context = {
            "cooperative": membership.cooperative,
            "url": base_url + reverse("invitation", args=[token]),
            "days": invitations.VALIDITY.days,
        }
        sent = mailqueue.deliver(
            *mailqueue.rendered("cooperatives/email/invitation", context), membership.email
        )
    if sent:
        invitations.revoke(membership, keep=invitation)
        outbox.mark_sent([row], attempt)
        return
    # Nobody has this link: deleted, so the members page's « envoyé le » never counts it.
    Invitation.objects.filter(pk=invitation.pk).delete()
    retrying = mailqueue.retry_later(
        send_invitation, attempt, email_id=email_id, base_url=base_url, language=language
    )
    outbox.mark_unsent([row], attempt, retrying=retrying)

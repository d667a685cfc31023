"""The worker's half of a network's emails (queued by networks.emails).

A network's invitation tells the cooperative's facilitators to answer on their members page:
the email carries that page's address and no link that does anything by itself. An adviser's
invitation carries a personal link, made here at send time (only its hash is stored, as for a
member's link in cooperatives.tasks); a failed send drops that link, which nobody received.
"""

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from accounts import mailqueue
from accounts.signed import hash_token, new_token
from cooperatives import invitations, outbox
from cooperatives.models import OutgoingEmail
from networks.models import AdviserInvitation, Network, NetworkMembership


def _network_of(row):
    """The network a row is about, while its invitation still waits for an answer."""
    prefix, _sep, pk = row.topic.partition(":")
    if prefix != "network" or not pk.isdigit():
        return None
    return Network.objects.filter(
        pk=int(pk),
        memberships__cooperative_id=row.cooperative_id,
        memberships__status=NetworkMembership.Status.INVITED,
    ).first()


@task()
def send_network_invitation(email_ids, base_url, language, attempt=1):
    rows = list(outbox.pending(email_ids).select_related("membership__cooperative", "sender"))
    if not rows:
        return
    network = _network_of(rows[0])
    live = [r for r in rows if r.membership is not None and network is not None]
    dropped = [r for r in rows if r not in live]  # withdrawn, answered, or the member removed
    if dropped:
        outbox.mark_unsent(dropped, attempt, retrying=False)
    if not live:
        return
    messages = []
    with translation.override(language):
        for row in live:
            cooperative = row.membership.cooperative
            context = {
                "network": network,
                "cooperative": cooperative,
                "url": base_url + reverse("cooperatives:members", args=[cooperative.slug]),
            }
            subject, body = mailqueue.rendered("networks/email/invitation", context)
            messages.append((subject, body, row.membership.email))
    results = mailqueue.deliver_each(messages)
    outbox.mark_sent([r for r, ok in zip(live, results, strict=True) if ok], attempt)
    unsent = [r for r, ok in zip(live, results, strict=True) if not ok]
    if unsent:
        retrying = mailqueue.retry_later(
            send_network_invitation,
            attempt,
            email_ids=[r.pk for r in unsent],
            base_url=base_url,
            language=language,
        )
        outbox.mark_unsent(unsent, attempt, retrying=retrying)


@task()
def send_adviser_invitation(invitation_id, base_url, language, attempt=1):
    invitation = (
        AdviserInvitation.objects.pending()
        .filter(pk=invitation_id, email_status=OutgoingEmail.Status.PENDING)
        .select_related("network")
        .first()
    )
    if invitation is None:
        return  # withdrawn or replaced meanwhile
    token = new_token()
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + invitations.VALIDITY
    invitation.save(update_fields=["token_hash", "expires_at"])
    with translation.override(language):
        context = {
            "network": invitation.network,
            "url": base_url + reverse("networks:adviser_invitation", args=[token]),
            "days": invitations.VALIDITY.days,
        }
        sent = mailqueue.deliver(
            *mailqueue.rendered("networks/email/adviser_invitation", context), invitation.email
        )
    update = {"attempts": attempt}
    if sent:
        update |= {"email_status": OutgoingEmail.Status.SENT, "sent_at": timezone.now()}
    else:
        retrying = mailqueue.retry_later(
            send_adviser_invitation,
            attempt,
            invitation_id=invitation_id,
            base_url=base_url,
            language=language,
        )
        # Nobody received this link: it stops working; a retry makes a fresh one.
        update |= {
            "token_hash": None,
            "email_status": OutgoingEmail.Status.PENDING
            if retrying
            else OutgoingEmail.Status.FAILED,
        }
    AdviserInvitation.objects.filter(pk=invitation.pk).update(**update)


@task()
def refresh_boards(network_ids):
    """After a change of their rows (networks.figures.refresh_later): compute and store these
    networks' dashboards, so that their advisers' next page reads them instead of computing."""
    from networks import figures  # figures enqueues this task

    figures.refresh(network_ids)

"""What a network's advisers make the site send, queued in the request and sent by the worker
(networks.tasks), under the rules of a cooperative's own emails (cooperatives.outbox): only a
verified account sends, every email counts against the daily caps from the moment it is
queued, and the queue holds ids, the site's address and a language — never a link that works.

Who could abuse it: an adviser. Networks and their first advisers are made by the platform's
staff in the admin (no page creates one), so nobody opens a throwaway network to write to
cooperatives; an adviser still gets the per-sender cap, each cooperative hears of one network
at most once a month (KEEP), and an invitation to an adviser is capped per network too.
"""

from django.conf import settings
from django.utils import timezone

from accounts import mailqueue
from cooperatives import outbox
from cooperatives.models import Membership, OutgoingEmail
from networks.models import AdviserInvitation

# The topic of a network's email to a cooperative: the network, not the invitation, so that
# withdrawing and inviting again sends nothing new within KEEP.
TOPIC = "network:{}"


def topic_of(network):
    return TOPIC.format(network.pk)


def told_recently(network, cooperative):
    """Whether this network already wrote to this cooperative within outbox.KEEP (a month)."""
    since = timezone.now() - outbox.KEEP
    return OutgoingEmail.objects.filter(
        cooperative=cooperative, topic=topic_of(network), created_at__gte=since
    ).exists()


def tell_facilitators(request, membership, sender):
    """Queue an email to each facilitator of the invited cooperative, the adviser as sender,
    within the cooperative's and the sender's caps. Returns how many were queued (0: nothing
    sent — an unverified sender, the caps, or this network wrote within a month; the notice
    on the members page and the home page still shows the invitation)."""
    from networks import tasks  # the task module imports this one

    cooperative = membership.cooperative
    if not outbox.may_send(sender) or told_recently(membership.network, cooperative):
        return 0
    facilitators = list(
        Membership.objects.facilitators().filter(cooperative=cooperative).order_by("pk")
    )
    left = outbox.emails_left_today(cooperative, sender)
    rows = outbox.record(
        cooperative,
        sender,
        OutgoingEmail.Kind.NETWORK,
        memberships=facilitators[:left],
        topic=topic_of(membership.network),
    )
    if rows:
        tasks.send_network_invitation.enqueue(
            email_ids=[r.pk for r in rows],
            base_url=mailqueue.base_url(request),
            language=mailqueue.language(request),
        )
    return len(rows)


def adviser_emails_left_today(network, sender):
    """An adviser's invitations to advisers count with every email they sent today (the
    per-sender cap of cooperatives.outbox), and a network's with its own."""
    since = timezone.now() - outbox.DAY
    recent = AdviserInvitation.objects.filter(created_at__gte=since)
    by_sender = recent.filter(invited_by=sender).count()
    by_sender += OutgoingEmail.objects.filter(sender=sender, created_at__gte=since).count()
    used = max(by_sender, recent.filter(network=network).count())
    return max(0, settings.EMAILS_PER_COOPERATIVE_PER_DAY - used)


def in_cooldown(network, email):
    """One address is not written to again within outbox.MEMBER_COOLDOWN."""
    since = timezone.now() - outbox.MEMBER_COOLDOWN
    return AdviserInvitation.objects.filter(
        network=network, email=email, created_at__gte=since
    ).exists()


def queue_adviser_invitation(request, invitation):
    from networks import tasks

    tasks.send_adviser_invitation.enqueue(
        invitation_id=invitation.pk,
        base_url=mailqueue.base_url(request),
        language=mailqueue.language(request),
    )

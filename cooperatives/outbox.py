"""Emails a cooperative sends on its facilitators' behalf: who may send, how many, and the
record of each one, queued in the request and sent by the worker (accounts.mailqueue), so a
mail-server failure never reaches the facilitator's page.

An account is a free sign-up: without limits it would be a way to send anyone mail in our
name. So only verified accounts send, each cooperative and each sender get a daily cap
(settings.EMAILS_PER_COOPERATIVE_PER_DAY, counted here in the database so every worker sees
the same count), and one member's link is not re-sent before a cooldown.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import without_control_characters
from cooperatives.models import OutgoingEmail

DAY = timedelta(days=1)
MEMBER_COOLDOWN = timedelta(minutes=15)
NOT_VERIFIED = _(
    "Confirmez d’abord votre adresse e-mail (« Mot de passe oublié ? » sur la page de "
    "connexion vous envoie un lien) : seuls les comptes à l’adresse confirmée envoient des e-mails."
)


def may_send(user):
    """Only a verified address sends: an account opened from a printed QR code, or a sign-up
    never confirmed, cannot make the site write to strangers."""
    return bool(user.is_authenticated and user.is_verified)


def emails_left_today(cooperative, sender):
    since = timezone.now() - DAY
    recent = OutgoingEmail.objects.filter(created_at__gte=since)
    used = max(
        recent.filter(cooperative=cooperative).count(),
        recent.filter(sender=sender).count() if sender else 0,
    )
    return max(0, settings.EMAILS_PER_COOPERATIVE_PER_DAY - used)


def member_in_cooldown(membership):
    since = timezone.now() - MEMBER_COOLDOWN
    return OutgoingEmail.objects.filter(
        membership=membership, kind=OutgoingEmail.Kind.INVITATION, created_at__gte=since
    ).exists()


# Rows stay a month (an invitation's validity): the members page shows each member's last
# email that long. Only the last day counts for the cap.
KEEP = timedelta(days=30)


def record(cooperative, sender, kind, *, count=1, membership=None, memberships=None, topic=""):
    """Queue rows, pending, counted against the cap from now on; the worker marks them."""
    OutgoingEmail.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    targets = list(memberships) if memberships is not None else [membership] * count
    return OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            cooperative=cooperative, sender=sender, kind=kind, membership=target, topic=topic
        )
        for target in targets
    )


def mark_sent(rows, attempt):
    OutgoingEmail.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=OutgoingEmail.Status.SENT, attempts=attempt, sent_at=timezone.now()
    )


def mark_unsent(rows, attempt, *, retrying):
    """Pending again (a later attempt is queued) or failed for good."""
    OutgoingEmail.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=OutgoingEmail.Status.PENDING if retrying else OutgoingEmail.Status.FAILED,
        attempts=attempt,
    )


def pending(ids):
    return OutgoingEmail.objects.filter(pk__in=ids, status=OutgoingEmail.Status.PENDING)


def last_email_by_member(memberships):
    """{membership pk: its latest OutgoingEmail}, in one query."""
    rows = OutgoingEmail.objects.filter(membership__in=memberships).order_by(
        "membership_id", "-created_at", "-pk"
    )
    last = {}
    for row in rows.only("membership_id", "status", "sent_at", "created_at", "kind"):
        last.setdefault(row.membership_id, row)
    return last


def subject_line(text):
    """Subjects carry user text (a cooperative's name, a session's title) typed perhaps before
    control characters were refused: a CR or LF there makes Django refuse the header."""
    return without_control_characters(text)



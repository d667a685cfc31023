"""Emails a cooperative sends on its facilitators' behalf: who may send, how many, and sending
that never turns a mail-server failure into a 500.

An account is a free sign-up: without limits it would be a way to send anyone mail in our
name. So only verified accounts send, each cooperative and each sender get a daily cap
(settings.EMAILS_PER_COOPERATIVE_PER_DAY, counted here in the database so every worker sees
the same count), and one member's link is not re-sent before a cooldown.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import without_control_characters
from cooperatives.models import OutgoingEmail

logger = logging.getLogger(__name__)

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


def record(cooperative, sender, kind, *, count=1, membership=None):
    OutgoingEmail.objects.filter(created_at__lt=timezone.now() - 2 * DAY).delete()
    OutgoingEmail.objects.bulk_create(
        OutgoingEmail(cooperative=cooperative, sender=sender, kind=kind, membership=membership)
        for _ in range(count)
    )


def subject_line(text):
    """Subjects carry user text (a cooperative's name, a session's title) typed perhaps before
    control characters were refused: a CR or LF there makes Django refuse the header."""
    return without_control_characters(text)


def deliver(subject, body, recipient):
    """True when the mail server took the message; False (logged) otherwise, never raises."""
    try:
        send_mail(subject_line(subject), body, None, [recipient])
    except Exception:  # noqa: BLE001 - SMTP, DNS, socket or header errors alike
        logger.exception("email not sent")
        return False
    return True


def deliver_many(messages):
    """(subject, body, recipient) triples over one connection; True when all went out."""
    try:
        send_mass_mail([(subject_line(s), b, None, [r]) for s, b, r in messages])
    except Exception:  # noqa: BLE001 - as deliver()
        logger.exception("emails not sent")
        return False
    return True

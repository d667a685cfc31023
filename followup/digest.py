"""The optional email digest: each cooperative's facilitators get the actions due soon and the
overdue ones. Run daily by cron (see README); `send_action_digest` is its command."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cooperatives.models import Membership
from followup.models import ActionDigest
from plans.models import Action


@dataclass(frozen=True)
class Digest:
    cooperative: object
    overdue: list
    due_soon: list
    recipients: list  # facilitators' email addresses
    today: object
    until: object

    @property
    def actions(self):
        return self.overdue + self.due_soon


def digests(today, days=7):
    """One Digest per cooperative with an open action due by today + days (overdue included),
    and at least one facilitator. Two queries."""
    until = today + timedelta(days=days)
    actions = (
        Action.objects.filter(due_date__lte=until)
        .exclude(status__in=[Action.Status.DONE, Action.Status.DROPPED])
        .select_related("session__cooperative", "theme", "owner_membership__user")
        .order_by("session__cooperative__name", "due_date", "theme__order", "position", "pk")
    )
    by_cooperative = {}
    for action in actions:
        by_cooperative.setdefault(action.session.cooperative, []).append(action)
    recipients = {}
    for membership in Membership.objects.facilitators().filter(
        cooperative__in=list(by_cooperative)
    ):
        recipients.setdefault(membership.cooperative_id, []).append(membership.email)
    return [
        Digest(
            cooperative=cooperative,
            # The fixed clock decides: `is_overdue` reads the real date, `today` may be another.
            overdue=[a for a in items if a.due_date < today],
            due_soon=[a for a in items if a.due_date >= today],
            recipients=sorted(recipients[cooperative.pk]),
            today=today,
            until=until,
        )
        for cooperative, items in by_cooperative.items()
        if recipients.get(cooperative.pk)
    ]


def _plan_links(digest, base_url):
    sessions = {}
    for action in digest.actions:
        sessions.setdefault(action.session.pk, action.session)
    return [
        (
            session,
            base_url.rstrip("/")
            + reverse("plans:plan", args=[digest.cooperative.slug, session.pk]),
        )
        for session in sessions.values()
    ]


def render_digest(digest, base_url=""):
    """(subject, body) in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"digest": digest, "links": _plan_links(digest, base_url), "base_url": base_url}
        subject = render_to_string("followup/email/digest_subject.txt", context)
        body = render_to_string("followup/email/digest.txt", context)
    return " ".join(subject.split()), body


def send_digests(today, days=7, base_url="", dry_run=False, force=False):
    """Send each due digest once per day; returns [(Digest, subject, body, sent: bool)]."""
    outcome = []
    for digest in digests(today, days):
        subject, body = render_digest(digest, base_url)
        if dry_run:
            outcome.append((digest, subject, body, False))
            continue
        try:
            with transaction.atomic():
                # The row is the lock: a second run the same day finds it and sends nothing.
                if force:
                    ActionDigest.objects.filter(
                        cooperative=digest.cooperative, sent_on=today
                    ).delete()
                ActionDigest.objects.create(
                    cooperative=digest.cooperative,
                    sent_on=today,
                    recipients=len(digest.recipients),
                    actions=len(digest.actions),
                )
                send_mass_mail([(subject, body, None, [email]) for email in digest.recipients])
        except IntegrityError:
            outcome.append((digest, subject, body, False))
            continue
        outcome.append((digest, subject, body, True))
    return outcome

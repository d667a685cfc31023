"""Personal invitations: a link (by email or printed as a QR code) that lets a member in
without a password. Tokens carry 192 random bits; the database keeps only their SHA-256."""

import re
from datetime import timedelta

from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Invitation, Membership
from diagnostics.tokens import hash_token, new_token

VALIDITY = timedelta(days=30)
SEPARATORS = re.compile(r"[\s,;]+")


def parse_emails(text):
    """(valid lower-cased emails in order without duplicates, invalid entries)."""
    valid, invalid = [], []
    for item in SEPARATORS.split(text or ""):
        item = item.strip().strip("<>").lower()
        if not item:
            continue
        try:
            validate_email(item)
        except Exception:  # noqa: BLE001 - ValidationError; anything odd is simply invalid
            invalid.append(item)
        else:
            if item not in valid:
                valid.append(item)
    return valid, invalid


@transaction.atomic
def issue(membership, *, created_by, channel=Invitation.Channel.EMAIL):
    """A fresh invitation; the member's earlier unused links stop working."""
    now = timezone.now()
    membership.invitations.usable().update(revoked_at=now)
    token = new_token()
    invitation = Invitation.objects.create(
        membership=membership,
        token_hash=hash_token(token),
        channel=channel,
        created_by=created_by,
        expires_at=now + VALIDITY,
    )
    return invitation, token


def revoke(membership):
    return membership.invitations.usable().update(revoked_at=timezone.now())


def invitation_url(request, token):
    return request.build_absolute_uri(reverse("invitation", args=[token]))


def send(request, membership, token):
    context = {
        "cooperative": membership.cooperative,
        "url": invitation_url(request, token),
        "days": VALIDITY.days,
    }
    send_mail(
        subject=render_to_string("cooperatives/email/invitation_subject.txt", context).strip(),
        message=render_to_string("cooperatives/email/invitation.txt", context),
        from_email=None,
        recipient_list=[membership.email],
    )


@transaction.atomic
def redeem(token):
    """Use a link once: returns its membership, with a user account (made if needed), or None."""
    from accounts.models import User

    invitation = (
        Invitation.objects.select_for_update()
        .usable()
        .select_related("membership__cooperative")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        return None
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    membership = invitation.membership
    if membership.user is None:
        user = User.objects.filter(email=membership.email).first()
        if user is None:
            user = User.objects.create_user(email=membership.email)  # no password until chosen
        membership.user = user
        membership.save(update_fields=["user"])
    return membership


def add_and_invite(request, cooperative, emails, *, role, send_email):
    """Add the new addresses as members; returns (added memberships, already members)."""
    from accounts.models import User

    existing = set(cooperative.memberships.filter(email__in=emails).values_list("email", flat=True))
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    added = []
    with transaction.atomic():
        for email in emails:
            if email in existing:
                continue
            added.append(
                Membership.objects.create(
                    cooperative=cooperative, email=email, role=role, user=users.get(email)
                )
            )
    if send_email:
        for membership in added:
            _invitation, token = issue(membership, created_by=request.user)
            send(request, membership, token)
    return added, sorted(existing)

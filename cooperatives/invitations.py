"""Personal invitations: a link (by email or printed as a QR code) that brings a member into
their cooperative. Tokens carry 192 random bits; the database keeps only their SHA-256.

A link never logs into an account that already exists: whoever printed or forwarded it (the
facilitator first) would then be that person. It makes an account only for an address that has
none; otherwise the address's owner logs in as usual and the link adds the membership.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.signed import hash_token, new_token
from cooperatives import outbox
from cooperatives.models import Invitation, Membership, OutgoingEmail

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
    """Email the link; True when sent (and counted), False when the mail server failed."""
    context = {
        "cooperative": membership.cooperative,
        "url": invitation_url(request, token),
        "days": VALIDITY.days,
    }
    sent = outbox.deliver(
        render_to_string("cooperatives/email/invitation_subject.txt", context),
        render_to_string("cooperatives/email/invitation.txt", context),
        membership.email,
    )
    if sent:
        outbox.record(
            membership.cooperative,
            request.user if request.user.is_authenticated else None,  # asked by the member
            OutgoingEmail.Kind.INVITATION,
            membership=membership,
        )
    return sent


def issue_and_send(request, membership):
    """A fresh emailed link; when the mail server fails, that link is revoked (nobody has it)."""
    creator = request.user if request.user.is_authenticated else None
    invitation, token = issue(membership, created_by=creator)
    if send(request, membership, token):
        return True
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    return False


def send_requested_links(request, email):
    """A member typed their address on the invitation page: each of that address's memberships
    not yet joined gets a fresh link, by email to the membership's own address only, unless one
    went out within the cooldown or its cooperative's daily cap is reached. Returns how many
    were sent; the page never says (run after the response: see invitation_views.new_link)."""
    sent = 0
    pending = Membership.objects.filter(email__iexact=email, user__isnull=True)
    for membership in pending.select_related("cooperative"):
        if outbox.member_in_cooldown(membership):
            continue
        if not outbox.emails_left_today(membership.cooperative, None):
            continue
        sent += issue_and_send(request, membership)
    return sent


# What redeeming a link did. USED and STALE are real links the visitor holds (192 random bits:
# not guessed), so the page may say what to do instead; an unknown token stays INVALID (404).
INVALID, NEW_ACCOUNT, JOINED, LOGIN_REQUIRED, WRONG_ACCOUNT, USED, STALE = (
    "invalid",
    "new_account",
    "joined",
    "login_required",
    "wrong_account",
    "used",
    "stale",
)


@dataclass
class Redemption:
    outcome: str
    membership: Membership | None = None
    account: object = None  # the account to log in (NEW_ACCOUNT only)


@transaction.atomic
def redeem(token, current_user):
    """Use a link for the person visiting (current_user, perhaps anonymous).

    - The address has no account: one is made (no password until chosen) and used once. It is
      verified only when the link came by email; a printed code was in the facilitator's hands.
    - It has one, and current_user is it: the membership is attached, the link used.
    - It has one, and the visitor is someone else or nobody: nothing happens (LOGIN_REQUIRED,
      WRONG_ACCOUNT); the link still works once its owner has logged in.
    """
    from accounts.models import User

    # Not select_related("membership__user"): PostgreSQL refuses FOR UPDATE on the nullable
    # side of an outer join.
    invitation = (
        Invitation.objects.select_for_update()
        .usable()
        .select_related("membership__cooperative")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        spent = Invitation.objects.filter(token_hash=hash_token(token or "")).first()
        if spent is None:
            return Redemption(INVALID)
        return Redemption(USED if spent.used_at else STALE)  # replaced, revoked or expired
    membership = invitation.membership
    owner = membership.user or User.objects.filter(email=membership.email).first()
    if owner is None:
        verified = invitation.channel == Invitation.Channel.EMAIL
        owner = User.objects.create_user(
            email=membership.email, email_verified_at=timezone.now() if verified else None
        )
        outcome = NEW_ACCOUNT
    elif (
        current_user.is_authenticated
        and current_user.pk == owner.pk
        and current_user.email == membership.email
    ):
        outcome = JOINED
    else:
        return Redemption(
            WRONG_ACCOUNT if current_user.is_authenticated else LOGIN_REQUIRED, membership
        )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    if membership.user_id is None:
        membership.user = owner
        membership.save(update_fields=["user"])
    return Redemption(outcome, membership, owner if outcome == NEW_ACCOUNT else None)


@dataclass
class Added:
    """What add_and_invite did, for the page's messages."""

    added: list = field(default_factory=list)
    already: list = field(default_factory=list)
    sent: int = 0
    over_cap: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def add_and_invite(request, cooperative, emails, *, role, send_email):
    """Add the new addresses as members (never linked to an account that has the address: its
    owner joins by logging in and using the link), then email as many links as today's cap
    allows. A failed send leaves the member added, reported in `failed`."""
    result = Added()
    existing = set(cooperative.memberships.filter(email__in=emails).values_list("email", flat=True))
    result.already = sorted(existing)
    with transaction.atomic():
        for email in emails:
            if email not in existing:
                result.added.append(
                    Membership.objects.create(cooperative=cooperative, email=email, role=role)
                )
    if send_email:
        left = outbox.emails_left_today(cooperative, request.user)
        for membership in result.added[:left]:
            if issue_and_send(request, membership):
                result.sent += 1
            else:
                result.failed.append(membership.email)
        result.over_cap = [m.email for m in result.added[left:]]
    return result

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
from django.urls import reverse
from django.utils import timezone

from accounts import mailqueue
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
def issue(membership, *, created_by, channel=Invitation.Channel.EMAIL, replace=True):
    """A fresh invitation; the member's earlier unused links stop working (with replace=False,
    only once the caller calls revoke(membership, keep=...): when the new one was delivered)."""
    now = timezone.now()
    if replace:
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


def revoke(membership, *, keep=None):
    usable = membership.invitations.usable()
    if keep is not None:
        usable = usable.exclude(pk=keep.pk)
    return usable.update(revoked_at=timezone.now())


def invitation_url(request, token):
    return request.build_absolute_uri(reverse("invitation", args=[token]))


def queue_link(request, membership, *, sender=None):
    """Queue a fresh personal link for this member: the row counts against the cap and the
    cooldown now; the worker makes the link and sends it (cooperatives.tasks). Only ids, the
    site's address and the language go into the queue, never the link."""
    from cooperatives import tasks  # the task module imports this one

    (row,) = outbox.record(
        membership.cooperative, sender, OutgoingEmail.Kind.INVITATION, membership=membership
    )
    tasks.send_invitation.enqueue(
        email_id=row.pk, base_url=mailqueue.base_url(request), language=mailqueue.language(request)
    )
    return row


def failed_now(rows):
    """Which of these rows already failed for good: only with a backend that sends at once
    (the tests'); with the worker, a row is pending here and the members page follows it."""
    return set(
        OutgoingEmail.objects.filter(
            pk__in=[r.pk for r in rows], status=OutgoingEmail.Status.FAILED
        ).values_list("pk", flat=True)
    )


def send_requested_links(request, email):
    """A member typed their address on the invitation page: each of that address's memberships
    not yet joined gets a fresh link, by email to the membership's own address only, unless one
    went out within the cooldown or its cooperative's daily cap is reached. Returns how many
    were queued; the page never says (run after the response: see invitation_views.new_link)."""
    sent = 0
    pending = Membership.objects.filter(email__iexact=email, user__isnull=True)
    for membership in pending.select_related("cooperative"):
        if outbox.member_in_cooldown(membership):
            continue
        if not outbox.emails_left_today(membership.cooperative, None):
            continue
        queue_link(request, membership)
        sent += 1
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
    owner joins by logging in and using the link), then queue as many links as today's cap
    allows (`sent`). The worker sends them; the members page shows each one's status."""
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
        rows = [queue_link(request, m, sender=request.user) for m in result.added[:left]]
        failed = failed_now(rows)
        result.failed = [r.membership.email for r in rows if r.pk in failed]
        result.sent = len(rows) - len(result.failed)
        result.over_cap = [m.email for m in result.added[left:]]
    return result

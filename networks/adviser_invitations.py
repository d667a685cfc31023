"""An adviser adds another adviser to their network by email address, as a cooperative adds
its members (cooperatives.invitations): a personal link of 192 random bits made by the worker
when it sends (accounts.signed; only its SHA-256 is stored), single use, valid as long as a
member's link (cooperatives.invitations.VALIDITY), replaced by a newer one.

Stricter than a member's link, because the role reads the network's figures and what
cooperatives granted: it never makes an account and never logs anyone in. It adds the role
only to the account logged in whose confirmed address is the invited one; a forwarded or
intercepted link gives nothing to anybody else, and the address's owner logs in (or signs up
and confirms their address) as usual first.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.signed import hash_token
from cooperatives.models import OutgoingEmail
from networks import emails
from networks.models import Adviser, AdviserInvitation

INVALID, JOINED, ALREADY, LOGIN_REQUIRED, WRONG_ACCOUNT, UNVERIFIED, SPENT = (
    "invalid",
    "joined",
    "already",
    "login_required",
    "wrong_account",
    "unverified",
    "spent",
)


@dataclass
class Invited:
    """What invite() did, for the page's messages."""

    queued: list = field(default_factory=list)
    already: list = field(default_factory=list)
    cooldown: list = field(default_factory=list)
    over_cap: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def invite(request, network, valid):
    """Invite these addresses (parsed and checked by networks.forms.AdviserInviteForm) to
    advise `network`: each one not yet an adviser gets a fresh link (an older pending one
    stops working), within the caps and the cooldown."""
    result = Invited()
    advisers = set(
        network.advisers.filter(user__email__in=valid).values_list("user__email", flat=True)
    )
    left = emails.adviser_emails_left_today(network, request.user)
    for email in valid:
        if email in advisers:
            result.already.append(email)
        elif emails.in_cooldown(network, email):
            result.cooldown.append(email)
        elif left <= 0:
            result.over_cap.append(email)
        else:
            with transaction.atomic():
                network.adviser_invitations.pending().filter(email=email).update(
                    revoked_at=timezone.now()
                )
                invitation = AdviserInvitation.objects.create(
                    network=network, email=email, invited_by=request.user
                )
            emails.queue_adviser_invitation(request, invitation)
            left -= 1
            invitation.refresh_from_db(fields=["email_status"])
            # Failed at once: only with a backend that sends in the request (the tests').
            if invitation.email_status == OutgoingEmail.Status.FAILED:
                result.failed.append(email)
            else:
                result.queued.append(email)
    return result


def withdraw(network, pk):
    """Withdraw a pending invitation of this network (its link stops working)."""
    return network.adviser_invitations.pending().filter(pk=pk).update(revoked_at=timezone.now()) > 0


@dataclass
class Redemption:
    outcome: str
    network: object = None


@transaction.atomic
def redeem(token, user):
    """Use a link for the person visiting. The role is added only when `user` is logged in
    with a confirmed address equal to the invited one; otherwise nothing happens and the link
    still works for its owner."""
    invitation = (
        AdviserInvitation.objects.select_for_update()
        .usable()
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        known = AdviserInvitation.objects.filter(token_hash=hash_token(token or "")).exists()
        return Redemption(SPENT if known else INVALID)
    network = invitation.network
    if not user.is_authenticated:
        return Redemption(LOGIN_REQUIRED, network)
    if user.email.lower() != invitation.email.lower():
        return Redemption(WRONG_ACCOUNT, network)
    if not user.is_verified:
        return Redemption(UNVERIFIED, network)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    _adviser, created = Adviser.objects.get_or_create(network=network, user=user)
    return Redemption(JOINED if created else ALREADY, network)

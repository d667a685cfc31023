from django.db import transaction
from django.utils.text import slugify

from cooperatives.models import Cooperative, Membership


def unique_slug(name):
    base = slugify(name)[:70] or "cooperative"
    slug, n = base, 1
    while Cooperative.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_cooperative(user, *, name, legal_form, departement, headcount):
    cooperative = Cooperative.objects.create(
        name=name,
        slug=unique_slug(name),
        legal_form=legal_form,
        departement=departement,
        headcount=headcount,
    )
    Membership.objects.create(
        cooperative=cooperative, user=user, email=user.email, role=Membership.Role.FACILITATOR
    )
    return cooperative


def attach_pending_memberships(user):
    """Link the memberships added under this email before the person had an account.

    Only once the address is verified: otherwise whoever typed it at sign-up, or held a printed
    code for it, would get every membership (a facilitator's role included) meant for its owner.
    """
    if not user.is_verified:
        return []
    pending = Membership.objects.filter(email=user.email.lower(), user__isnull=True)
    cooperatives = [m.cooperative for m in pending.select_related("cooperative")]
    pending.update(user=user)
    return cooperatives


def attach_on_verification(sender, user, **kwargs):
    """Receiver of accounts' ``address_verified``: the names of the cooperatives joined."""
    return [cooperative.name for cooperative in attach_pending_memberships(user)]


class LastFacilitatorError(Exception):
    """A cooperative must always keep at least one facilitator."""


def other_facilitators_exist(membership):
    # Lock the cooperative's facilitators so two concurrent changes cannot both pass the check.
    facilitators = list(
        Membership.objects.select_for_update()
        .filter(cooperative_id=membership.cooperative_id)
        .facilitators()
        .values_list("pk", flat=True)
    )
    return any(pk != membership.pk for pk in facilitators)


@transaction.atomic
def remove_member(membership):
    if membership.is_facilitator and not other_facilitators_exist(membership):
        raise LastFacilitatorError
    membership.delete()


@transaction.atomic
def change_role(membership, role):
    demoting = membership.is_facilitator and role != membership.role
    if demoting and not other_facilitators_exist(membership):
        raise LastFacilitatorError
    membership.role = role
    membership.save(update_fields=["role"])

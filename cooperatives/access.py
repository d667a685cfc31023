"""The one way into a cooperative's pages: every view of a cooperative goes through here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative, Membership


def get_cooperative_for(request, slug, *, facilitator=False):
    """Return (cooperative, membership) of the logged-in user.

    An outsider gets the same 404 as a missing cooperative, so slugs reveal nothing;
    a member asking for a facilitator page gets 403.
    """
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("cooperative")
        .filter(user=request.user, cooperative__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404(_("Coopérative introuvable."))
    if facilitator and not membership.is_facilitator:
        raise PermissionDenied(_("Cette page est réservée aux animateur·rices."))
    return membership.cooperative, membership


def memberships_of(user):
    return Membership.objects.filter(user=user).select_related("cooperative")


__all__ = ["Cooperative", "get_cooperative_for", "memberships_of"]

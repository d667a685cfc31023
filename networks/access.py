"""The one way into a network's pages (its advisers') and to what a cooperative granted one of
them. Like the cooperative's door: an outsider — an adviser of another network included — gets
the same 404 as a missing network, so slugs reveal nothing; a person of a cooperative that the
network invited or counts (its facilitator, say) knows the network exists and gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from cooperatives.models import Membership
from networks.models import Adviser, AdviserGrant, Network, NetworkMembership


def get_network_for(request, slug):
    """(network, adviser) of the logged-in adviser of the network `slug`."""
    if not request.user.is_authenticated:
        raise Http404
    adviser = (
        Adviser.objects.select_related("network")
        .filter(user=request.user, network__slug=slug)
        .first()
    )
    if adviser is not None:
        return adviser.network, adviser
    knows_it = Membership.objects.filter(
        user=request.user, cooperative__network_memberships__network__slug=slug
    ).exists()
    if knows_it:
        raise PermissionDenied(_("Cette page est réservée aux accompagnateur·rices du réseau."))
    raise Http404(_("Réseau introuvable."))


def get_granted_cooperative_for(request, slug, cooperative_slug):
    """(network, adviser, cooperative) for an adviser whom the cooperative granted read access,
    while the cooperative is in the network: a grant of a cooperative that left, or no grant,
    is the same 404 as a missing cooperative."""
    network, adviser = get_network_for(request, slug)
    grant = get_object_or_404(
        AdviserGrant.objects.select_related("cooperative"),
        adviser=adviser,
        cooperative__slug=cooperative_slug,
        cooperative__network_memberships__network=network,
        cooperative__network_memberships__status="accepted",
    )
    return network, adviser, grant.cooperative


def networks_of(user):
    """The networks `user` advises, for the navigation."""
    if not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.filter(advisers__user=user)


def invitations_for(user):
    """The invitations waiting for an answer from a cooperative `user` facilitates, for the
    notice on their home page (one query)."""
    if not user.is_authenticated:
        return NetworkMembership.objects.none()
    return (
        NetworkMembership.objects.invited()
        .filter(
            cooperative__memberships__user=user,
            cooperative__memberships__role=Membership.Role.FACILITATOR,
        )
        .select_related("network", "cooperative")
        .order_by("cooperative__name", "network__name")
    )

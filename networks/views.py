"""A network's pages for its advisers, and the cooperative's decisions about its networks.

Adviser pages go through `networks.access`; the cooperative's decisions (accept, refuse, leave,
share a session, grant an adviser access) are its facilitator's, through the cooperative's own
door. Every change is a POST; bad input gets a message and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from diagnostics import scoring
from diagnostics.access import get_session_for
from networks import pages, services
from networks.access import get_granted_cooperative_for, get_network_for
from networks.forms import InviteForm


def _cooperatives_page(request, network, adviser, form, status=200):
    memberships = network.memberships.select_related("cooperative").order_by("cooperative__name")
    granted = set(adviser.grants.values_list("cooperative_id", flat=True))
    return render(
        request,
        "networks/cooperatives.html",
        {
            "network": network,
            "adviser": adviser,
            "memberships": memberships,
            "granted": granted,
            "form": form,
        },
        status=status,
    )


@login_required
def cooperatives(request, slug):
    """The network's cooperatives and their answer to its invitation (no figure here)."""
    network, adviser = get_network_for(request, slug)
    return _cooperatives_page(request, network, adviser, InviteForm())


@require_POST
@login_required
def invite(request, slug):
    network, adviser = get_network_for(request, slug)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _cooperatives_page(request, network, adviser, form, status=400)
    cooperative = form.cleaned_data["cooperative"]
    membership, created = services.invite(network, cooperative, request.user)
    if created:
        messages.success(
            request,
            _("« %s » est invitée : son animateur·rice acceptera ou refusera.") % cooperative.name,
        )
    else:
        messages.info(
            request,
            _("« %(name)s » est déjà dans la liste (%(status)s).")
            % {"name": cooperative.name, "status": membership.get_status_display()},
        )
    return redirect("networks:cooperatives", network.slug)


@login_required
def cooperative(request, slug, cooperative_slug):
    """What a cooperative granted this adviser: its closed sessions whose results are shown,
    each leading to its results, priorities and plan (read only, never answers or sheets)."""
    network, adviser, coop = get_granted_cooperative_for(request, slug, cooperative_slug)
    closed = list(coop.sessions.filter(status="closed").order_by("-closed_at"))
    sessions = [
        session
        for session, counts in scoring.participation_by_session(closed)
        if scoring.final_results_visible(session, counts.submitted)
    ]
    return render(
        request,
        "networks/cooperative.html",
        {
            "network": network,
            "adviser": adviser,
            "shown": coop,
            "sessions": sessions,
            "session_url": pages.LINKS["adviser_session"],
        },
    )


# --- The cooperative's decisions (its facilitator) ---------------------------------------------


def _members_page(cooperative):
    return redirect("cooperatives:members", cooperative.slug)


@require_POST
@login_required
def answer(request, slug, pk):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    invitation = get_object_or_404(cooperative.network_memberships.select_related("network"), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("accept", "refuse"):
        messages.error(request, _("Choisissez d’accepter ou de refuser l’invitation."))
    elif not services.answer(invitation, accept=decision == "accept"):
        messages.error(request, _("Cette invitation n’attend plus de réponse."))
    elif decision == "accept":
        messages.success(request, _("Votre coopérative a rejoint « %s ».") % invitation.network)
    else:
        messages.success(request, _("Invitation de « %s » refusée.") % invitation.network)
    return _members_page(cooperative)


@require_POST
@login_required
def leave(request, slug, pk):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    membership = get_object_or_404(cooperative.network_memberships.select_related("network"), pk=pk)
    if services.leave(membership):
        messages.success(
            request,
            _(
                "Votre coopérative a quitté « %s » : ses sessions partagées ne comptent plus "
                "dans les chiffres du réseau."
            )
            % membership.network,
        )
    else:
        messages.error(request, _("Votre coopérative n’est pas membre de ce réseau."))
    return _members_page(cooperative)


@require_POST
@login_required
def grant(request, slug):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    adviser = services.adviser_of_networks_of(cooperative, request.POST.get("adviser"))
    if adviser is None:
        messages.error(request, _("Choisissez un·e accompagnateur·rice d’un de vos réseaux."))
    else:
        services.grant(cooperative, adviser, request.user)
        messages.success(
            request,
            _("%s peut lire vos résultats, vos priorités et votre plan d’action.") % adviser.user,
        )
    return _members_page(cooperative)


@require_POST
@login_required
def revoke_grant(request, slug, pk):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    access = get_object_or_404(cooperative.adviser_grants.select_related("adviser__user"), pk=pk)
    access.delete()
    messages.success(request, _("L’accès de %s est retiré.") % access.adviser.user)
    return _members_page(cooperative)


@require_POST
@login_required
def share(request, slug, pk):
    """« Partager avec le réseau » on or off for one closed session."""
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    choice = request.POST.get("share")
    if choice == "on":
        try:
            services.share_session(session, request.user)
        except services.NotShareable as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Cette session est partagée avec vos réseaux."))
    elif choice == "off":
        services.unshare_session(session)
        messages.success(
            request, _("Cette session n’est plus partagée : elle a quitté les chiffres du réseau.")
        )
    else:
        messages.error(request, _("Choisissez de partager ou de ne plus partager la session."))
    return redirect(session)

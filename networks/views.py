"""A network's pages for its advisers, and the cooperative's decisions about its networks.

Adviser pages go through `networks.access`; the cooperative's decisions (accept, refuse, leave,
share a session, grant an adviser access) are its facilitator's, through the cooperative's own
door. Every change is a POST; bad input gets a message and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import throttle
from cooperatives.access import get_cooperative_for
from diagnostics import scoring
from diagnostics.access import get_session_for
from networks import adviser_invitations, emails, pages, services
from networks.access import get_granted_cooperative_for, get_network_for
from networks.forms import AdviserInviteForm, InviteForm


def _cooperatives_page(request, network, adviser, form=None, adviser_form=None, status=200):
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
            "form": form or InviteForm(),
            "advisers": network.advisers.select_related("user").order_by("user__email"),
            "adviser_invitations": network.adviser_invitations.pending().order_by("email"),
            "adviser_form": adviser_form or AdviserInviteForm(),
        },
        status=status,
    )


@login_required
def cooperatives(request, slug):
    """The network's cooperatives and their answer to its invitation (no figure here), its
    advisers and the advisers it invited."""
    network, adviser = get_network_for(request, slug)
    return _cooperatives_page(request, network, adviser)


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
        if emails.tell_facilitators(request, membership, request.user):
            messages.info(request, _("Un e-mail prévient ses animateur·rices."))
        else:
            messages.info(
                request,
                _(
                    "Aucun e-mail n’est parti (votre adresse n’est pas confirmée, le réseau lui "
                    "a déjà écrit ce mois-ci ou la limite du jour est atteinte) : ses "
                    "animateur·rices verront l’invitation en se connectant."
                ),
            )
    else:
        messages.info(
            request,
            _("« %(name)s » est déjà dans la liste (%(status)s).")
            % {"name": cooperative.name, "status": membership.get_status_display()},
        )
    return redirect("networks:cooperatives", network.slug)


@require_POST
@login_required
def withdraw(request, slug, pk):
    """The adviser withdraws a pending invitation of their network's."""
    network, _adviser = get_network_for(request, slug)
    membership = get_object_or_404(network.memberships.select_related("cooperative"), pk=pk)
    if services.withdraw(membership):
        messages.success(
            request, _("L’invitation de « %s » est retirée.") % membership.cooperative.name
        )
    else:
        messages.error(
            request,
            _("« %s » a déjà répondu : seule une invitation en attente peut être retirée.")
            % membership.cooperative.name,
        )
    return redirect("networks:cooperatives", network.slug)


@require_POST
@login_required
def invite_adviser(request, slug):
    network, adviser = get_network_for(request, slug)
    form = AdviserInviteForm(request.POST, sender=request.user)
    if not form.is_valid():
        return _cooperatives_page(request, network, adviser, adviser_form=form, status=400)
    result = adviser_invitations.invite(request, network, form.cleaned_data["emails"])
    if result.queued:
        messages.success(
            request,
            _(
                "Invitation envoyée par e-mail à %s : le lien ne vaut que pour le compte de "
                "cette adresse."
            )
            % ", ".join(result.queued),
        )
    if result.already:
        messages.info(
            request, _("Déjà accompagnateur·rice du réseau : %s.") % ", ".join(result.already)
        )
    if result.cooldown:
        messages.info(
            request,
            _("Une invitation vient de partir pour %s : attendez un quart d’heure.")
            % ", ".join(result.cooldown),
        )
    if result.over_cap:
        messages.warning(
            request,
            _("Limite d’e-mails du jour atteinte : rien n’est parti pour %s.")
            % ", ".join(result.over_cap),
        )
    if result.failed:
        messages.error(request, _("L’e-mail n’a pas pu partir pour %s.") % ", ".join(result.failed))
    return redirect("networks:cooperatives", network.slug)


@require_POST
@login_required
def withdraw_adviser_invitation(request, slug, pk):
    network, _adviser = get_network_for(request, slug)
    invitation = get_object_or_404(network.adviser_invitations, pk=pk)
    if adviser_invitations.withdraw(network, invitation.pk):
        messages.success(request, _("L’invitation de %s est retirée.") % invitation.email)
    else:
        messages.error(request, _("Cette invitation n’est plus en attente."))
    return redirect("networks:cooperatives", network.slug)


def adviser_invitation(request, token):
    """GET shows a button, POST uses the link (mail scanners that follow links do not burn it).
    It never logs anyone in: the role goes only to the logged-in account of the address."""
    if throttle.is_blocked(request, throttle.TOKEN):
        return throttle.too_many_attempts(request)
    if request.method != "POST":
        return render(request, "networks/adviser_invitation.html")
    result = adviser_invitations.redeem(token, request.user)
    if result.outcome == adviser_invitations.INVALID:
        throttle.record_failure(request, throttle.TOKEN)
        return render(request, "networks/adviser_invitation_invalid.html", status=404)
    if result.outcome == adviser_invitations.SPENT:
        return render(
            request, "networks/adviser_invitation_invalid.html", {"spent": True}, status=410
        )
    if result.outcome == adviser_invitations.LOGIN_REQUIRED:
        messages.info(
            request,
            _(
                "Connectez-vous avec l’adresse à laquelle l’invitation a été envoyée (ou créez "
                "votre compte avec elle et confirmez-la), puis ouvrez de nouveau le lien."
            ),
        )
        return redirect_to_login(request.path)
    if result.outcome in (adviser_invitations.WRONG_ACCOUNT, adviser_invitations.UNVERIFIED):
        return render(
            request,
            "networks/adviser_invitation_refused.html",
            {"unverified": result.outcome == adviser_invitations.UNVERIFIED},
            status=403,
        )
    messages.success(
        request, _("Vous accompagnez désormais les coopératives de « %s ».") % result.network
    )
    # A URL without the token: it stays out of history and Referer headers.
    return redirect("networks:dashboard", result.network.slug)


@login_required
def cooperative(request, slug, cooperative_slug):
    """What a cooperative granted this adviser: its closed sessions whose results are shown and
    passed their own k (services.readable_outside), each leading to its results, priorities
    and plan (read only, never answers or sheets)."""
    network, adviser, coop = get_granted_cooperative_for(request, slug, cooperative_slug)
    closed = list(coop.sessions.filter(status="closed").order_by("-closed_at"))
    sessions = [
        session
        for session, counts in scoring.participation_by_session(closed)
        if services.readable_outside(session, counts.submitted)
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

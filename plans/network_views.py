"""What plans adds to a cooperative's networks (issue 16): the plan shared on purpose, and the
adviser's read-only view of one session a cooperative let them read.

The plan is plans' to read, so sharing it happens here and is pushed into networks with plain
values (theme codes, action titles: never owners, descriptions or notes). The adviser's view
goes through networks' door for granted cooperatives and shows results, priorities and plan —
the numbers come from diagnostics.scoring, as on the cooperative's own results page; never an
answer or a sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diagnostics import scoring
from diagnostics.access import get_session_for
from networks import services as network_services
from networks.access import get_granted_cooperative_for
from plans import priorities


def plan_summary(session):
    """(priority theme codes, action titles) of a session's plan: what sharing it sends."""
    themes = [theme.code for theme in priorities.chosen(session)]
    titles = list(
        session.actions.exclude(status="dropped")
        .order_by("theme__order", "position", "pk")
        .values_list("title", flat=True)
    )
    return themes, titles


@require_POST
@login_required
def share_plan(request, slug, pk):
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    choice = request.POST.get("share")
    if choice == "on":
        if not scoring.final_results_visible(session, scoring.participation(session).submitted):
            messages.error(
                request,
                _(
                    "Seul le plan d’une session clôturée dont les résultats sont affichés "
                    "peut être partagé."
                ),
            )
        else:
            network_services.share_plan(session, *plan_summary(session))
            messages.success(request, _("Le plan d’action est partagé avec vos réseaux."))
    elif choice == "off":
        network_services.unshare_plan(session)
        messages.success(request, _("Le plan d’action n’est plus partagé."))
    else:
        messages.error(request, _("Choisissez de partager ou de ne plus partager le plan."))
    return redirect(session)


@login_required
def adviser_session(request, slug, cooperative_slug, pk):
    network, adviser, cooperative = get_granted_cooperative_for(request, slug, cooperative_slug)
    session = get_object_or_404(cooperative.sessions.select_related("cooperative"), pk=pk)
    state = scoring.results_state(session)
    # Only what the cooperative's final results show, from at least its own k sheets (open
    # mode included): a session still open, or below its k, is the same 404 as a missing one.
    if state.results is None or not network_services.readable_outside(
        session, state.participation.submitted
    ):
        raise Http404(_("Session introuvable."))
    chosen = priorities.chosen(session)
    actions = session.actions.select_related("theme").order_by("theme__order", "position", "pk")
    return render(
        request,
        "plans/adviser_session.html",
        {
            "network": network,
            "shown": cooperative,
            "session": session,
            "results": state.results,
            "chosen": chosen,
            "actions": actions,
        },
    )

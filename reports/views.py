"""The pages around the files (the person's data, the cooperative's data) and the download views:
one per audience of the registry, each checking access through its usual door, then
`registry.download`."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from diagnostics.access import get_session_for
from exercises import services as exercises
from networks import figures
from networks.access import get_network_for
from plans.views import with_visible_results
from reports import network_files, personal_data, registry
from reports.forms import DeleteAccountForm, DeleteCooperativeForm
from reports.paper_quiz import PaperQuiz


@login_required
@with_visible_results(facilitator=True)
def session_file(request, session, membership, submitted, *, name):
    return registry.download(name, registry.SessionFile(session, submitted))


@login_required
def paper_quiz_file(request, slug, pk, *, name):
    """The printable quiz, before the close: a closed session takes no more sheets, and a
    members-only one no paper sheet (it names nobody)."""
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    if session.is_closed or session.members_only:
        if session.is_closed:
            messages.error(request, _("La session est clôturée : elle ne prend plus de réponses."))
        else:
            messages.error(
                request,
                _(
                    "Cette session est réservée aux membres inscrits : elle ne prend pas de "
                    "feuilles papier."
                ),
            )
        return redirect(session)
    subject = PaperQuiz(
        session,
        join_url=request.build_absolute_uri(session.get_join_url()),
        code_url=request.build_absolute_uri(reverse("answers:by_code")),
    )
    return registry.download(name, subject)


@login_required
def cooperative_file(request, slug, *, name):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    return registry.download(name, cooperative)


@login_required
def network_file(request, slug, *, name):
    """The dashboard's figures of one cell, for the network's advisers (networks.access)."""
    network, _adviser = get_network_for(request, slug)
    try:
        board = figures.dashboard(network, request.GET.get("filtre", ""))
    except ValueError:
        messages.error(
            request,
            _("Ce filtre n’existe pas pour ce réseau ou n’y est pas proposé : "
              "rien n’a été exporté."),  # fmt: skip
        )
        return redirect("networks:dashboard", network.slug)
    return registry.download(name, network_files.NetworkFile(network, board))


@login_required
def charter_file(request, slug, *, name):
    """The charter in force, for every member: the team's shared rule, with no answer in it."""
    cooperative, _membership = get_cooperative_for(request, slug)
    charter = exercises.current_charter(cooperative)
    if charter is None:
        messages.info(request, _("La coopérative n’a pas encore adopté de charte."))
        return redirect("exercises:charter", cooperative.slug)
    return registry.download(name, charter)


@login_required
def personal_file(request, *, name):
    return registry.download(name, request.user)


# The view that checks each audience (reports/urls.py serves every entry of the registry by it).
VIEWS = {
    registry.SESSION_FACILITATORS: session_file,
    registry.PAPER_FACILITATORS: paper_quiz_file,
    registry.COOPERATIVE_FACILITATORS: cooperative_file,
    registry.THE_PERSON: personal_file,
    registry.CHARTER_READERS: charter_file,
    registry.NETWORK_ADVISERS: network_file,
}


@login_required
def cooperative_data(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    form = DeleteCooperativeForm(request.POST or None, cooperative=cooperative)
    if request.method == "POST" and form.is_valid():
        name = cooperative.name
        cooperative.delete()
        messages.success(
            request, _("La coopérative « %s » et toutes ses données sont supprimées.") % name
        )
        return redirect("home")
    return render(
        request,
        "reports/cooperative_data.html",
        {"cooperative": cooperative, "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def my_data(request):
    return render(request, "reports/my_data.html", {"form": DeleteAccountForm(user=request.user)})


@require_POST
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "reports/my_data.html", {"form": form}, status=400)
    try:
        personal_data.delete_account(request.user)
    except personal_data.LastFacilitatorOfError as error:
        names = ", ".join(c.name for c in error.cooperatives)
        messages.error(
            request,
            _(
                "Vous êtes le ou la seule animateur·rice de : %s. Nommez une autre personne "
                "animateur·rice (ou supprimez la coopérative) avant de supprimer votre compte."
            )
            % names,
        )
        return redirect("reports:my_data")
    logout(request)
    messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
    return redirect("home")

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives import services
from cooperatives.access import get_cooperative_for
from cooperatives.forms import AddMemberForm, CooperativeForm
from diagnostics.services import participation_by_session


@login_required
def create(request):
    form = CooperativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cooperative = services.create_cooperative(request.user, **form.cleaned_data)
        messages.success(request, _("La coopérative « %s » est créée.") % cooperative.name)
        return redirect(cooperative)
    return render(request, "cooperatives/create.html", {"form": form})


@login_required
def dashboard(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    sessions = list(cooperative.sessions.all())
    return render(
        request,
        "cooperatives/dashboard.html",
        {
            "cooperative": cooperative,
            "membership": membership,
            "sessions": sessions,
            "participation": participation_by_session(sessions),
        },
    )


@login_required
def members(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    form = AddMemberForm(request.POST or None, cooperative=cooperative)
    if request.method == "POST" and form.is_valid():
        added = services.add_member(cooperative, **form.cleaned_data)
        messages.success(request, _("%s a été ajouté·e.") % added.email)
        return redirect("cooperatives:members", cooperative.slug)
    return render(
        request,
        "cooperatives/members.html",
        {
            "cooperative": cooperative,
            "membership": membership,
            "form": form,
            "memberships": cooperative.memberships.select_related("user"),
        },
    )


@require_POST
@login_required
def remove_member(request, slug, pk):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    target = get_object_or_404(cooperative.memberships, pk=pk)
    try:
        services.remove_member(target)
    except services.LastFacilitatorError:
        messages.error(
            request,
            _("Impossible : la coopérative doit garder au moins un·e animateur·rice."),
        )
    else:
        messages.success(request, _("%s a été retiré·e de la coopérative.") % target.email)
    return redirect("cooperatives:members", cooperative.slug)

"""The follow-up pages: the cooperative's dashboard (its sessions, the plans' follow-up and the
trend), compare two sessions, change an action's status quickly."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from diagnostics.scoring import participation_by_session
from exercises import services as exercises
from followup import charts, services
from followup.forms import ActionStatusForm, CompareForm
from plans import services as plans
from plans.models import Action
from plans.priorities import chosen

PARAMS = ("avant", "apres")


@login_required
def dashboard(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    sessions = list(cooperative.sessions.all())
    participation = participation_by_session(sessions)
    return render(
        request,
        "followup/dashboard.html",
        {
            "cooperative": cooperative,
            "membership": membership,
            "sessions": sessions,
            "participation": participation,
            # The plans' follow-up and the trend over sessions (issue 9): a few more queries.
            **services.dashboard_context(cooperative, participation),
            # The guide's exercises over time (issue 17): two queries.
            "exercises": exercises.overview(cooperative),
        },
    )


def _numeric(value):
    return value.isascii() and value.isdigit()


@login_required
def compare(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    sessions, comparable = services.comparable_of(cooperative)
    own = {session.pk for session in sessions}
    # Another cooperative's session is "not found", exactly like a missing one.
    for name in PARAMS:
        value = request.GET.get(name, "")
        if _numeric(value) and int(value) not in own:
            raise Http404
    context = {"cooperative": cooperative, "membership": membership, "comparable": comparable}
    status = 200
    if not any(name in request.GET for name in PARAMS):
        # By default, the last two: where the team stands now against the time before.
        data = None
        if len(comparable) >= 2:
            data = {"avant": comparable[-2][0].pk, "apres": comparable[-1][0].pk}
        form = CompareForm(data, comparable=comparable, sessions=sessions)
    else:
        form = CompareForm(request.GET, comparable=comparable, sessions=sessions)
    context["form"] = form
    if form.is_bound and form.is_valid():
        ((before, n_before), (after, n_after)), swapped = form.pair()
        if swapped:
            url = reverse("followup:compare", args=[cooperative.slug])
            return redirect(f"{url}?avant={before.pk}&apres={after.pk}")
        comparison = services.compare(
            services.analysis_of(before, n_before), services.analysis_of(after, n_after)
        )
        context.update(
            comparison=comparison,
            radar_svg=charts.comparison_radar(comparison),
            chart_data=charts.comparison_chart_data(comparison),
            actions=list(plans.actions_of(before)),
            # What the team chose to work on after the earlier session (issue 14).
            before_priorities=chosen(before),
        )
        context["targeted"] = comparison.targeted(context["actions"])
    elif form.is_bound:
        status = 400
    return render(request, "followup/compare.html", context, status=status)


def _back(request, cooperative):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(cooperative)


@require_POST
@login_required
def action_status(request, slug, action_pk):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    action = get_object_or_404(
        Action.objects.filter(session__cooperative=cooperative), pk=action_pk
    )
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("État inconnu : rien n’a été changé."))
    else:
        services.set_status(action, form.cleaned_data["status"])
        messages.success(
            request,
            _("État de « %(title)s » : %(status)s.")
            % {"title": action.title, "status": action.get_status_display()},
        )
    return _back(request, cooperative)

"""Facilitator and member pages of a diagnostic session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from diagnostics import services
from diagnostics.access import get_session_for
from diagnostics.forms import SessionForm


@login_required
def session_create(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.cooperative = cooperative
        session.questionnaire = services.guide_questionnaire()
        session.created_by = request.user
        session.save()
        messages.success(request, _("La session est créée. Ouvrez-la quand l’équipe est prête."))
        return redirect(session)
    return render(
        request,
        "diagnostics/session_form.html",
        {"cooperative": cooperative, "membership": membership, "form": form},
    )


@login_required
def session_edit(request, slug, pk):
    session, membership = get_session_for(request, slug, pk, facilitator=True)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La session est enregistrée."))
        return redirect(session)
    return render(
        request,
        "diagnostics/session_form.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "form": form,
            "session": session,
        },
    )


@login_required
def session_detail(request, slug, pk):
    session, membership = get_session_for(request, slug, pk)
    return render(
        request,
        "diagnostics/session_detail.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "session": session,
            "participation": services.participation(session),
            "join_url": request.build_absolute_uri(session.get_join_url()),
        },
    )


def _transition(request, slug, pk, action, done_message, refused_message):
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    try:
        action(session)
    except services.SessionStateError:
        messages.error(request, refused_message)
    else:
        messages.success(request, done_message)
    return redirect(session)


@require_POST
@login_required
def session_open(request, slug, pk):
    return _transition(
        request,
        slug,
        pk,
        services.open_session,
        _("La session est ouverte : partagez le lien avec l’équipe."),
        _("Seule une session en préparation peut être ouverte."),
    )


@require_POST
@login_required
def session_close(request, slug, pk):
    return _transition(
        request,
        slug,
        pk,
        services.close_session,
        _("La session est clôturée : plus aucune réponse n’est acceptée."),
        _("Seule une session ouverte peut être clôturée."),
    )


@login_required
def results(request, slug, pk):
    session, membership = get_session_for(request, slug, pk)
    counts = services.participation(session)
    reason = services.hidden_reason(session, counts.submitted)
    context = {
        "cooperative": session.cooperative,
        "membership": membership,
        "session": session,
        "participation": counts,
        "hidden_reason": reason,
    }
    if reason is None:
        result = services.compute_results(session, counts.submitted)
        context["results"] = result
        context["chart_data"] = result.chart_data
        context["radar_svg"] = services.radar_for(result)
    return render(request, "diagnostics/results.html", context)

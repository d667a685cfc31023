"""Consolidation and action plan of a closed session whose results are visible (its PDF and CSV
files are in reports)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diagnostics import scoring
from diagnostics.access import get_session_for
from plans import priorities, services
from plans.forms import ActionForm, ConsolidationForm
from plans.models import Action


def with_visible_results(*, facilitator):
    """Fetch the session through the user's cooperative, then require visible results.

    Before that (draft, open, or fewer answers than the threshold) there is nothing to consolidate
    or plan: the user is sent to the results page, which says why, with a message.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, slug, pk, **kwargs):
            session, membership = get_session_for(request, slug, pk, facilitator=facilitator)
            visible, submitted = services.results_visible(session)
            if not visible:
                messages.error(
                    request,
                    _(
                        "La réponse de l’équipe, le plan d’action et les exports sont disponibles "
                        "une fois la session clôturée et ses résultats visibles."
                    ),
                )
                return redirect("plans:results", slug, pk)
            return view(request, session, membership, submitted, **kwargs)

        return wrapper

    return decorate


def _analysis(session, submitted):
    return services.analyse(session, scoring.compute_results(session, submitted))


def _context(session, membership, **extra):
    return {
        "cooperative": session.cooperative,
        "membership": membership,
        "session": session,
        **extra,
    }


@login_required
@with_visible_results(facilitator=True)
def consolidate(request, session, membership, submitted):
    analysis = _analysis(session, submitted)
    form = ConsolidationForm(request.POST or None, analysis=analysis)
    if request.method == "POST" and form.is_valid():
        services.save_consolidation(session, form.choices(), request.user)
        messages.success(request, _("La réponse de l’équipe est enregistrée."))
        return redirect("plans:results", session.cooperative.slug, session.pk)
    return render(
        request,
        "plans/consolidate.html",
        _context(session, membership, form=form, analysis=analysis),
    )


@login_required
@with_visible_results(facilitator=False)
def plan(request, session, membership, submitted):
    analysis = _analysis(session, submitted)
    actions = services.actions_of(session)
    return render(
        request,
        "plans/plan.html",
        _context(
            session,
            membership,
            analysis=analysis,
            plan=services.plan_by_theme(analysis, actions),
            # The team's chosen priorities, or the proposed ones while it has chosen none.
            decision=priorities.decide(session, analysis.priorities(None)),
        ),
    )


def _action_form(request, session, membership, action=None):
    initial = {}
    # ASCII digits only: '²' passes str.isdigit() but int() refuses it (a 500).
    theme = request.GET.get("theme", "")
    if action is None and theme.isascii() and theme.isdigit() and len(theme) <= 9:
        initial["theme"] = int(request.GET["theme"])
    # From the method page: the step and the statement the action answers (issue 14). A value
    # that is not one of the form's choices is only left out of the prefill, never a 500.
    statement = request.GET.get("statement", "")
    if action is None and statement.isascii() and statement.isdigit() and len(statement) <= 9:
        initial["statement"] = int(statement)
    if action is None and request.GET.get("step") in Action.Step.values:
        initial["step"] = request.GET["step"]
    form = ActionForm(request.POST or None, instance=action, initial=initial, session=session)
    if request.method == "POST" and form.is_valid():
        services.save_action(form.build_action(), theme_changed="theme" in form.changed_data)
        messages.success(request, _("L’action est enregistrée."))
        return redirect("plans:plan", session.cooperative.slug, session.pk)
    return render(
        request, "plans/action_form.html", _context(session, membership, form=form, action=action)
    )


@login_required
@with_visible_results(facilitator=True)
def action_create(request, session, membership, submitted):
    return _action_form(request, session, membership)


@login_required
@with_visible_results(facilitator=True)
def action_edit(request, session, membership, submitted, action_pk):
    return _action_form(
        request, session, membership, get_object_or_404(session.actions, pk=action_pk)
    )


@login_required
@with_visible_results(facilitator=True)
def action_delete(request, session, membership, submitted, action_pk):
    action = get_object_or_404(session.actions.select_related("theme"), pk=action_pk)
    if request.method == "POST":
        action.delete()
        messages.success(
            request, _("L’action « %(title)s » est supprimée.") % {"title": action.title}
        )
        return redirect("plans:plan", session.cooperative.slug, session.pk)
    return render(request, "plans/action_delete.html", _context(session, membership, action=action))


@require_POST
@login_required
@with_visible_results(facilitator=True)
def action_move(request, session, membership, submitted, action_pk, offset):
    action = get_object_or_404(session.actions, pk=action_pk)
    if not services.move_action(action, offset):
        messages.info(request, _("L’action est déjà à cette extrémité de la liste."))
    plan_url = reverse("plans:plan", args=[session.cooperative.slug, session.pk])
    return redirect(f"{plan_url}#action-{action.pk}")

"""A session's results, its priorities and the five-step method for one theme (members and
facilitators): the pages that read a session's results through the plan's analysis.

The results page composes the scores (diagnostics), the guide (fiches) and the plan (plans):
it lives here, at the top of what it composes. Its review of the previous session's plan is
plans' own (`plans.review`). Every page shows data only when the session's results are
visible, with the same rule and the same explanation; otherwise it answers 200 with the
explanation alone.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from diagnostics import publication
from diagnostics.access import get_session_for
from diagnostics.models import Theme
from networks import figures
from plans import decision_views, review, services
from plans.method_guide import method_guide
from plans.priorities import agreed_scores, rank_priorities
from plans.session_context import results_context


@login_required
def results(request, slug, pk):
    session, membership = get_session_for(request, slug, pk)
    # A follow-up session opens on the review of the previous plan (issue 9).
    context, state = results_context(session, membership, review=review.review_of(session))
    if state.results is not None:
        context["results"] = state.results
        context["left_out"] = publication.left_out(session, state.participation.submitted)
        # The chart and radar with the consolidated dataset, disagreement and "?" shares.
        context.update(services.results_extra(session, state.results))
        # Where the cooperative stands in its networks (issue 16), beside its own scores.
        context["network_positions"] = figures.positions_for(
            session.cooperative, {t.theme.code: (t.theme, t.score) for t in state.results.themes}
        )
    return render(request, "plans/results.html", context)


@login_required
def priorities(request, slug, pk):
    """Every theme ranked, and the team's choice of 1 to 3 priorities: the facilitator ticks and
    posts them here (members see the result; `plans.decision_views.choose_priorities`)."""
    session, membership = get_session_for(request, slug, pk)
    if request.method == "POST":
        return decision_views.choose_priorities(request, session, membership)
    return decision_views.priorities_page(request, session, membership)


@login_required
def method(request, slug, pk, theme_code):
    session, membership = get_session_for(request, slug, pk)
    theme = get_object_or_404(Theme, questionnaire_id=session.questionnaire_id, code=theme_code)
    context, state = results_context(session, membership, theme=theme)
    results = state.results
    if results is not None:
        ranked = rank_priorities(results, agreed_scores(session))
        priority = next(p for p in ranked if p.theme.code == theme_code)
        context["priority"] = priority

        def session_fiche_url(number):
            return reverse("plans:session_fiche", args=[slug, pk, number])

        context["steps"] = method_guide(priority, fiche_url=session_fiche_url)
        # « Ajouter une action à cette étape » proposes the weakest statement first.
        weak = priority.weak_statements
        context["default_statement"] = weak[0].statement.pk if weak else None
    return render(request, "plans/method.html", context)

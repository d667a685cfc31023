"""A session's priorities and the five-step method for one theme (members and facilitators).

Both pages show data only when the session's results are visible, with the same rule and the
same explanation as the results page; otherwise they answer 200 with the explanation alone.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from diagnostics import services
from diagnostics.access import get_session_for
from diagnostics.models import Theme
from fiches.method_guide import method_guide
from plans.priorities import rank_priorities


def _session_context(session, membership):
    """The page's context and the session's results, or None while they are hidden."""
    state = services.results_state(session)
    context = {
        "cooperative": session.cooperative,
        "membership": membership,
        "session": session,
        "participation": state.participation,
        "hidden_reason": state.hidden_reason,
    }
    return context, state.results


@login_required
def priorities(request, slug, pk):
    context, results = _session_context(*get_session_for(request, slug, pk))
    if results is not None:
        context["results"] = results
        context["priorities"] = rank_priorities(results)
    return render(request, "fiches/priorities.html", context)


@login_required
def method(request, slug, pk, theme_code):
    session, membership = get_session_for(request, slug, pk)
    theme = get_object_or_404(Theme, questionnaire_id=session.questionnaire_id, code=theme_code)
    context, results = _session_context(session, membership)
    context["theme"] = theme
    if results is not None:
        priority = next(p for p in rank_priorities(results) if p.theme.code == theme_code)
        context["priority"] = priority
        context["steps"] = method_guide(priority)
    return render(request, "fiches/method.html", context)

"""The context every page built on a session's results starts from: the session, its
participation, why its results are hidden (or nothing) — and the `ResultsState` itself, whose
`results` is None while they are hidden. One place, so the rule and its explanation are the
same on the results, priorities, method and team-results pages."""

from diagnostics import scoring


def results_context(session, membership=None, **extra):
    """(context, state). With a membership (the cooperative's pages), the cooperative and the
    membership for the navigation; without (the join link's pages), neither."""
    state = scoring.results_state(session)
    context = {
        "session": session,
        "participation": state.participation,
        "hidden_reason": state.hidden_reason,
    }
    if membership is not None:
        context |= {"cooperative": session.cooperative, "membership": membership}
    return context | extra, state

"""Results go back to the people who answered (issue 14, point 8): the join link's results page.

Anyone holding the session's join link (the team: it is printed, sent, shown as a QR code) sees
what the facilitator's results page shows, never more: the published copy through
``scoring.results_state`` — nothing before the close unless the facilitator revealed results,
nothing below k, no per-sheet data. After the close it adds the team's decisions: the priorities
it kept (or the proposed ones), the plan's actions read-only *without their owners* (the link
may travel beyond the team, and nobody is named here), and the meeting date if one is set.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from diagnostics.answer_views import join_link, join_link_pages, member_of
from plans import services, summary
from plans.session_context import results_context


@join_link
def team_results(request, session, token):
    # A members-only session keeps its results to the cooperative's logged-in members, as its
    # answer pages do.
    if session.members_only and member_of(request, session) is None:
        raise PermissionDenied
    context, state = results_context(session, token=token)
    context["join_pages"] = join_link_pages(request, session, token)
    if state.results is not None:
        analysis = services.analyse(session, state.results)
        context["analysis"] = analysis
        # Decisions are taken on the final results only: not on a first look while open.
        if session.is_closed:
            context["summary"] = summary.summary_of(session, analysis)
    return render(request, "plans/team_results.html", context)

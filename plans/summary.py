"""The compte rendu: one page the team keeps after its meeting (issue 14, point 7).

The same summary is the page ``plans:summary`` and page 1 of the PDF (``reports.pdf``): the
radar, the priorities the team kept (or, while it has chosen none, the proposed ones, saying
so), every action with who carries it — a name, never an email address (``Action.owner``) —
and its due date, and the meeting date when the facilitator set one.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from plans import priorities, services, theme_tools
from plans.views import _analysis, _context, with_visible_results

#: Actions listed on page 1 of the PDF, which must stay one page whatever the plan's length.
PAGE_ONE_ACTIONS = 10


@dataclass(frozen=True)
class Summary:
    session: object
    analysis: object  # plans.services.Analysis
    decision: object  # plans.priorities.Decision of ThemeAnalysis
    actions: list  # plans.models.Action, in the plan's order

    @property
    def radar_svg(self):
        # The PDF prints this radar on page 1 and the same one in its Cartographie chapter:
        # its title's id must differ (ids are the SVG's own, made by diagnostics.radar).
        svg = str(self.analysis.radar_svg).replace('"radar-title"', '"summary-radar-title"')
        return mark_safe(svg)  # noqa: S308 - the radar's texts were escaped by diagnostics.radar

    @property
    def meeting_date(self):
        return self.session.meeting_date

    @property
    def priority_actions(self):
        """The actions of the kept priorities first, in the priorities' order, then the rest."""
        order = {item.theme.pk: i for i, item in enumerate(self.decision.items)}
        rest = len(order)
        return sorted(self.actions, key=lambda a: order.get(a.theme_id, rest))

    @property
    def first_actions(self):
        """What page 1 of the PDF has room for (the whole plan follows in its chapter)."""
        return self.priority_actions[:PAGE_ONE_ACTIONS]

    @property
    def more_actions(self):
        return max(0, len(self.actions) - PAGE_ONE_ACTIONS)


def summary_of(session, analysis, actions=None):
    """The summary of a session whose final results are visible. ``actions``: the plan's
    actions when the caller already holds them (``services.actions_of``); two queries else."""
    if actions is None:
        actions = list(services.actions_of(session))
    decision = priorities.decide(session, analysis.priorities(None))
    return Summary(session, analysis, decision, list(actions))


@login_required
@with_visible_results(facilitator=False)
def summary(request, session, membership, submitted):
    """The compte rendu as a page: members and facilitators, once the final results show, with
    the sections higher layers add (the guide's exercises the team filled, as in the PDF). Not
    the join link's results: those stay the session's aggregate and decisions."""
    summary = summary_of(session, _analysis(session, submitted))
    sections = theme_tools.summary_sections(session.cooperative)
    return render(
        request,
        "plans/summary.html",
        _context(session, membership, summary=summary, summary_sections=sections),
    )

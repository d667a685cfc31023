"""The follow-up chapter of a follow-up session's PDF report (reports.pdf): the comparison with
the previous session, the trend when there is a longer history, and the previous plan's review."""

from diagnostics import scoring
from followup import charts, services
from plans.review import review_of


def pdf_context(session, analysis):
    """{"followup": {...}} for a follow-up session, {} otherwise (then no query at all)."""
    review = review_of(session)
    if review is None:
        return {}
    previous = review.previous
    submitted = scoring.participation(previous).submitted
    comparison = radar = trend = None
    if scoring.final_results_visible(previous, submitted):
        comparison = services.compare(services.analysis_of(previous, submitted), analysis)
        radar = charts.comparison_radar(comparison)
        # The longer history, up to this session: only worth a chart beyond the two compared.
        _sessions, comparable = services.comparable_of(session.cooperative)
        until = services.chronological(session)
        comparable = [p for p in comparable if services.chronological(p[0]) <= until]
        if len(comparable) > 2:
            trend = services.trend(comparable)
    return {
        "followup": {
            "review": review,
            "comparison": comparison,
            "radar": radar,
            "trend": trend,
            # Whether the statements the previous plan's actions answered moved (issue 14).
            "targeted": comparison.targeted(review.actions) if comparison else [],
        }
    }

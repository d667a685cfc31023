"""``{% load priorities %}``: the first priorities of a session's results, for an include."""

from django import template

from plans.priorities import decide, rank_priorities

register = template.Library()


@register.simple_tag
def priority_summary(results, analysis=None):
    """``{% priority_summary results analysis as priorities %}``: the team's chosen priorities,
    or the first proposed ones (a ``plans.priorities.Decision``: ``.is_chosen`` says which), so
    that an include can rank the results of a page without that page's view knowing the guide.
    ``analysis`` (``plans.services.Analysis``) brings the agreed scores the ranking reads first;
    one query (the chosen priorities)."""
    if not results:
        return []
    agreed = {t.theme.pk: t.consolidated_score for t in analysis.themes} if analysis else None
    return decide(results.session, rank_priorities(results, agreed))

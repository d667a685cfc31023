"""``{% load priorities %}``: the first priorities of a session's results, for an include."""

from django import template

from plans.priorities import SUMMARY_SIZE, rank_priorities

register = template.Library()


@register.simple_tag
def priority_summary(results):
    """``{% priority_summary results as priorities %}``: the first priorities, so that an include
    can rank the results of a page that has them without that page's view knowing the guide."""
    return rank_priorities(results)[:SUMMARY_SIZE] if results else []

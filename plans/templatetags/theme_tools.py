"""``{% load theme_tools %}{% theme_tools cooperative theme_code %}``: the exercises a higher
layer registered for this theme (plans.theme_tools), as a short list of links."""

from django import template

from plans.theme_tools import tools_for

register = template.Library()


@register.inclusion_tag("plans/includes/theme_tools.html")
def theme_tools(cooperative, theme_code):
    return {"tools": tools_for(cooperative, theme_code)}

"""What the layers above add to the members page, without cooperatives importing them.

The members page is the cooperative's (who is in it); the networks it joined and the advisers
it let read its results are networks' (issue 16). networks registers a renderer at start-up
(`NetworksConfig.ready`), as plans does for the session page (`diagnostics.session_page`).
"""

from django.utils.html import format_html_join

_renderers = []


def register(renderer):
    """Add `renderer(request, cooperative, membership) -> safe HTML` to the members page (once)."""
    if renderer not in _renderers:
        _renderers.append(renderer)


def extras(request, cooperative, membership):
    return format_html_join("", "{}", ((r(request, cooperative, membership),) for r in _renderers))

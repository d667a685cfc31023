"""What the layers above add to the session page, without diagnostics importing them.

The session page is diagnostics' (the session's life cycle); the path after it (meeting,
priorities, plan, follow-up) is plans'. plans registers a renderer at start-up
(`PlansConfig.ready`); the page shows whatever the registered renderers return, in order.
"""

from django.utils.html import format_html_join

_renderers = []


def register(renderer):
    """Add `renderer(request, session, membership) -> safe HTML` to the session page (once)."""
    if renderer not in _renderers:
        _renderers.append(renderer)


def extras(request, session, membership):
    return format_html_join("", "{}", ((r(request, session, membership),) for r in _renderers))

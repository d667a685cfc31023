"""Template helpers of the guide pages: the content's small markdown (a session's priorities:
`plans.templatetags.priorities`)."""

from django import template
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

register = template.Library()

# HTML disabled: a tag in the content is shown as text, never interpreted. Linkify off: only the
# links the guide prints as links become links.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False})


def _link_open(self, tokens, idx, options, env):
    # The guide's links lead to other sites: they must not get a handle on this page.
    tokens[idx].attrSet("rel", "noopener")
    return self.renderToken(tokens, idx, options, env)


_md.add_render_rule("link_open", _link_open)


@register.filter
def markdown(text):
    """Render the content's markdown; markdown-it escapes every character of the source text and
    refuses javascript:/vbscript:/data: links, so the result is safe to mark as such."""
    return mark_safe(_md.render(text or ""))  # noqa: S308


@register.filter
def lines(text):
    """Items of a plain-text table cell, which the content separates with "\\n"."""
    return [line for line in (text or "").split("\n") if line.strip()]


@register.filter
def anchor(code):
    """An id fragment from a statement code: "projet.1" -> "projet-1"."""
    return str(code).replace(".", "-")

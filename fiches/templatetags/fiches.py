"""Template helpers of the guide pages: the content's small markdown (a session's priorities:
`plans.templatetags.priorities`)."""

import re

from django import template
from django.utils.safestring import SafeData, mark_safe
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


# French typography: a no-break space (U+00A0) between a word and « ? ! ; : », and inside « ».
# The guide's texts are stored verbatim, with ordinary spaces (the tests compare them with the
# guide): they get their no-break spaces only where they are displayed, through this filter.
_SPACE_BEFORE = re.compile(r"[ \t\r\n]+(?=[?!;:»])")
_SPACE_AFTER = re.compile(r"(?<=«)[ \t\r\n]+")
# « ? », the quiz's answer, is one short token: it stays on the line of the word before it, so
# that « 27 % de « ? » » never leaves it alone at the start of a line. In HTML the spaces inside
# may still be entities.
_NBSP = r"(?:\u00a0|&nbsp;|&#160;| )?"
_SPACE_BEFORE_UNSURE = re.compile(rf"[ \t\r\n]+(?=«{_NBSP}\?{_NBSP}»)")
# In HTML, only the text between tags changes: never a tag or its attributes (a form value must
# come back as it was sent), nor what scripts, styles, text areas and <pre> hold.
_MARKUP = re.compile(r"(<(script|style|textarea|pre)\b.*?</\2\s*>|<[^>]*>)", re.S | re.I)


def _french_text(text):
    text = _SPACE_BEFORE_UNSURE.sub("\u00a0", text)
    return _SPACE_AFTER.sub("\u00a0", _SPACE_BEFORE.sub("\u00a0", text))


@register.filter
def french_spaces(value):
    """No-break spaces before « ? ! ; : » and inside « »: a « ? » never starts a line. Plain text
    stays plain (escaped afterwards as usual); safe HTML, such as a page's content wrapped in
    `{% filter french_spaces %}`, changes only between its tags and stays safe."""
    if value is None:
        return ""
    if not isinstance(value, SafeData):
        return _french_text(str(value))
    pieces = _MARKUP.split(value)
    # split() returns text, the whole markup match, its element name group, text, …
    out, index = [], 0
    while index < len(pieces):
        out.append(_french_text(pieces[index]))
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
        index += 3
    return mark_safe("".join(out))  # noqa: S308  (only spaces changed in safe HTML's text)

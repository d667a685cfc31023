"""The guide's fiches as the PDF prints them, read from the `fiches` app (a lower layer).

If the guide's content fails to load, the PDF goes without fiche excerpts and prints the plan's
own five step labels; the ranking of priorities reads no content (`plans.priorities`).
"""

import re
from dataclasses import dataclass

from fiches import content_loader
from plans.models import Action


@dataclass(frozen=True)
class MethodPart:
    title: str
    points: tuple = ()


@dataclass(frozen=True)
class FicheGuide:
    number: int
    title: str
    questions: tuple  # the fiche's "5 questions à se poser", as text
    method: tuple  # MethodPart: the fiche's own steps, or the titles of its method sections


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _list_items(markdown):
    """The "- " items of a block's small markdown, as plain text (the PDF prints no markup)."""
    items = (line[2:].strip() for line in markdown.splitlines() if line.startswith("- "))
    return tuple(_LINK.sub(r"\1", item).replace("**", "") for item in items)


def fiche_guide(number):
    """The excerpt of FICHE `number` printed under a priority theme, or None."""
    try:
        fiche = content_loader.load_fiche(number)
    except (KeyError, ValueError, OSError):
        return None
    method = []
    for block in fiche.method:
        if block.kind == "steps":
            method.extend(MethodPart(s.title, tuple(s.points)) for s in block.steps)
        elif block.title:
            method.append(MethodPart(block.title, _list_items(block.body)))
    return FicheGuide(
        number=fiche.number,
        title=fiche.title,
        questions=tuple(q.text for q in fiche.questions),
        method=tuple(method),
    )


def five_steps():
    """FICHE 1's five-step method (code, title, points): the skeleton of the action plan."""
    try:
        return tuple(MethodPart(s.title, tuple(s.points)) for s in content_loader.five_steps())
    except (KeyError, ValueError, OSError, StopIteration):
        return tuple(MethodPart(str(label)) for _code, label in Action.Step.choices)

"""The guide's fiches and priorities as this app needs them, read from the `fiches` app.

`fiches` was developed in parallel with this app; the imports are guarded so that the plan and
the PDF still work (with a simpler ranking and without the fiche excerpts) if it is missing or
its content fails to load.
"""

import re
from dataclasses import dataclass

from plans.models import Action

try:
    from fiches import content_loader
except ImportError:  # pragma: no cover - depends on the other app being present
    content_loader = None
try:
    from plans import priorities as fiche_priorities
except ImportError:  # pragma: no cover
    fiche_priorities = None


def ranked_theme_ids(results):
    """Theme ids ranked by `plans.priorities` (the priorities page's order), or None."""
    if fiche_priorities is None:
        return None
    try:
        return [p.theme.pk for p in fiche_priorities.rank_priorities(results)]
    except (KeyError, ValueError, OSError):
        return None


def weak_statement_ids(theme_result):
    """Statements most of the team did not answer Oui (Non + ? > Oui), as fiches ranks them."""
    if fiche_priorities is not None:
        weak = fiche_priorities.weak_statements(theme_result)
    else:
        weak = [s for s in theme_result.statements if s.no + s.unsure > s.yes]
    return [s.statement.pk for s in weak]


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
    if content_loader is None:
        return None
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
    if content_loader is not None:
        try:
            return tuple(MethodPart(s.title, tuple(s.points)) for s in content_loader.five_steps())
        except (KeyError, ValueError, OSError, StopIteration):
            pass
    return tuple(MethodPart(str(label)) for _code, label in Action.Step.choices)

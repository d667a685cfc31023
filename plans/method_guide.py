"""FICHE 1's five-step method, applied to one priority theme: what to ask at each step.

The guide gives the five steps of a transformation project (``content_loader.five_steps()``:
avant-projet, préparation, validation, réalisation, suivi) in general terms. For a theme the
team picked, each step here gets one question for the facilitator to ask, and what the team's
own results and the theme's fiche put on the table at that step. Pure: no database, no request;
the action plan builds its actions on the same step codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fiches.content_loader import Fiche, Step, five_steps


@dataclass(frozen=True)
class Item:
    text: str
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class StepGuide:
    step: Step  # code, order, title, summary, points: the guide's own text
    question: str  # ours: what the facilitator asks the team at this step
    prompt: str  # ours: introduces the items
    items: tuple[Item, ...]


# Why these items at these steps: the avant-projet clarifies the problems (the statements the
# team did not answer Oui), the preparation analyses the work situations and anticipates risks,
# the validation chooses the scenario that seizes the opportunities, the réalisation follows the
# fiche's method, and the suivi checks that the weak statements have become true.
QUESTIONS = {
    "avant-projet": (
        _("Quels problèmes faut-il clarifier, et qui associer pour le faire ?"),
        _(
            "Les questions de la fiche sur lesquelles la majorité de l’équipe a répondu « Non » "
            "ou « ? » : les problèmes à clarifier en premier."
        ),
    ),
    "preparation": (
        _(
            "Dans quelles situations de travail ces problèmes se posent-ils, et quels risques "
            "faut-il anticiper ?"
        ),
        _("Les risques que la fiche signale pour ce thème :"),
    ),
    "validation": (
        _(
            "Quelle solution représente le meilleur compromis, et saisit-elle les opportunités "
            "du thème ?"
        ),
        _("Les opportunités que la fiche signale pour ce thème :"),
    ),
    "realisation": (
        _("Quels ajustements faire en cours de route, et qui mobiliser ?"),
        _("La méthode proposée par la fiche pour ce thème :"),
    ),
    "suivi": (
        _("Les affirmations restées à « Non » ou « ? » sont-elles devenues vraies ?"),
        _("À vérifier avec l’équipe, par exemple lors d’un prochain diagnostic :"),
    ),
}
NO_WEAK_STATEMENT = _(
    "Aucune affirmation n’a recueilli une majorité de « Non » ou de « ? » : reprenez les cinq "
    "questions de la fiche pour vérifier ce qui reste à améliorer."
)


def _counts(result):
    return _("Oui : %(yes)s · ? : %(unsure)s · Non : %(no)s") % {
        "yes": result.yes,
        "unsure": result.unsure,
        "no": result.no,
    }


def public_fiche_url(number):
    return reverse("fiches:fiche", args=[number])


def _question_items(fiche: Fiche, statements, fiche_url) -> tuple[Item, ...]:
    url = fiche_url(fiche.number)
    questions = {q.statement: q.text for q in fiche.questions}
    return tuple(
        Item(
            questions.get(s.statement.code, s.statement.text),
            f"« {s.statement.text} » — {_counts(s)}",
            f"{url}#question-{s.statement.code.replace('.', '-')}",
        )
        for s in statements
    )


def _method_items(fiche: Fiche, fiche_url) -> tuple[Item, ...]:
    """The fiche's method as links to its parts: each step of a steps block, each titled block.
    FICHE 1's five steps are left out: they are the page itself."""
    url = fiche_url(fiche.number)
    items = []
    for index, block in enumerate(fiche.method, start=1):
        if block.kind == "steps" and fiche.number != 1:
            items += [Item(s.title, s.summary, f"{url}#etape-{s.code}") for s in block.steps]
        elif block.title and block.kind != "steps":
            items.append(Item(block.title, "", f"{url}#methode-{index}"))
    return tuple(items)


def method_guide(priority, fiche_url=public_fiche_url) -> list[StepGuide]:
    """The five steps for ``priority`` (a ``plans.priorities.Priority``), in order.
    ``fiche_url(number)``: where the fiche links lead (the session's own fiche pages when the
    method is read from a session, so the session stays in context)."""
    fiche, weak = priority.fiche, priority.weak_statements
    rows = fiche.opportunites_risques.rows
    statements = weak or tuple(priority.theme_result.statements)
    items = {
        "avant-projet": _question_items(fiche, statements, fiche_url),
        "preparation": tuple(Item(row.risque) for row in rows if row.risque),
        "validation": tuple(Item(row.opportunite) for row in rows if row.opportunite),
        "realisation": _method_items(fiche, fiche_url),
        "suivi": tuple(Item(s.statement.text, _counts(s)) for s in statements),
    }
    guides = []
    for step in five_steps():
        question, prompt = QUESTIONS[step.code]
        if step.code == "avant-projet" and not weak:
            prompt = NO_WEAK_STATEMENT
        guides.append(StepGuide(step, question, prompt, items[step.code]))
    return guides

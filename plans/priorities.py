"""The guide's step 2 — « identifiez vos priorités » — as a pure function over a session's results.

``rank_priorities(results, agreed)`` orders every theme of a
``diagnostics.scoring.SessionResults`` from the one that most needs the team's attention to the
one that least does. It reads no database and no request (only the guide's content files,
cached), so the results page, the priorities page and the PDF all rank the same way. What the
team then keeps — 1 to 3 themes, ticked or voted — is ``choose`` / ``chosen`` / ``decide``
below, the only part of this module that reads or writes the database.

Ranking, in order of the keys:

1. **Score**, lowest first: the team's agreed score (``scoring.agreed_score``) when every
   statement of the theme has an agreed answer — after the meeting, the team's own reading
   outranks the mean of the sheets —, otherwise the collective score *as displayed* (one
   decimal, ``ThemeResult.score``). Two themes that both show « 2,3 » are a tie for the team
   reading the page, so the next keys decide, rather than an invisible third decimal.
2. **Share of « ? »**, highest first: unsure answers over all answers of the theme, compared
   exactly. Many « ? » mean the information is missing — something to discuss first.
3. **Split**, strongest first: per statement, ``min(oui, non) / (oui + ? + non)`` — the share of
   respondents in the minority camp between Oui and Non, the « Désaccord » column of the
   results page (both read ``diagnostics.scoring.split``), so both pages tell the same story; 0
   when nobody answered. The theme's split is the mean over its statements, compared exactly: 0
   when nobody contradicts the majority on any statement, 1/2 (50 %) when every statement cuts
   the team in two halves. « ? » answers are in neither camp: they express missing information,
   which key 2 already weighs, not disagreement.
4. The theme's order in the questionnaire, so that the ranking is always the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from diagnostics import quiz, scoring
from diagnostics.models import Theme
from fiches.content_loader import Block, Fiche, load_fiche
from plans.models import ChosenPriority, ConsolidatedAnswer

#: How many priorities the results page summarises (the priorities page lists every theme).
SUMMARY_SIZE = 3

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*{1,2}([^*]+)\*{1,2}")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


@dataclass(frozen=True)
class FirstStep:
    """Where to start in the fiche's method: a title, one line of detail, an anchor on the page."""

    fiche_number: int
    title: str
    detail: str
    anchor: str  # id of the step or block on the fiche page: "etape-<code>" or "methode-<n>"

    @property
    def url(self):
        return f"{reverse('fiches:fiche', args=[self.fiche_number])}#{self.anchor}"


@dataclass(frozen=True)
class Priority:
    rank: int  # 1 = the theme to look at first
    theme_result: object  # diagnostics.scoring.ThemeResult
    split: Decimal  # in percent, 0–50 (see the module docstring)
    weak_statements: tuple  # StatementResults answered Non or ? by most, the most first
    fiche: Fiche
    first_step: FirstStep
    agreed_score: int | None = None  # the team's agreed score, None while not consolidated

    @property
    def theme(self):
        return self.theme_result.theme

    @property
    def score(self):
        return self.theme_result.score

    @property
    def ranked_score(self):
        """The score the ranking read: the agreed one when there is one, else the mean."""
        return self.score if self.agreed_score is None else Decimal(self.agreed_score)

    @property
    def unsure_share(self):
        return self.theme_result.unsure_share

    @property
    def fiche_number(self):
        return self.fiche.number

    @property
    def fiche_title(self):
        return self.fiche.title

    @property
    def fiche_url(self):
        return reverse("fiches:fiche", args=[self.fiche.number])


def statement_split(statement_result) -> Fraction:
    """``min(oui, non) / total``: 0 = nobody contradicts the majority, 1/2 = cut in two."""
    s = statement_result
    return scoring.split(s.yes, s.unsure, s.no)


def theme_split(theme_result) -> Fraction:
    statements = theme_result.statements
    if not statements:
        return Fraction(0)
    return sum((statement_split(s) for s in statements), Fraction(0)) / len(statements)


def _unsure_fraction(theme_result) -> Fraction:
    answers = sum(s.total for s in theme_result.statements)
    return Fraction(sum(s.unsure for s in theme_result.statements), answers) if answers else 0


def weak_statements(theme_result) -> tuple:
    """Statements that most respondents did not answer Oui: Non + ? > Oui, i.e. more than half of
    the answers. Sorted by Non + ? descending, then in questionnaire order."""
    weak = [s for s in theme_result.statements if s.no + s.unsure > s.yes]
    return tuple(sorted(weak, key=lambda s: (-(s.no + s.unsure), s.statement.order)))


def _plain(markdown: str) -> str:
    """The content's small markdown (links, emphasis, "- " lists) as one line of plain text."""
    text = _EMPHASIS.sub(r"\1", _LINK.sub(r"\1", markdown))
    return " ".join(text.split()).removeprefix("- ")


def _first_paragraph(block: Block) -> str:
    """The first paragraph, or the first item when the body opens with a list."""
    first = block.body.strip().split("\n\n")[0]
    return _plain(first.split("\n")[0] if first.startswith("- ") else first)


def first_step(fiche: Fiche) -> FirstStep:
    """Where the fiche's method starts, for a team that picked this theme:

    - a fiche whose method has numbered steps (FICHE 1's five steps, FICHE 4's workspace
      project): the first step — its title, and its summary or first point;
    - otherwise, the first *titled* block that is not a set of figures (figures are evidence,
      not something to do): its title, and the caption of a table or the first paragraph (or
      list item) of a text;
    - failing that, the first block: the first sentence of its text.
    """
    for block in fiche.method:
        if block.kind == "steps":
            step = block.steps[0]
            detail = step.summary or (step.points[0] if step.points else "")
            return FirstStep(fiche.number, step.title, detail, f"etape-{step.code}")
    for index, block in enumerate(fiche.method, start=1):
        if block.title and block.kind != "figures":
            detail = block.caption if block.kind == "table" else _first_paragraph(block)
            return FirstStep(fiche.number, block.title, detail, f"methode-{index}")
    block = fiche.method[0]
    sentence = _SENTENCE_END.split(_first_paragraph(block), maxsplit=1)[0]
    return FirstStep(fiche.number, sentence, "", "methode-1")


def agreed_scores(session) -> dict:
    """{theme_pk: the team's agreed score, or None while one of its statements has no agreed
    answer} for ``session``, from ``scoring.agreed_score``: one query. Pages that already hold a
    ``plans.services.Analysis`` read its ``consolidated_score`` instead."""
    values = dict(
        ConsolidatedAnswer.objects.filter(session=session).values_list("statement_id", "value")
    )
    by_theme = {}
    for statement in quiz.statements_of(session.questionnaire_id):
        by_theme.setdefault(statement.theme_id, []).append(values.get(statement.pk))
    return {pk: scoring.agreed_score(theme_values) for pk, theme_values in by_theme.items()}


def _ranking_score(theme_result, agreed):
    score = (agreed or {}).get(theme_result.theme.pk)
    return theme_result.score if score is None else Decimal(score)


def ranked_themes(results, agreed=None) -> list[tuple]:
    """[(ThemeResult, split)] of every theme of ``results``, the weakest first (keys in the module
    docstring); ``agreed`` is {theme_pk: agreed score or None} (``agreed_scores``), None before
    any consolidation. Reads no content: the results page's summary and the PDF rank with it."""
    keyed = []
    for theme_result in results.themes:
        split = theme_split(theme_result)
        key = (
            _ranking_score(theme_result, agreed),
            -_unsure_fraction(theme_result),
            -split,
            theme_result.theme.order,
        )
        keyed.append((key, theme_result, split))
    keyed.sort(key=lambda item: item[0])
    return [(theme_result, split) for _key, theme_result, split in keyed]


def rank_priorities(results, agreed=None) -> list[Priority]:
    """Every theme of ``results``, the weakest first (the agreed score first where there is one:
    ``agreed`` as in ``ranked_themes``), with its fiche and where to start."""
    priorities = []
    agreed = agreed or {}
    for rank, (theme_result, split) in enumerate(ranked_themes(results, agreed), start=1):
        fiche = load_fiche(theme_result.theme.fiche_number)
        priorities.append(
            Priority(
                rank=rank,
                theme_result=theme_result,
                split=scoring.percent(split),
                weak_statements=weak_statements(theme_result),
                fiche=fiche,
                first_step=first_step(fiche),
                agreed_score=agreed.get(theme_result.theme.pk),
            )
        )
    return priorities


@dataclass(frozen=True)
class Decision:
    """The priorities a page shows: the team's choice (``is_chosen``), or, while it has chosen
    none, the first ``SUMMARY_SIZE`` of the proposed ranking — and the page says which."""

    items: list  # the caller's ranked items (Priority, ThemeAnalysis…), in the team's order
    is_chosen: bool
    method: str | None = None  # "tick" or "vote" when chosen

    @property
    def theme_pks(self):
        return {item.theme.pk for item in self.items}

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def decide(session, ranked) -> Decision:
    """The priorities of ``session`` among ``ranked`` (every theme, the weakest first: items with
    a ``theme``, e.g. ``rank_priorities(...)`` or ``Analysis.priorities(None)``). At most one
    query, shared with ``chosen`` (the stepper asks too)."""
    rows = _chosen_rows(session)
    by_pk = {item.theme.pk: item for item in ranked}
    items = [by_pk[theme.pk] for theme, _method in rows if theme.pk in by_pk]
    if items:
        return Decision(items, True, rows[0][1])
    return Decision(list(ranked)[:SUMMARY_SIZE], False)


# --- The team's choice: 1 to 3 priorities -----------------------------------------------------

#: How many themes the team may keep as its priorities (the guide: « une à trois »).
MIN_CHOSEN, MAX_CHOSEN = 1, 3


class InvalidChoice(ValueError):
    """The themes given to ``choose`` cannot be the team's priorities; ``str()`` says why, in
    words a facilitator can read."""


class ForeignTheme(InvalidChoice):
    """A theme that is not one of the session's questionnaire (a forged form: the view says 400)."""


# The rows are kept on the session instance for the request: the page, its stepper and its
# includes all ask, and must not pay one query each. ``choose`` refreshes them.
_CACHE = "_chosen_priority_rows"


def _chosen_rows(session):
    """[(Theme, method)] of the team's choice, in its order: one query per session instance."""
    if _CACHE not in session.__dict__:
        rows = ChosenPriority.objects.filter(session=session).select_related("theme")
        session.__dict__[_CACHE] = [(r.theme, r.method) for r in rows.order_by("position", "pk")]
    return session.__dict__[_CACHE]


def chosen(session) -> list:
    """The themes the team kept as its priorities, in the order it gave them; [] while it has
    chosen none (pages then show the proposed ranking and say so). One query."""
    return [theme for theme, _method in _chosen_rows(session)]


def chosen_by_session(sessions) -> dict:
    """{session_id: [Theme]} — the chosen priorities of each of ``sessions`` (those without a
    choice are left out), for the follow-up pages: one query whatever their number."""
    rows = (
        ChosenPriority.objects.filter(session__in=list(sessions))
        .select_related("theme")
        .order_by("session_id", "position", "pk")
    )
    chosen = {}
    for row in rows:
        chosen.setdefault(row.session_id, []).append(row.theme)
    return chosen


def chosen_method(session):
    """How the current choice was made ("tick" or "vote"), None while none is chosen."""
    rows = _chosen_rows(session)
    return rows[0][1] if rows else None


def choose(session, themes, method="tick", user=None) -> list:
    """Replace the team's priorities of ``session`` by ``themes`` (Theme instances or their pks,
    in the team's order; 1 to 3, distinct, of the session's questionnaire), made by ``method``
    ("tick": ticked on the priorities page; "vote": retained from a priorities vote).

    Raises ``InvalidChoice`` (``ForeignTheme`` for a theme of another questionnaire) and changes
    nothing when the choice is not valid, or when the session's final results are not visible
    (the team decides on results it was shown, never before the close or below k). Returns the
    chosen themes."""
    if method not in ChosenPriority.Method.values:
        raise InvalidChoice(_("Méthode de choix inconnue."))
    pks = []
    for theme in themes:
        pk = theme.pk if isinstance(theme, Theme) else theme
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise ForeignTheme(_("Ce thème n’existe pas dans ce questionnaire.")) from None
        if pk not in pks:
            pks.append(pk)
    if not MIN_CHOSEN <= len(pks) <= MAX_CHOSEN:
        raise InvalidChoice(_("Choisissez entre une et trois priorités."))
    by_pk = {t.pk: t for t in Theme.objects.filter(questionnaire_id=session.questionnaire_id)}
    if any(pk not in by_pk for pk in pks):
        raise ForeignTheme(_("Ce thème n’existe pas dans ce questionnaire."))
    if not scoring.final_results_visible(session, scoring.participation(session).submitted):
        raise InvalidChoice(
            _("Les priorités se choisissent après la clôture, une fois les résultats visibles.")
        )
    with transaction.atomic():
        ChosenPriority.objects.filter(session=session).delete()
        ChosenPriority.objects.bulk_create(
            ChosenPriority(
                session=session, theme=by_pk[pk], position=i, method=method, chosen_by=user
            )
            for i, pk in enumerate(pks)
        )
    session.__dict__[_CACHE] = [(by_pk[pk], method) for pk in pks]
    return [by_pk[pk] for pk in pks]

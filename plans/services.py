"""Workflows after a diagnostic: visible results, consolidation, disagreement, priorities, actions.

The results page, the PDF and the CSV all read the same `Analysis`, so they cannot disagree; every
number in it comes from `diagnostics.scoring`.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db import transaction
from django.utils.translation import gettext as _

from diagnostics import quiz, scoring
from diagnostics import services as diagnostics
from diagnostics.radar import AGREED_STYLE, Series, chart_style
from plans import indicators, priorities
from plans.models import VALUES, Action, ConsolidatedAnswer

PRIORITY_COUNT = 3
CONSOLIDATED_SERIES = AGREED_STYLE  # the team's answer, as in docs/vocabulary.md


class ConsolidationError(ValueError):
    """A consolidation that names a statement of another questionnaire or an unknown value."""


# --- Visibility ------------------------------------------------------------------------------


def results_visible(session):
    """Consolidation, actions, PDF and CSV exist only for a closed session whose results can be
    shown (one query). Results revealed while the session is still open are a snapshot for a
    first look: the team consolidates and plans on the final answers."""
    submitted = scoring.participation(session).submitted
    return scoring.final_results_visible(session, submitted), submitted


# --- Analysis: results + consolidation + disagreement ------------------------------------------


# Frozen dataclasses keep cached_property values in the instance __dict__: the results page
# asks for the same indicators dozens of times per render.
@dataclass(frozen=True)
class StatementAnalysis:
    result: object  # diagnostics.scoring.StatementResult
    consolidated: ConsolidatedAnswer | None

    @property
    def statement(self):
        return self.result.statement

    @cached_property
    def disagreement(self):
        r = self.result
        return scoring.disagreement(r.yes, r.unsure, r.no)

    @property
    def split(self):
        """The answers as people and the one split rule (`diagnostics.scoring.Split`)."""
        return self.result.split

    @property
    def is_split(self):
        return self.result.split.is_split

    @property
    def most_frequent(self):
        r = self.result
        return indicators.most_frequent(r.yes, r.unsure, r.no)


@dataclass(frozen=True)
class ThemeAnalysis:
    result: object  # diagnostics.scoring.ThemeResult
    statements: list

    @property
    def theme(self):
        return self.result.theme

    @property
    def score(self):
        return self.result.score

    @property
    def unsure_share(self):
        return Decimal(self.result.unsure_share)

    @cached_property
    def consolidated_score(self):
        """Number of agreed "Oui" (0–5), or None while the theme is not consolidated."""
        return scoring.agreed_score(
            s.consolidated.value if s.consolidated else None for s in self.statements
        )

    @property
    def weak_statements(self):
        """The statements most of the team did not answer Oui: where to start the discussion."""
        by_id = {s.statement.pk: s for s in self.statements}
        return [by_id[s.statement.pk] for s in priorities.weak_statements(self.result)]

    @cached_property
    def split_count(self):
        """How many of the theme's statements split the team (`scoring.is_split`)."""
        return sum(1 for s in self.statements if s.is_split)


@dataclass(frozen=True)
class Analysis:
    results: object  # diagnostics.scoring.SessionResults
    themes: list

    @property
    def respondents(self):
        return self.results.respondents

    @cached_property
    def is_consolidated(self):
        return bool(self.themes) and all(t.consolidated_score is not None for t in self.themes)

    @property
    def statements(self):
        return [s for t in self.themes for s in t.statements]

    @property
    def chart_data(self):
        data = self.results.chart_data
        if self.is_consolidated:
            data["datasets"].append(
                {
                    "label": _("Réponse de l’équipe"),
                    "data": [t.consolidated_score for t in self.themes],
                    "style": chart_style(CONSOLIDATED_SERIES),
                }
            )
        return data

    @cached_property
    def radar_svg(self):
        extra = ()
        if self.is_consolidated:
            extra = (
                Series(
                    _("Réponse de l’équipe"),
                    tuple(t.consolidated_score for t in self.themes),
                    **CONSOLIDATED_SERIES,
                ),
            )
        return diagnostics.radar_for(self.results, extra)

    def priorities(self, count=PRIORITY_COUNT):
        """The weakest themes first, ranked like the priorities page (`plans.priorities`): by the
        team's agreed score where the theme is consolidated, by the mean elsewhere."""
        by_id = {t.theme.pk: t for t in self.themes}
        agreed = {t.theme.pk: t.consolidated_score for t in self.themes}
        ranked = priorities.ranked_themes(self.results, agreed)
        return [by_id[theme_result.theme.pk] for theme_result, _split in ranked][:count]


def analyse(session, results):
    """Join the results with the consolidated answers: one query."""
    agreed = {c.statement_id: c for c in session.consolidated_answers.all()}
    themes = [
        ThemeAnalysis(t, [StatementAnalysis(s, agreed.get(s.statement.pk)) for s in t.statements])
        for t in results.themes
    ]
    return Analysis(results, themes)


def results_extra(session, results):
    """Extra context of the results page (plans.results_views.results): one more query."""
    analysis = analyse(session, results)
    return {
        "analysis": analysis,
        "chart_data": analysis.chart_data,
        "radar_svg": analysis.radar_svg,
    }


# --- Consolidation ------------------------------------------------------------------------------


def consolidation_initial(analysis):
    """{statement_id: (value, note)}: the saved answers, or the most frequent answer."""
    return {
        s.statement.pk: (s.consolidated.value, s.consolidated.note)
        if s.consolidated
        else (s.most_frequent, "")
        for s in analysis.statements
    }


@transaction.atomic
def save_consolidation(session, choices, user):
    """Store {statement_id: (value, note)} for every statement at once, or nothing at all."""
    statement_ids = {s.pk for s in quiz.statements_of(session.questionnaire_id)}
    unknown = set(choices) - statement_ids
    if unknown:
        raise ConsolidationError(
            f"statements outside the session's questionnaire: {sorted(unknown)}"
        )
    if any(value not in VALUES for value, _note in choices.values()):
        raise ConsolidationError("unknown value")
    ConsolidatedAnswer.objects.bulk_create(
        [
            ConsolidatedAnswer(
                session=session, statement_id=sid, value=value, note=note.strip(), updated_by=user
            )
            for sid, (value, note) in choices.items()
        ],
        update_conflicts=True,
        unique_fields=["session", "statement"],
        update_fields=["value", "note", "updated_by", "updated_at"],
    )


# --- Action plan ---------------------------------------------------------------------------------


def actions_of(session):
    return session.actions.select_related("theme", "statement", "owner_membership__user").order_by(
        "theme__order", "position", "pk"
    )


def plan_by_theme(analysis, actions):
    """[(ThemeAnalysis, [Action])] for every theme, in the questionnaire's order."""
    by_theme = {}
    for action in actions:
        by_theme.setdefault(action.theme_id, []).append(action)
    return [(t, by_theme.get(t.theme.pk, [])) for t in analysis.themes]


@transaction.atomic
def save_action(action, theme_changed=False):
    """Create or update; an action that is new or changes theme goes to the end of its theme."""
    if action.pk is None or theme_changed:
        action.place_last()
    action.save()
    return action


@transaction.atomic
def move_action(action, offset):
    """Swap the action with its neighbour in the same theme (offset -1 = up, +1 = down).

    The theme's positions are renumbered 0…n-1 first, so equal or gappy positions (e.g. after a
    deletion) never make a move silently do nothing.
    """
    siblings = list(
        Action.objects.select_for_update()
        .filter(session_id=action.session_id, theme_id=action.theme_id)
        .order_by("position", "pk")
    )
    index = next(i for i, a in enumerate(siblings) if a.pk == action.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return False
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        sibling.position = position
    Action.objects.bulk_update(siblings, ["position"])
    return True

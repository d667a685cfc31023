"""« L'atelier »: the meeting's projector pages walk the team through its statements, the most
split first, and record the answer the team agrees on, one statement at a time.

The order and the split come from `diagnostics.scoring` (`split_order`, `is_split`); the agreed
answers are stored by `plans.services.save_consolidation`, as on the consolidation page. The
screens show counts only, never who answered what.
"""

from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.utils.translation import gettext_lazy as _

from diagnostics import scoring
from diagnostics.models import Answer


@dataclass(frozen=True)
class Bar:
    """One answer's bar: its value, its label, its number of people and its width in percent."""

    value: str
    label: str
    count: int
    share: object  # Decimal, 0–100

    @property
    def width(self):
        """The bar's length for an SVG attribute (a dot, never the locale's decimal comma)."""
        return f"{self.share:.1f}"


@dataclass(frozen=True)
class Screen:
    """One statement on the projector: its place in the meeting's order and its counts."""

    number: int  # 1 = the most split statement
    count: int  # statements in the meeting
    theme: object  # plans.services.ThemeAnalysis
    item: object  # plans.services.StatementAnalysis

    @property
    def result(self):
        return self.item.result

    @property
    def statement(self):
        return self.item.statement

    @property
    def previous(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self):
        return self.number + 1 if self.number < self.count else None

    @property
    def is_split(self):
        r = self.result
        return scoring.is_split(r.yes, r.unsure, r.no)

    @cached_property
    def bars(self):
        r = self.result
        return [
            Bar(Answer.Value.YES, _("Oui"), r.yes, r.yes_share),
            Bar(Answer.Value.UNSURE, "?", r.unsure, r.unsure_share),
            Bar(Answer.Value.NO, _("Non"), r.no, r.no_share),
        ]

    @property
    def agreed(self):
        """The value the team agreed on, or None while it has not."""
        return self.item.consolidated.value if self.item.consolidated else None


def order(analysis):
    """[(ThemeAnalysis, StatementAnalysis)] of every statement, the most split first
    (`scoring.split_order`), then in the questionnaire's order. Results are frozen once the
    session is closed, so a statement keeps its number for the whole meeting."""
    keyed = []
    for theme_index, theme in enumerate(analysis.themes):
        for item in theme.statements:
            r = item.result
            key = (*scoring.split_order(r.yes, r.unsure, r.no), theme_index, item.statement.order)
            keyed.append((key, theme, item))
    keyed.sort(key=lambda row: row[0])
    return [(theme, item) for _key, theme, item in keyed]


def screen(analysis, number):
    """The screen of the `number`-th statement of the meeting (1-based), or None."""
    ordered = order(analysis)
    if not 1 <= number <= len(ordered):
        return None
    theme, item = ordered[number - 1]
    return Screen(number, len(ordered), theme, item)


def resume_number(analysis):
    """The number of the first statement without the team's answer, when some have one (None
    before the first answer and once all are answered): where a paused meeting resumes."""
    ordered = order(analysis)
    numbers = [n for n, (_t, item) in enumerate(ordered, start=1) if not item.consolidated]
    if not numbers or len(numbers) == len(ordered):
        return None
    return numbers[0]


def agreed_count(analysis):
    """How many statements already have the team's answer."""
    return sum(1 for item in analysis.statements if item.consolidated)


class AgreedAnswerForm(forms.Form):
    """The team's answer on one statement: one of the three buttons, and an optional note."""

    value = forms.ChoiceField(
        choices=Answer.Value.choices,
        error_messages={
            "required": _("Choisissez la réponse de l’équipe : Oui, ? ou Non."),
            "invalid_choice": _(
                "Cette réponse n’existe pas : choisissez Oui, ? ou Non. Rien n’a été enregistré."
            ),
        },
    )
    note = forms.CharField(
        label=_("Note de l’équipe (facultative)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000, "class": "form-control"}),
    )

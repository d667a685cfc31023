"""The guide's scoring and visibility rules: the one home of every score the app shows.

The guide's rule: on each statement « Oui » is 1 point, « ? » and « Non » are 0; a sheet's
score on a theme is its number of « Oui » (0 to MAX_THEME_SCORE). So:

- a **member's own score** on a theme is the number of « Oui » on their sheet (`member_score`);
- the **collective score** is the mean of the submitted sheets' scores, shown with one decimal
  rounded half up (`ThemeResult.score`, computed from the per-statement counts);
- the **agreed score** is the score of the sheet the team agreed on at the meeting, once every
  statement of the theme has an agreed answer (`agreed_score`);
- the **disagreement** of a statement is the share of respondents in the minority camp between
  « Oui » and « Non » (`split`, `disagreement`); a statement is **split** only when both camps
  have at least two people (`is_split`), and the meeting shows the most split first
  (`split_order`).

What may be shown follows `diagnostics.publication` (the copy the facilitator was shown):
`hidden_reason`, `final_results_visible`, `results_state`. Every page, PDF, CSV, radar and trend
reads its numbers here — one session with `compute_results`, several with `theme_scores` — so
changing a rule is changing this file.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from diagnostics import publication
from diagnostics.models import Answer, DiagnosticSession, Respondent, Statement
from diagnostics.quiz import statements_of
from diagnostics.radar import MEAN_STYLE, chart_style

MAX_THEME_SCORE = 5
YES = Answer.Value.YES


def one_decimal(value):
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- One sheet: a member's own score, the agreed score -----------------------------------------


def member_score(values):
    """A sheet's score on one theme: its number of « Oui » among `values` (one answer value per
    statement of the theme; None or a missing answer scores 0)."""
    return sum(1 for value in values if value == YES)


def agreed_score(values):
    """The agreed score of one theme: `values` are the agreed answers of its statements, None
    where the team has not agreed yet. The score of that agreed sheet, or None while any
    statement is not agreed."""
    values = list(values)
    if any(value is None for value in values):
        return None
    return member_score(values)


# --- Disagreement ------------------------------------------------------------------------------


def split(yes, unsure, no):
    """The share of respondents in the minority camp between Oui and Non, ``min(oui, non) /
    total``, exactly: 0 when nobody contradicts the majority, 1/2 when the team is cut in two
    halves. « ? » answers are in neither camp (they say the information is missing, and the
    pages show the share of « ? » as a signal of its own); 0 when nobody answered. Chosen over a
    normalised entropy of the three shares because it reads in one sentence (« une personne sur
    trois pense le contraire de la majorité ») and does not mix the two signals."""
    total = yes + unsure + no
    return Fraction(min(yes, no), total) if total else Fraction(0)


def percent(fraction):
    return Decimal(fraction.numerator * 100) / Decimal(fraction.denominator)


def disagreement(yes, unsure, no):
    """The split in percent (0–50), as the « Désaccord » column shows it."""
    return percent(split(yes, unsure, no))


# A camp of one is a dissenter, not a disagreement: in a team of 4, one « Non » among three
# « Oui » was « 25 % (fort) » and flagged 20 statements out of 30 (issue 14, point 6). Two
# people on each side is the smallest disagreement worth a discussion at the meeting.
SPLIT_MIN_PEOPLE = 2


def is_split(yes, unsure, no):
    """Whether the team is split on a statement: both « Oui » and « Non » have at least
    SPLIT_MIN_PEOPLE people. « ? » answers are in neither camp. The one definition every page,
    the meeting order, the CSV and the PDF use."""
    return yes >= SPLIT_MIN_PEOPLE and no >= SPLIT_MIN_PEOPLE


def split_order(yes, unsure, no):
    """A sort key (ascending = most split first) for the meeting: split statements first, then
    the larger minority camp between Oui and Non (as a share: 2 of 4 before 2 of 7), then the
    larger share of « ? » (information missing is the next thing to discuss). Callers append
    the statement's own order to break the remaining ties."""
    total = yes + unsure + no
    unsure_share = Fraction(unsure, total) if total else Fraction(0)
    return (0 if is_split(yes, unsure, no) else 1, -split(yes, unsure, no), -unsure_share)


BAR_STEP = 5  # the stacked bar's widths, in percent: CSS classes split-w-0 … split-w-100


def _bar_widths(counts):
    """Widths in steps of BAR_STEP percent summing to 100 (largest remainder), so a stacked bar
    is drawn with classes only: the CSP forbids inline styles."""
    total = sum(counts)
    if not total:
        return (0,) * len(counts)
    steps = 100 // BAR_STEP
    exact = [Fraction(c * steps, total) for c in counts]
    widths = [int(e) for e in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - widths[i]), i))
    for i in by_remainder[: steps - sum(widths)]:
        widths[i] += 1
    return tuple(w * BAR_STEP for w in widths)


@dataclass(frozen=True)
class Split:
    """A statement's answers as people, for the pages, the CSV and the PDF: « 1 personne sur 4 »
    contradicts the majority; `is_split` by the one rule above; the stacked bar's widths."""

    yes: int
    unsure: int
    no: int

    @property
    def total(self):
        return self.yes + self.unsure + self.no

    @property
    def minority(self):
        """The people in the smaller camp between Oui and Non."""
        return min(self.yes, self.no)

    @property
    def is_split(self):
        return is_split(self.yes, self.unsure, self.no)

    @property
    def bar(self):
        """(Oui, ?, Non) widths in percent, multiples of BAR_STEP."""
        return _bar_widths((self.yes, self.unsure, self.no))


# --- The collective score ----------------------------------------------------------------------


@dataclass(frozen=True)
class StatementResult:
    statement: Statement
    yes: int
    unsure: int
    no: int

    @property
    def total(self):
        return self.yes + self.unsure + self.no

    def _share(self, count):
        return Decimal(count * 100) / self.total if self.total else Decimal(0)

    @property
    def yes_share(self):
        return self._share(self.yes)

    @property
    def unsure_share(self):
        return self._share(self.unsure)

    @property
    def no_share(self):
        return self._share(self.no)

    @property
    def split(self):
        return Split(self.yes, self.unsure, self.no)


@dataclass(frozen=True)
class ThemeResult:
    theme: object
    statements: list
    respondents: int

    @property
    def yes_total(self):
        return sum(s.yes for s in self.statements)

    @property
    def mean_score(self):
        """The mean of the sheets' scores: their « Oui » on the theme, summed, over the sheets."""
        if not self.respondents:
            return Decimal(0)
        return Decimal(self.yes_total) / self.respondents

    @property
    def score(self):
        return one_decimal(self.mean_score)

    @property
    def counts(self):
        """(yes, unsure, no): the answers to the theme's statements, summed."""
        return (
            sum(s.yes for s in self.statements),
            sum(s.unsure for s in self.statements),
            sum(s.no for s in self.statements),
        )

    def _share(self, count):
        answers = sum(self.counts)
        return Decimal(count * 100) / answers if answers else Decimal(0)

    @property
    def yes_share(self):
        return self._share(self.counts[0])

    @property
    def unsure_share(self):
        """The theme's share of « ? » over all its answers: missing information, in percent."""
        return self._share(self.counts[1])

    @property
    def no_share(self):
        return self._share(self.counts[2])


@dataclass(frozen=True)
class SessionResults:
    session: DiagnosticSession
    respondents: int
    themes: list

    @property
    def chart_data(self):
        return {
            "labels": [t.theme.localized_title for t in self.themes],
            "datasets": [
                {
                    "label": _("Moyenne des réponses"),
                    "data": [float(t.score) for t in self.themes],
                    "style": chart_style(MEAN_STYLE),
                }
            ],
            "max": MAX_THEME_SCORE,
        }


def _count_answers(answers, *group):
    return (
        answers.values(*group)
        .annotate(
            yes=Count("pk", filter=Q(value=Answer.Value.YES)),
            unsure=Count("pk", filter=Q(value=Answer.Value.UNSURE)),
            no=Count("pk", filter=Q(value=Answer.Value.NO)),
        )
        .order_by()
    )


def statement_counts(session):
    """{statement_id: (yes, unsure, no)} over submitted answer sheets, in one query."""
    rows = _count_answers(
        Answer.objects.filter(respondent__session=session, respondent__submitted_at__isnull=False),
        "statement_id",
    )
    return {row["statement_id"]: (row["yes"], row["unsure"], row["no"]) for row in rows}


def statement_counts_by_session(sessions):
    """{session_id: {statement_id: (yes, unsure, no)}} over submitted sheets, in one query."""
    counts = {session.pk: {} for session in sessions}
    if not counts:
        return counts
    rows = _count_answers(
        Answer.objects.filter(
            respondent__session__in=list(counts), respondent__submitted_at__isnull=False
        ),
        "respondent__session_id",
        "statement_id",
    )
    for row in rows:
        counts[row["respondent__session_id"]][row["statement_id"]] = (
            row["yes"],
            row["unsure"],
            row["no"],
        )
    return counts


def compute_results(session, submitted, counts=None):
    """Per-theme and per-statement results: from the copy the session shows (published, or
    stored at closing: diagnostics.publication), else — a session closed before copies were
    stored at closing — from its submitted answer sheets. At most one query."""
    if session.results_snapshot is not None:
        submitted = session.results_snapshot["respondents"]
        counts = {int(k): tuple(v) for k, v in session.results_snapshot["counts"].items()}
    elif counts is None:
        counts = statement_counts(session)
    by_theme = {}
    for statement in statements_of(session.questionnaire_id):
        yes, unsure, no = counts.get(statement.pk, (0, 0, 0))
        by_theme.setdefault(statement.theme, []).append(StatementResult(statement, yes, unsure, no))
    themes = [ThemeResult(theme, items, submitted) for theme, items in by_theme.items()]
    return SessionResults(session=session, respondents=submitted, themes=themes)


def theme_scores(visible):
    """`compute_results` for each of `visible` ([(session, submitted)] whose results may be
    shown), in at most one query whatever their number: {session_id: SessionResults}. Every page
    that shows the scores of several sessions (trend, comparison, exports) reads them here."""
    legacy = [session for session, _submitted in visible if session.results_snapshot is None]
    live = statement_counts_by_session(legacy)
    return {
        session.pk: compute_results(session, submitted, counts=live.get(session.pk))
        for session, submitted in visible
    }


# --- Participation and visibility --------------------------------------------------------------


@dataclass(frozen=True)
class Participation:
    started: int
    submitted: int
    # Submitted sheets by origin: the join link (anyone holding it), a logged-in member, or a
    # paper quiz typed in by the facilitator.
    submitted_by_link: int = 0
    submitted_by_member: int = 0
    submitted_by_paper: int = 0

    @property
    def submitted_online(self):
        return self.submitted - self.submitted_by_paper

    @property
    def unsent(self):
        return self.started - self.submitted


def participation(session):
    sent = Q(submitted_at__isnull=False)
    counts = session.respondents.aggregate(
        started=Count("pk"),
        submitted=Count("pk", filter=sent),
        submitted_by_link=Count("pk", filter=sent & Q(origin=Respondent.Origin.LINK)),
        submitted_by_member=Count("pk", filter=sent & Q(origin=Respondent.Origin.MEMBER)),
        submitted_by_paper=Count("pk", filter=sent & Q(origin=Respondent.Origin.PAPER)),
    )
    return Participation(**counts)


def participation_by_session(sessions):
    """[(session, Participation)] for a list of sessions, in one query."""
    rows = (
        Respondent.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(started=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by()
    )
    by_pk = {row.pop("session_id"): Participation(**row) for row in rows}
    return [(s, by_pk.get(s.pk, Participation(0, 0))) for s in sessions]


class Hidden:
    DRAFT = "draft"
    OPEN = "open"
    BELOW_THRESHOLD = "below_threshold"
    # k sheets, but 1 to k − 1 of them online: the facilitator, who typed the paper ones, would
    # read the online answers by difference (diagnostics.publication).
    ONLINE_BELOW_THRESHOLD = "online_below_threshold"


def hidden_reason(session, submitted):
    """Why results cannot be shown yet, or None when they can. `submitted` counts only for a
    closed session without a stored copy (closed below k, or before copies were kept at
    closing); its paper sheets are the session's own count of them (no query)."""
    if session.is_draft:
        return Hidden.DRAFT
    if session.is_open and session.results_snapshot is None:
        # Live results would reveal the latest respondent's answers.
        return Hidden.OPEN
    paper = session.paper_sheets
    if session.results_snapshot is not None:
        submitted = session.results_snapshot["respondents"]
        paper = publication.paper_of(session.results_snapshot)
    if publication.online_below_threshold(session, submitted, paper):
        return Hidden.ONLINE_BELOW_THRESHOLD
    if not publication.enough_to_show(session, submitted, paper):
        return Hidden.BELOW_THRESHOLD
    return None


def final_results_visible(session, submitted):
    """Whether the session's final results may be shown: closed, and not hidden. Consolidation,
    the plan, the PDF, the CSV and every comparison or trend exist only then; results revealed
    while the session is still open are a first look, never compared nor planned on."""
    return session.is_closed and hidden_reason(session, submitted) is None


@dataclass(frozen=True)
class ResultsState:
    """What a results-based page may show: the counts, why results are hidden, or them."""

    participation: Participation
    hidden_reason: str | None
    results: SessionResults | None


def results_state(session):
    counts = participation(session)
    reason = hidden_reason(session, counts.submitted)
    results = None if reason else compute_results(session, counts.submitted)
    return ResultsState(counts, reason, results)


def vote_visible(session, voters):
    """Whether the totals of a meeting vote (`plans.votes`) may be shown: from k voters, like
    results (any number in open mode, where the team chose to answer without anonymity)."""
    return publication.enough_to_show(session, voters)

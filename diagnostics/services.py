"""Workflows of a diagnostic session: opening, answering, closing, and the guide's scoring rule."""

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from diagnostics.models import (
    Answer,
    DiagnosticSession,
    Questionnaire,
    Respondent,
    Statement,
    Theme,
)
from diagnostics.radar import Series, radar_svg
from diagnostics.tokens import hash_token, new_token

GUIDE_QUESTIONNAIRE = "qvt-numerique-2018"
MAX_THEME_SCORE = 5


def guide_questionnaire():
    return Questionnaire.objects.get(code=GUIDE_QUESTIONNAIRE)


class SessionStateError(Exception):
    """A transition that the session's current state does not allow."""


# --- Life cycle ---------------------------------------------------------------------------


@transaction.atomic
def open_session(session):
    locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_draft:
        raise SessionStateError
    locked.status = DiagnosticSession.Status.OPEN
    locked.opened_at = timezone.now()
    locked.save(update_fields=["status", "opened_at"])
    return locked


@transaction.atomic
def close_session(session):
    locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_open:
        raise SessionStateError
    locked.status = DiagnosticSession.Status.CLOSED
    locked.closed_at = timezone.now()
    # Final results come from all submitted sheets: the frozen copy has served its purpose.
    locked.results_snapshot = None
    locked.save(update_fields=["status", "closed_at", "results_snapshot"])
    # The anonymity promise: once closed, no query leads from a member to an answer sheet.
    locked.respondents.update(membership=None)
    return locked


# --- Answering ------------------------------------------------------------------------------


def find_respondent(session, token=None, membership=None):
    if token:
        found = session.respondents.filter(token_hash=hash_token(token)).first()
        if found:
            return found
    if membership is not None and session.is_open:
        return session.respondents.filter(membership=membership).first()
    return None


def start_respondent(session, membership=None):
    """Create an answer sheet; returns (respondent, raw token). The raw token is never stored."""
    token = new_token()
    respondent = Respondent.objects.create(
        session=session, token_hash=hash_token(token), membership=membership
    )
    return respondent, token


def reissue_token(respondent):
    """A member resuming on another device gets a fresh token for this browser."""
    token = new_token()
    respondent.token_hash = hash_token(token)
    respondent.save(update_fields=["token_hash"])
    return token


def save_answers(respondent, values, next_theme):
    """Upsert {statement_id: value}; one row per statement even when the same step races."""
    with transaction.atomic():
        Answer.objects.bulk_create(
            [
                Answer(respondent=respondent, statement_id=sid, value=value)
                for sid, value in values.items()
            ],
            update_conflicts=True,
            unique_fields=["respondent", "statement"],
            update_fields=["value", "updated_at"],
        )
        Respondent.objects.filter(pk=respondent.pk).update(current_theme=next_theme)
    respondent.current_theme = next_theme


def submit(respondent, statement_count):
    if respondent.answers.count() < statement_count:
        return False
    if not respondent.is_submitted:
        respondent.submitted_at = timezone.now()
        respondent.save(update_fields=["submitted_at"])
    return True


# --- Participation and results ------------------------------------------------------------------


@dataclass(frozen=True)
class Participation:
    started: int
    submitted: int


def participation(session):
    counts = session.respondents.aggregate(
        started=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False))
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


def hidden_reason(session, submitted):
    """Why results cannot be shown yet, or None when they can."""
    if session.is_draft:
        return Hidden.DRAFT
    if session.is_open and session.revealed_at is None:
        # Live results would reveal the latest respondent's answers.
        return Hidden.OPEN
    if session.is_open:
        submitted = session.results_snapshot["respondents"]
    if submitted < session.anonymity_threshold and not (session.open_mode and submitted):
        return Hidden.BELOW_THRESHOLD
    return None


def one_decimal(value):
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


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
        """The guide's rule: a respondent's score is their number of Oui; this is the mean."""
        if not self.respondents:
            return Decimal(0)
        return Decimal(self.yes_total) / self.respondents

    @property
    def score(self):
        return one_decimal(self.mean_score)

    @property
    def unsure_share(self):
        answers = sum(s.total for s in self.statements)
        return Decimal(sum(s.unsure for s in self.statements) * 100) / answers if answers else 0


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
                {"label": _("Moyenne des réponses"), "data": [float(t.score) for t in self.themes]}
            ],
            "max": MAX_THEME_SCORE,
        }


@functools.lru_cache(maxsize=8)
def questionnaire_themes(questionnaire_id):
    """The questionnaire's themes in order, each with its `statement_list`, cached per process.

    The quiz is data loaded by migrations and read-only in the admin; every answer page and
    results page needs it, so reading it once per process saves two queries a page."""
    themes = list(Theme.objects.filter(questionnaire_id=questionnaire_id).order_by("order"))
    by_pk = {theme.pk: theme for theme in themes}
    for theme in themes:
        theme.statement_list = []
    for statement in Statement.objects.filter(theme__questionnaire_id=questionnaire_id).order_by(
        "theme__order", "order"
    ):
        statement.theme = by_pk[statement.theme_id]
        statement.theme.statement_list.append(statement)
    return tuple(themes)


def forget_questionnaires(**kwargs):
    questionnaire_themes.cache_clear()


def statements_of(questionnaire_id):
    return [s for theme in questionnaire_themes(questionnaire_id) for s in theme.statement_list]


def statement_counts(session):
    """{statement_id: (yes, unsure, no)} over submitted answer sheets, in one query."""
    rows = (
        Answer.objects.filter(respondent__session=session, respondent__submitted_at__isnull=False)
        .values("statement_id")
        .annotate(
            yes=Count("pk", filter=Q(value=Answer.Value.YES)),
            unsure=Count("pk", filter=Q(value=Answer.Value.UNSURE)),
            no=Count("pk", filter=Q(value=Answer.Value.NO)),
        )
        .order_by()
    )
    return {row["statement_id"]: (row["yes"], row["unsure"], row["no"]) for row in rows}


def compute_results(session, submitted):
    """Per-theme and per-statement results: from the frozen copy while a revealed session is
    still open, otherwise from the submitted answer sheets. A constant number of queries."""
    if session.is_open and session.results_snapshot:
        submitted = session.results_snapshot["respondents"]
        counts = {int(k): tuple(v) for k, v in session.results_snapshot["counts"].items()}
    else:
        counts = statement_counts(session)
    by_theme = {}
    for statement in statements_of(session.questionnaire_id):
        yes, unsure, no = counts.get(statement.pk, (0, 0, 0))
        by_theme.setdefault(statement.theme, []).append(StatementResult(statement, yes, unsure, no))
    themes = [ThemeResult(theme, items, submitted) for theme, items in by_theme.items()]
    return SessionResults(session=session, respondents=submitted, themes=themes)


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


@transaction.atomic
def reveal_results(session):
    """Publish the results of an open session as they stand now (at least k respondents)."""
    locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
    submitted = locked.respondents.submitted().count()
    if not locked.is_open or (submitted < locked.anonymity_threshold and not locked.open_mode):
        raise SessionStateError
    locked.results_snapshot = {
        "respondents": submitted,
        "counts": {str(k): list(v) for k, v in statement_counts(locked).items()},
    }
    locked.revealed_at = timezone.now()
    locked.save(update_fields=["results_snapshot", "revealed_at"])
    return locked


def members_to_remind(session):
    """Memberships of the cooperative without a submitted answer sheet in this session. Used
    only to send emails: the facilitator is never shown who they are."""
    answered = session.respondents.submitted().filter(membership__isnull=False)
    return session.cooperative.memberships.exclude(pk__in=answered.values("membership_id"))


def radar_for(results, extra_series=()):
    collective = Series(_("Moyenne des réponses"), tuple(t.score for t in results.themes))
    svg = radar_svg(
        [t.theme.localized_title for t in results.themes],
        [collective, *extra_series],
        max_value=MAX_THEME_SCORE,
        title=_("Cartographie : score par thème, de 0 à 5"),
    )
    return mark_safe(svg)  # noqa: S308 - every text inside was escaped by radar_svg

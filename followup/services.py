"""The guide's last step, « Suivi : évaluation, ajustements »: a cooperative's sessions over time.

Comparisons are pure functions of two `plans.services.Analysis` — each the results and the agreed
answers of one session, exactly what that session's own page shows. Nothing finer is compared:
respondents are never matched across sessions (their link to a member is cut at closing anyway),
so a comparison reveals no more than the two sessions shown side by side.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from diagnostics import quiz, scoring
from diagnostics.radar import AGREED_STYLE, MEAN_STYLE, chart_style
from followup.charts import theme_trend_svg
from plans import services as plans
from plans.models import Action, ConsolidatedAnswer
from plans.priorities import chosen_by_session

# --- Which sessions can be compared ----------------------------------------------------------


def chronological(session):
    """Sort key: when the diagnostic ended (closing), else when it was created."""
    return (session.closed_at or session.created_at, session.pk)


def session_date(session):
    return timezone.localtime(session.closed_at or session.created_at).date()


def session_label(session):
    return _("%(title)s (%(date)s)") % {
        "title": session.title,
        "date": date_format(session_date(session), "j F Y"),
    }


def comparable_sessions(participation):
    """[(session, submitted)] of the closed sessions whose results are visible, oldest first.

    `participation` is `diagnostics.scoring.participation_by_session(...)`: no query here. A
    session below its anonymity threshold stays out, so no page can show its numbers, alone or
    as a difference.
    """
    visible = [
        (session, counts.submitted)
        for session, counts in participation
        if scoring.final_results_visible(session, counts.submitted)
    ]
    return sorted(visible, key=lambda pair: chronological(pair[0]))


def comparable_of(cooperative):
    sessions = list(cooperative.sessions.all())
    return sessions, comparable_sessions(scoring.participation_by_session(sessions))


def analysis_of(session, submitted):
    """Results and agreed answers of one session (three queries)."""
    return plans.analyse(session, scoring.compute_results(session, submitted))


# --- Comparing two sessions ------------------------------------------------------------------


class Direction:
    UP = "up"
    DOWN = "down"
    SAME = "same"


@dataclass(frozen=True)
class Change:
    """One number before and after; None on either side when it does not exist (e.g. a theme
    not consolidated)."""

    before: Decimal | int | None
    after: Decimal | int | None

    @property
    def known(self):
        return self.before is not None and self.after is not None

    @property
    def delta(self):
        return self.after - self.before if self.known else None

    @property
    def magnitude(self):
        return abs(self.delta) if self.known else None

    @property
    def direction(self):
        if not self.known:
            return None
        if self.delta > 0:
            return Direction.UP
        return Direction.DOWN if self.delta < 0 else Direction.SAME


def whole_percent(share):
    """A share as the page shows it (no decimal): the change is the difference of the shown
    numbers, so "40 % → 60 %" always reads "+20", never "+19"."""
    return Decimal(share).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class StatementChange:
    statement: object
    yes_share: Change  # share of « Oui », in percent


@dataclass(frozen=True)
class ThemeChange:
    theme: object
    score: Change  # collective score, one decimal, 0–5
    consolidated: Change  # agreed score, 0–5, or None when not consolidated
    statements: list


@dataclass(frozen=True)
class Comparison:
    before: object  # plans.services.Analysis
    after: object
    themes: list

    @property
    def before_session(self):
        return self.before.results.session

    @property
    def after_session(self):
        return self.after.results.session

    # The charts read the dates from here: followup.charts imports nothing of this module.
    @property
    def before_date(self):
        return session_date(self.before_session)

    @property
    def after_date(self):
        return session_date(self.after_session)

    @property
    def has_consolidated(self):
        return any(t.consolidated.before is not None for t in self.themes) or any(
            t.consolidated.after is not None for t in self.themes
        )

    def targeted(self, actions):
        """[(action, StatementChange)] for the earlier plan's actions that answer a statement
        (`Action.statement`, issue 14): whether that statement moved, by its share of « Oui »
        (scoring's counts, as the table above). Actions without a statement are left out."""
        changes = {s.statement.pk: s for t in self.themes for s in t.statements}
        return [
            (action, changes[action.statement_id])
            for action in actions
            if action.statement_id in changes
        ]


def compare(before, after):
    """Theme by theme and statement by statement, the change from `before` to `after`.

    Both are `plans.services.Analysis` of the same questionnaire. Themes and statements are
    matched by identity; one present on one side only is left out.
    """
    after_themes = {t.theme.pk: t for t in after.themes}
    themes = []
    for old in before.themes:
        new = after_themes.get(old.theme.pk)
        if new is None:
            continue
        new_statements = {s.statement.pk: s for s in new.statements}
        statements = [
            StatementChange(
                s.statement,
                Change(
                    whole_percent(s.result.yes_share),
                    whole_percent(new_statements[s.statement.pk].result.yes_share),
                ),
            )
            for s in old.statements
            if s.statement.pk in new_statements
        ]
        themes.append(
            ThemeChange(
                theme=new.theme,
                score=Change(old.score, new.score),
                consolidated=Change(old.consolidated_score, new.consolidated_score),
                statements=statements,
            )
        )
    return Comparison(before=before, after=after, themes=themes)


# --- Trend over every comparable session -----------------------------------------------------


@dataclass(frozen=True)
class ThemeTrend:
    theme: object
    scores: list  # collective score per session (Decimal, one decimal), oldest first
    consolidated: list  # agreed score per session (int), None where not consolidated

    @property
    def has_consolidated(self):
        return any(value is not None for value in self.consolidated)


@dataclass(frozen=True)
class Trend:
    sessions: list  # oldest first
    themes: list

    @property
    def has_consolidated(self):
        return any(t.has_consolidated for t in self.themes)

    @property
    def labels(self):
        """Short x-axis labels: the closing date."""
        return [date_format(session_date(s), "SHORT_DATE_FORMAT") for s in self.sessions]

    @property
    def chart_data(self):
        """For static/js/trend.js (json_script): the same numbers as the table and the SVG."""
        return {
            "labels": self.labels,
            "max": scoring.MAX_THEME_SCORE,
            "themes": [
                {
                    "title": t.theme.localized_title,
                    "series": [
                        {
                            "label": _("Moyenne des réponses"),
                            "data": [float(v) for v in t.scores],
                            "style": chart_style(MEAN_STYLE),
                        },
                        *(
                            [
                                {
                                    "label": _("Réponse de l’équipe"),
                                    "data": t.consolidated,
                                    "style": chart_style(AGREED_STYLE),
                                }
                            ]
                            if t.has_consolidated
                            else []
                        ),
                    ],
                }
                for t in self.themes
            ],
        }

    @cached_property
    def charts(self):
        """[(ThemeTrend, SVG)]: the no-JavaScript chart of each theme, also used by the PDF."""
        labels = self.labels
        return [(t, theme_trend_svg(t, labels)) for t in self.themes]


def trend(comparable):
    """Scores of every theme in each of `comparable` ([(session, submitted)], oldest first).

    At most two queries whatever the number of sessions and respondents: the agreed answers, and
    — only for sessions closed before their results were stored at closing — the answers of
    their submitted sheets. Each score is the one the session's own page shows, and each agreed
    score the one its results page shows (both from `diagnostics.scoring`).
    Sessions on another questionnaire than the latest one are left out (their themes differ).
    """
    if not comparable:
        return None
    questionnaire_id = comparable[-1][0].questionnaire_id
    comparable = [pair for pair in comparable if pair[0].questionnaire_id == questionnaire_id]
    ids = [session.pk for session, _submitted in comparable]
    themes = quiz.questionnaire_themes(questionnaire_id)
    # The scores each session's own page shows (its stored copy: diagnostics.publication).
    results = scoring.theme_scores(comparable)
    scores_of = {
        (session_id, theme_result.theme.pk): theme_result.score
        for session_id, session_results in results.items()
        for theme_result in session_results.themes
    }
    agreed = {
        (session_id, statement_id): value
        for session_id, statement_id, value in ConsolidatedAnswer.objects.filter(
            session_id__in=ids
        ).values_list("session_id", "statement_id", "value")
    }
    theme_trends = []
    for theme in themes:
        scores, consolidated = [], []
        for session, _submitted in comparable:
            scores.append(scores_of[(session.pk, theme.pk)])
            consolidated.append(
                scoring.agreed_score(agreed.get((session.pk, s.pk)) for s in theme.statement_list)
            )
        theme_trends.append(ThemeTrend(theme, scores, consolidated))
    return Trend(sessions=[session for session, _submitted in comparable], themes=theme_trends)


# --- Actions: follow-up, status (the previous plan's review: plans.review) ---------------------


def action_sort_key(action):
    """Overdue first, then by due date (no date last), then theme order."""
    return (
        not action.is_overdue,
        action.due_date is None,
        action.due_date or timezone.localdate(),
        action.theme.order,
        action.position,
        action.pk,
    )


@dataclass(frozen=True)
class PlanSummary:
    session: object
    counts: dict  # {status: number}
    overdue: int

    @property
    def total(self):
        return sum(self.counts.values())

    def statuses(self):
        """[(label, number)] in the order of Action.Status."""
        return [(label, self.counts.get(value, 0)) for value, label in Action.Status.choices]


@dataclass(frozen=True)
class ActionFollowup:
    open_actions: list  # not done nor dropped, every session, overdue first
    plans: list  # PlanSummary per session with a plan, newest first

    @property
    def overdue_count(self):
        return sum(1 for a in self.open_actions if a.is_overdue)


def action_followup(cooperative):
    """Where the cooperative's action plans stand: one query."""
    actions = list(
        Action.objects.filter(session__cooperative=cooperative).select_related(
            "theme", "session", "owner_membership__user"
        )
    )
    summaries = {}
    for action in actions:
        counts, overdue = summaries.setdefault(action.session_id, (action.session, {}, [0]))[1:]
        counts[action.status] = counts.get(action.status, 0) + 1
        overdue[0] += action.is_overdue
    plan_list = sorted(
        (
            PlanSummary(session, counts, overdue[0])
            for session, counts, overdue in summaries.values()
        ),
        key=lambda summary: chronological(summary.session),
        reverse=True,
    )
    open_actions = sorted((a for a in actions if not a.is_closed), key=action_sort_key)
    return ActionFollowup(open_actions=open_actions, plans=plan_list)


def set_status(action, status):
    """The quick status change of the follow-up pages (the full form is in plans)."""
    if status not in Action.Status.values:
        raise ValueError(status)
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    return action


def dashboard_context(cooperative, participation):
    """The cooperative page's follow-up: five queries, whatever the number of sessions."""
    comparable = comparable_sessions(participation)
    return {
        "comparable": comparable,
        "trend": trend(comparable) if len(comparable) >= 2 else None,
        "followup": action_followup(cooperative),
        # [(session, [Theme])]: the priorities the team kept after each session (issue 14).
        "chosen_priorities": _chosen_priorities([session for session, _n in participation]),
    }


def _chosen_priorities(sessions):
    chosen = chosen_by_session(sessions)
    ordered = sorted((s for s in sessions if s.pk in chosen), key=chronological, reverse=True)
    return [(session, chosen[session.pk]) for session in ordered]

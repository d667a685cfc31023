"""Cooperatives of a network with shared sessions, built directly as the summary rows sharing
writes (networks.services.share_session writes the same fields from the published copy): the
dashboard's tests give each cooperative hand-chosen scores without answering 30 statements."""

import datetime

from django.utils import timezone

from diagnostics import quiz
from networks.models import NetworkMembership, SharedPlan, SharedSession
from tests.factories import CooperativeFactory, SessionFactory


def theme_codes():
    return [t.code for t in quiz.questionnaire_themes(quiz.guide_questionnaire().pk)]


def statement_codes():
    themes = quiz.questionnaire_themes(quiz.guide_questionnaire().pk)
    return [s.code for t in themes for s in t.statement_list]


def shared_cooperative(network, score, *, counts=(1, 1, 1), year=2025, month=6, **coop):
    """A cooperative in `network` that shared one closed session scoring `score` on every theme,
    with `counts` (yes, unsure, no) on every statement."""
    cooperative = CooperativeFactory(**coop)
    NetworkMembership.objects.create(network=network, cooperative=cooperative, status="accepted")
    share(cooperative, score, counts=counts, year=year, month=month)
    return cooperative


def share(cooperative, score, *, counts=(1, 1, 1), year=2025, month=6):
    closed = timezone.make_aware(datetime.datetime(year, month, 1, 10))
    session = SessionFactory(cooperative=cooperative, status="closed", closed_at=closed)
    return SharedSession.objects.create(
        session=session,
        cooperative=cooperative,
        year=year,
        respondents=sum(counts),
        theme_scores={code: float(score) for code in theme_codes()},
        statement_counts={code: list(counts) for code in statement_codes()},
    )


def share_plan(shared, priorities, actions):
    return SharedPlan.objects.create(
        session=shared.session,
        cooperative=shared.cooperative,
        priority_themes=list(priorities),
        actions=list(actions),
    )

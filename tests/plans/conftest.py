"""A closed session with three answer sheets whose theme scores are all different."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import Action
from tests.factories import make_respondent

# Theme by theme (5 letters each): Y = Oui, U = ?, N = Non.
SHEETS = [
    " ".join(["YYYYY", "YYYYN", "YYYNN", "YYNNN", "YNNNN", "UUUUU"]),
    " ".join(["YYYYY", "YYYYN", "YYNNN", "YNNNN", "NNNNN", "UUUUU"]),
    " ".join(["YYYYY", "YYYNU", "YYNNU", "YNNNU", "NNNNU", "UUUUU"]),
]
MEAN_SCORES = [5.0, 3.7, 2.3, 1.3, 0.3, 0.0]
# Most frequent answer per statement, so the prefilled consolidation gives these scores.
PREFILLED_SCORES = [5, 4, 2, 1, 0, 0]


@pytest.fixture
def visible_session(closed_session):
    for letters in SHEETS:
        make_respondent(closed_session, letters)
    return closed_session


@pytest.fixture
def themes(visible_session):
    return list(visible_session.questionnaire.themes.order_by("order"))


@pytest.fixture
def action(visible_session, themes):
    return Action.objects.create(
        session=visible_session,
        theme=themes[4],
        step=Action.Step.AVANT_PROJET,
        title="Former l’équipe aux outils partagés",
        owner_name="Le CSE",
        due_date=timezone.localdate() + timedelta(days=30),
        indicator="Nombre de personnes formées",
    )


def plan_url(name, session, *args):
    return reverse(f"plans:{name}", args=[session.cooperative.slug, session.pk, *args])


def results_url(session):
    return reverse("plans:results", args=[session.cooperative.slug, session.pk])

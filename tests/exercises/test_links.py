"""The exercises are reached from the theme they serve (priorities, the five-step method, the
plan) and from the cooperative's page, which shows them over time."""

import datetime

import pytest
from django.urls import reverse

from exercises.links import BY_THEME
from exercises.models import Charter, Discussion
from tests.exercises.test_time import visible_session

pytestmark = pytest.mark.django_db


def exercise_url(name, cooperative):
    return reverse(f"exercises:{name}", args=[cooperative.slug])


@pytest.mark.parametrize("theme_code", ["temps", "management", "information", "projet"])
def test_the_method_page_of_a_theme_links_to_the_exercises_that_serve_it(
    client_as, member, cooperative, theme_code
):
    session = visible_session(cooperative)
    page = client_as(member).get(
        reverse("plans:method", args=[cooperative.slug, session.pk, theme_code])
    )
    text = page.content.decode()
    for name in ("charter", "time", "discussions"):
        linked = exercise_url(name, cooperative) in text
        assert linked == (name in BY_THEME.get(theme_code, ())), name


def test_the_plan_and_the_priorities_link_to_the_exercises(client_as, member, cooperative):
    session = visible_session(cooperative)
    client = client_as(member)
    plan = client.get(reverse("plans:plan", args=[cooperative.slug, session.pk])).content.decode()
    assert exercise_url("time", cooperative) in plan
    assert exercise_url("discussions", cooperative) in plan
    priorities = client.get(
        reverse("plans:priorities", args=[cooperative.slug, session.pk])
    ).content.decode()
    # The guide's scores put « management » first among the weak themes of this session.
    assert exercise_url("charter", cooperative) in priorities


def test_the_cooperatives_page_shows_the_charter_in_force_and_the_latest_discussions(
    client_as, member, cooperative
):
    Charter.objects.create(cooperative=cooperative, version=1, adopted_on=datetime.date(2026, 3, 1))
    for day in (3, 17):
        Discussion.objects.create(
            cooperative=cooperative,
            held_on=datetime.date(2026, 4, day),
            theme=f"Réunion du {day}",
            decisions="Essai",
        )
    text = client_as(member).get(cooperative.get_absolute_url()).content.decode()
    assert "version 1 adoptée le 1 mars 2026" in text
    assert text.index("17/04/2026") < text.index("03/04/2026")  # a table: numeric dates
    assert exercise_url("time", cooperative) in text

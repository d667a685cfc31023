"""Query counts of the main pages, pinned (issue 8): the same budget for a small and a large
cooperative, so no page grows a query per respondent, session or member."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, SessionFactory, make_respondent

# Measured with bench/pages.py; a page that needs more must say why in review.
BUDGET = {
    "results": 7,
    "dashboard": 10,
    "answer_get": 3,
    "answer_post": 6,
    "fiche": 3,
    "meeting": 7,
    "meeting_statement": 7,
}


@pytest.fixture(params=[3, 60], ids=["small", "large"])
def team(request, cooperative, closed_session, open_session):
    size = request.param
    for n in range(size):
        MembershipFactory(cooperative=cooperative)
        make_respondent(closed_session, ("YNU"[n % 3] * 5 + "YYNNU") * 3)
    for _ in range(size // 10):
        SessionFactory(cooperative=cooperative, status="closed")
    return size


def test_results_page(client_as, facilitator, closed_session, team, django_assert_max_num_queries):
    client = client_as(facilitator)
    url = reverse("plans:results", args=[closed_session.cooperative.slug, closed_session.pk])
    client.get(url)  # warm the per-process questionnaire cache, as in a running server
    with django_assert_max_num_queries(BUDGET["results"]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["meeting", "meeting_statement"])
def test_meeting_pages(
    client_as, facilitator, closed_session, team, django_assert_max_num_queries, name
):
    client = client_as(facilitator)
    number = [1] if name == "meeting_statement" else []
    args = [closed_session.cooperative.slug, closed_session.pk, *number]
    url = reverse(f"plans:{name}", args=args)
    client.get(url)  # warm the per-process questionnaire cache, as in a running server
    with django_assert_max_num_queries(BUDGET[name]):
        assert client.get(url).status_code == 200


def test_dashboard(client_as, facilitator, cooperative, team, django_assert_max_num_queries):
    client = client_as(facilitator)
    client.get(cooperative.get_absolute_url())
    with django_assert_max_num_queries(BUDGET["dashboard"]):
        assert client.get(cooperative.get_absolute_url()).status_code == 200


def test_answer_step(client, open_session, team, django_assert_max_num_queries):
    start = reverse("answers:start", args=[open_session.join_token])
    client.post(start)
    url = reverse("answers:theme", args=[open_session.join_token, 2])
    client.get(url)
    with django_assert_max_num_queries(BUDGET["answer_get"]):
        page = client.get(url)
    assert page.status_code == 200
    fields = dict.fromkeys(page.context["form"].fields, "yes")
    with django_assert_max_num_queries(BUDGET["answer_post"]):
        assert client.post(url, fields).status_code == 302


def test_fiche_page(client, db, django_assert_max_num_queries):
    url = reverse("fiches:fiche", args=[1])
    client.get(url)
    with django_assert_max_num_queries(BUDGET["fiche"]):
        assert client.get(url).status_code == 200

"""Query counts of the main pages, pinned (issue 8): the same budget for a small and a large
cooperative, so no page grows a query per respondent, session or member."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, SessionFactory, make_respondent

# Measured with bench/pages.py; a page that needs more must say why in review.
BUDGET = {
    # 7 for the page, 2 for the stepper (the session's progress in one query, chosen priorities),
    # 1 for the cooperative's networks (issue 16; 2 more in a network: networks.figures).
    "results": 10,
    "dashboard": 10,
    "answer_get": 3,
    "answer_post": 6,
    "fiche": 3,
    # The meeting's screens: the results, the agreed answers and the latest vote (its panel).
    "meeting": 8,
    "meeting_statement": 8,
    # Session page: session, cooperative and membership, the counts, the stepper's progress and
    # chosen priorities (the team's size is frozen on the session: no count of members); for
    # the facilitator of an open or closed session, its invitations and reminders with their
    # status (one query, issue 15 point 6).
    "session": 7,
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


@pytest.mark.parametrize("status", ["open", "draft"])
def test_session_page(
    client_as, facilitator, cooperative, open_session, team, django_assert_max_num_queries, status
):
    """The participation block (« 4 sur 6 », its bar, the deadline) adds no query per member."""
    session = open_session if status == "open" else SessionFactory(cooperative=cooperative)
    if status == "open":
        for _ in range(team):
            make_respondent(session, "Y" * 30)
    client = client_as(facilitator)
    client.get(session.get_absolute_url())
    with django_assert_max_num_queries(BUDGET["session"]):
        assert client.get(session.get_absolute_url()).status_code == 200


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


# --- The meeting's votes (issue 14, point 3): the phones' pad and poll, the projector's poll ----

# The ballot: session, open vote, then in one transaction (savepoints in tests) the voter count,
# the pass's mark and one total per theme given points.
VOTE_BUDGET = {"pad_get": 3, "pad_post": 9, "pad_status": 2, "projector_status": 5}


@pytest.fixture(params=[3, 60], ids=["3-voters", "60-voters"])
def open_vote_with_voters(request, cooperative):
    """A closed session whose `n` phones all voted in an open vote, and one more that has not."""
    from plans import votes
    from tests.plans.vote_helpers import closed_with_sheets, pass_of

    session, phones = closed_with_sheets(cooperative, request.param + 1)
    vote = votes.open_vote(session, "priorities")
    code = session.questionnaire.themes.order_by("order").first().code
    for phone in phones[:-1]:
        votes.cast(vote, pass_of(phone, session), {code: 3})
    return session, vote, phones[-1]


def test_vote_pad_and_its_poll(open_vote_with_voters, django_assert_num_queries):
    from tests.plans.vote_helpers import pad_status_url, pad_url

    session, vote, phone = open_vote_with_voters
    phone.get(pad_url(session))
    with django_assert_num_queries(VOTE_BUDGET["pad_get"]):
        assert phone.get(pad_url(session)).status_code == 200
    with django_assert_num_queries(VOTE_BUDGET["pad_status"]):
        assert phone.get(pad_status_url(session)).status_code == 200
    code = session.questionnaire.themes.order_by("order").first().code
    with django_assert_num_queries(VOTE_BUDGET["pad_post"]):
        response = phone.post(pad_url(session), {"vote": vote.pk, f"points_{code}": "3"})
    assert response.status_code == 302


def test_vote_status_of_the_projector(
    open_vote_with_voters, client_as, facilitator, django_assert_num_queries
):
    session, _vote, _phone = open_vote_with_voters
    url = reverse("plans:vote_status", args=[session.cooperative.slug, session.pk])
    client = client_as(facilitator)
    client.get(url)
    with django_assert_num_queries(VOTE_BUDGET["projector_status"]):
        assert client.get(url).status_code == 200

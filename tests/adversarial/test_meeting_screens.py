"""« L'atelier » (issue 14, point 2), as an attacker would try it: the projector pages show the
final results' counts only, to the facilitator of the session's cooperative only, and record
the team's answer only from that facilitator. L'atelier is new, so there was no code before
the fix to fail on: the first two tests were seen failing with their guard removed (the
final-results rule of `with_visible_results`, the facilitator role)."""

import pytest
from django.urls import reverse

from diagnostics import services as diagnostics
from plans.models import ConsolidatedAnswer
from tests.factories import make_respondent

SHEETS = ["Y" * 30, "N" * 30, "YN" * 15, "U" * 30]


def meeting_urls(session):
    args = [session.cooperative.slug, session.pk]
    return [
        reverse("plans:meeting", args=args),
        reverse("plans:meeting_statement", args=[*args, 1]),
    ]


@pytest.fixture
def revealed_open_session(open_session):
    for letters in SHEETS:
        make_respondent(open_session, letters)
    diagnostics.reveal_results(open_session)
    return open_session


def test_a_first_look_revealed_while_the_session_is_open_cannot_be_run_as_the_meeting(
    client_as, facilitator, revealed_open_session
):
    """The meeting reads the final results: on a first look the team would agree on answers
    that later sheets still change (and each screen, compared with the next look, would tell
    what the latest sheets said)."""
    client = client_as(facilitator)
    results = reverse(
        "plans:results", args=[revealed_open_session.cooperative.slug, revealed_open_session.pk]
    )
    for url in meeting_urls(revealed_open_session):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, results)
    client.post(meeting_urls(revealed_open_session)[1], {"value": "yes"})
    assert not ConsolidatedAnswer.objects.exists()


@pytest.fixture
def closed_with_answers(closed_session, facilitator):
    for letters in SHEETS:
        make_respondent(closed_session, letters)
    return closed_session


def test_a_member_can_neither_see_the_projector_nor_change_the_team_answer(
    client_as, facilitator, member, closed_with_answers
):
    statement_url = meeting_urls(closed_with_answers)[1]
    client_as(facilitator).post(statement_url, {"value": "no", "note": "Décidé en réunion"})
    member_client = client_as(member)
    for url in meeting_urls(closed_with_answers):
        assert member_client.get(url).status_code == 403
    assert member_client.post(statement_url, {"value": "yes", "note": ""}).status_code == 403
    agreed = ConsolidatedAnswer.objects.get(session=closed_with_answers)
    assert (agreed.value, agreed.note) == ("no", "Décidé en réunion")


def test_another_cooperative_cannot_tell_the_meeting_exists(
    client_as, other_facilitator, closed_with_answers
):
    client = client_as(other_facilitator)
    for url in meeting_urls(closed_with_answers):
        assert client.get(url).status_code == 404
        assert client.post(url, {"value": "yes"}).status_code == 404
    assert not ConsolidatedAnswer.objects.exists()


def test_the_screens_show_counts_and_never_a_person(
    client_as, facilitator, member, closed_with_answers
):
    """Four sheets, one each: a screen that listed answers by sheet, in any order, would give
    them away. Only the three counts of each statement appear."""
    client = client_as(facilitator)
    client.post(meeting_urls(closed_with_answers)[1], {"value": "yes"})  # stores updated_by
    for url in meeting_urls(closed_with_answers):
        html = client.get(url).content.decode()
        for person in (facilitator, member):
            assert person.email not in html
    statement = client.get(meeting_urls(closed_with_answers)[1])
    counts = [(bar.value, bar.count) for bar in statement.context["screen"].bars]
    assert counts == [("yes", 2), ("unsure", 1), ("no", 1)]
    assert statement.content.decode().count('class="meeting-bar ') == 3

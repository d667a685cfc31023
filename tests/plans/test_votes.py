"""The meeting's votes as the facilitator and the phones use them (the attacks are in
tests/adversarial/test_votes.py)."""

import pytest
from django.test import Client

from diagnostics.answer_views import voter_pass_cookie_name
from plans import priorities
from plans.vote_models import Tally, Vote
from tests.diagnostics.test_answer_flow import url
from tests.plans.vote_helpers import coop_url, meeting_with_phones, pad_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def projector(client, facilitator):
    client.force_login(facilitator)
    return client


def test_the_join_link_points_to_the_pad_while_a_vote_is_open_and_not_after(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    assert "votez ici" not in phones[0].get(url("start", session)).content.decode()
    projector.post(coop_url("plans:vote_open", session), {"kind": "priorities"})
    page = phones[0].get(url("start", session)).content.decode()
    assert f'href="{pad_url(session)}"' in page and "Un vote est en cours\u00a0: votez ici" in page
    vote = Vote.objects.get(session=session)
    projector.post(coop_url("plans:vote_close", session, vote.pk))
    assert "votez ici" not in phones[0].get(url("start", session)).content.decode()


def test_a_priorities_vote_retained_becomes_the_teams_priorities(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    themes = list(session.questionnaire.themes.order_by("order"))
    projector.post(coop_url("plans:vote_open", session), {"kind": "priorities"})
    vote = Vote.objects.get(session=session)
    ballots = [
        {themes[4].code: "3"},
        {themes[4].code: "1", themes[1].code: "2"},
        {themes[2].code: "1", themes[1].code: "1", themes[0].code: "1"},
    ]
    for phone, points in zip(phones, ballots, strict=True):
        data = {f"points_{code}": value for code, value in points.items()}
        assert phone.post(pad_url(session), {"vote": vote.pk, **data}).status_code == 302
    projector.post(coop_url("plans:vote_reveal", session, vote.pk))
    html = projector.get(coop_url("plans:meeting", session)).content.decode()
    assert "Retenir ces priorités" in html
    response = projector.post(coop_url("plans:vote_retain", session, vote.pk))
    assert response.status_code == 302
    # 4 points, 3 points, then a tie at 1 broken by the questionnaire's order.
    assert priorities.chosen(session) == [themes[4], themes[1], themes[0]]
    assert priorities.chosen_method(session) == "vote"


def test_retaining_a_vote_below_k_chooses_nothing(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    projector.post(coop_url("plans:vote_open", session), {"kind": "priorities"})
    vote = Vote.objects.get(session=session)
    code = session.questionnaire.themes.first().code
    phones[0].post(pad_url(session), {"vote": vote.pk, f"points_{code}": "3"})
    projector.post(coop_url("plans:vote_reveal", session, vote.pk))
    projector.post(coop_url("plans:vote_retain", session, vote.pk))
    assert priorities.chosen(session) == []


def test_only_one_vote_is_open_at_a_time(projector, cooperative):
    session, _phones = meeting_with_phones(cooperative, count=3)
    projector.post(coop_url("plans:vote_open", session), {"kind": "priorities"})
    response = projector.post(
        coop_url("plans:vote_open", session), {"kind": "priorities"}, follow=True
    )
    assert "Un vote est déjà en cours" in response.content.decode()
    assert Vote.objects.filter(session=session).count() == 1


@pytest.mark.parametrize(
    "data", [{}, {"kind": "statement"}, {"kind": "statement", "statement": "999999"}, {"kind": "x"}]
)
def test_a_forged_opening_is_refused_with_a_message_and_opens_nothing(projector, cooperative, data):
    session, _phones = meeting_with_phones(cooperative, count=3)
    response = projector.post(coop_url("plans:vote_open", session), data, follow=True)
    assert response.status_code == 200
    assert "alert" in response.content.decode()
    assert not Vote.objects.exists()


def test_no_vote_opens_before_the_close(projector, open_session):
    projector.post(coop_url("plans:vote_open", open_session), {"kind": "priorities"})
    assert not Vote.objects.exists()


def test_a_vote_reached_through_another_sessions_url_is_not_found(projector, cooperative):
    session, _phones = meeting_with_phones(cooperative, count=3)
    other_session, _ = meeting_with_phones(cooperative, count=3)
    projector.post(coop_url("plans:vote_open", session), {"kind": "priorities"})
    vote_pk = Vote.objects.get(session=session).pk
    for name in ("plans:vote_close", "plans:vote_reveal", "plans:vote_retain"):
        assert projector.post(coop_url(name, other_session, vote_pk)).status_code == 404
    assert Vote.objects.get(pk=vote_pk).is_open


def test_forgetting_this_device_forgets_its_vote_pass(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    phones[0].post(url("forget", session))
    assert not phones[0].cookies[voter_pass_cookie_name(session)].value


def test_the_pad_without_javascript_shows_the_open_vote_after_a_reload(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    assert "Pas de vote en cours" in phones[0].get(pad_url(session)).content.decode()
    statement = session.questionnaire.themes.first().statements.first()
    projector.post(
        coop_url("plans:vote_open", session), {"kind": "statement", "statement": statement.pk}
    )
    page = phones[0].get(pad_url(session)).content.decode()
    assert statement.text in page and 'value="unsure"' in page
    assert "js/vote_pad.js" in page
    vote = Vote.objects.get(session=session)
    phones[0].post(pad_url(session), {"vote": vote.pk, "value": "unsure"})
    assert dict(Tally.objects.filter(vote=vote).values_list("option", "total"))["unsure"] == 1
    assert Client().get(pad_url(session)).status_code == 200  # no pass: told so, no error

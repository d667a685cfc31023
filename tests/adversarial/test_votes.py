"""Attacks on the meeting's votes from the phones (issue 14, point 3). The facilitator runs the
projector and may try to learn who voted what (from a page, a JSON poll, a result below k, a
result that moves, the database's order or times), or to vote more than once; a member may try
a second ballot, a forged one, or one from a phone that sent no sheet of this session."""

import json

import pytest
from django.test import Client

from diagnostics.answer_views import voter_pass_cookie_name
from plans.vote_models import Ballot, Tally, Vote
from tests.plans.vote_helpers import (
    closed_with_sheets,
    coop_url,
    meeting_with_phones,
    pad_status_url,
    pad_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def projector(client, facilitator):
    client.force_login(facilitator)
    return client


def open_vote(projector, session, kind="statement", statement=None):
    data = {"kind": kind}
    if kind == "statement":
        data["statement"] = statement or session.questionnaire.themes.first().statements.first().pk
    assert projector.post(coop_url("plans:vote_open", session), data).status_code == 302
    return Vote.objects.get(session=session, closed_at__isnull=True)


def ballot(phone, session, vote, **data):
    return phone.post(pad_url(session), {"vote": vote.pk, **data})


def totals(vote):
    return dict(Tally.objects.filter(vote=vote).values_list("option", "total"))


def panel_html(projector, session):
    return projector.get(coop_url("plans:meeting", session)).content.decode()


def test_phones_that_answered_vote_once_each_and_the_projector_shows_the_totals(
    projector, cooperative
):
    session, phones = meeting_with_phones(cooperative, count=4)
    vote = open_vote(projector, session)
    for phone, value in zip(phones, ["yes", "yes", "no", "unsure"], strict=True):
        assert ballot(phone, session, vote, value=value).status_code == 302
        assert "Merci, votre vote est compté" in phone.get(pad_url(session)).content.decode()
    projector.post(coop_url("plans:vote_reveal", session, vote.pk))
    html = panel_html(projector, session)
    assert "<strong>Oui</strong> : 2 personnes" in html
    assert "<strong>Non</strong> : 1 personne" in html
    assert "<strong>Je ne sais pas</strong> : 1 personne" in html


def test_while_the_vote_is_open_the_facilitator_sees_a_count_and_no_total(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=4)
    vote = open_vote(projector, session)
    for phone in phones[:3]:
        ballot(phone, session, vote, value="no")
    html = panel_html(projector, session)
    assert 'id="vote-count-number">3<' in html
    assert "vote-result" not in html and "personnes" not in html.split('id="vote-panel"')[1]
    status = json.loads(projector.get(coop_url("plans:vote_status", session)).content)
    assert status == {"vote": vote.pk, "open": True, "revealed": False, "voters": 3}
    # The phones' own poll says which vote is open, nothing else.
    pad_status = json.loads(phones[0].get(pad_status_url(session)).content)
    assert pad_status == {"vote": vote.pk}


def test_a_result_below_k_voters_stays_hidden_even_once_revealed(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=4, k=3)
    vote = open_vote(projector, session)
    for phone in phones[:2]:
        ballot(phone, session, vote, value="no")
    projector.post(coop_url("plans:vote_reveal", session, vote.pk))
    html = panel_html(projector, session)
    assert "Résultat caché : il faut au moins 3 votes." in html
    assert "vote-result" not in html and "<strong>Non</strong>" not in html
    status = projector.get(coop_url("plans:vote_status", session)).content.decode()
    assert "no" not in json.loads(status) and "yes" not in status


def test_revealing_early_closes_the_vote_so_a_later_ballot_cannot_move_the_totals(
    projector, cooperative
):
    # Reveal at 3, let the 4th vote, compare: the difference would be the 4th person's ballot.
    session, phones = meeting_with_phones(cooperative, count=4, k=3)
    vote = open_vote(projector, session)
    for phone in phones[:3]:
        ballot(phone, session, vote, value="yes")
    projector.post(coop_url("plans:vote_reveal", session, vote.pk))
    before = totals(vote)
    response = ballot(phones[3], session, vote, value="no")
    assert response.status_code == 409
    assert totals(vote) == before
    assert Vote.objects.get(pk=vote.pk).voters == 3


def test_nothing_stored_of_a_ballot_holds_its_value_its_time_or_a_link_between_two_votes(
    projector, cooperative
):
    session, phones = meeting_with_phones(cooperative, count=3)
    # No column could be matched to the moment someone tapped, nor to what they chose.
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "vote", "voter_key"}
    assert {f.name for f in Tally._meta.get_fields()} == {"id", "vote", "option", "total"}
    first = open_vote(projector, session)
    ballot(phones[0], session, first, value="yes")
    first_key = Ballot.objects.get(vote=first).voter_key
    projector.post(coop_url("plans:vote_close", session, first.pk))
    assert not Ballot.objects.filter(vote=first).exists()  # gone once nobody may vote
    second = open_vote(projector, session)
    ballot(phones[0], session, second, value="yes")
    # The same phone's marks in two votes differ: two ballots cannot be linked to one phone.
    assert Ballot.objects.get(vote=second).voter_key != first_key
    pass_value = phones[0].cookies[voter_pass_cookie_name(session)].value
    assert pass_value.split(":")[0] not in first_key


def test_a_second_ballot_from_the_same_phone_is_refused_and_changes_nothing(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    vote = open_vote(projector, session)
    assert ballot(phones[0], session, vote, value="yes").status_code == 302
    response = ballot(phones[0], session, vote, value="no")
    assert response.status_code == 409
    assert totals(vote) == {"yes": 1, "unsure": 0, "no": 0}
    assert Vote.objects.get(pk=vote.pk).voters == 1


def test_a_pass_copied_to_a_second_phone_still_votes_once(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    vote = open_vote(projector, session)
    copy = Client()
    name = voter_pass_cookie_name(session)
    copy.cookies[name] = phones[0].cookies[name].value
    assert ballot(copy, session, vote, value="no").status_code == 302
    assert ballot(phones[0], session, vote, value="yes").status_code == 409
    assert Vote.objects.get(pk=vote.pk).voters == 1


def test_the_pass_never_leaves_the_phone_so_the_facilitator_cannot_replay_it(
    projector, cooperative, facilitator
):
    session, phones = meeting_with_phones(cooperative, count=3)
    name = voter_pass_cookie_name(session)
    assert phones[0].cookies[name]["httponly"]
    vote = open_vote(projector, session)
    pass_value = phones[0].cookies[name].value
    for page in (phones[0].get(pad_url(session)), panel_html(projector, session)):
        assert pass_value not in (page if isinstance(page, str) else page.content.decode())
    # The facilitator, logged in, with no pass of their own: no ballot.
    response = ballot(projector, session, vote, value="yes")
    assert response.status_code == 403
    # Nor with a made-up one.
    projector.cookies[name] = "0" * 64
    assert ballot(projector, session, vote, value="yes").status_code == 403
    assert Vote.objects.get(pk=vote.pk).voters == 0


def test_a_phone_of_another_session_cannot_vote_here(projector, cooperative):
    session, _phones = meeting_with_phones(cooperative, count=3)
    other, other_phones = closed_with_sheets(cooperative, 3)
    vote = open_vote(projector, session)
    intruder = other_phones[0]
    assert ballot(intruder, session, vote, value="yes").status_code == 403
    # Its signed pass under this session's cookie name: the signature is per session.
    intruder.cookies[voter_pass_cookie_name(session)] = intruder.cookies[
        voter_pass_cookie_name(other)
    ].value
    assert ballot(intruder, session, vote, value="yes").status_code == 403
    assert Vote.objects.get(pk=vote.pk).voters == 0


def test_a_phone_without_a_sent_sheet_cannot_vote(projector, cooperative):
    session, _phones = meeting_with_phones(cooperative, count=3)
    vote = open_vote(projector, session)
    newcomer = Client()
    page = newcomer.get(pad_url(session)).content.decode()
    assert "ce téléphone ne peut pas voter" in page
    assert ballot(newcomer, session, vote, value="yes").status_code == 403
    assert Vote.objects.get(pk=vote.pk).voters == 0


def test_no_ballot_is_taken_when_no_vote_is_open(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    assert "Pas de vote en cours" in phones[0].get(pad_url(session)).content.decode()
    vote = open_vote(projector, session)
    projector.post(coop_url("plans:vote_close", session, vote.pk))
    assert ballot(phones[0], session, vote, value="yes").status_code == 409
    assert totals(vote) == {"yes": 0, "unsure": 0, "no": 0}


@pytest.mark.parametrize(
    "points",
    [
        [],  # nothing given
        ["4"],
        ["2", "2"],  # 4 in all
        ["1", "1"],  # 2 in all
        ["-1", "3", "1"],
        ["1.5", "1.5"],
        ["٣"],  # an Arabic-Indic three, which int() would take
        ["1", "1", "1", "x"],
    ],
)
def test_a_forged_priorities_ballot_is_refused_with_400_and_nothing_stored(
    projector, cooperative, points
):
    session, phones = meeting_with_phones(cooperative, count=3)
    vote = open_vote(projector, session, kind="priorities")
    codes = list(session.questionnaire.themes.order_by("order").values_list("code", flat=True))
    data = {f"points_{code}": value for code, value in zip(codes, points, strict=False)}
    response = ballot(phones[0], session, vote, **data)
    assert response.status_code == 400
    assert "points" in response.content.decode()
    assert set(totals(vote).values()) == {0}
    assert not Ballot.objects.exists() and Vote.objects.get(pk=vote.pk).voters == 0


def test_three_points_spread_over_the_themes_count_as_points(projector, cooperative):
    session, phones = meeting_with_phones(cooperative, count=3)
    vote = open_vote(projector, session, kind="priorities")
    codes = list(session.questionnaire.themes.order_by("order").values_list("code", flat=True))
    ballot(phones[0], session, vote, **{f"points_{codes[0]}": "2", f"points_{codes[1]}": "1"})
    ballot(phones[1], session, vote, **{f"points_{codes[1]}": "3"})
    ballot(phones[2], session, vote, **{f"points_{codes[2]}": "3"})
    assert totals(vote) == {codes[0]: 2, codes[1]: 4, codes[2]: 3} | dict.fromkeys(codes[3:], 0)


@pytest.mark.parametrize("value", ["maybe", "", "YES", "yes\x00"])
def test_a_forged_answer_ballot_is_refused_with_400_and_nothing_stored(
    projector, cooperative, value
):
    session, phones = meeting_with_phones(cooperative, count=3)
    vote = open_vote(projector, session)
    assert ballot(phones[0], session, vote, value=value).status_code == 400
    assert set(totals(vote).values()) == {0}
    assert not Ballot.objects.exists()


def test_a_member_cannot_open_or_reveal_a_vote(client, member, cooperative, projector):
    session, _phones = meeting_with_phones(cooperative, count=3)
    vote = open_vote(projector, session)
    other = Client()
    other.force_login(member)
    assert other.post(coop_url("plans:vote_reveal", session, vote.pk)).status_code == 403
    assert other.get(coop_url("plans:vote_status", session)).status_code == 403
    assert Vote.objects.get(pk=vote.pk).revealed_at is None


@pytest.mark.django_db(transaction=True)
def test_eight_ballots_posted_at_once_from_one_phone_count_once(projector, cooperative):
    # A script firing the same ballot in parallel, hoping two get in before the constraint.
    from django.db import connection

    from tests.diagnostics.test_concurrency import _at_once

    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL; CI runs it)")
    session, phones = closed_with_sheets(cooperative, 3)
    vote = open_vote(projector, session)
    cookie = phones[0].cookies[voter_pass_cookie_name(session)].value

    def post(_i):
        attacker = Client()
        attacker.cookies[voter_pass_cookie_name(session)] = cookie
        return ballot(attacker, session, vote, value="no").status_code

    statuses = _at_once(8, post)
    assert sorted(statuses) == [302] + [409] * 7
    assert Vote.objects.get(pk=vote.pk).voters == 1
    assert totals(vote) == {"yes": 0, "unsure": 0, "no": 1}

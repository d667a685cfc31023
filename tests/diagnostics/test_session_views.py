"""Facilitator pages of a session: create, edit, open, close, follow participation."""

import pytest
from django.urls import reverse

from diagnostics.models import DiagnosticSession, Respondent
from tests.factories import make_respondent


def session_url(name, session):
    return reverse(f"diagnostics:{name}", args=[session.cooperative.slug, session.pk])


def test_a_facilitator_creates_a_draft_session_with_the_default_threshold(
    client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    response = client.post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "Printemps", "anonymity_threshold": 3},
    )
    session = DiagnosticSession.objects.get()
    assert response["Location"] == session_url("session", session)
    assert (session.status, session.anonymity_threshold, session.cooperative) == (
        "draft",
        3,
        cooperative,
    )
    assert session.questionnaire.code == "qvt-numerique-2018"
    assert session.created_by == facilitator


@pytest.mark.parametrize("threshold", ["2", "11", "-1", "trois", ""])
def test_a_threshold_outside_3_to_10_is_refused_and_nothing_saved(
    client_as, facilitator, cooperative, threshold
):
    response = client_as(facilitator).post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "Printemps", "anonymity_threshold": threshold},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["anonymity_threshold"]
    assert not DiagnosticSession.objects.exists()


def test_a_title_is_required(client_as, facilitator, cooperative):
    response = client_as(facilitator).post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "", "anonymity_threshold": 3},
    )
    assert "title" in response.context["form"].errors
    assert not DiagnosticSession.objects.exists()


def test_opening_freezes_the_threshold(client_as, facilitator, draft_session):
    client = client_as(facilitator)
    client.post(session_url("session_open", draft_session), {"confirm": "1"})
    draft_session.refresh_from_db()
    assert draft_session.is_open and draft_session.opened_at
    client.post(
        session_url("session_edit", draft_session),
        {"title": "Nouveau titre", "anonymity_threshold": 10},
    )
    draft_session.refresh_from_db()
    assert draft_session.title == "Nouveau titre"
    assert draft_session.anonymity_threshold == 3


def test_the_open_session_page_shows_the_join_link(client_as, facilitator, open_session):
    html = client_as(facilitator).get(session_url("session", open_session)).content.decode()
    assert open_session.get_join_url() in html


def test_participation_is_a_count_never_who_answered(client_as, facilitator, open_session, member):
    from cooperatives.models import Membership

    membership = Membership.objects.get(user=member)
    make_respondent(open_session, "Y" * 30, membership=membership)
    make_respondent(open_session, "N" * 30)
    make_respondent(open_session, "YYYYY", submitted=False) if False else None
    response = client_as(facilitator).get(session_url("session", open_session))
    html = response.content.decode()
    assert response.context["participation"].submitted == 2
    assert member.email not in html


def test_closing_cuts_the_link_between_members_and_answer_sheets(
    client_as, facilitator, open_session, member
):
    from cooperatives.models import Membership

    membership = Membership.objects.get(user=member)
    make_respondent(open_session, "Y" * 30, membership=membership)
    client_as(facilitator).post(session_url("session_close", open_session), {"confirm": "1"})
    open_session.refresh_from_db()
    assert open_session.is_closed and open_session.closed_at
    assert not Respondent.objects.filter(membership__isnull=False).exists()


@pytest.mark.parametrize(
    ("fixture", "action"),
    [
        ("draft_session", "session_close"),
        ("closed_session", "session_open"),
        ("closed_session", "session_close"),
        ("open_session", "session_open"),
    ],
)
def test_a_transition_the_state_does_not_allow_is_refused_with_a_message(
    request, client_as, facilitator, fixture, action
):
    session = request.getfixturevalue(fixture)
    before = session.status
    response = client_as(facilitator).post(
        session_url(action, session), {"confirm": "1"}, follow=True
    )
    session.refresh_from_db()
    assert session.status == before
    assert "Seule une session" in response.content.decode()


def test_opening_asks_first_and_a_post_without_confirmation_opens_nothing(
    client_as, facilitator, draft_session
):
    client = client_as(facilitator)
    assert client.get(session_url("session_open", draft_session)).status_code == 200
    response = client.post(session_url("session_open", draft_session))
    assert response["Location"] == session_url("session_open", draft_session)
    draft_session.refresh_from_db()
    assert draft_session.is_draft


def test_closing_by_get_only_asks_for_confirmation(client_as, facilitator, open_session):
    response = client_as(facilitator).get(session_url("session_close", open_session))
    assert response.status_code == 200
    assert "Confirmer la clôture" in response.content.decode()
    open_session.refresh_from_db()
    assert open_session.is_open


def test_the_close_confirmation_of_a_session_not_open_sends_back_with_a_message(
    client_as, facilitator, draft_session
):
    response = client_as(facilitator).get(session_url("session_close", draft_session), follow=True)
    assert "Seule une session ouverte peut être clôturée" in response.content.decode()


def test_a_member_cannot_see_the_close_confirmation(client_as, member, open_session):
    assert client_as(member).get(session_url("session_close", open_session)).status_code == 403


def test_the_team_size_defaults_to_the_headcount_and_freezes_at_opening(
    client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    page = client.get(reverse("diagnostics:session_create", args=[cooperative.slug]))
    assert page.context["form"]["team_size"].value() == cooperative.headcount
    client.post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "Printemps", "anonymity_threshold": 3, "team_size": 8},
    )
    session = DiagnosticSession.objects.get()
    assert session.team_size == 8
    client.post(session_url("session_open", session), {"confirm": "1"})
    client.post(
        session_url("session_edit", session),
        {"title": "Printemps", "anonymity_threshold": 3, "team_size": 80, "members_only": "on"},
    )
    session.refresh_from_db()
    assert (session.team_size, session.members_only) == (8, False)


def test_a_small_team_in_open_mode_may_be_below_the_threshold(client_as, facilitator, cooperative):
    client_as(facilitator).post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "À deux", "anonymity_threshold": 3, "team_size": 2, "open_mode": "on"},
    )
    assert DiagnosticSession.objects.get().team_size == 2


@pytest.mark.parametrize("suite", ["²", "١", "99999999999999999999", "-1", "abc"])
def test_a_malformed_previous_session_in_the_query_string_is_ignored(
    client_as, facilitator, cooperative, suite
):
    url = reverse("diagnostics:session_create", args=[cooperative.slug])
    response = client_as(facilitator).get(url, {"suite": suite})
    assert response.status_code == 200
    assert response.context["form"]["previous"].value() is None

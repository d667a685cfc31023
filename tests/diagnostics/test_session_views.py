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
    client.post(session_url("session_open", draft_session))
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
    client_as(facilitator).post(session_url("session_close", open_session))
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
    response = client_as(facilitator).post(session_url(action, session), follow=True)
    session.refresh_from_db()
    assert session.status == before
    assert "Seule une session" in response.content.decode()


@pytest.mark.parametrize("action", ["session_open", "session_close"])
def test_transitions_reject_get(client_as, facilitator, draft_session, action):
    assert client_as(facilitator).get(session_url(action, draft_session)).status_code == 405

"""Participation at a glance on the session page (issue 15, point 2): « 4 sur 6 », a bar, the
deadline, « Copier le lien »; the deadline on the session form and in reminders."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Membership
from diagnostics.models import DiagnosticSession
from tests.factories import MembershipFactory, SessionFactory, make_respondent


def edit_url(session):
    return reverse("diagnostics:session_edit", args=[session.cooperative.slug, session.pk])


def form_data(session, **changes):
    data = {
        "title": session.title,
        "anonymity_threshold": session.anonymity_threshold,
        "team_size": session.team_size or "",
        "previous": "",
        "deadline": "",
    }
    return data | changes


def participation_block(html):
    return re.search(r'<dd class="col-sm-8" id="participation">(.*?)</dd>', html, re.S).group(1)


def test_the_session_page_says_four_out_of_six_with_a_bar_in_five_percent_steps(
    client_as, facilitator, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    for _ in range(4):
        make_respondent(session, "Y" * 30)
    block = participation_block(client_as(facilitator).get(session.get_absolute_url()).text)
    assert '<span id="submitted-count">4</span> sur 6' in block
    assert 'aria-valuenow="4"' in block and 'aria-valuemax="6"' in block
    assert 'class="progress-bar split-w-65"' in block  # 4/6 = 66.7 %, to the nearest 5 %
    assert "style=" not in block  # the CSP allows no inline style


def test_without_a_declared_size_the_team_is_the_cooperatives_members(
    client_as, facilitator, cooperative, draft_session
):
    for _ in range(4):
        MembershipFactory(cooperative=cooperative)
    block = participation_block(client_as(facilitator).get(draft_session.get_absolute_url()).text)
    assert "0</span> sur 5" in block  # the facilitator and four members


def test_the_participation_block_names_nobody(client_as, facilitator, member, cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    make_respondent(session, "Y" * 30, membership=Membership.objects.get(user=member))
    html = client_as(facilitator).get(session.get_absolute_url()).text
    block = participation_block(html)
    assert member.email not in block and member.email.split("@")[0] not in html


def test_the_join_link_has_a_copy_button_that_only_javascript_shows(
    client_as, facilitator, open_session
):
    html = client_as(facilitator).get(open_session.get_absolute_url()).text
    assert re.search(r'<button[^>]*id="copy-link"[^>]*hidden>Copier le lien</button>', html)
    assert 'readonly value="http://testserver/repondre/' in html  # selectable without JS
    assert "js/copy_link.js" in html
    assert (
        reverse("diagnostics:session_qr", args=[open_session.cooperative.slug, open_session.pk])
        in html
    )


def test_a_deadline_set_while_open_shows_on_the_page_and_in_reminders(
    client_as, facilitator, cooperative, mailoutbox
):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    MembershipFactory(cooperative=cooperative)
    client = client_as(facilitator)
    deadline = timezone.localdate() + timedelta(days=10)
    response = client.post(edit_url(session), form_data(session, deadline=deadline.isoformat()))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.deadline == deadline
    shown = f'<dd class="col-sm-8" id="deadline">{deadline.day} '
    assert shown in client.get(session.get_absolute_url()).text
    client.post(reverse("diagnostics:session_remind", args=[cooperative.slug, session.pk]))
    assert len(mailoutbox) == 2  # the facilitator and the member, one email each
    body = mailoutbox[0].body
    assert f"Merci de répondre avant le {deadline.day} " in body
    assert "@" not in body  # reminders never name anyone


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2020-01-01", "La date limite ne peut pas être passée"),
        ("31/02/2027", "Saisissez une date valide"),
        ("demain", "Saisissez une date valide"),
    ],
)
def test_a_past_or_malformed_deadline_is_refused_and_nothing_changes(
    client_as, facilitator, draft_session, typed, message
):
    title = draft_session.title
    response = client_as(facilitator).post(
        edit_url(draft_session), form_data(draft_session, deadline=typed, title="Autre titre")
    )
    assert response.status_code == 200 and message in response.text
    draft_session.refresh_from_db()
    assert draft_session.deadline is None and draft_session.title == title


def test_a_closed_sessions_deadline_cannot_change(client_as, facilitator, closed_session):
    deadline = timezone.localdate() + timedelta(days=3)
    client_as(facilitator).post(
        edit_url(closed_session), form_data(closed_session, deadline=deadline.isoformat())
    )
    assert DiagnosticSession.objects.get(pk=closed_session.pk).deadline is None

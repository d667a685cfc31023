"""Results go back to the people who answered (issue 14, point 8): whoever holds the join link
— a member, or anyone the printed link or QR code reached — sees on `repondre/<token>/resultats/`
exactly the aggregate the facilitator's results page shows, never more: nothing before the close
unless published, nothing below k, no per-sheet data, no owner's email or name.

The page did not exist before this change (the join link of a closed session only said
« clôturée »); each attack below is played as that link holder, through the test client."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from diagnostics import services as diagnostics_services
from diagnostics.models import DiagnosticSession
from plans import priorities
from plans.models import Action
from tests.adversarial.test_differencing import FIRST_THREE, FOURTH, member_answers
from tests.factories import MembershipFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

SCORE = re.compile(r'data-theme="([a-z]+)">([0-9],[0-9])<')


def link_page(session, client=None):
    response = (client or Client()).get(reverse("plans:team_results", args=[session.join_token]))
    return response.status_code, response.content.decode()


def facilitator_scores(client, session):
    url = reverse("plans:results", args=[session.cooperative.slug, session.pk])
    return dict(SCORE.findall(client.get(url).content.decode()))


@pytest.fixture
def session(cooperative):
    return SessionFactory(cooperative=cooperative, status=DiagnosticSession.Status.OPEN)


def test_nothing_shows_while_the_session_is_open(session):
    for letters in (*FIRST_THREE, FOURTH):
        member_answers(session, letters)
    status, html = link_page(session)
    assert status == 200
    assert 'id="results-hidden"' in html and not SCORE.findall(html)
    assert "radar" not in html


def test_published_results_show_the_published_copy_only(client_as, facilitator, session):
    for letters in FIRST_THREE:
        member_answers(session, letters)
    diagnostics_services.reveal_results(session)
    member_answers(session, FOURTH)  # after the copy: must not move any figure
    session.refresh_from_db()
    shown = dict(SCORE.findall(link_page(session)[1]))
    assert shown and shown == facilitator_scores(client_as(facilitator), session)
    # The copy of three sheets: 2 « Oui » each on the first theme → 2,0; with the fourth sheet
    # (3 « Oui ») it would read 2,3.
    first = session.questionnaire.themes.order_by("order").first().code
    assert shown[first] == "2,0"
    # No decisions on a first look.
    assert "après la clôture" in link_page(session)[1]


def test_below_k_nothing_shows_after_the_close(session):
    for letters in FIRST_THREE[:2]:
        member_answers(session, letters)
    diagnostics_services.close_session(session)
    status, html = link_page(session)
    assert status == 200 and 'id="results-hidden"' in html and not SCORE.findall(html)


def test_after_the_close_the_link_shows_the_facilitators_aggregate_and_decisions_without_names(
    client_as, facilitator, session, cooperative
):
    for letters in (*FIRST_THREE, FOURTH):
        member_answers(session, letters)
    diagnostics_services.close_session(session)
    session.refresh_from_db()
    themes = list(session.questionnaire.themes.order_by("order"))
    lea = MembershipFactory(
        cooperative=cooperative,
        user=UserFactory(email="lea@tisserands.coop", first_name="Léa", last_name="Martin"),
    )
    Action.objects.create(
        session=session, theme=themes[2], title="Charte de déconnexion", owner_membership=lea
    )
    Action.objects.create(session=session, theme=themes[3], title="Atelier", owner_name="Le CSE")
    priorities.choose(session, [themes[2]], "tick")
    session.meeting_date = "2027-03-15"
    session.save(update_fields=["meeting_date"])

    status, html = link_page(session)
    assert status == 200
    assert dict(SCORE.findall(html)) == facilitator_scores(client_as(facilitator), session)
    assert "4 personnes ont répondu" in html
    assert "Priorités retenues" in html and themes[2].title in html
    assert "Charte de déconnexion" in html and "Atelier" in html
    assert "lundi 15 mars 2027" in html
    # Nobody named, no address: not the owner, not the facilitator.
    for text in ("lea@tisserands.coop", "Léa", "Martin", "Le CSE", "Responsable"):
        assert text not in html
    assert facilitator.email not in html
    # No per-sheet data: nothing but totals (no sheet's own answers, no sheet id or time).
    assert "Mes réponses" not in html and "data-sheet" not in html and "respondent" not in html


def test_a_forged_link_finds_nothing(session):
    response = Client().get(reverse("plans:team_results", args=["x" * 20 + "." + "y" * 20]))
    assert response.status_code == 404


def test_a_members_only_session_keeps_its_results_to_logged_in_members(
    cooperative, member, outsider
):
    session = SessionFactory(cooperative=cooperative, status="open", members_only=True)
    client = Client()
    client.force_login(member)
    assert link_page(session, client)[0] == 200
    stranger = Client()
    assert link_page(session, stranger)[0] == 403
    stranger.force_login(outsider)
    assert link_page(session, stranger)[0] == 403


def test_the_closed_sessions_join_link_leads_to_the_teams_results(session):
    for letters in FIRST_THREE:
        member_answers(session, letters)
    diagnostics_services.close_session(session)
    html = Client().get(reverse("answers:start", args=[session.join_token])).content.decode()
    assert f'href="{reverse("plans:team_results", args=[session.join_token])}"' in html

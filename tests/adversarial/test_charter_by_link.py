"""The charter of the tools' usage (issue 17, FICHE 6) behind a session's join link: a member who
answers without an account reads the cooperative's charter in force at `repondre/<token>/charte/`,
offered on the thanks page and the team's results.

The join link reaches anyone (printed, shown as a QR code, forwarded): the charter is the team's
notice board and names nobody, so the page shows it to the link holder, and nothing more. Each
attack below is played as that link holder through the test client. The page did not exist
before this change (the charter was behind a member's login only)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from exercises.models import Charter, CharterRule
from tests.adversarial.test_join_link_email import send_a_sheet
from tests.factories import MembershipFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def link_url(session):
    return reverse("exercises:charter_by_link", args=[session.join_token])


def charter(cooperative, version, adopted_on, never_sent, author=None):
    c = Charter.objects.create(
        cooperative=cooperative, version=version, adopted_on=adopted_on, created_by=author
    )
    CharterRule.objects.create(
        charter=c, purpose="echanger", tool="Messagerie", never_sent=never_sent
    )
    return c


@pytest.fixture
def adopted(cooperative, facilitator):
    facilitator.first_name, facilitator.last_name = "Camille", "Autrice"
    facilitator.save()
    return charter(cooperative, 1, datetime.date(2026, 3, 12), "une mauvaise nouvelle", facilitator)


def test_the_link_holder_reads_the_version_in_force_and_nothing_else_of_the_cooperative(
    adopted, cooperative, facilitator, closed_session
):
    # A draft being written, with its own words: never shown behind the link.
    draft = Charter.objects.create(cooperative=cooperative, version=2)
    CharterRule.objects.create(
        charter=draft, purpose="echanger", tool="Messagerie", never_sent="PROJET-SECRET"
    )
    cooperative.time_notes.create(dimension="marche", kind="constraint", text="NOTE-DU-TABLEAU")
    response = Client().get(link_url(closed_session))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Version 1, adoptée le 12 mars 2026." in html
    assert "une mauvaise nouvelle" in html
    assert "PROJET-SECRET" not in html
    assert "NOTE-DU-TABLEAU" not in html
    assert "Autrice" not in html and facilitator.email not in html  # no author
    # No way from here into the cooperative's space (its slug is in every such URL).
    assert f"/c/{cooperative.slug}/" not in html


def test_an_older_version_is_not_listed_only_what_changed_since(cooperative, closed_session):
    charter(cooperative, 1, datetime.date(2026, 3, 12), "ANCIENNE-REGLE")
    charter(cooperative, 2, datetime.date(2026, 9, 1), "NOUVELLE-REGLE")
    html = Client().get(link_url(closed_session)).content.decode()
    assert "Version 2, adoptée le 1 septembre 2026." in html
    assert "Ce qui a changé depuis la version 1" in html
    assert "<ins>NOUVELLE-REGLE</ins>" in html
    assert "version-1" not in html  # no link to the older version's page


def test_a_link_of_one_cooperative_never_shows_anothers_charter(
    adopted, other_cooperative, closed_session
):
    charter(other_cooperative, 1, datetime.date(2026, 1, 5), "CHARTE-VOISINE")
    other_session = SessionFactory(cooperative=other_cooperative)
    mine = Client().get(link_url(closed_session)).content.decode()
    theirs = Client().get(link_url(other_session)).content.decode()
    assert "CHARTE-VOISINE" not in mine and "une mauvaise nouvelle" in mine
    assert "une mauvaise nouvelle" not in theirs and "CHARTE-VOISINE" in theirs


def test_a_members_only_session_keeps_the_charter_to_logged_in_members(
    adopted, cooperative, other_cooperative
):
    session = SessionFactory(cooperative=cooperative, members_only=True)
    assert Client().get(link_url(session)).status_code == 403
    stranger = Client()
    stranger.force_login(MembershipFactory(cooperative=other_cooperative).user)
    assert stranger.get(link_url(session)).status_code == 403
    throwaway = Client()
    throwaway.force_login(UserFactory(email="jetable@exemple.org"))
    assert throwaway.get(link_url(session)).status_code == 403
    member = Client()
    member.force_login(MembershipFactory(cooperative=cooperative).user)
    assert member.get(link_url(session)).status_code == 200


def test_a_forged_link_is_a_404_and_guessing_is_throttled(adopted, closed_session):
    client = Client()
    statuses = [
        client.get(reverse("exercises:charter_by_link", args=[f"faux{n}"])).status_code
        for n in range(12)
    ]
    assert statuses[0] == 404
    assert 429 in statuses  # accounts.throttle's TOKEN scope, as for every join link page


def test_without_an_adopted_charter_the_link_shows_nothing_and_offers_nothing(
    cooperative, open_session
):
    Charter.objects.create(cooperative=cooperative, version=1)  # a draft only
    assert Client().get(link_url(open_session)).status_code == 404
    client = Client()
    send_a_sheet(client, open_session)
    thanks = client.get(reverse("answers:thanks", args=[open_session.join_token]))
    assert thanks.status_code == 200
    assert link_url(open_session) not in thanks.content.decode()


def test_the_thanks_page_and_the_teams_results_offer_the_charter(adopted, open_session):
    client = Client()
    send_a_sheet(client, open_session)
    thanks = client.get(reverse("answers:thanks", args=[open_session.join_token]))
    assert link_url(open_session) in thanks.content.decode()
    results = client.get(reverse("plans:team_results", args=[open_session.join_token]))
    assert results.status_code == 200
    assert link_url(open_session) in results.content.decode()


def test_a_members_only_sessions_pages_do_not_offer_it_to_a_stranger(adopted, cooperative):
    session = SessionFactory(cooperative=cooperative, members_only=True, status="closed")
    stranger = Client()
    stranger.force_login(UserFactory(email="jetable@exemple.org"))
    response = stranger.get(reverse("plans:team_results", args=[session.join_token]))
    assert link_url(session) not in response.content.decode()

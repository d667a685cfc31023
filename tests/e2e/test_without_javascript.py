"""The pages that promise to work without JavaScript: answering, and the results with their
table and server-drawn SVG radar."""

import re

import pytest
from playwright.sync_api import expect

from diagnostics.models import DiagnosticSession
from tests.e2e.answering import answer_theme, answer_themes, next_theme, submit
from tests.e2e.conftest import PHONE
from tests.factories import PASSWORD, SessionFactory, make_respondent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ANSWERS = ["YYYYY", "YYYNU", "YNNNN", "YYUUN", "NNNNN", "YYYYN"]  # scores 5 3 1 2 0 4
# With two more sheets, all Oui (5 per theme) and all Non (0): (5 + 0 + score) / 3.
MEANS_FR = ["3,3", "2,7", "2,0", "2,3", "1,7", "3,0"]


def test_a_member_answers_and_the_team_reads_the_results_without_javascript(
    open_context, facilitator, cooperative, live_server, artifacts
):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic sans script", status="open")
    make_respondent(session, "Y" * 30)
    make_respondent(session, "N" * 30)

    member = open_context(viewport=PHONE, java_script_enabled=False).new_page()
    member.goto(session.get_join_url())
    member.get_by_role("button", name="Commencer").click()
    answer_theme(member, ANSWERS[0])
    next_theme(member)
    # Back to theme 1: the answers given are there, then forward again.
    member.get_by_role("button", name="← Thème précédent").click()
    expect(member).to_have_url(re.compile(r"/theme/1/$"))
    expect(member.locator("input[type=radio]:checked")).to_have_count(5)
    next_theme(member)
    answer_themes(member, ANSWERS, range(2, 7))
    submit(member)
    member.screenshot(path=artifacts / "no-javascript-member.png", full_page=True)

    facilitator_page = open_context(java_script_enabled=False).new_page()
    facilitator_page.goto("/comptes/connexion/")
    facilitator_page.get_by_label(re.compile(r"^\s*Adresse e-mail")).fill(facilitator.email)
    facilitator_page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(PASSWORD)
    facilitator_page.locator("main").get_by_role("button", name="Se connecter").click()
    facilitator_page.goto(f"/c/{cooperative.slug}/sessions/{session.pk}/")
    facilitator_page.get_by_role("link", name="Clôturer la session").click()
    facilitator_page.get_by_role("button", name="Confirmer la clôture").click()
    expect(facilitator_page.get_by_role("status")).to_contain_text("La session est clôturée")
    session.refresh_from_db()
    assert session.status == DiagnosticSession.Status.CLOSED
    facilitator_page.get_by_role("link", name="Voir les résultats").click()

    expect(facilitator_page.locator("#scores-table td[data-theme]")).to_have_text(MEANS_FR)
    radar = facilitator_page.locator(".radar-svg-fallback svg")
    expect(radar).to_be_visible()
    expect(radar.locator("polygon.radar-series")).to_have_count(1)
    expect(radar.locator("title")).to_have_text(re.compile("Cartographie"))
    expect(facilitator_page.locator("[data-radar] canvas")).to_have_count(0)
    facilitator_page.screenshot(path=artifacts / "no-javascript-results.png", full_page=True)

"""« L'atelier » on a projector (issue 14, point 2): the radar screen and the statement screens
fit 1280×720 and 1920×1080 without vertical scrolling, the keys record and move, and a laptop
window of 390 px still works (it scrolls, never sideways)."""

import re

import pytest
from playwright.sync_api import expect

from diagnostics import quiz
from plans.models import ConsolidatedAnswer
from tests.e2e.conftest import axe_violations, format_violations
from tests.factories import PASSWORD, SessionFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROJECTORS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
LAPTOP_390 = {"width": 390, "height": 844}
# Seven sheets; the first statement is 3 Oui / 1 ? / 3 Non: the most split, shown first.
SHEETS = ["Y" + "Y" * 29, "Y" + "N" * 29, "Y" + "YN" * 14 + "Y", "U" + "Y" * 29]
SHEETS += ["N" + "N" * 29, "N" + "YYN" * 9 + "YY", "N" + "U" * 29]

FITS = "() => document.documentElement.scrollHeight <= window.innerHeight"
NO_SIDEWAYS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def log_in(page, email):
    page.goto("/comptes/connexion/")
    page.get_by_label(re.compile(r"^\s*Adresse e-mail")).fill(email)
    page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()


def fits(page):
    sizes = page.evaluate("() => [document.documentElement.scrollHeight, window.innerHeight]")
    return sizes[0] <= sizes[1], sizes


def meeting_url(session, number=None):
    base = f"/c/{session.cooperative.slug}/sessions/{session.pk}/atelier/"
    return f"{base}{number}/" if number else base


@pytest.fixture
def meeting_session(cooperative):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="closed")
    for letters in SHEETS:
        make_respondent(session, letters)
    return session


@pytest.mark.parametrize("viewport", PROJECTORS, ids=["1280x720", "1920x1080"])
def test_the_radar_and_a_statement_fit_the_projector_without_scrolling(
    open_context, facilitator, meeting_session, artifacts, viewport
):
    page = open_context(viewport=viewport).new_page()
    log_in(page, facilitator.email)
    size = f"{viewport['width']}x{viewport['height']}"

    page.goto(meeting_url(meeting_session))
    expect(page.locator("[data-radar] canvas")).to_have_count(1)
    expect(page.locator("#meeting-scores td[data-theme]")).to_have_count(6)
    page.screenshot(path=artifacts / f"meeting-radar-{size}.png")
    ok, sizes = fits(page)
    assert ok, f"the radar screen scrolls at {size}: {sizes}"
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)

    page.get_by_role("link", name="Commencer").click()
    first = quiz.statements_of(meeting_session.questionnaire_id)[0]
    expect(page.get_by_role("heading", level=1)).to_have_attribute("data-statement", first.code)
    expect(page.locator("#meeting-progress")).to_contain_text("Affirmation 1/30")
    expect(page.locator("[data-answer=yes] .meeting-bar-count")).to_have_text("3 personnes sur 7")
    expect(page.locator("[data-answer=unsure] .meeting-bar-count")).to_have_text("1 personne sur 7")
    page.screenshot(path=artifacts / f"meeting-statement-{size}.png")
    ok, sizes = fits(page)
    assert ok, f"the statement screen scrolls at {size}: {sizes}"
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_the_keys_record_the_team_answer_and_move_between_statements(
    open_context, facilitator, meeting_session
):
    page = open_context(viewport=PROJECTORS[0]).new_page()
    log_in(page, facilitator.email)
    page.goto(meeting_url(meeting_session, 1))
    statements = quiz.statements_of(meeting_session.questionnaire_id)

    # Typing in the note never records nor moves: « n » and the arrows are text there.
    note = page.get_by_label("Note de l’équipe (facultative)")
    note.fill("On manque d’une instance")
    note.press("n")
    note.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"/atelier/1/$"))
    page.locator("h1").click()  # focus back on the page
    page.keyboard.press("o")
    expect(page).to_have_url(re.compile(r"/atelier/2/$"))
    expect(page.get_by_role("status")).to_contain_text("La réponse de l’équipe est enregistrée.")
    expect(page.locator("#meeting-progress")).to_contain_text("Réponses de l’équipe : 1/30")
    agreed = ConsolidatedAnswer.objects.get(session=meeting_session)
    assert (agreed.statement, agreed.value) == (statements[0], "yes")
    assert agreed.note == "On manque d’une instancen"

    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"/atelier/1/$"))
    expect(page.locator("#decision-state")).to_have_text("Réponse de l’équipe : Oui")
    page.keyboard.press("?")
    expect(page).to_have_url(re.compile(r"/atelier/2/$"))
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"/atelier/3/$"))
    assert ConsolidatedAnswer.objects.get(session=meeting_session).value == "unsure"


def test_a_390_px_window_scrolls_down_but_never_sideways(
    open_context, facilitator, meeting_session, artifacts
):
    page = open_context(viewport=LAPTOP_390).new_page()
    log_in(page, facilitator.email)
    for url in (meeting_url(meeting_session), meeting_url(meeting_session, 1)):
        page.goto(url)
        assert page.evaluate(NO_SIDEWAYS), url
    page.screenshot(path=artifacts / "meeting-statement-390.png", full_page=True)
    page.get_by_role("button", name="Non").click()
    expect(page).to_have_url(re.compile(r"/atelier/2/$"))
    assert ConsolidatedAnswer.objects.get(session=meeting_session).value == "no"


def test_without_javascript_a_tap_records_and_the_links_move(
    open_context, facilitator, meeting_session
):
    page = open_context(viewport=PROJECTORS[0], java_script_enabled=False).new_page()
    log_in(page, facilitator.email)
    page.goto(meeting_url(meeting_session))
    expect(page.locator("[data-fullscreen]")).to_be_hidden()  # the API needs the script
    expect(page.locator(".radar-svg-fallback svg")).to_be_visible()
    page.get_by_role("link", name="Commencer").click()
    page.get_by_label("Note de l’équipe (facultative)").fill("Sans script")
    page.get_by_role("button", name="Non").click()
    expect(page).to_have_url(re.compile(r"/atelier/2/$"))
    agreed = ConsolidatedAnswer.objects.get(session=meeting_session)
    assert (agreed.value, agreed.note) == ("no", "Sans script")
    page.get_by_role("link", name="← précédente").click()
    expect(page).to_have_url(re.compile(r"/atelier/1/$"))
    expect(page.locator("#decision-state")).to_have_text("Réponse de l’équipe : Non")


def test_full_screen_stays_on_from_one_statement_to_the_next(
    open_context, facilitator, meeting_session
):
    """The Fullscreen API ends with the document: in full screen the script swaps each next
    screen in place, so recording an answer or moving keeps the projector full screen."""
    page = open_context(viewport=PROJECTORS[0]).new_page()
    log_in(page, facilitator.email)
    page.goto(meeting_url(meeting_session))
    page.get_by_role("button", name="Plein écran").click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.get_by_role("link", name="Commencer").click()
    expect(page).to_have_url(re.compile(r"/atelier/1/$"))
    page.locator("h1").click()
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(r"/atelier/2/$"))
    expect(page.locator("#meeting-progress")).to_contain_text("Réponses de l’équipe : 1/30")
    assert ConsolidatedAnswer.objects.get(session=meeting_session).value == "no"
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"/atelier/3/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/atelier/2/$"))
    expect(page.locator("#meeting-progress")).to_contain_text("Affirmation 2/30")
    assert page.evaluate("() => document.fullscreenElement !== null")
    expect(page.get_by_role("button", name="Plein écran")).to_have_attribute("aria-pressed", "true")


def test_full_screen_stays_on_while_a_vote_is_opened_and_revealed(
    open_context, facilitator, meeting_session
):
    """The vote panel polls while a vote is open and reloads when it changes: a panel swapped
    out must stop polling, or revealing the vote would reload the page out of full screen."""
    page = open_context(viewport=PROJECTORS[0]).new_page()
    log_in(page, facilitator.email)
    page.goto(meeting_url(meeting_session, 1))
    page.get_by_role("button", name="Plein écran").click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    page.get_by_role("button", name="Faire voter cette affirmation").click()
    expect(page.locator("#vote-count")).to_contain_text("ouvert")
    page.wait_for_timeout(2500)  # the open vote's panel polls once
    page.get_by_role("button", name="Fermer et afficher le résultat").click()
    expect(page.locator("#vote-count")).not_to_contain_text("ouvert")
    page.wait_for_timeout(4500)  # two more polls of any panel left behind
    assert page.evaluate("() => document.fullscreenElement !== null")
    expect(page).to_have_url(re.compile(r"/atelier/1/$"))

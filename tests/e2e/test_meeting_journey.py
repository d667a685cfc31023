"""The meeting of issue 14, in a real browser: a facilitator runs « L'atelier » on a 1280×720
projector while four phones (390×844) vote on two statements and on the priorities; each
statement screen has no vertical scroll; the chosen priorities appear in the plan and on page 1
of the PDF.

The phones answer the questionnaire first, in the browser: a phone may vote only once it sent a
sheet of this session (the pass set at submit)."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from diagnostics import quiz
from plans.models import ConsolidatedAnswer
from tests.e2e.answering import answer_themes, submit
from tests.e2e.conftest import PHONE
from tests.e2e.test_meeting import FITS, log_in
from tests.factories import SessionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Four phones answer 30 statements each, then vote three times, and a PDF: well over the
    # suite's 120 s on the shared 2-core machine.
    pytest.mark.timeout(300),
]

PROJECTOR = {"width": 1280, "height": 720}
# Theme by theme (5 letters). The first two statements cut the team in two halves (2 Oui,
# 2 Non): they are split, so the meeting shows them first; elsewhere everyone agrees.
REST = ["YYY", "YYYNN", "NNNNU", "YYYYY", "NNNNN", "YYYNU"]
PHONES = {
    "A": ["YY" + REST[0], *REST[1:]],
    "B": ["YY" + REST[0], *REST[1:]],
    "C": ["NN" + REST[0], *REST[1:]],
    "D": ["NN" + REST[0], *REST[1:]],
}
# The phones' votes on the two split statements, and the team's answer recorded after each.
STATEMENT_VOTES = [
    ({"A": "Oui", "B": "Oui", "C": "Oui", "D": "Non"}, "o", "yes"),
    ({"A": "Non", "B": "Non", "C": "Non", "D": "Oui"}, "n", "no"),
]
# Three points each over the six themes (theme number → points). Totals: theme 5 → 6,
# theme 3 → 4, theme 2 → 2: the three priorities the vote retains, in that order.
POINTS = {
    "A": {5: 2, 3: 1},
    "B": {5: 3},
    "C": {3: 1, 2: 1, 5: 1},
    "D": {3: 2, 2: 1},
}
PDF_TIMEOUT = 60_000  # ms


def test_the_team_meeting_on_a_projector_with_four_phones_voting(
    open_context, facilitator, cooperative, artifacts
):
    session = SessionFactory(cooperative=cooperative, title="Réunion d’équipe", status="open")
    themes = list(session.questionnaire.themes.order_by("order"))
    statements = quiz.statements_of(session.questionnaire_id)

    phones = {}
    for name, answers in PHONES.items():
        phone = open_context(viewport=PHONE).new_page()
        phone.goto(session.get_join_url())
        phone.get_by_role("button", name="Commencer").click()
        answer_themes(phone, answers, range(1, 7))
        submit(phone)
        phones[name] = phone

    projector = open_context(viewport=PROJECTOR).new_page()
    log_in(projector, facilitator.email)
    projector.goto(f"/c/{cooperative.slug}/sessions/{session.pk}/")
    projector.get_by_role("link", name="Clôturer la session").first.click()
    projector.get_by_role("button", name="Confirmer la clôture").click()
    expect(projector.get_by_role("status").first).to_contain_text("La session est clôturée")

    meeting = f"/c/{cooperative.slug}/sessions/{session.pk}/atelier/"
    projector.goto(meeting)
    expect(projector.locator("#meeting-scores td[data-theme]")).to_have_count(6)
    assert projector.evaluate(FITS), "the radar screen scrolls"
    projector.get_by_role("link", name="Commencer").click()

    pad = f"/repondre/{session.join_token}/vote/"
    for number, (ballots, key, value) in enumerate(STATEMENT_VOTES, start=1):
        expect(projector).to_have_url(re.compile(rf"/atelier/{number}/$"))
        heading = projector.get_by_role("heading", level=1)
        expect(heading).to_have_attribute("data-statement", statements[number - 1].code)
        expect(projector.locator("[data-answer=yes] .meeting-bar-count")).to_have_text(
            "2 personnes sur 4"
        )
        projector.get_by_role("button", name="Faire voter cette affirmation").click()
        expect(projector.locator("#vote-count")).to_contain_text("ouvert")
        for name, choice in ballots.items():
            phones[name].goto(pad)
            phones[name].get_by_role("button", name=choice, exact=True).click()
            expect(phones[name].locator("#vote-thanks")).to_be_visible()
        expect(projector.locator("#vote-count-number")).to_have_text("4", timeout=10_000)
        projector.get_by_role("button", name="Fermer et afficher le résultat").click()
        result = projector.locator("#vote-result")
        expect(result.locator("[data-option=yes]")).to_contain_text(
            "3 personnes" if value == "yes" else "1 personne"
        )
        projector.screenshot(path=artifacts / f"meeting-journey-statement-{number}.png")
        assert projector.evaluate(FITS), f"statement screen {number} scrolls"
        projector.locator("h1").click()
        projector.keyboard.press(key)
        expect(projector).to_have_url(re.compile(rf"/atelier/{number + 1}/$"))
        agreed = ConsolidatedAnswer.objects.get(session=session, statement=statements[number - 1])
        assert agreed.value == value
        assert projector.evaluate(FITS), f"statement screen {number + 1} scrolls"

    # The priorities: back to the radar, where the facilitator opens the priorities vote.
    projector.goto(meeting)
    projector.get_by_role("button", name="Faire voter les priorités").click()
    for name, points in POINTS.items():
        phone = phones[name]
        phone.goto(pad)
        for theme_number, given in points.items():
            phone.get_by_label(themes[theme_number - 1].title).fill(str(given))
        phone.get_by_role("button", name="Voter").click()
        expect(phone.locator("#vote-thanks")).to_be_visible()
    expect(projector.locator("#vote-count-number")).to_have_text("4", timeout=10_000)
    projector.get_by_role("button", name="Fermer et afficher le résultat").click()
    chosen_themes = [themes[4], themes[2], themes[1]]
    chosen = [theme.title for theme in chosen_themes]
    expect(projector.locator("#vote-result li").first).to_contain_text(chosen[0])
    projector.screenshot(path=artifacts / "meeting-journey-priorities.png")
    assert projector.evaluate(FITS), "the radar screen with the priorities vote scrolls"
    projector.get_by_role("button", name="Retenir ces priorités").click()
    expect(projector.get_by_role("status").first).to_contain_text("priorités du vote sont retenues")

    # The plan and page 1 of the PDF show the three chosen priorities.
    projector.goto(f"/c/{cooperative.slug}/sessions/{session.pk}/plan/")
    badges = projector.locator("[data-priority]")
    expect(badges).to_have_count(3)
    for theme in chosen_themes:
        expect(badges.and_(projector.locator(f"[data-priority={theme.code}]"))).to_have_text(
            "priorité retenue"
        )
    with projector.expect_download(timeout=PDF_TIMEOUT) as download:
        projector.get_by_role("link", name="Télécharger le PDF").click()
    content = Path(download.value.path()).read_bytes()
    first_page = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    first_page = " ".join(first_page.replace("\u00a0", " ").split())
    for title in chosen:
        assert title in first_page, (title, first_page[:600])

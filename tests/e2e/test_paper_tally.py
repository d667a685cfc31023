"""The tally page in a browser (issue 15, point 5): a facilitator enters a paper sheet with the
keyboard only (Tab between statements, arrows between Oui / Je ne sais pas / Non / Sans réponse),
sees « Feuille papier n°1 enregistrée » and an empty form; axe clean at 1280 and 390 px, no
sideways scroll. Screenshots in test-artifacts/."""

import pytest
from playwright.sync_api import expect

from diagnostics.models import Respondent
from tests.e2e.conftest import DESKTOP, PHONE, A11yAudit
from tests.e2e.test_accessibility import log_in
from tests.factories import SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_paper_sheet_is_entered_with_the_keyboard(
    open_context, live_server, facilitator, cooperative, artifacts, viewport
):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’hiver", status="open")
    context = open_context(viewport=viewport)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{cooperative.slug}/sessions/{session.pk}/papier/saisie/")
    audit = A11yAudit()
    audit.check(page, "tally page")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    first = page.get_by_role("group", name="Nous avons réalisé une analyse préalable des besoins")
    expect(first.get_by_role("radio", name="Sans réponse")).to_be_checked()
    # Keyboard only: focus the first statement's checked radio, then arrows pick « Oui ».
    first.get_by_role("radio", name="Sans réponse").focus()
    page.keyboard.press("ArrowRight")  # wraps from the last choice to the first: Oui
    expect(first.get_by_role("radio", name="Oui")).to_be_checked()
    page.screenshot(path=artifacts / f"paper-tally-{viewport['width']}.png", full_page=False)
    page.get_by_role("button", name="Enregistrer cette feuille").click()
    expect(page.get_by_text("Feuille papier n°1 enregistrée.")).to_be_visible()
    expect(page.locator("#paper-count")).to_contain_text("1 feuille papier saisie")
    expect(first.get_by_role("radio", name="Sans réponse")).to_be_checked()
    audit.check(page, "tally page after a sheet")
    audit.assert_clean()
    sheet = Respondent.objects.get(session=session)
    assert sheet.origin == Respondent.Origin.PAPER
    assert sheet.answers.get().statement.code == "projet.2"
    context.close()

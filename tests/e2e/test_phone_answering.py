"""Answering on a 390x844 phone (issue 15, point 3): the first statement of every theme is on
the first screen, « Je ne sais pas » names the « ? » choice, « Passer ce thème ? » asks, and the
thanks page shows the link; axe finds nothing serious or critical. Screenshots in
test-artifacts/phone-*.png."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.answering import THEMES, answer_theme, next_theme, submit
from tests.e2e.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_SCREEN = """() => {
  const first = document.querySelector("form fieldset.statement");
  const box = first.querySelector(".choices").getBoundingClientRect();
  return {bottom: box.bottom, scrollY: window.scrollY, width: document.documentElement.scrollWidth};
}"""


def test_a_phone_answers_every_theme_from_its_first_screen(
    open_context, live_server, open_session, a11y, artifacts
):
    open_session.title = "Diagnostic QVT et numérique — printemps 2027"
    open_session.save(update_fields=["title"])
    page = open_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}{open_session.get_join_url()}")
    a11y.check(page)
    page.get_by_role("button", name="Commencer").click()
    for number in range(1, THEMES + 1):
        expect(page).to_have_url(re.compile(rf"/theme/{number}/$"))
        expect(page.locator("#progress")).to_contain_text(f"thème {number}/{THEMES}")
        # The statement and its three choices, without scrolling, nor sideways.
        screen = page.evaluate(FIRST_SCREEN)
        assert screen["scrollY"] == 0
        assert screen["bottom"] <= PHONE["height"], (number, screen)
        assert screen["width"] <= PHONE["width"], (number, screen)
        unsure = page.get_by_role("radio", name="Je ne sais pas", exact=True)
        expect(unsure).to_have_count(5)
        expect(page.get_by_role("radio", name="Oui", exact=True)).to_have_count(5)
        expect(page.get_by_text("Se connecter")).to_have_count(0)
        page.screenshot(path=str(artifacts / f"phone-theme-{number}.png"))
        a11y.check(page)
        if number == 2:
            # Leave one blank: the theme asks before moving on.
            fieldsets = page.locator("form fieldset.statement")
            for index in range(4):
                fieldsets.nth(index).locator("label.btn").nth(0).click()
            expect(page.locator("form fieldset.statement input:checked")).to_have_count(4)
            next_theme(page)
            expect(page.get_by_role("heading", name="Passer ce thème ?")).to_be_visible()
            page.screenshot(path=str(artifacts / "phone-skip-theme.png"))
            a11y.check(page, "skip")
            page.get_by_role("link", name="Répondre maintenant").click()
            page.locator("form fieldset.statement").nth(4).locator("label.btn").nth(1).click()
            next_theme(page)
            continue
        answer_theme(page, "YNUYN")
        next_theme(page)
    submit(page, a11y)
    expect(page.locator("#join-link")).to_have_text(
        f"{live_server.url}{open_session.get_join_url()}"
    )
    expect(page.get_by_role("button", name="M’envoyer ce lien")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(artifacts / "phone-thanks.png"), full_page=True)
    a11y.assert_clean()

"""French by default; English chosen with the language switcher, remembered by the browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import A11yAudit
from tests.factories import SessionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def switch_language(page, label, language, button):
    page.get_by_label(label).select_option(language)
    page.get_by_role("button", name=button).click()


def test_english_is_chosen_with_the_switcher_and_remembered(context, page, cooperative):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’hiver", status="open")
    html = page.locator("html")
    page.goto("/guide/fiches/3/")
    expect(html).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_attached()

    switch_language(page, "Langue", "en", "Changer")
    # Back on the same page, now in English.
    expect(page).to_have_url(re.compile(r"/guide/fiches/3/$"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    expect(page.get_by_role("heading", name="Contents of the sheet")).to_be_visible()
    assert {c["name"]: c["value"] for c in context.cookies()}.get("django_language") == "en"
    audit = A11yAudit(lang="en")
    audit.check(page)

    page.get_by_role("link", name="Home", exact=True).click()
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Our cooperative and digital technology: where do we stand?"
    )
    audit.check(page)

    # A member opens the join link in this browser: the quiz speaks English, statements included.
    page.goto(session.get_join_url())
    expect(html).to_have_attribute("lang", "en")
    audit.check(page)
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#progress")).to_contain_text("theme 1/6 — 0/30 answers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Running a transformation project")
    expect(page.get_by_role("radio", name="Yes")).to_have_count(5)
    expect(page.get_by_role("radio", name="I don't know", exact=True)).to_have_count(5)
    audit.check(page)

    # Another tab, later: still English, until switched back to French.
    later = context.new_page()
    later.goto("/comptes/connexion/")
    expect(later.locator("html")).to_have_attribute("lang", "en")
    expect(later.get_by_role("heading", level=1)).to_have_text("Log in")
    audit.check(later)
    switch_language(later, "Language", "fr", "Change")
    expect(later.locator("html")).to_have_attribute("lang", "fr")
    expect(later.get_by_role("heading", level=1)).to_have_text("Se connecter")
    audit.assert_clean()

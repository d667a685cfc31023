"""What a member does on the answer pages, shared by the journeys (mouse or touch)."""

import re

from playwright.sync_api import expect

# The choices come in this order in every statement's fieldset: Oui, ?, Non.
POSITION = {"Y": 0, "U": 1, "N": 2}
VALUE = {"Y": "yes", "U": "unsure", "N": "no"}
THEMES = 6


def answer_theme(page, letters):
    """Tap Oui / ? / Non for each statement of the theme shown, as one would with a finger:
    Bootstrap's btn-check hides the radio itself, people tap its label, the button."""
    fieldsets = page.locator("form fieldset.statement")
    expect(fieldsets).to_have_count(len(letters))
    for index, letter in enumerate(letters):
        fieldsets.nth(index).locator("label.btn").nth(POSITION[letter]).click()
    checked = page.eval_on_selector_all(
        "form fieldset.statement input[type=radio]:checked", "radios => radios.map(r => r.value)"
    )
    assert checked == [VALUE[letter] for letter in letters]


def next_theme(page):
    page.get_by_role("button", name=re.compile(r"^Enregistrer et (continuer|vérifier)")).click()


def answer_themes(page, answers, themes, a11y=None):
    """Answer the given theme numbers (1-based) from `answers` (6 strings of 5 letters)."""
    for number in themes:
        expect(page).to_have_url(re.compile(rf"/theme/{number}/$"))
        expect(page.locator("#progress")).to_contain_text(f"thème {number}/{THEMES}")
        if a11y:
            a11y.check(page)
        answer_theme(page, answers[number - 1])
        next_theme(page)


def submit(page, a11y=None):
    expect(page).to_have_url(re.compile(r"/recapitulatif/$"))
    expect(page.get_by_text("30/30 réponses")).to_be_visible()
    if a11y:
        a11y.check(page)
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, vos réponses sont envoyées")
    if a11y:
        a11y.check(page)

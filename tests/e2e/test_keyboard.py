"""A member answers the whole quiz with the keyboard only: Tab, arrow keys, Space and Enter.

In a radio group, Tab enters the group and the arrow keys move the choice within it (selecting
as they move); Space selects the focused radio. Every focus stop must show where the focus is.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.factories import SessionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# The focused element, and the element that shows its focus: Bootstrap's btn-check radios are
# visually hidden and their label (the button people see) carries the outline.
FOCUS = """() => {
  const el = document.activeElement;
  const shown = el.matches("input.btn-check") ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "", value: el.value || "",
    id: el.id, text: (el.innerText || el.value || "").trim().slice(0, 60),
    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    visible: box.width > 0 && box.height > 0,
  };
}"""

ANSWERS = ["YYYYY", "YUNNY", "NNNNN", "UUUUU", "YNYNY", "NUYUN"]
ARROWS_FROM_OUI = {"Y": 0, "U": 1, "N": 2}


def focused(page):
    state = page.evaluate(FOCUS)
    assert state["tag"] != "body", "the focus was lost"
    assert state["visible"], f"the focused element has no box: {state}"
    assert state["outline"] != "none" and state["outlineWidth"] >= 2, (
        f"focus not visible on {state['tag']} {state['id'] or state['text']!r}: "
        f"outline {state['outline']} {state['outlineWidth']}px"
    )
    return state


def press(page, key):
    page.keyboard.press(key)
    return focused(page)


def tab_until(page, predicate, limit=40):
    for _ in range(limit):
        state = press(page, "Tab")
        if predicate(state):
            return state
    raise AssertionError(f"Tab never reached the element; last focus: {state}")


def skip_to_content(page):
    """From the top of a new page the skip link comes first and moves the focus to #contenu.
    Pages reached by posting a form from a #contenu URL keep the fragment through the redirect:
    the browser then starts the Tab order at the content already."""
    if page.url.endswith("#contenu"):
        return
    state = press(page, "Tab")
    assert state["tag"] == "a" and state["text"] == "Aller au contenu", state
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def is_button(label):
    pattern = re.compile(label)
    return lambda s: s["tag"] == "button" and pattern.search(s["text"])


def test_a_member_answers_the_whole_quiz_with_the_keyboard(open_context, cooperative):
    session = SessionFactory(cooperative=cooperative, title="Au clavier", status="open")
    page = open_context(viewport=PHONE).new_page()
    page.goto(session.get_join_url())

    skip_to_content(page)
    tab_until(page, is_button("^Commencer$"))
    page.keyboard.press("Enter")

    for number, letters in enumerate(ANSWERS, start=1):
        expect(page).to_have_url(re.compile(rf"/theme/{number}/(#contenu)?$"))
        progress = page.locator("#progress")
        expect(progress).to_have_attribute("aria-live", "polite")
        expect(progress).to_contain_text(f"thème {number}/6 — {(number - 1) * 5}/30 réponses")
        skip_to_content(page)
        for letter in letters:
            # Tab enters the next group on its first radio (none is checked yet): Oui.
            state = tab_until(page, lambda s: s["type"] == "radio")
            assert state["value"] == "yes", state
            page.keyboard.press("Space")
            for _ in range(ARROWS_FROM_OUI[letter]):
                state = press(page, "ArrowRight")
            assert page.evaluate("document.activeElement.checked") is True
        chosen = page.eval_on_selector_all(
            "fieldset.statement input:checked", "radios => radios.map(r => r.value[0])"
        )
        assert "".join(chosen).upper() == letters
        tab_until(page, is_button("^Enregistrer et (continuer|vérifier)"))
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/recapitulatif/(#contenu)?$"))
    expect(page.get_by_text("30/30 réponses")).to_be_visible()
    skip_to_content(page)
    tab_until(page, is_button("^Envoyer mes réponses$"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, vos réponses sont envoyées")

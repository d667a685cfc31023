"""The meeting's votes in a real browser (issue 14, point 3): a phone (390×844) waiting on the pad
sees the vote appear by itself (the 2 s poll), votes, and the projector (1280×720) counts it
without a reload; the revealed result fits the statement screen. Screenshots in test-artifacts/."""

import pytest
from django.http import HttpResponse
from playwright.sync_api import expect

from diagnostics.answer_views import set_voter_pass, voter_pass_cookie_name
from tests.e2e.test_meeting import FITS, log_in, meeting_url
from tests.factories import SessionFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}


def pass_cookie(session, sheet, base_url):
    response = HttpResponse()
    set_voter_pass(response, session, sheet.raw_token)
    name = voter_pass_cookie_name(session)
    return {"name": name, "value": response.cookies[name].value, "url": f"{base_url}/repondre/"}


def test_a_phone_votes_and_the_projector_counts_it_then_shows_the_totals(
    open_context, facilitator, cooperative, live_server, artifacts
):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="open")
    sheets = [make_respondent(session, letters * 30) for letters in "YYNU"]
    from diagnostics import services

    session = services.close_session(session)
    pad = f"/repondre/{session.join_token}/vote/"

    phones = []
    for sheet in sheets[:3]:
        context = open_context(viewport=PHONE, is_mobile=True, has_touch=True)
        context.add_cookies([pass_cookie(session, sheet, live_server.url)])
        phone = context.new_page()
        phone.goto(pad)
        expect(phone.locator("#vote-none")).to_be_visible()
        phones.append(phone)

    projector = open_context(viewport=PROJECTOR).new_page()
    log_in(projector, facilitator.email)
    projector.goto(meeting_url(session, 1))
    projector.get_by_role("button", name="Faire voter cette affirmation").click()
    expect(projector.locator("#vote-count-number")).to_have_text("0")

    for n, phone in enumerate(phones):
        # The pad's poll reloads the page when the vote opens: no tap needed.
        expect(phone.get_by_role("button", name="Oui")).to_be_visible(timeout=6000)
        if n == 0:
            phone.screenshot(path=str(artifacts / "vote-pad-390x844.png"), full_page=True)
        phone.get_by_role("button", name="Non" if n == 2 else "Oui").click()
        expect(phone.locator("#vote-thanks")).to_be_visible()
    # The projector's poll updates the count in place.
    expect(projector.locator("#vote-count-number")).to_have_text("3", timeout=6000)
    assert "vote-result" not in projector.content()

    projector.get_by_role("button", name="Fermer et afficher le résultat").click()
    expect(projector.locator("#vote-result")).to_contain_text("Oui : 2 personnes")
    expect(projector.locator("#vote-result")).to_contain_text("Non : 1 personne")
    projector.screenshot(path=str(artifacts / "vote-panel-1280x720.png"))
    assert projector.evaluate(FITS), "the statement screen with its vote scrolls"
    # Once the vote is closed, the phones' pads say so by themselves.
    expect(phones[0].locator("#vote-none")).to_be_visible(timeout=6000)

    # The priorities: 3 points each, spread over the themes, on the same screen.
    projector.get_by_role("button", name="Faire voter les priorités").click()
    themes = list(session.questionnaire.themes.order_by("order"))
    spreads = [{0: "3"}, {0: "2", 3: "1"}, {3: "2", 5: "1"}]
    for n, (phone, spread) in enumerate(zip(phones, spreads, strict=True)):
        expect(phone.get_by_role("button", name="Voter")).to_be_visible(timeout=6000)
        for index, points in spread.items():
            phone.get_by_label(themes[index].title).fill(points)
        if n == 0:
            phone.screenshot(
                path=str(artifacts / "vote-pad-priorities-390x844.png"), full_page=True
            )
        phone.get_by_role("button", name="Voter").click()
        expect(phone.locator("#vote-thanks")).to_be_visible()
    expect(projector.locator("#vote-count-number")).to_have_text("3", timeout=6000)
    projector.get_by_role("button", name="Fermer et afficher le résultat").click()
    expect(projector.locator("#vote-result")).to_contain_text(f"{themes[0].title} : 5 points")
    projector.screenshot(path=str(artifacts / "vote-panel-priorities-1280x720.png"))
    assert projector.evaluate(FITS), "the statement screen with the priorities result scrolls"
    projector.get_by_role("button", name="Retenir ces priorités").click()
    expect(projector.get_by_text("Les priorités du vote sont retenues.")).to_be_visible()
    from plans import priorities

    assert priorities.chosen(session) == [themes[0], themes[3], themes[5]]

"""The session's path in a browser: at 1280 px and on a 390-px phone the stepper fits without
sideways scrolling, names the current step, passes axe, and its primary button leads on."""

import pytest
from playwright.sync_api import expect

from plans.models import ConsolidatedAnswer
from tests.e2e.conftest import DESKTOP, PHONE, A11yAudit
from tests.e2e.test_accessibility import log_in
from tests.factories import SessionFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def consolidated(cooperative):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="closed")
    for letters in ("YYYYY YYYNN YNNNN UUUUU NNNNY YUNYU", "YYYYN YYNNN NNNNN UUUNN YNNNN YYNNU",
                    "YYYNN YUUUU YYNNN NNNNN UUNNN NNNNN"):  # fmt: skip
        make_respondent(session, letters)
    ConsolidatedAnswer.objects.bulk_create(
        ConsolidatedAnswer(session=session, statement=s, value="no")
        for theme in session.questionnaire.themes.all()
        for s in theme.statements.all()
    )
    return session


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_stepper_fits_names_the_step_and_leads_on(
    open_context, live_server, facilitator, consolidated, artifacts, viewport
):
    context = open_context(viewport=viewport)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(f"/c/{consolidated.cooperative.slug}/sessions/{consolidated.pk}/resultats/")
    stepper = page.get_by_role("navigation", name="Étapes de la session")
    expect(stepper).to_be_visible()
    current = stepper.locator('[aria-current="step"]')
    expect(current).to_contain_text("Priorités")
    expect(current.locator(".stepper-label")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifacts / f"stepper-{viewport['width']}.png")
    audit = A11yAudit()
    audit.check(page, "stepper")
    audit.assert_clean()
    page.get_by_role("link", name="Choisir les priorités").click()
    expect(page).to_have_url(
        f"{live_server.url}/c/{consolidated.cooperative.slug}/sessions/{consolidated.pk}/priorites/"
    )
    context.close()


def test_on_a_phone_the_longest_current_step_fits_without_sideways_scrolling(
    open_context, live_server, facilitator, consolidated, artifacts
):
    from plans import priorities

    themes = list(consolidated.questionnaire.themes.order_by("order"))
    priorities.choose(consolidated, [themes[3]])  # « Démarche et actions » is current
    context = open_context(viewport=PHONE)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(f"/c/{consolidated.cooperative.slug}/sessions/{consolidated.pk}/")
    current = page.get_by_role("navigation", name="Étapes de la session").locator(
        '[aria-current="step"]'
    )
    expect(current).to_contain_text("Démarche et actions")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifacts / "stepper-390-method.png")
    context.close()

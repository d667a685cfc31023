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
WHOLE = "(e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1"


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
        # The session's title wraps in the slim header: whole, never cut to « Diagnostic QVT e… ».
        assert page.locator(".answer-header-title").evaluate(WHOLE), number
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


SVG_LABELS_INSIDE = """() => Array.from(document.querySelectorAll("svg.radar-svg")).filter(
  (svg) => svg.getClientRects().length).flatMap((svg) => {
    const frame = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll("text.radar-label")).map((label) => {
      const box = label.getBoundingClientRect();
      return {text: label.textContent, inside: box.left >= frame.left - 0.5 &&
              box.right <= frame.right + 0.5 && box.top >= frame.top - 0.5 &&
              box.bottom <= frame.bottom + 0.5, font: parseFloat(getComputedStyle(label).fontSize)
              * frame.width / svg.viewBox.baseVal.width};
    });
  })"""
CHART_LABELS_INSIDE = """() => {
  const box = document.querySelector("[data-radar]");
  const chart = box.radarChart, width = chart.width;
  return chart.scales.r._pointLabelItems.map((item) => ({left: item.left, right: item.right,
                                                         width: width}));
}"""


@pytest.fixture
def results_session(cooperative):
    from tests.factories import SessionFactory, make_respondent

    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="closed")
    for letters in ("YYYYY YYYNN YNNNN UUUUU NNNNY YUNYU", "YYYYN YYNNN NNNNN UUUNN YNNNN YYNNU",
                    "YYYNN YUUUU YYNNN NNNNN UUNNN NNNNN"):  # fmt: skip
        make_respondent(session, letters)
    return session


def test_the_radar_is_readable_at_390_px_with_the_table_below(
    open_context, live_server, results_session, facilitator, artifacts, a11y
):
    from django.urls import reverse

    from tests.e2e.test_accessibility import log_in

    context = open_context(viewport=PHONE)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    # The results page: Chart.js over the server SVG.
    args = [results_session.cooperative.slug, results_session.pk]
    page.goto(f"{live_server.url}{reverse('plans:results', args=args)}")
    page.wait_for_function("document.querySelector('[data-radar]').radarChart !== undefined")
    labels = page.evaluate(CHART_LABELS_INSIDE)
    assert len(labels) == THEMES
    assert all(item["left"] >= 0 and item["right"] <= item["width"] for item in labels), labels
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("[data-radar]").screenshot(path=str(artifacts / "phone-radar-chartjs.png"))
    a11y.check(page)
    # The team's results behind the join link: the server SVG, then the table.
    page.goto(
        f"{live_server.url}{reverse('plans:team_results', args=[results_session.join_token])}"
    )
    svg_labels = page.evaluate(SVG_LABELS_INSIDE)
    assert len(svg_labels) == THEMES
    assert all(label["inside"] for label in svg_labels), svg_labels
    assert min(label["font"] for label in svg_labels) >= 7.5, svg_labels
    expect(page.locator("table").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(artifacts / "phone-radar-svg.png"), full_page=True)
    a11y.check(page)
    a11y.assert_clean()

"""Accessibility beyond the journeys: the guide's pages and the pages around the results, the
skip link, text enlarged to 200 %, and the audit itself (it must find a known problem)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from plans.models import Action
from tests.e2e.conftest import PHONE, A11yAudit, axe_violations
from tests.factories import SessionFactory, make_respondent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

GUIDE_PAGES = [
    "/guide/",
    "/guide/avant-propos/",
    "/guide/qualite-de-vie-au-travail/",
    "/guide/numerique/",
    "/guide/cooperatives-partenaires/",
    *[f"/guide/fiches/{n}/" for n in range(1, 7)],
]
PUBLIC_PAGES = [
    "/",
    "/comptes/connexion/",
    "/comptes/inscription/",
    "/donnees-personnelles/",
    "/cette-page-n-existe-pas/",
]


def log_in(context, live_server, user):
    """Give the browser a session cookie of `user` (the login form has its own test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def results_session(cooperative):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="closed")
    for letters in ("YYYYY YYYNN YNNNN UUUUU NNNNY YUNYU", "YYYYN YYNNN NNNNN UUUNN YNNNN YYNNU",
                    "YYYNN YUUUU YYNNN NNNNN UUNNN NNNNN"):  # fmt: skip
        make_respondent(session, letters)
    theme = session.questionnaire.themes.get(order=5)
    Action.objects.create(session=session, theme=theme, title="Former l’équipe", owner_name="CSE")
    return session


def test_the_audit_finds_a_known_violation(page):
    page.set_content("<html><body><main><img src='radar.png'><h1>Titre</h1></main></body></html>")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
    audit = A11yAudit()
    audit.check(page)
    with pytest.raises(AssertionError, match="image-alt"):
        audit.assert_clean()
    assert "<html lang=''>, expected 'fr'" in audit.problems[0]


def test_the_guide_and_the_public_pages_pass_the_audit(page):
    audit = A11yAudit()
    for path in PUBLIC_PAGES + GUIDE_PAGES:
        page.goto(path)
        audit.check(page)
    audit.assert_clean()


def test_the_pages_around_the_results_pass_the_audit(
    context, page, open_context, live_server, facilitator, member, cooperative, results_session
):
    base = f"/c/{cooperative.slug}/sessions/{results_session.pk}"
    action = results_session.actions.get()
    audit = A11yAudit()
    log_in(context, live_server, facilitator)
    for path in (
        "/",
        f"/c/{cooperative.slug}/membres/qr/",
        f"/c/{cooperative.slug}/donnees/",
        f"{base}/",
        f"{base}/resultats/",
        f"{base}/priorites/",
        f"{base}/methode/competences/",
        f"{base}/plan/{action.pk}/modifier/",
        f"{base}/plan/{action.pk}/supprimer/",
        "/comptes/mes-donnees/",
        "/comptes/mot-de-passe/",
    ):
        page.goto(path)
        audit.check(page)
    # A member reads the results on a phone.
    phone = open_context(viewport=PHONE)
    log_in(phone, live_server, member)
    page = phone.new_page()
    page.goto(f"{base}/resultats/")
    audit.check(page, state="member")
    page.goto(f"{base}/plan/")
    audit.check(page, state="member")
    audit.assert_clean()


def test_the_follow_up_pages_pass_the_audit(context, page, live_server, facilitator, cooperative):
    """Two diagnostics a year apart, the second following on from the first and its plan."""
    sheets = ("NNNNN YYNNU YYYNN YYYYY UUUUU NNNNN", "YNNNN YYNNU YNNNN YYYNN UUUNN NNNNY",
              "NNNNN YYYYU NNNNN YYYYY UUUUU NYNNN")  # fmt: skip
    before = SessionFactory(cooperative=cooperative, status="closed", title="Diagnostic 2025")
    after = SessionFactory(
        cooperative=cooperative, status="closed", title="Diagnostic 2026", previous=before
    )
    for session in (before, after):
        for letters in sheets:
            make_respondent(session, letters)
    theme = before.questionnaire.themes.get(order=1)
    Action.objects.create(session=before, theme=theme, title="Former l’équipe", owner_name="CSE")
    audit = A11yAudit()
    log_in(context, live_server, facilitator)
    for path in (
        f"/c/{cooperative.slug}/",
        f"/c/{cooperative.slug}/suivi/comparer/",
        f"/c/{cooperative.slug}/sessions/{after.pk}/",
        f"/c/{cooperative.slug}/sessions/{after.pk}/resultats/",
        f"/c/{cooperative.slug}/sessions/{after.pk}/plan/",
    ):
        page.goto(path)
        audit.check(page)
    audit.assert_clean()


def test_the_skip_link_is_the_first_stop_and_moves_the_focus_to_the_content(page):
    page.goto("/guide/fiches/2/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box["width"] > 20 and box["height"] > 10  # shown when focused, hidden otherwise
    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(skip).not_to_be_in_viewport()


HORIZONTAL_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll("main *"))
    .filter((el) => el.getBoundingClientRect().right > width + 1
                    && !el.closest(".table-responsive, .visually-hidden"))
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""


def enlarge_text(page):
    # Like the browser's text-size setting: rem-based sizes (Bootstrap's) follow the root size.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px"


@pytest.mark.parametrize("where", ["answer page", "results page"])
def test_text_at_200_percent_needs_no_horizontal_scrolling(
    context, page, live_server, facilitator, cooperative, results_session, where
):
    if where == "answer page":
        session = SessionFactory(cooperative=cooperative, status="open")
        page.goto(session.get_join_url())
        page.get_by_role("button", name="Commencer").click()
        expect(page).to_have_url(re.compile(r"/theme/1/$"))
    else:
        log_in(context, live_server, facilitator)
        page.goto(f"/c/{cooperative.slug}/sessions/{results_session.pk}/resultats/")
        expect(page.locator("[data-radar] canvas")).to_be_visible()
    assert page.viewport_size["width"] == 1280
    enlarge_text(page)
    layout = page.evaluate(HORIZONTAL_OVERFLOW)
    assert layout["scroll"] <= layout["width"], layout
    assert layout["wide"] == [], layout
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    # Boxes that now scroll (tables) must still be reachable, contrasts still hold, etc.
    audit = A11yAudit()
    audit.check(page, state="200 %")
    audit.assert_clean()

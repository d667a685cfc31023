"""The network journey in a browser (issue 16): an adviser invites a cooperative, its facilitator
accepts and shares a closed session, the adviser reads the dashboard (Chart.js box plot and
radar over the server SVGs, the same numbers in the table), and the cooperative reads where it
stands on its results page. axe clean at 1280 px; the dashboard too at 390 px without sideways
scroll. Scores by hand: the cooperative's three sheets have 5, 0 and 2 « Oui » on every theme,
a mean of 2.3; four other cooperatives shared 1, 3, 4 and 5."""

import pytest
from playwright.sync_api import expect

from networks.models import Adviser, Network
from tests.e2e.conftest import PHONE, A11yAudit
from tests.e2e.test_accessibility import log_in
from tests.factories import SessionFactory, UserFactory, make_respondent
from tests.networks.builders import shared_cooperative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def union(db):
    network = Network.objects.create(
        name="Union régionale des Scop d’Occitanie", slug="urscop", kind="union_regionale"
    )
    # Four others: the network's figures first show with the cooperative's share (a fifth
    # cooperative added to five already shown would wait: networks.statistics.release).
    for score in (1, 3, 4, 5):
        shared_cooperative(network, score)
    return network


@pytest.fixture
def union_of_five(union):
    shared_cooperative(union, 2)
    return union


@pytest.fixture
def union_adviser(union):
    user = UserFactory(email="accompagnement@urscop.example")
    Adviser.objects.create(network=union, user=user)
    return user


@pytest.fixture
def closed(cooperative):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="closed")
    for letters in ("Y" * 30, "N" * 30, "YYNNU" * 6):
        make_respondent(session, letters)
    return session


def test_an_adviser_invites_the_cooperative_shares_and_both_see_the_figures(
    open_context, live_server, union, union_adviser, facilitator, cooperative, closed, artifacts
):
    audit = A11yAudit()
    adviser_context = open_context()
    log_in(adviser_context, live_server, union_adviser)
    adviser = adviser_context.new_page()
    adviser.goto(f"/reseaux/{union.slug}/cooperatives/")
    adviser.get_by_label("Identifiant de la coopérative").fill(cooperative.slug)
    adviser.get_by_role("button", name="Inviter", exact=True).click()
    expect(adviser.locator("#network-cooperatives")).to_contain_text(cooperative.name)

    coop_context = open_context()
    log_in(coop_context, live_server, facilitator)
    coop = coop_context.new_page()
    coop.goto(f"/c/{cooperative.slug}/membres/")
    coop.get_by_role("button", name=f"Accepter {union.name}").click()
    expect(coop.locator("#network-memberships")).not_to_contain_text("Invitée")
    coop.goto(closed.get_absolute_url())
    coop.get_by_role("button", name="Partager avec le réseau", exact=True).click()
    expect(coop.locator("#share-state")).to_have_text("Cette session est partagée avec le réseau.")

    adviser.goto(f"/reseaux/{union.slug}/")
    expect(adviser.locator("#network-figures")).to_have_attribute("data-cooperatives", "5")
    # 1 2.3 3 4 5 (n = 5): median 3, Q1 2.3.
    median = adviser.locator("#distribution-table tr[data-theme] [data-median]").first
    expect(median).to_have_text("3,0")
    # Chart.js drew both charts over the server SVGs, which it hid.
    expect(adviser.locator("[data-network-boxplot] canvas")).to_have_count(1)
    expect(adviser.locator("[data-network-radar] canvas")).to_have_count(1)
    expect(adviser.locator(".boxplot-svg-fallback")).to_be_hidden()
    expect(adviser.locator(".radar-svg-fallback")).to_be_hidden()
    audit.check(adviser, "network dashboard")
    adviser.screenshot(path=artifacts / "network-dashboard-1280.png", full_page=True)

    coop.goto(f"/c/{cooperative.slug}/sessions/{closed.pk}/resultats/")
    position = coop.locator(".network-position")
    expect(position).to_contain_text(union.name)
    # 2.3 is Q1 (not below it) and below the median 3.
    expect(position.locator("tr[data-position]").first).to_have_attribute(
        "data-standing", "below_half"
    )
    expect(position).to_contain_text("En dessous de la moitié des coopératives du réseau")
    audit.check(coop, "results page with the network position")
    coop.screenshot(path=artifacts / "network-position-1280.png", full_page=True)

    phone = open_context(viewport=PHONE)
    log_in(phone, live_server, union_adviser)
    small = phone.new_page()
    small.goto(f"/reseaux/{union.slug}/")
    expect(small.locator("[data-network-radar] canvas")).to_have_count(1)
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    audit.check(small, "network dashboard 390")
    small.screenshot(path=artifacts / "network-dashboard-390.png", full_page=True)
    audit.assert_clean()


def test_without_javascript_the_dashboard_shows_the_server_charts_and_the_table(
    open_context, live_server, union_of_five, union_adviser
):
    union = union_of_five
    context = open_context(java_script_enabled=False)
    log_in(context, live_server, union_adviser)
    page = context.new_page()
    page.goto(f"/reseaux/{union.slug}/")
    expect(page.locator("canvas")).to_have_count(0)
    expect(page.locator(".boxplot-svg-fallback svg.boxplot-svg")).to_be_visible()
    expect(page.locator(".radar-svg-fallback svg .radar-band")).to_have_count(1)
    # 1 2 3 4 5: the median 3,0 in the table, the same number the charts draw.
    expect(page.locator("#distribution-table [data-median]").first).to_have_text("3,0")
    # The filter works as a plain form.
    page.get_by_label("Coopératives à afficher").select_option("")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#network-figures")).to_have_attribute("data-cooperatives", "5")
    context.close()

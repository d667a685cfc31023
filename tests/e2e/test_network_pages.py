"""Browser test of the networks' pages that are e's part of issue 16: the members page's
« Réseaux et accompagnement », the session page's « Partager avec le réseau », the advisers'
list of cooperatives (inviting and withdrawing an adviser), a facilitator's home page notice of
an invitation, a granted cooperative and its read-only session — axe clean (WCAG 2.1 AA,
serious and critical), one h1, at 1280 and 390 px, and the sharing done by keyboard."""

import pytest
from playwright.sync_api import expect

from networks.models import AdviserGrant, NetworkMembership, SharedSession
from tests.e2e.conftest import PHONE, A11yAudit
from tests.e2e.test_accessibility import log_in
from tests.factories import SessionFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def closed(cooperative):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="closed")
    for letters in ("Y" * 30, "N" * 30, "YYNNU" * 6):
        make_respondent(session, letters)
    return session


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280", "390"])
def test_the_networks_pages_pass_the_audit_and_sharing_works_by_keyboard(
    open_context, live_server, facilitator, adviser, network, other_network, cooperative, closed,
    viewport,
):  # fmt: skip
    NetworkMembership.objects.create(network=other_network, cooperative=cooperative)  # invited
    audit = A11yAudit()
    context = open_context(**({"viewport": viewport} if viewport else {}))
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto("/")  # the home page's notice of the invitation leads to the members page
    expect(page.locator("#network-invitations")).to_contain_text(other_network.name)
    audit.check(page, state="home-notice")
    page.get_by_role("link", name=f"Répondre sur la page des membres ({cooperative.name})").click()
    expect(page).to_have_url(f"{live_server.url}/c/{cooperative.slug}/membres/#reseaux")
    expect(page.locator("#reseaux")).to_contain_text(other_network.name)
    audit.check(page, state="invited")
    page.get_by_role("button", name=f"Accepter {other_network.name}").click()
    expect(page.locator("#network-memberships")).not_to_contain_text("Invitée")
    audit.check(page, state="accepted")

    page.goto(closed.get_absolute_url())
    expect(page.locator("#share-state")).to_have_text("Cette session n’est pas partagée.")
    audit.check(page)
    share = page.get_by_role("button", name="Partager avec le réseau", exact=True)
    share.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#share-state")).to_have_text("Cette session est partagée avec le réseau.")
    assert SharedSession.objects.filter(session=closed).exists()
    audit.check(page, state="shared")
    context.close()

    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    context = open_context(**({"viewport": viewport} if viewport else {}))
    log_in(context, live_server, adviser)
    page = context.new_page()
    page.goto(f"/reseaux/{network.slug}/cooperatives/")
    audit.check(page)
    # An adviser invites another by email from the keyboard; the pending row and its withdraw
    # button pass the audit too.
    page.get_by_label("Adresses e-mail").fill("nouvelle@urscop.example")
    page.get_by_label("Adresses e-mail").press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#adviser-invitations")).to_contain_text("nouvelle@urscop.example")
    audit.check(page, state="adviser-invited")
    page.get_by_role("button", name="Retirer l’invitation nouvelle@urscop.example").click()
    expect(page.locator("#adviser-invitations")).to_have_count(0)
    page.get_by_role("link", name=cooperative.name).click()
    audit.check(page)
    page.get_by_role("link", name=closed.title).click()
    expect(page.locator("#adviser-results")).to_contain_text("2,3")
    audit.check(page)
    if viewport:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
    audit.assert_clean()

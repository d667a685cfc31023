"""Participation at a glance in a browser (issue 15, point 2): « 4 sur 6 » and its bar, the
deadline, « Copier le lien » copying the join link (hidden without JavaScript, the link then
selectable), no sideways scroll at 1280 and 390 px, axe clean. Screenshots in test-artifacts/."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, A11yAudit
from tests.e2e.test_accessibility import log_in
from tests.factories import SessionFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def half_answered(cooperative):
    session = SessionFactory(
        cooperative=cooperative,
        title="Diagnostic d’hiver",
        status="open",
        team_size=6,
        deadline=date(2027, 1, 15),
    )
    for _ in range(4):
        make_respondent(session, "YYNNU" * 6)
    return session


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_session_page_shows_participation_and_copies_the_link(
    open_context, live_server, facilitator, half_answered, artifacts, viewport
):
    context = open_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(half_answered.get_absolute_url())
    expect(page.locator("#participation")).to_contain_text("4 sur 6")
    bar = page.get_by_role("progressbar", name="Part de l’équipe qui a répondu")
    expect(bar).to_have_attribute("aria-valuenow", "4")
    assert (
        0.6
        < bar.locator(".progress-bar").bounding_box()["width"] / bar.bounding_box()["width"]
        < 0.7
    )
    expect(page.locator("#deadline")).to_have_text("15 janvier 2027")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifacts / f"participation-{viewport['width']}.png", full_page=True)
    audit = A11yAudit()
    audit.check(page, "session page")
    audit.assert_clean()
    page.get_by_role("button", name="Copier le lien").click()
    expect(page.locator("#copy-link")).to_have_text("Lien copié")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/repondre/{half_answered.join_token}/"
    context.close()


def test_without_javascript_the_link_is_selectable_and_no_dead_button_shows(
    open_context, live_server, facilitator, half_answered
):
    context = open_context(java_script_enabled=False)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(half_answered.get_absolute_url())
    expect(page.get_by_role("button", name="Copier le lien")).to_have_count(0)
    expect(page.get_by_label("Lien de la session")).to_have_value(
        f"{live_server.url}/repondre/{half_answered.join_token}/"
    )
    expect(page.get_by_role("link", name="Afficher le QR code pour une réunion")).to_be_visible()
    context.close()


def test_the_new_link_pages_a_used_link_and_the_open_step_pass_the_audit(
    open_context, live_server, facilitator, cooperative, draft_session, artifacts
):
    from django.utils import timezone

    from cooperatives import invitations
    from cooperatives.models import Membership

    pending = Membership.objects.create(cooperative=cooperative, email="ana@exemple.coop")
    invitation, token = invitations.issue(pending, created_by=facilitator)
    invitation.used_at = timezone.now()
    invitation.save()
    audit = A11yAudit()
    context = open_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"/invitation/{token}/")
    page.get_by_role("button", name="Entrer dans l’espace de la coopérative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce lien a déjà servi")
    page.screenshot(path=artifacts / "invitation-used-390.png", full_page=True)
    audit.check(page, "used link")
    page.get_by_label("Votre adresse e-mail").fill("ana@exemple.coop")
    page.get_by_role("button", name="Envoyer un nouveau lien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande reçue")
    audit.check(page, "new link sent")
    context.close()
    desk = open_context(viewport=DESKTOP)
    log_in(desk, live_server, facilitator)
    page = desk.new_page()
    page.goto(draft_session.get_absolute_url())
    page.get_by_role("button", name="Ouvrir la session").click()
    expect(page.get_by_label("ana@exemple.coop")).to_be_checked()
    page.screenshot(path=artifacts / "session-open-1280.png", full_page=True)
    audit.check(page, "open step")
    audit.assert_clean()

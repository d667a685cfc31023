"""The compte rendu and the team's own results in a browser: the facilitator ticks two
priorities, the summary page shows them with the actions' owners at 1280 px and on a 390-px
phone without sideways scrolling and passes axe; the join link's results page too."""

import pytest
from playwright.sync_api import expect

from plans.models import Action
from tests.e2e.conftest import DESKTOP, PHONE, A11yAudit
from tests.e2e.test_accessibility import log_in
from tests.factories import MembershipFactory, SessionFactory, UserFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def planned(cooperative):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="closed")
    for letters in ("YYYYY YYYNN YNNNN UUUUU NNNNY YUNYU", "YYYYN YYNNN NNNNN UUUNN YNNNN YYNNU",
                    "YYYNN YUUUU YYNNN NNNNN UUNNN NNNNN"):  # fmt: skip
        make_respondent(session, letters)
    lea = MembershipFactory(
        cooperative=cooperative,
        user=UserFactory(email="lea@tisserands.coop", first_name="Léa", last_name="Martin"),
    )
    themes = list(session.questionnaire.themes.order_by("order"))
    Action.objects.create(
        session=session, theme=themes[3], title="Réaménager l’atelier", owner_membership=lea
    )
    Action.objects.create(session=session, theme=themes[4], title="Former", owner_name="Le CSE")
    return session


def test_the_facilitator_ticks_the_priorities_and_reads_the_compte_rendu(
    open_context, live_server, facilitator, planned, artifacts
):
    base = f"/c/{planned.cooperative.slug}/sessions/{planned.pk}"
    context = open_context(viewport=DESKTOP)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(f"{base}/priorites/")
    for box in page.locator('input[name="themes"]').all():
        box.uncheck()  # the three proposed ones come ticked
    page.get_by_label("Retenir « Organisation des espaces de travail » comme priorité").check()
    page.get_by_label("Retenir « Organisation du temps de travail » comme priorité").check()
    page.get_by_role("button", name="Retenir ces priorités").click()
    expect(page.get_by_text("Priorités retenues par l’équipe :").first).to_be_visible()
    page.goto(f"{base}/compte-rendu/")
    kept = page.locator("#summary-priorities + ol")
    expect(kept).to_contain_text("Organisation des espaces de travail")
    expect(kept.locator("li")).to_have_count(2)
    expect(page.locator("#compte-rendu")).to_contain_text("Léa Martin")
    assert "lea@tisserands.coop" not in page.content()
    audit = A11yAudit()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=artifacts / f"compte-rendu-{viewport['width']}.png", full_page=True)
        audit.check(page, f"compte rendu {viewport['width']}")
    page.goto(f"{base}/plan/")
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()
    audit.assert_clean()
    context.close()


def test_the_join_link_shows_the_team_its_results_on_a_phone(
    open_context, live_server, planned, artifacts
):
    context = open_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"/repondre/{planned.join_token}/")
    page.get_by_role("link", name="Voir les résultats de l’équipe").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Résultats de l’équipe")
    expect(page.locator("#compte-rendu")).to_contain_text("Réaménager l’atelier")
    assert "Léa" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifacts / "resultats-equipe-390.png", full_page=True)
    audit = A11yAudit()
    audit.check(page, "team results")
    audit.assert_clean()
    context.close()

"""The guide's exercises in a browser (issue 17): FICHE 2's diagram placed by drag and drop and,
the same move, from the keyboard with its « Placer dans… » menu; the target layer by drag and
drop; the charter, the time board and the discussion spaces pass axe (WCAG 2.1 AA, nothing
serious or critical) at 1280 and 390 px with no sideways scroll. Screenshots in
test-artifacts/."""

import datetime

import pytest
from playwright.sync_api import expect

from exercises import services
from exercises.models import Arrangement, Discussion, InfoCard, TimeNote
from tests.e2e.conftest import DESKTOP, PHONE, A11yAudit
from tests.e2e.test_accessibility import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def board_url(live_server, cooperative):
    return f"{live_server.url}/c/{cooperative.slug}/exercices/diagramme/"


def test_a_card_is_placed_by_drag_and_drop_and_by_the_keyboard(
    open_context, live_server, facilitator, cooperative, artifacts
):
    planning = InfoCard.objects.create(
        cooperative=cooperative, label="Planning", channel="mail", place="op-impose"
    )
    comptes = InfoCard.objects.create(
        cooperative=cooperative, label="Comptes", channel="AG", place="vie-impose"
    )
    context = open_context()
    log_in(context, live_server, facilitator)
    page = context.new_page()
    # Each drop reloads the page at « #carte-N », and Bootstrap scrolls there smoothly unless
    # motion is reduced: a drag that starts while the page still scrolls grabs nothing.
    page.emulate_media(reduced_motion="reduce")
    page.goto(board_url(live_server, cooperative))
    expect(page.locator(".diagram-layer")).to_be_visible()  # the script runs under the CSP

    # Drag « Planning » onto « opérationnel · accès libre »: the current place moves.
    # Grabbed by its title (top left), not by one of its menus.
    grab = {"source_position": {"x": 12, "y": 10}}
    page.drag_and_drop(f"#carte-{planning.pk}", '.quadrant[data-quadrant="op-libre"]', **grab)
    expect(
        page.locator(f'.quadrant[data-quadrant="op-libre"] #carte-{planning.pk}')
    ).to_be_visible()
    planning.refresh_from_db()
    assert planning.place == "op-libre"

    # The target layer: the same gesture now sets where it should be, drawn dashed with an arrow.
    page.wait_for_load_state("load")
    expect(page.locator(".diagram-layer")).to_be_visible()  # the reloaded page's script ran
    page.get_by_label("la cible (l’autre couleur)").check()
    page.drag_and_drop(f"#carte-{planning.pk}", '.quadrant[data-quadrant="vie-libre"]', **grab)
    expect(
        page.locator(f'.quadrant[data-quadrant="vie-libre"] [data-target-of="{planning.pk}"]')
    ).to_be_visible()
    planning.refresh_from_db()
    assert (planning.place, planning.target) == ("op-libre", "vie-libre")
    expect(page.locator(".diagram-svg line")).to_have_count(1)

    # The keyboard alternative: Tab to « Placer dans… » of « Comptes », pick with the arrows,
    # Tab to its button, Enter.
    select = page.locator(f"#placer-{comptes.pk}")
    select.focus()
    page.keyboard.press("ArrowDown")  # a closed native select steps to the next choice
    expect(select).to_have_value("vie-libre")  # « vie-impose » was the third of four
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Placer « Comptes »")).to_be_focused()
    page.keyboard.press("Enter")
    expect(
        page.locator(f'.quadrant[data-quadrant="vie-libre"] #carte-{comptes.pk}')
    ).to_be_visible()
    comptes.refresh_from_db()
    assert comptes.place == "vie-libre"
    page.screenshot(path=artifacts / "diagram-1280.png", full_page=True)
    audit = A11yAudit()
    audit.check(page, "diagram with cards and a target")
    audit.assert_clean()
    context.close()


def test_without_javascript_the_placer_dans_menu_moves_a_card(
    open_context, live_server, facilitator, cooperative
):
    card = InfoCard.objects.create(
        cooperative=cooperative, label="Stock", channel="serveur", place="op-libre"
    )
    context = open_context(java_script_enabled=False)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(board_url(live_server, cooperative))
    expect(page.locator(".diagram-layer")).to_be_hidden()  # drag and drop needs the script
    page.locator(f"#cible-{card.pk}").select_option("op-impose")
    page.get_by_role("button", name="Fixer la cible « Stock »").click()
    expect(page.get_by_text("Cible de « Stock »")).to_be_visible()
    card.refresh_from_db()
    assert card.target == "op-impose"
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_exercise_pages_pass_axe_without_sideways_scroll(
    open_context, live_server, facilitator, member, cooperative, artifacts, viewport
):
    draft = services.start_draft(cooperative, facilitator)
    draft.rules.filter(tool="Messagerie").update(response_time="sous 48 heures")
    services.adopt(draft, datetime.date(2026, 3, 1))
    services.start_draft(cooperative, facilitator)
    TimeNote.objects.create(
        cooperative=cooperative, dimension="marche", kind="constraint", text="Clients pressés"
    )
    Arrangement.objects.create(cooperative=cooperative, text="Une journée sans téléphone")
    discussion = Discussion.objects.create(
        cooperative=cooperative,
        held_on=datetime.date(2026, 4, 2),
        theme="Charge",
        decisions="Essai",
    )
    InfoCard.objects.create(
        cooperative=cooperative,
        label="Planning",
        channel="mail",
        place="op-impose",
        target="op-libre",
    )
    context = open_context(viewport=viewport)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    audit = A11yAudit()
    base = f"{live_server.url}/c/{cooperative.slug}/exercices/"
    for path in (
        "charte/",
        "charte/projet/",
        "charte/version-1/",
        "compromis-temporel/",
        "discussions/",
        "discussions/nouvelle/",
        f"discussions/{discussion.pk}/",
        "diagramme/",
        "diagramme/projection/",
        "compromis-temporel/projection/",
    ):
        page.goto(base + path)
        audit.check(page, f"{viewport['width']}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.screenshot(path=artifacts / f"exercises-diagram-{viewport['width']}.png", full_page=True)
    context.close()
    # A member's phone in the meeting: the board and the diagram, with their « add » forms.
    context = open_context(viewport=viewport)
    log_in(context, live_server, member)
    page = context.new_page()
    for path in ("compromis-temporel/", "diagramme/"):
        page.goto(base + path)
        audit.check(page, f"member {viewport['width']}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    audit.assert_clean()
    context.close()


def test_the_projection_refreshes_itself_and_can_be_paused(
    open_context, live_server, member, cooperative
):
    context = open_context()
    log_in(context, live_server, member)
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{cooperative.slug}/exercices/diagramme/projection/")
    pause = page.get_by_role("button", name="Mettre en pause")
    expect(pause).to_have_attribute("aria-pressed", "false")  # the script runs under the CSP
    pause.click()
    expect(pause).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_role("button", name="Mettre en pause")).to_have_attribute(
        "aria-pressed", "true"
    )  # the pause lasts for the tab
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_boards_over_time_the_compte_rendu_and_the_charter_by_link_pass_axe(
    open_context, live_server, facilitator, cooperative, artifacts, viewport
):
    """Round 2 of issue 17: the recorded states side by side, the compte rendu page with the
    exercises' section, and the charter a member reads from the join link without an account."""
    from exercises import snapshots
    from tests.exercises.test_time import visible_session

    session = visible_session(cooperative)
    draft = services.start_draft(cooperative, facilitator)
    services.adopt(draft, datetime.date(2026, 3, 1))
    card = InfoCard.objects.create(
        cooperative=cooperative,
        label="Planning des interventions",
        channel="mail",
        place="op-impose",
    )
    TimeNote.objects.create(
        cooperative=cooperative, dimension="marche", kind="constraint", text="Clients pressés"
    )
    snapshots.take(cooperative, "diagram", facilitator)
    snapshots.take(cooperative, "time", facilitator)
    card.place, card.target = "vie-impose", "vie-libre"
    card.save()
    context = open_context(viewport=viewport)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    audit = A11yAudit()
    base = f"{live_server.url}/c/{cooperative.slug}/"
    for path in (
        "exercices/diagramme/etats/",
        "exercices/compromis-temporel/etats/",
        f"sessions/{session.pk}/compte-rendu/",
    ):
        page.goto(base + path)
        assert page.url.endswith(path), page.url
        audit.check(page, f"{viewport['width']}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.goto(base + "exercices/diagramme/etats/")
    expect(page.locator("#board-changes [data-change='moved']")).to_have_count(1)
    page.screenshot(path=artifacts / f"exercises-history-{viewport['width']}.png", full_page=True)
    context.close()
    anonymous = open_context(viewport=viewport)
    page = anonymous.new_page()
    page.goto(f"{live_server.url}/repondre/{session.join_token}/charte/")
    expect(page.locator("h1")).to_have_text("Charte des usages numériques")
    audit.check(page, f"link {viewport['width']}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    audit.assert_clean()
    anonymous.close()

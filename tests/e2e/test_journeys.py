"""The three journeys of the product, in a real browser, one after the other:

1. the facilitator signs up, creates the cooperative, invites the team, creates and opens a
   session and copies its join link;
2. three members answer on a phone-sized screen (one leaves halfway and comes back) and submit;
3. the facilitator closes the session, reads the radar, the table and the priorities, records the
   team's answer, adds two actions and downloads the PDF report.

axe-core audits every distinct page on the way (see conftest.A11yAudit).
"""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.answering import answer_themes, submit
from tests.e2e.conftest import PHONE, radar_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Four people, about 40 pages, each audited by axe, and a PDF: 40 to 105 s on the shared
    # 2-core machine (load average up to 10), too close to the suite's 120 s.
    pytest.mark.timeout(300),
]

COOP = "Scop des Tilleuls"
FACILITATOR = "animatrice@tilleuls.coop"
PASSWORD = "Tilleuls-et-numerique-2027"
MEMBERS = ["ana@tilleuls.coop", "bruno@tilleuls.coop", "chloe@tilleuls.coop"]
SESSION = "Diagnostic de printemps"

# Each member's answers, theme by theme (Y = Oui, U = ?, N = Non); a theme's score is its
# number of Oui.                                              scores by theme
ANA = ["YYYYY", "YYYNU", "YNNNN", "YYUUN", "NNNNN", "YYYYN"]  # 5 3 1 2 0 4
BRUNO = ["YYYYN", "YYNNN", "YYNNU", "YYYUN", "UNNNN", "YYYYY"]  # 4 2 2 3 0 5
CHLOE = ["YYYNN", "YUUUU", "NNNNN", "YYYYY", "YNNNN", "YYNNN"]  # 3 1 0 5 1 2
# Means: (5+4+3)/3 = 4, (3+2+1)/3 = 2, (1+2+0)/3 = 1, (2+3+5)/3 = 3.33, (0+0+1)/3 = 0.33,
# (4+5+2)/3 = 3.67, shown with one decimal.
MEANS = [4.0, 2.0, 1.0, 3.3, 0.3, 3.7]
MEANS_FR = ["4,0", "2,0", "1,0", "3,3", "0,3", "3,7"]
# The consolidation form is prefilled with each statement's most frequent answer (a tie gives ?):
#   theme 1: Y Y Y Y N → 4     theme 2: Y Y ? N ? → 2     theme 3: Y N N N N → 1
#   theme 4: Y Y Y ? N → 3     theme 5: ? N N N N → 0     theme 6: Y Y Y Y N → 4
# and the team settles the tie of theme 2, statement 3 (Oui, ?, Non) with a Oui: 2 → 3.
CONSOLIDATED = [4, 3, 1, 3, 0, 4]
# Weakest first: theme 5 (0.3), theme 3 (1.0), theme 2 (2.0).
PRIORITIES = [
    "Évolution des métiers et des compétences",
    "Organisation du temps de travail",
    "Gestion de l’information à l’ère du numérique",
]
PDF_TIMEOUT = 60_000  # ms
ACTIONS = ["Former l'equipe au tableur partage", "Tester la semaine de quatre jours"]


def test_from_sign_up_to_the_pdf_report(open_context, a11y, artifacts):
    facilitator = open_context().new_page()
    join_url = facilitator_prepares_the_diagnostic(facilitator, a11y)
    facilitator.screenshot(path=artifacts / "journey-1-facilitator.png", full_page=True)

    last_member_page = team_answers(open_context, join_url, a11y)
    last_member_page.screenshot(path=artifacts / "journey-2-member.png", full_page=True)

    facilitator_reads_the_results_and_plans(facilitator, a11y)
    facilitator.screenshot(path=artifacts / "journey-3-results.png", full_page=True)

    a11y.assert_clean()


def facilitator_prepares_the_diagnostic(page, a11y):
    page.goto("/")
    a11y.check(page)
    page.get_by_role("link", name="Créer un compte d’animateur·rice").click()
    a11y.check(page)
    page.get_by_label(field("Adresse e-mail")).fill(FACILITATOR)
    page.get_by_label(field("Prénom (facultatif)")).fill("Camille")
    page.get_by_label(field("Mot de passe")).fill(PASSWORD)
    page.get_by_label(field("Confirmation du mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte e-mail")
    a11y.check(page)
    # The account opens from the link sent to the address, with the password chosen above.
    page.goto(email_link(FACILITATOR, "/comptes/verification/"))
    a11y.check(page)
    page.get_by_label(field("Le mot de passe choisi à l’inscription")).fill(PASSWORD)
    page.get_by_role("button", name="Confirmer mon adresse").click()
    expect(page.get_by_role("status")).to_contain_text("Bienvenue ! Votre adresse est confirmée.")
    a11y.check(page)

    page.get_by_role("link", name="Créer une coopérative").click()
    a11y.check(page)
    page.get_by_label(field("Nom")).fill(COOP)
    page.get_by_label(field("Forme juridique")).select_option(label="Scop")
    page.get_by_label(field("Département")).fill("34")
    page.get_by_label(field("Effectif")).fill("4")
    page.get_by_role("button", name="Créer la coopérative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COOP)
    a11y.check(page)

    page.get_by_role("link", name="Membres").click()
    a11y.check(page)
    page.get_by_label(field("Adresses e-mail")).fill("\n".join(MEMBERS))
    send_links = page.get_by_label(field("Envoyer à chacun son lien personnel par e-mail"))
    # Off by default since the team is invited when a session opens (issue 15); ticked here, so
    # the members get their personal links to the cooperative's space.
    expect(send_links).not_to_be_checked()
    send_links.check()
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("3 personnes ajoutées")
    # The links are queued (sent at once here: the tests' immediate backend), and each member's
    # row says how their last email went (issue 15, point 6).
    expect(page.get_by_role("status").nth(1)).to_contain_text("3 liens personnels partent")
    expect(page.locator(".email-sent")).to_have_count(3)
    for email in MEMBERS:
        expect(page.get_by_role("rowheader", name=re.compile(re.escape(email)))).to_be_visible()
    invited = [to for m in mail.outbox for to in m.to if to != FACILITATOR]
    assert sorted(invited) == sorted(MEMBERS)

    page.get_by_role("link", name=COOP).click()
    page.get_by_role("link", name="Nouvelle session de diagnostic").click()
    a11y.check(page)
    page.get_by_label(field("Titre")).fill(SESSION)
    expect(page.get_by_label(field("Seuil d’anonymat"))).to_have_value("3")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SESSION)
    a11y.check(page)
    page.get_by_role("button", name="Ouvrir la session").click()
    # The open step: whom to invite, every member ticked.
    for email in MEMBERS:
        expect(page.get_by_label(email)).to_be_checked()
    a11y.check(page)
    page.get_by_role("button", name="Ouvrir la session").click()
    expect(page.get_by_role("status").first).to_contain_text("La session est ouverte")
    expect(page.get_by_role("status").nth(1)).to_contain_text("invitations partent par e-mail")
    join_url = page.locator("#join-url").input_value()
    assert re.fullmatch(r"http://[^/]+/repondre/[^/]+/", join_url), join_url
    a11y.check(page, state="open")
    return join_url


def email_link(email, path):
    """The link to `path…` in the last message sent to `email`."""
    message = next(m for m in reversed(mail.outbox) if m.to == [email] and path in m.body)
    return re.search(rf"https?://\S+{re.escape(path)}\S+/", message.body).group(0)


def invitation_link(email):
    return email_link(email, "/invitation/")


def team_answers(open_context, join_url, a11y):
    # Ana comes in with her personal invitation, then answers from her cooperative's page.
    ana = open_context(viewport=PHONE).new_page()
    ana.goto(invitation_link(MEMBERS[0]))
    a11y.check(ana)
    ana.get_by_role("button", name="Entrer dans l’espace de la coopérative").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text(COOP)
    ana.get_by_role("link", name="Répondre").click()
    expect(ana).to_have_url(join_url)
    a11y.check(ana)
    ana.get_by_role("button", name="Commencer").click()
    answer_themes(ana, ANA, range(1, 7), a11y)
    submit(ana, a11y)

    # Bruno opens the shared link, answers three themes, leaves and comes back later with the
    # same link on the same phone (the browser keeps his cookie).
    bruno = open_context(viewport=PHONE).new_page()
    bruno.goto(join_url)
    bruno.get_by_role("button", name="Commencer").click()
    answer_themes(bruno, BRUNO, range(1, 4))
    expect(bruno).to_have_url(re.compile(r"/theme/4/$"))  # theme 3 is saved
    bruno = leave_and_come_back(open_context, bruno)
    bruno.goto(join_url)
    bruno.get_by_role("button", name="Reprendre mes réponses").click()
    expect(bruno.locator("#progress")).to_contain_text("15/30 réponses")
    answer_themes(bruno, BRUNO, range(4, 7))
    submit(bruno)

    chloe = open_context(viewport=PHONE).new_page()
    chloe.goto(join_url)
    chloe.get_by_role("button", name="Commencer").click()
    answer_themes(chloe, CHLOE, range(1, 7))
    submit(chloe)
    chloe.get_by_role("link", name="Voir mes réponses").click()
    a11y.check(chloe)
    return chloe


def leave_and_come_back(open_context, page):
    """The member puts the phone away (the caller waited for the page that acknowledges the last
    save) and later opens the browser again: a new context with the same cookies.

    Never `page.close()` halfway through: the click that saves a theme starts a navigation, and
    a page closed while Chromium commits it may never report its target destroyed, so the call
    never returns (3 hangs in 20 runs). Closing the context disposes of all its targets from the
    browser side; waiting for the next page first means the answers were stored, not in flight."""
    page.wait_for_load_state("load")
    cookies = page.context.storage_state()
    page.context.close()
    return open_context(viewport=PHONE, storage_state=cookies).new_page()


def facilitator_reads_the_results_and_plans(page, a11y):
    page.reload()
    expect(page.locator("#submitted-count")).to_have_text("3")
    page.get_by_role("link", name="Clôturer la session").click()
    expect(page.locator("#close-counts")).to_contain_text("3 envoyés")
    a11y.check(page)
    page.get_by_role("button", name="Confirmer la clôture").click()
    expect(page.get_by_role("status")).to_contain_text("La session est clôturée")
    a11y.check(page, state="closed")
    page.get_by_role("link", name="Voir les résultats").click()

    # The radar: drawn by Chart.js over the SVG fallback, with the data computed by hand above.
    radar = page.locator("[data-radar]")
    expect(radar.locator("canvas")).to_be_visible()
    expect(page.locator(".radar-svg-fallback")).to_be_hidden()
    assert radar_datasets(page) == [MEANS]
    assert radar_data(page)["datasets"][0]["data"] == MEANS
    # The same numbers in the table, with a French decimal comma.
    cells = page.locator("#scores-table td[data-theme]")
    expect(cells).to_have_text(MEANS_FR)
    # The priorities: the three weakest themes.
    expect(page.locator("#priorites li strong")).to_have_text(PRIORITIES)
    a11y.check(page)

    page.get_by_role("link", name="Enregistrer la réponse de l’équipe").click()
    a11y.check(page)
    theme_2 = page.locator("section", has=page.get_by_role("heading", name=PRIORITIES[2]))
    tie = theme_2.locator("fieldset.statement").nth(2)
    expect(tie.get_by_role("radio", name=re.compile(r"^\?"))).to_be_checked()
    tie.locator("label", has_text=re.compile(r"^Oui$")).click()
    tie.get_by_label(field("Note (facultative)")).fill("Décidé en réunion d'équipe")
    page.get_by_role("button", name="Enregistrer la réponse de l’équipe").click()
    expect(page.get_by_role("status")).to_contain_text("La réponse de l’équipe est enregistrée")
    expect(page.locator("#scores-table td[data-consolidated]")).to_have_text(
        [str(n) for n in CONSOLIDATED]
    )
    assert radar_datasets(page) == [MEANS, CONSOLIDATED]
    a11y.check(page, state="consolidated")

    page.get_by_role("link", name="Plan d’action", exact=True).click()
    a11y.check(page)
    add_action(page, PRIORITIES[0], ACTIONS[0], step="Préparation", a11y=a11y)
    a11y.check(page, state="with actions")
    add_action(page, PRIORITIES[1], ACTIONS[1], step="Avant-projet")
    for title in ACTIONS:
        expect(page.get_by_role("rowheader", name=title)).to_be_visible()

    page.get_by_role("link", name="Voir les résultats").click()
    # WeasyPrint renders the report before the download starts: 10 s and more when the machine
    # is busy (load average 10 on 2 cores), so this step gets a minute of its own.
    with page.expect_download(timeout=PDF_TIMEOUT) as download:
        page.get_by_role("link", name="Rapport PDF").click(timeout=PDF_TIMEOUT)
    assert download.value.suggested_filename.endswith(".pdf")
    text = pdf_text(download.value.path().read_bytes())
    assert COOP in text
    assert "3,3" in text and "3,7" in text
    for title in ACTIONS:
        assert title in text


def add_action(page, theme, title, step, a11y=None):
    page.get_by_role("link", name=f"Ajouter une action au thème « {theme} »").click()
    if a11y:
        a11y.check(page)
    expect(page.get_by_label(field("Thème"))).to_have_value(re.compile(r"\d+"))
    expect(page.get_by_label(field("Thème")).locator("option:checked")).to_have_text(theme)
    page.get_by_label(field("Étape")).select_option(label=step)
    page.get_by_label(field("Action")).fill(title)
    page.get_by_label(field("Responsable (autre)")).fill("Le CSE")
    due = timezone.localdate() + timedelta(days=60)
    page.get_by_label(field("Échéance")).fill(due.isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("L’action est enregistrée")


def field(label):
    """A form field's label; crispy-forms marks required ones with an asterisk."""
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")


def radar_datasets(page):
    return page.evaluate(
        "() => document.querySelector('[data-radar]').radarChart.data.datasets.map(d => d.data)"
    )


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split())

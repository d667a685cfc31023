"""The tally page: the facilitator types in the paper quizzes one at a time (issue 15)."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from diagnostics import quiz, scoring, services
from diagnostics.models import Answer, DiagnosticSession, Respondent
from tests.diagnostics.paper import enter_sheet, entry_token, sheet_data, tally_url
from tests.factories import SessionFactory, make_respondent

pytestmark = pytest.mark.django_db

SHEET = "YYNNU" * 6


@pytest.fixture
def session(cooperative):
    return SessionFactory(
        cooperative=cooperative, title="Diagnostic d’automne", status="open", team_size=8
    )


def sheets(session):
    return Respondent.objects.filter(session=session)


def test_a_paper_sheet_is_entered_as_one_anonymous_sent_sheet(client_as, facilitator, session):
    browser = client_as(facilitator)
    response = enter_sheet(browser, session, SHEET)
    assert response.status_code == 302 and response["Location"] == tally_url(session)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Feuille papier n°1 enregistrée."
    ]
    sheet = sheets(session).get()
    assert sheet.origin == Respondent.Origin.PAPER and sheet.is_submitted
    assert sheet.membership is None and sheet.token_hash is None
    assert sheet.answers.count() == 30
    session.refresh_from_db()
    assert session.paper_sheets == 1


def test_the_next_sheet_gets_the_next_number_and_an_empty_form(client_as, facilitator, session):
    browser = client_as(facilitator)
    enter_sheet(browser, session, SHEET)
    response = enter_sheet(browser, session, "N" * 30)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Feuille papier n°2 enregistrée."
    ]
    page = browser.get(tally_url(session)).content.decode()
    assert "2 feuilles papier saisies jusqu’ici." in page
    # Never the answers of an earlier sheet: every statement is back to « Sans réponse ».
    assert page.count('value="" checked') == 30
    assert 'value="yes" checked' not in page and 'value="no" checked' not in page


def test_a_blank_on_the_paper_stays_blank_and_scores_zero(client_as, facilitator, session):
    enter_sheet(client_as(facilitator), session, "-Y" + "Y" * 28)
    sheet = sheets(session).get()
    first = quiz.statements_of(session.questionnaire_id)[0]
    assert sheet.answers.count() == 29
    assert not sheet.answers.filter(statement=first).exists()


def test_the_same_form_posted_twice_counts_once(client_as, facilitator, session):
    """A double click, or the back button and « Enregistrer » again: one sheet."""
    browser = client_as(facilitator)
    token = entry_token(browser, session)
    enter_sheet(browser, session, SHEET, token=token)
    again = enter_sheet(browser, session, "N" * 30, token=token)
    assert again.status_code == 302
    assert any("déjà enregistrée" in str(m) for m in get_messages(again.wsgi_request))
    assert sheets(session).count() == 1
    # The first post's answers, untouched by the second.
    assert Answer.objects.filter(respondent__session=session, value="no").count() == 12
    session.refresh_from_db()
    assert session.paper_sheets == 1


def test_a_paper_sheet_cannot_be_changed_once_entered(client_as, facilitator, session):
    enter_sheet(client_as(facilitator), session, SHEET)
    sheet = sheets(session).get()
    statement = quiz.statements_of(session.questionnaire_id)[0]
    assert services.save_answers(sheet, {statement.pk: "no"}, 1) is False
    assert sheet.answers.get(statement=statement).value == "yes"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data, s: data | {f"s_{s[0].pk}": "maybe"}, "Choisissez Oui"),
        (lambda data, s: data | {"s_999999": "yes"}, "ne correspond pas au questionnaire"),
        (lambda data, s: {k: v for k, v in data.items() if k != "entry"}, "ne correspond pas"),
        (lambda data, s: data | {"entry": "x" * 5}, "ne correspond pas"),
        (lambda data, s: dict.fromkeys(data, "") | {"entry": data["entry"]}, "Aucune réponse"),
    ],
    ids=["unknown value", "forged statement", "no token", "bad token", "all blank"],
)
def test_bad_input_is_a_400_with_a_message_and_nothing_entered(
    client_as, facilitator, session, change, message
):
    browser = client_as(facilitator)
    statements = quiz.statements_of(session.questionnaire_id)
    data = change(sheet_data(session, SHEET, entry_token(browser, session)), statements)
    response = browser.post(tally_url(session), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not sheets(session).exists()


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_a_session_that_is_not_open_takes_no_sheet(client_as, facilitator, cooperative, status):
    session = SessionFactory(cooperative=cooperative, status=status)
    browser = client_as(facilitator)
    page = browser.get(tally_url(session))
    assert page.status_code == 200 and 'name="entry"' not in page.content.decode()
    response = enter_sheet(browser, session, SHEET, token="a" * 32)
    assert response.status_code == 409
    assert "pendant que la session est ouverte" in response.content.decode()
    assert not sheets(session).exists()


def test_a_session_closed_while_the_form_was_open_takes_nothing(client_as, facilitator, session):
    browser = client_as(facilitator)
    token = entry_token(browser, session)
    services.close_session(session)
    response = enter_sheet(browser, session, SHEET, token=token)
    assert response.status_code == 409 and not sheets(session).exists()


def test_the_cap_of_the_teams_size_holds_for_paper_sheets(client_as, facilitator, cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=4)
    for _ in range(3):
        make_respondent(session, SHEET)
    browser = client_as(facilitator)
    early = entry_token(browser, session)  # a second tab opened before the last sheet
    assert enter_sheet(browser, session, SHEET).status_code == 302
    response = enter_sheet(browser, session, SHEET, token=early)
    assert response.status_code == 409
    assert "autant de questionnaires que de personnes dans l’équipe (4)" in (
        response.content.decode()
    )
    assert sheets(session).count() == 4
    # Said before a sheet is typed in for nothing: no form while the session is full.
    page = browser.get(tally_url(session)).content.decode()
    assert "dans l’équipe (4)" in page and 'name="entry"' not in page


def test_the_tally_page_says_how_many_questionnaires_are_still_possible(
    client_as, facilitator, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    make_respondent(session, SHEET, submitted=False)  # started online, not sent: counts too
    browser = client_as(facilitator)
    enter_sheet(browser, session, SHEET)
    page = browser.get(tally_url(session)).content.decode()
    assert "Encore 4 questionnaires possibles (en ligne ou sur papier)" in page


def test_a_members_only_session_takes_no_paper_sheet(client_as, facilitator, cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", members_only=True)
    response = enter_sheet(client_as(facilitator), session, SHEET, token="b" * 32)
    assert response.status_code == 409
    assert "réservée aux membres inscrits" in response.content.decode()
    assert not sheets(session).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, session):
    response = client.get(tally_url(session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert enter_sheet(client, session, SHEET, token="c" * 32).status_code == 302
    assert not sheets(session).exists()


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("other_facilitator", 404)])
def test_outsiders_and_other_cooperatives_cannot_find_the_tally_page(
    client_as, request, session, persona, status
):
    browser = client_as(request.getfixturevalue(persona))
    assert browser.get(tally_url(session)).status_code == status
    assert enter_sheet(browser, session, SHEET, token="d" * 32).status_code == status
    assert not sheets(session).exists()


def test_a_member_may_not_enter_paper_sheets(client_as, member, session):
    browser = client_as(member)
    assert browser.get(tally_url(session)).status_code == 403
    assert enter_sheet(browser, session, SHEET, token="e" * 32).status_code == 403
    assert not sheets(session).exists()


def test_the_tally_page_costs_the_same_queries_whatever_the_sheets_entered(
    client_as, facilitator, session, django_assert_max_num_queries
):
    browser = client_as(facilitator)
    browser.get(tally_url(session))  # warm the questionnaire cache
    enter_sheet(browser, session, SHEET)
    with django_assert_max_num_queries(6):
        browser.get(tally_url(session))
    for _ in range(5):
        enter_sheet(browser, session, SHEET)
    with django_assert_max_num_queries(6):
        assert "6 feuilles papier saisies" in browser.get(tally_url(session)).content.decode()


def test_the_session_page_links_the_paper_quiz_and_the_tally_page(client_as, facilitator, session):
    enter_sheet(client_as(facilitator), session, SHEET)
    page = client_as(facilitator).get(session.get_absolute_url()).content.decode()
    assert reverse("reports:paper_quiz", args=[session.cooperative.slug, session.pk]) in page
    assert tally_url(session) in page
    assert "1 feuille saisie" in page and "1 sur papier" in page


# --- Counted like an online sheet --------------------------------------------------------------

ONLINE = ("YYYYY" + "N" * 25, "YYNNU" * 6, "NNNNN" + "Y" * 25)
PAPER = ("YYYUN" + "U" * 25, "Y-YNY" + "N" * 25)


def test_three_online_and_two_paper_sheets_give_the_hand_computed_theme_mean(
    client_as, facilitator, session
):
    for letters in ONLINE:
        make_respondent(session, letters)
    for letters in PAPER:
        assert enter_sheet(client_as(facilitator), session, letters).status_code == 302
    services.close_session(session)
    # Theme 1 (the first five statements): « Oui » per sheet 5, 2, 0 online; 3 and 3 on
    # paper (the blank scores 0): (5 + 2 + 0 + 3 + 3) / 5 = 13 / 5 = 2.6.
    session.refresh_from_db()
    results = scoring.results_state(session).results
    assert results.respondents == 5
    assert results.themes[0].score == Decimal("2.6")
    page = client_as(facilitator).get(
        reverse("plans:results", args=[session.cooperative.slug, session.pk])
    )
    assert 'data-theme="projet">2,6<' in page.content.decode()
    assert "Et 2 feuilles papier, saisies par l’animateur·rice." in page.content.decode()
    response = client_as(facilitator).get(
        reverse("reports:results_csv", args=[session.cooperative.slug, session.pk])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_code = {row[1]: row for row in rows[1:]}
    header = rows[0]
    theme = by_code["projet"]
    assert theme[header.index("Répondant·es")] == "5"
    assert theme[header.index("Moyenne des réponses (sur 5)")] == "2,6"
    # Statement 1.2: Oui on two online sheets and one paper sheet, Non on one online sheet,
    # blank on the other paper sheet: 4 answers, 3 « Oui ».
    second = by_code["projet.2"]
    assert [second[header.index(h)] for h in ("Répondant·es", "Oui", "?", "Non")] == [
        "4",
        "3",
        "0",
        "1",
    ]


def test_a_paper_sheet_counts_in_the_results_exactly_like_an_online_one(
    client_as, facilitator, cooperative
):
    all_online = SessionFactory(cooperative=cooperative, status="open", team_size=8)
    mixed = SessionFactory(cooperative=cooperative, status="open", team_size=8)
    for letters in ONLINE + tuple(p.replace("-", "U") for p in PAPER[:1]) + ("YYYNY" + "N" * 25,):
        make_respondent(all_online, letters)
    for letters in ONLINE:
        make_respondent(mixed, letters)
    enter_sheet(client_as(facilitator), mixed, PAPER[0])
    enter_sheet(client_as(facilitator), mixed, "YYYNY" + "N" * 25)
    for session in (all_online, mixed):
        services.close_session(session)
    results = [
        scoring.results_state(DiagnosticSession.objects.get(pk=s.pk)).results
        for s in (all_online, mixed)
    ]
    assert [(t.score, t.counts) for t in results[0].themes] == [
        (t.score, t.counts) for t in results[1].themes
    ]
    assert [(s.yes, s.unsure, s.no) for t in results[0].themes for s in t.statements] == [
        (s.yes, s.unsure, s.no) for t in results[1].themes for s in t.statements
    ]


def test_the_closing_page_warns_that_results_wait_for_the_online_part(
    client_as, facilitator, session
):
    make_respondent(session, SHEET)
    browser = client_as(facilitator)
    for _ in range(2):
        enter_sheet(browser, session, SHEET)
    page = browser.get(
        reverse("diagnostics:session_close", args=[session.cooperative.slug, session.pk])
    ).content.decode()
    assert "Seulement 1 questionnaire(s) en ligne, à côté des feuilles papier" in page
    assert "Moins de 3 questionnaires sont envoyés" not in page


# --- At once (PostgreSQL) ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_form_posted_six_times_at_once_counts_once(cooperative, facilitator):
    from django.db import connection
    from django.test import Client

    from tests.diagnostics.test_concurrency import _at_once

    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL; CI runs it)")
    session = SessionFactory(cooperative=cooperative, status="open", team_size=8)
    clients = [Client() for _ in range(6)]
    for client in clients:
        client.force_login(facilitator)  # one browser, six clicks
    data = sheet_data(session, SHEET, entry_token(clients[0], session))
    statuses = _at_once(6, lambda i: clients[i].post(tally_url(session), data).status_code)
    assert statuses == [302] * 6
    assert sheets(session).count() == 1
    session.refresh_from_db()
    assert session.paper_sheets == 1


@pytest.mark.django_db(transaction=True)
def test_the_cap_holds_when_sheets_are_entered_at_once(cooperative, facilitator):
    from django.db import connection
    from django.test import Client

    from tests.diagnostics.test_concurrency import _at_once

    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL; CI runs it)")
    session = SessionFactory(cooperative=cooperative, status="open", team_size=3)
    clients = [Client() for _ in range(5)]
    for client in clients:
        client.force_login(facilitator)
    forms = [sheet_data(session, SHEET, entry_token(c, session)) for c in clients]
    statuses = _at_once(5, lambda i: clients[i].post(tally_url(session), forms[i]).status_code)
    assert sorted(statuses) == [302, 302, 302, 409, 409]
    assert sheets(session).count() == 3
    session.refresh_from_db()
    assert session.paper_sheets == 3


def test_a_form_of_one_session_posted_to_another_enters_nothing_there(
    client_as, facilitator, session, cooperative
):
    other = SessionFactory(cooperative=cooperative, status="open", team_size=8)
    browser = client_as(facilitator)
    token = entry_token(browser, session)
    enter_sheet(browser, session, SHEET, token=token)
    response = browser.post(tally_url(other), sheet_data(other, SHEET, token))
    assert response.status_code == 302
    assert not sheets(other).exists() and sheets(session).count() == 1

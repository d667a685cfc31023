"""FICHE 1's five steps as a guide for one theme of a session (members and facilitators)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from fiches.content_loader import FIVE_STEP_CODES, load_fiche
from fiches.templatetags.fiches import french_spaces
from plans.method_guide import NO_WEAK_STATEMENT
from tests.factories import SessionFactory, make_respondent

#           projet  information temps  espaces competences management
R1 = "YYYYYYYNNUUUUUUNNNNNYNYNYYYYNN"
R2 = "YYYYNYNNNNUUUUUNNNNNNNNNNYUUUU"
R3 = "YYYNNUUUUUUUUUUNNNNNYYYYYNNNNN"


def url(session, theme="temps"):
    return reverse("plans:method", args=[session.cooperative.slug, session.pk, theme])


@pytest.fixture
def answered(closed_session):
    for letters in (R1, R2, R3):
        make_respondent(closed_session, letters)
    return closed_session


def step(html, code):
    """The HTML of one step, up to the next step."""
    start = html.index(f'<li id="etape-{code}"')
    following = html.find('<li id="etape-', start + 1)
    return html[start : following if following > 0 else len(html)]


def test_the_five_steps_are_in_order_with_their_codes_as_anchors(client_as, member, answered):
    response = client_as(member).get(url(answered))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'data-step="([a-z-]+)"', html) == list(FIVE_STEP_CODES)
    for code in FIVE_STEP_CODES:
        assert f'href="#etape-{code}"' in html


def test_the_avant_projet_puts_the_themes_weak_statements_on_the_table(
    client_as, facilitator, answered
):
    html = client_as(facilitator).get(url(answered, "information")).content.decode()
    avant_projet = step(html, "avant-projet")
    # information: .1 is Y,Y,U (not weak); .2 .. .5 are weak (N or ? for most).
    # As displayed: the guide's text with a no-break space before its « ? ».
    questions = {q.statement: french_spaces(q.text) for q in load_fiche(2).questions}
    for code in ("information.2", "information.3", "information.4", "information.5"):
        assert escape(questions[code]) in avant_projet
        fiche = reverse("plans:session_fiche", args=[answered.cooperative.slug, answered.pk, 2])
        assert f"{fiche}#question-{code.replace('.', '-')}" in avant_projet
    assert escape(questions["information.1"]) not in avant_projet
    assert "Constituer une équipe projet" in avant_projet  # the guide's own point


def test_preparation_and_validation_bring_the_fiches_risks_and_opportunities(
    client_as, member, answered
):
    html = client_as(member).get(url(answered, "temps")).content.decode()
    rows = load_fiche(3).opportunites_risques.rows
    for row in rows:
        if row.risque:
            assert escape(row.risque) in step(html, "preparation")
        if row.opportunite:
            assert escape(row.opportunite) in step(html, "validation")
    fiche = reverse("plans:session_fiche", args=[answered.cooperative.slug, answered.pk, 3])
    assert f'href="{fiche}#methode-2"' in step(html, "realisation")


def test_a_theme_without_weak_statement_offers_all_five_questions(client_as, member, answered):
    # Everybody answered Oui everywhere: no statement is weak.
    session = SessionFactory(cooperative=answered.cooperative, status="closed")
    for _ in range(3):
        make_respondent(session, "Y" * 30)
    html = client_as(member).get(url(session, "espaces")).content.decode()
    avant_projet = step(html, "avant-projet")
    assert escape(str(NO_WEAK_STATEMENT)) in avant_projet
    for question in load_fiche(4).questions:
        assert escape(french_spaces(question.text)) in avant_projet


def test_the_page_costs_a_bounded_number_of_queries(
    client_as, member, answered, django_assert_max_num_queries
):
    client = client_as(member)
    client.get(url(answered))
    # The priorities page's 7, plus the theme, plus the stepper's 2 (progress, chosen).
    with django_assert_max_num_queries(10):
        client.get(url(answered))


def test_an_unknown_theme_is_not_found(client_as, member, answered):
    assert client_as(member).get(url(answered, "inconnu")).status_code == 404


def test_hidden_results_give_the_explanation_and_no_data(client_as, member, open_session):
    make_respondent(open_session, "N" * 30)
    response = client_as(member).get(url(open_session))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="results-hidden"' in html
    assert "data-step" not in html


def test_only_members_of_the_cooperative_may_open_it(
    client, client_as, outsider, other_facilitator, answered
):
    response = client.get(url(answered))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client_as(outsider).get(url(answered)).status_code == 404
    assert client_as(other_facilitator).get(url(answered)).status_code == 404

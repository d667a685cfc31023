"""One public page per fiche: its sections, its five questions, its tables and its links."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from fiches.content_loader import FIVE_STEP_CODES, load_fiche
from fiches.templatetags.fiches import french_spaces
from plans.priorities import first_step

NUMBERS = range(1, 7)
SECTIONS = (
    "contexte",
    "enjeux",
    "opportunites-risques",
    "questions",
    "methode",
    "temoignage",
    "plus-loin",
)


@pytest.fixture
def fiche_html(client, db):
    def get(number):
        response = client.get(reverse("fiches:fiche", args=[number]))
        assert response.status_code == 200
        return response.content.decode()

    return get


@pytest.mark.parametrize("number", NUMBERS)
def test_a_fiche_page_has_one_title_and_every_section_in_its_table_of_contents(fiche_html, number):
    html = fiche_html(number)
    fiche = load_fiche(number)
    assert html.count("<h1") == 1
    assert f">{escape(fiche.title)}</h1>" in html
    for section in SECTIONS:
        assert f'id="{section}"' in html
        assert f'href="#{section}"' in html


@pytest.mark.parametrize("number", NUMBERS)
def test_a_fiche_page_shows_its_five_questions_each_beside_its_quiz_statement(fiche_html, number):
    html = fiche_html(number)
    for question in load_fiche(number).questions:
        anchor = question.statement.replace(".", "-")
        item = re.search(rf'<li id="question-{anchor}">(.*?)</li>', html, re.S)
        assert item, question.statement
        # The guide's text, with a no-break space before its « ? » as displayed.
        assert escape(french_spaces(question.text)) in item.group(1)
        assert "Dans le quiz :" in item.group(1)
    assert html.count('class="quiz-statement"') == 5


@pytest.mark.parametrize("number", NUMBERS)
def test_each_question_shows_the_quiz_statement_word_for_word_as_the_quiz_app_loads_it(
    fiche_html, number
):
    # The fiche reads the statement's words from the guide's content, not from the quiz's
    # tables (fiches imports no app): they must be the very words members answer.
    from diagnostics.models import Statement

    html = fiche_html(number)
    fiche = load_fiche(number)
    quiz = dict(
        Statement.objects.filter(
            theme__questionnaire__code="qvt-numerique-2018", theme__code=fiche.theme
        ).values_list("code", "text")
    )
    assert len(quiz) == 5
    for question in fiche.questions:
        assert question.statement_text == quiz[question.statement]
        assert f"« {escape(quiz[question.statement])} »" in html


@pytest.mark.parametrize("number", NUMBERS)
def test_the_opportunities_and_risks_are_a_real_table_with_column_headers(fiche_html, number):
    html = fiche_html(number)
    table = re.search(r"<table[^>]*opportunities-risks.*?</table>", html, re.S).group(0)
    assert '<th scope="col">Opportunités</th>' in table
    assert '<th scope="col">Risques</th>' in table
    rows = load_fiche(number).opportunites_risques.rows
    assert table.count("<tr>") == len(rows) + 1  # the header row
    for row in rows:
        for line in (row.opportunite + "\n" + row.risque).split("\n"):
            assert escape(line.strip()) in table


@pytest.mark.parametrize("number", NUMBERS)
def test_every_further_reading_link_is_on_the_page(fiche_html, number):
    html = fiche_html(number)
    for link in load_fiche(number).further_reading:
        assert escape(link.title) in html
        if link.url:
            assert f'href="{escape(link.url)}" rel="noopener"' in html


@pytest.mark.parametrize("number", NUMBERS)
def test_the_method_blocks_and_the_testimony_are_rendered(fiche_html, number):
    html = fiche_html(number)
    fiche = load_fiche(number)
    for index, block in enumerate(fiche.method, start=1):
        assert f'id="methode-{index}"' in html
        if block.title:
            assert escape(block.title) in html
        for header in block.headers:
            assert f'<th scope="col">{escape(header)}</th>' in html
        for step in block.steps:
            assert f'id="etape-{step.code}"' in html
        for figure in block.items:
            assert escape(figure.label) in html
    assert escape(fiche.testimony.title) in html


def test_fiche_1_anchors_the_five_steps_of_the_action_plan(fiche_html):
    html = fiche_html(1)
    positions = [html.index(f'id="etape-{code}"') for code in FIVE_STEP_CODES]
    assert positions == sorted(positions)


@pytest.mark.parametrize("number", NUMBERS)
def test_the_first_step_that_priorities_link_to_exists_on_the_fiche(fiche_html, number):
    assert f'id="{first_step(load_fiche(number)).anchor}"' in fiche_html(number)


@pytest.mark.parametrize("number", NUMBERS)
def test_a_fiche_page_needs_no_inline_style_or_script_and_links_its_print_stylesheet(
    fiche_html, number
):
    html = fiche_html(number)
    assert 'style="' not in html  # CSP: style-src 'self'
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)  # CSP: script-src 'self'
    assert "css/fiches.css" in html


def test_the_stylesheet_prints_link_addresses_and_hides_navigation():
    from django.contrib.staticfiles import finders

    with open(finders.find("css/fiches.css"), encoding="utf-8") as file:
        css = file.read()
    print_rules = css[css.index("@media print") :]
    assert 'content: " (" attr(href) ")"' in print_rules
    assert "nav" in print_rules and "display: none" in print_rules
    assert "table-header-group" in print_rules


@pytest.mark.parametrize("number", [0, 7, 99])
def test_an_unknown_fiche_number_is_not_found(client, db, number):
    assert client.get(f"/guide/fiches/{number}/").status_code == 404


def test_fiches_link_to_their_neighbours(fiche_html):
    html = fiche_html(3)
    assert f'href="{reverse("fiches:fiche", args=[2])}" rel="prev"' in html
    assert f'href="{reverse("fiches:fiche", args=[4])}" rel="next"' in html


def test_the_guides_french_text_is_marked_french_on_english_pages(client, db):
    """WCAG 3.1.2: the guide stays in French; with English chosen, its text says so."""
    from django.urls import reverse

    english = client.get(reverse("fiches:fiche", args=[2]), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in english.content.decode()
    assert '<article class="fiche" lang="fr"' in english.content.decode()
    french = client.get(reverse("fiches:fiche", args=[2]), HTTP_ACCEPT_LANGUAGE="fr")
    assert '<article class="fiche" aria-labelledby' in french.content.decode()

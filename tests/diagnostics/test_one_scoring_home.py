"""Every score shown comes from diagnostics.scoring: for one closed session, the results page,
the PDF, the results CSV and the follow-up trend show the same numbers — the ones computed here
by hand from the guide's rule (a theme's score is the mean number of « Oui » over the submitted
sheets, one decimal, half up; the agreed score is the number of agreed « Oui »)."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from diagnostics import quiz, services
from diagnostics.models import DiagnosticSession
from plans import services as plans
from tests.factories import SessionFactory, make_respondent

THEMES = ["projet", "information", "temps", "espaces", "competences", "management"]
# Four sheets, theme by theme (5 letters each): Y = Oui, U = ?, N = Non.
SHEETS = [
    "YYYYY YYNUN YYNNU NNNNN YYYYY YNNUU",  # 5 2 2 0 5 1
    "YYYYN YNNNN YYUUN UUUUU YYYYY YYNNN",  # 4 1 2 0 5 2
    "YYYNN NNNNN NYYNN NNNNU YYYYY NYNNN",  # 3 0 2 0 5 1
    "YYYUU UUUUU YYYNN NNNNN YYYYN NNYNN",  # 3 0 3 0 4 1
]
# By hand: the sums of « Oui » over 4 sheets, halves rounded up (never to the even digit).
SCORES = {
    "projet": "3,8",  # 15 / 4 = 3.75
    "information": "0,8",  # 3 / 4 = 0.75
    "temps": "2,3",  # 9 / 4 = 2.25 (banker's rounding would say 2,2)
    "espaces": "0,0",  # 0 / 4
    "competences": "4,8",  # 19 / 4 = 4.75
    "management": "1,3",  # 5 / 4 = 1.25
}
# The answers the team agreed on at the meeting, and their « Oui » counted by hand.
AGREED_SHEET = "YYYYY YNNNN YYNNN NNNNN YYYYU NNNNN"
AGREED = {
    "projet": 5,
    "information": 1,
    "temps": 2,
    "espaces": 0,
    "competences": 4,
    "management": 0,
}
VALUES = {"Y": "yes", "U": "unsure", "N": "no"}


def close_with(cooperative, title, sheets):
    session = SessionFactory(
        cooperative=cooperative, title=title, status=DiagnosticSession.Status.OPEN
    )
    for letters in sheets:
        make_respondent(session, letters)
    return services.close_session(session)  # the final results: a stored copy


@pytest.fixture
def session(cooperative, facilitator):
    # An earlier closed session, so that the dashboard shows a trend of two sessions.
    close_with(cooperative, "Diagnostic de l’an dernier", ["Y" * 30] * 3)
    session = close_with(cooperative, "Diagnostic de cette année", SHEETS)
    statements = quiz.statements_of(session.questionnaire_id)
    letters = AGREED_SHEET.replace(" ", "")
    choices = {s.pk: (VALUES[c], "") for s, c in zip(statements, letters, strict=True)}
    plans.save_consolidation(session, choices, facilitator)
    return session


def session_url(name, session):
    return reverse(name, args=[session.cooperative.slug, session.pk])


def decimal_comma(number):
    return f"{number:.1f}".replace(".", ",")


def json_script(html, element_id):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def results_page(client, session):
    html = client.get(session_url("plans:results", session)).content.decode()
    cells = dict(re.findall(r'data-theme="(\w+)">([^<]*)</td>', html))
    agreed = dict(re.findall(r'data-consolidated="(\w+)">([^<]*)</td>', html))
    radar = json_script(html, "radar-data")
    return {
        "table": {code: cells[code] for code in THEMES},
        "agreed": {code: int(agreed[code]) for code in THEMES},
        "radar": dict(zip(THEMES, map(decimal_comma, radar["datasets"][0]["data"]), strict=True)),
        "radar agreed": dict(zip(THEMES, radar["datasets"][1]["data"], strict=True)),
    }


def pdf_scores(client, session):
    """The scores table of the PDF: « <theme title> <score> <agreed score> » per row."""
    reader = PdfReader(io.BytesIO(client.get(session_url("reports:pdf", session)).content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    scores, agreed = {}, {}
    for theme in quiz.questionnaire_themes(session.questionnaire_id):
        found = re.search(rf"{re.escape(theme.title)} (\d,\d) (\d) ", text)
        assert found, theme.title
        scores[theme.code], agreed[theme.code] = found.group(1), int(found.group(2))
    return scores, agreed


def csv_scores(client, session):
    content = client.get(session_url("reports:results_csv", session)).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    themes = [row for row in rows if row[0] == "Thème" and row[1] in THEMES]
    return {row[1]: row[12] for row in themes}, {row[1]: int(row[13]) for row in themes}


def trend_scores(client, session):
    """The last column of the dashboard's trend: its tables, and the chart's data."""
    html = client.get(reverse("followup:dashboard", args=[session.cooperative.slug])).content
    html = html.decode()
    means, agreed = html.split('id="trend-consolidated-table"')
    last_cell = (
        r'<tr data-theme="(\w+)"><th scope="row">[^<]*</th>'
        r'(?:<td[^>]*>[^<]*</td>)*?<td class="text-end">([^<]*)</td></tr>'
    )
    chart = json_script(html, "trend-data")
    assert chart["labels"][-1] and len(chart["labels"]) == 2
    return {
        "table": dict(re.findall(last_cell, means)),
        "agreed table": {code: int(v) for code, v in re.findall(last_cell, agreed)},
        "chart": {
            code: decimal_comma(theme["series"][0]["data"][-1])
            for code, theme in zip(THEMES, chart["themes"], strict=True)
        },
        "chart agreed": {
            code: theme["series"][1]["data"][-1]
            for code, theme in zip(THEMES, chart["themes"], strict=True)
        },
    }


def test_the_results_page_pdf_csv_and_trend_show_the_scores_computed_by_hand(
    client_as, facilitator, session
):
    client = client_as(facilitator)
    page = results_page(client, session)
    pdf, pdf_agreed = pdf_scores(client, session)
    sheet, sheet_agreed = csv_scores(client, session)
    trend = trend_scores(client, session)

    assert page["table"] == SCORES
    assert page["radar"] == SCORES
    assert pdf == SCORES
    assert sheet == SCORES
    assert trend["table"] == SCORES
    assert trend["chart"] == SCORES

    assert page["agreed"] == AGREED
    assert page["radar agreed"] == AGREED
    assert pdf_agreed == AGREED
    assert sheet_agreed == AGREED
    assert trend["agreed table"] == AGREED
    assert trend["chart agreed"] == AGREED


def test_the_earlier_session_of_the_trend_keeps_its_own_scores(client_as, facilitator, session):
    html = client_as(facilitator).get(
        reverse("followup:dashboard", args=[session.cooperative.slug])
    )
    chart = json_script(html.content.decode(), "trend-data")
    # Three sheets of « Oui » only: 5,0 everywhere, and no agreed answers (no second series).
    assert [theme["series"][0]["data"][0] for theme in chart["themes"]] == [5.0] * 6
    assert [theme["series"][1]["data"][0] for theme in chart["themes"]] == [None] * 6

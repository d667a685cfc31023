"""CSV exports: aggregated results and the action plan, safe to open in a spreadsheet."""

import csv
import io

import pytest

from plans.models import Action
from reports.csv_exports import safe_cell
from tests.factories import make_respondent
from tests.reports.conftest import report_url


def rows_of(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")  # BOM: Excel reads the accents right
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_the_results_csv_has_one_row_per_theme_and_per_statement(
    client_as, facilitator, visible_session
):
    response = client_as(facilitator).get(report_url("results_csv", visible_session))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="scop-des-oliviers-diagnostic-' in response["Content-Disposition"]
    header, *rows = rows_of(response)
    assert header[:5] == ["Niveau", "Code", "Thème", "Affirmation", "Répondant·es"]
    assert [r[0] for r in rows].count("Thème") == 6
    assert [r[0] for r in rows].count("Affirmation") == 30
    first_theme = rows[0]
    assert first_theme[1] == "projet" and first_theme[4] == "3" and first_theme[12] == "5,0"
    management = next(r for r in rows if r[1] == "management")
    assert management[9] == "100,0"  # share of "?", with a decimal comma


def test_the_results_csv_never_has_a_row_per_respondent(client_as, facilitator, visible_session):
    for _ in range(7):
        make_respondent(visible_session, "NYU" * 10)
    rows = rows_of(client_as(facilitator).get(report_url("results_csv", visible_session)))
    assert len(rows) == 1 + 6 + 30  # the same shape with 3 or 10 respondents
    tokens = set(visible_session.respondents.values_list("token_hash", flat=True))
    ids = {str(pk) for pk in visible_session.respondents.values_list("pk", flat=True)}
    cells = {cell for row in rows for cell in row}
    assert not cells & tokens
    assert all(row[0] in ("Niveau", "Thème", "Affirmation") for row in rows)
    assert {row[4] for row in rows[1:]} == {"10"}  # counts of people, never one person
    assert not any(cell in ids and cell != "10" for row in rows for cell in row[:4])


def test_the_plan_csv_lists_the_actions_and_neutralises_formulas(client_as, facilitator, action):
    Action.objects.create(
        session=action.session,
        theme=action.theme,
        title='=HYPERLINK("http://x","clic")',
        description="+33 6 00 00 00 00",
        owner_name="@dupont",
        indicator="-1 réunion",
        position=1,
    )
    header, *rows = rows_of(client_as(facilitator).get(report_url("plan_csv", action.session)))
    assert header == [
        "Thème",
        "Étape",
        "Ordre",
        "Action",
        "Description",
        "Responsable",
        "Échéance",
        "État",
        "Indicateur de suivi",
    ]
    assert rows[0][3] == "Former l’équipe aux outils partagés"
    assert rows[0][6] == action.due_date.strftime("%d/%m/%Y")
    assert rows[1][2:] == [
        "2",
        '\'=HYPERLINK("http://x","clic")',
        "'+33 6 00 00 00 00",
        "'@dupont",
        "",
        "À faire",
        "'-1 réunion",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Plan 2027", "Plan 2027"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_as_formulas_get_a_quote(value, expected):
    assert safe_cell(value) == expected

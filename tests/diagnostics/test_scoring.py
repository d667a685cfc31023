"""The guide's rule: Oui = 1 point, ? and Non = 0; a theme's score is its number of Oui (0–5);
the collective score is the mean over submitted respondents. Expected values computed by hand."""

from decimal import Decimal

import pytest
from django.utils import translation

from diagnostics import scoring
from tests.factories import SessionFactory, make_respondent

#              projet  information temps  espaces competences management
R1 = "YYYYYYYNNUUUUUUNNNNNYNYNYYYYNN"  # 5 2 0 0 3 3
R2 = "YYYYNYNNNNUUUUUNNNNNNNNNNYUUUU"  # 4 1 0 0 0 1
R3 = "YYYNNUUUUUUUUUUNNNNNYYYYYNNNNN"  # 3 0 0 0 5 0


@pytest.fixture
def three_respondents(closed_session):
    for letters in (R1, R2, R3):
        make_respondent(closed_session, letters)
    return closed_session


def results_of(session):
    return scoring.compute_results(session, scoring.participation(session).submitted)


def scores(results):
    return {t.theme.code: t.score for t in results.themes}


def statement(results, code):
    return next(s for t in results.themes for s in t.statements if s.statement.code == code)


def test_theme_scores_are_the_mean_number_of_oui_per_respondent(three_respondents):
    assert scores(results_of(three_respondents)) == {
        "projet": Decimal("4.0"),  # (5 + 4 + 3) / 3
        "information": Decimal("1.0"),  # (2 + 1 + 0) / 3
        "temps": Decimal("0.0"),  # all "?"
        "espaces": Decimal("0.0"),  # all "Non"
        "competences": Decimal("2.7"),  # (3 + 0 + 5) / 3 = 2.67
        "management": Decimal("1.3"),  # (3 + 1 + 0) / 3 = 1.33
    }


def test_statement_counts_and_shares(three_respondents):
    results = results_of(three_respondents)
    last_of_projet = statement(results, "projet.5")
    assert (last_of_projet.yes, last_of_projet.unsure, last_of_projet.no) == (1, 0, 2)
    assert round(last_of_projet.yes_share, 1) == Decimal("33.3")
    assert round(last_of_projet.no_share, 1) == Decimal("66.7")
    first_of_information = statement(results, "information.1")
    assert (first_of_information.yes, first_of_information.unsure, first_of_information.no) == (
        2,
        1,
        0,
    )


def test_an_all_unsure_theme_scores_zero_with_every_answer_counted_as_unsure(three_respondents):
    temps = next(t for t in results_of(three_respondents).themes if t.theme.code == "temps")
    assert temps.score == 0
    assert temps.unsure_share == 100
    assert all((s.yes, s.unsure, s.no) == (0, 3, 0) for s in temps.statements)


def test_an_all_non_theme_scores_zero_with_no_unsure(three_respondents):
    espaces = next(t for t in results_of(three_respondents).themes if t.theme.code == "espaces")
    assert espaces.score == 0
    assert espaces.unsure_share == 0
    assert all(s.no_share == 100 for s in espaces.statements)


def test_unsubmitted_sheets_and_other_sessions_do_not_count(three_respondents, cooperative):
    make_respondent(three_respondents, "Y" * 30, submitted=False)
    make_respondent(SessionFactory(cooperative=cooperative, status="closed"), "Y" * 30)
    results = results_of(three_respondents)
    assert results.respondents == 3
    assert scores(results)["temps"] == 0


def test_scores_are_rounded_half_up_to_one_decimal(closed_session):
    # projet: 3 + 2 + 2 + 2 = 9 Oui over 4 respondents = 2.25 -> 2.3 (not banker's 2.2)
    for projet in ("YYYNN", "YYNNN", "YYNNN", "YYNNN"):
        make_respondent(closed_session, projet + "N" * 25)
    assert scores(results_of(closed_session))["projet"] == Decimal("2.3")


def test_themes_come_in_the_guide_order_with_five_statements_each(three_respondents):
    results = results_of(three_respondents)
    assert [t.theme.code for t in results.themes] == [
        "projet",
        "information",
        "temps",
        "espaces",
        "competences",
        "management",
    ]
    assert [len(t.statements) for t in results.themes] == [5] * 6


def test_chart_data_carries_the_table_numbers(three_respondents):
    # In French whatever ran before: a test request in English leaves English active in the
    # thread (LocaleMiddleware activates a language per request and never resets it).
    with translation.override("fr"):
        data = results_of(three_respondents).chart_data
    assert data["max"] == 5
    assert data["datasets"][0]["data"] == [4.0, 1.0, 0.0, 0.0, 2.7, 1.3]
    assert data["labels"][0] == "Conduite d’un projet de transformation"


@pytest.mark.parametrize(
    ("status", "submitted", "threshold", "reason"),
    [
        ("draft", 0, 3, "draft"),
        ("open", 10, 3, "open"),
        ("closed", 2, 3, "below_threshold"),
        ("closed", 4, 5, "below_threshold"),
        ("closed", 3, 3, None),
        ("closed", 10, 10, None),
    ],
)
def test_results_are_hidden_while_open_and_below_the_threshold(
    cooperative, status, submitted, threshold, reason
):
    session = SessionFactory(cooperative=cooperative, status=status, anonymity_threshold=threshold)
    assert scoring.hidden_reason(session, submitted) == reason

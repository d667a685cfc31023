"""The rules of `diagnostics.scoring` that are not the collective mean (tests/diagnostics/
test_scoring.py): a member's own score, the agreed score, the disagreement, final visibility.
Expected values computed by hand from the guide's rule (Oui = 1 point, ? and Non = 0)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from diagnostics import scoring
from tests.factories import SessionFactory

YES, UNSURE, NO = "yes", "unsure", "no"


# --- A member's own score ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([YES, YES, YES, YES, YES], 5),
        ([YES, NO, UNSURE, YES, NO], 2),  # ? and Non are worth nothing
        ([UNSURE] * 5, 0),
        ([YES, None, None, YES, None], 2),  # statements left unanswered score 0
        ([], 0),
    ],
)
def test_a_members_own_score_is_their_number_of_oui(values, expected):
    assert scoring.member_score(values) == expected


def test_a_members_own_score_reads_any_iterable_of_answers():
    mine = {1: YES, 2: NO, 3: YES}
    assert scoring.member_score(mine.get(pk) for pk in (1, 2, 3, 4)) == 2


# --- The agreed score ------------------------------------------------------------------------


def test_the_agreed_score_is_the_number_of_agreed_oui_once_every_statement_is_agreed():
    assert scoring.agreed_score([YES, NO, YES, UNSURE, YES]) == 3
    assert scoring.agreed_score([NO] * 5) == 0


def test_the_agreed_score_is_none_while_one_statement_has_no_agreed_answer():
    assert scoring.agreed_score([YES, YES, YES, YES, None]) is None
    assert scoring.agreed_score([None] * 5) is None


def test_the_agreed_score_reads_a_generator_once():
    agreed = {1: YES, 2: YES}
    assert scoring.agreed_score(agreed.get(pk) for pk in (1, 2)) == 2
    assert scoring.agreed_score(agreed.get(pk) for pk in (1, 2, 3)) is None


# --- Disagreement ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "unsure", "no", "expected"),
    [
        (10, 0, 0, Decimal(0)),  # everybody agrees
        (5, 0, 5, Decimal(50)),  # cut in two halves: the maximum
        (3, 0, 1, Decimal(25)),
        (1, 18, 1, Decimal(5)),  # "?" is missing information, not disagreement
        (0, 7, 0, Decimal(0)),
        (0, 0, 0, Decimal(0)),  # no answer at all: nothing to divide by
    ],
)
def test_disagreement_is_the_share_of_the_minority_between_yes_and_no(yes, unsure, no, expected):
    assert scoring.disagreement(yes, unsure, no) == expected


def test_disagreement_never_exceeds_one_half():
    assert (
        max(scoring.disagreement(y, u, 20 - y - u) for y in range(21) for u in range(21 - y)) == 50
    )


def test_the_split_is_exact_and_the_percentage_is_the_same_number():
    # 1 Non against 2 Oui: one person in three contradicts the majority.
    assert scoring.split(2, 0, 1) == Fraction(1, 3)
    assert scoring.split(4, 0, 2) == Fraction(1, 3)
    assert scoring.disagreement(2, 0, 1) == Decimal(100) / 3
    assert scoring.split(0, 0, 0) == 0


# --- Final results visible ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "submitted", "threshold", "visible"),
    [
        ("draft", 5, 3, False),
        ("open", 5, 3, False),  # even published: a first look, never planned nor compared on
        ("closed", 2, 3, False),  # below the anonymity threshold
        ("closed", 3, 3, True),
        ("closed", 12, 10, True),
    ],
)
def test_final_results_are_visible_only_closed_and_at_the_threshold(
    cooperative, status, submitted, threshold, visible
):
    session = SessionFactory(cooperative=cooperative, status=status, anonymity_threshold=threshold)
    assert scoring.final_results_visible(session, submitted) is visible


def test_an_open_session_published_shows_results_but_not_final_ones(cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", anonymity_threshold=3)
    session.results_snapshot = {"respondents": 3, "sheets": [1, 2, 3], "counts": {}}
    assert scoring.hidden_reason(session, 3) is None
    assert scoring.final_results_visible(session, 3) is False


def test_a_closed_session_is_judged_on_the_copy_it_shows_not_on_later_sheets(cooperative):
    # What counts is the copy the session shows (diagnostics.publication): at k = 3 a copy of 2
    # sheets stays hidden, whatever number of submitted sheets the caller passes.
    session = SessionFactory(cooperative=cooperative, status="closed", anonymity_threshold=3)
    session.results_snapshot = {"respondents": 2, "sheets": [1, 2], "counts": {}}
    assert scoring.final_results_visible(session, 5) is False
    session.results_snapshot = {"respondents": 4, "sheets": [1, 2, 3, 4], "counts": {}}
    assert scoring.final_results_visible(session, 0) is True


# --- A theme's answers, as the CSV's theme rows show them ---------------------------------------


def test_a_themes_shares_are_over_all_the_answers_to_its_statements():
    statements = [
        scoring.StatementResult(None, yes, unsure, no)
        for yes, unsure, no in [(2, 1, 1), (0, 4, 0), (1, 0, 3), (4, 0, 0), (0, 0, 4)]
    ]
    theme = scoring.ThemeResult(None, statements, 4)
    assert theme.counts == (7, 5, 8)  # 20 answers
    assert (theme.yes_share, theme.unsure_share, theme.no_share) == (35, 25, 40)
    assert theme.score == Decimal("1.8")  # 7 « Oui » over 4 sheets = 1.75, half up


def test_a_theme_nobody_answered_has_zero_shares_and_score():
    theme = scoring.ThemeResult(None, [scoring.StatementResult(None, 0, 0, 0)], 0)
    assert (theme.yes_share, theme.unsure_share, theme.no_share, theme.score) == (0, 0, 0, 0)

"""The comparison of two sessions, on hand-made sessions (numbers worked out in conftest)."""

from decimal import Decimal

from followup import services
from followup.services import Change, Direction
from tests.followup.conftest import (
    AFTER_CONSOLIDATED,
    AFTER_SCORES,
    BEFORE_CONSOLIDATED,
    BEFORE_SCORES,
    THEME3_SHARES,
)


def comparison_of(before, after):
    return services.compare(services.analysis_of(before, 3), services.analysis_of(after, 3))


def test_every_theme_is_compared_on_its_collective_and_consolidated_scores(before, after):
    comparison = comparison_of(before, after)
    assert [t.theme.order for t in comparison.themes] == [1, 2, 3, 4, 5, 6]
    assert [str(t.score.before) for t in comparison.themes] == BEFORE_SCORES
    assert [str(t.score.after) for t in comparison.themes] == AFTER_SCORES
    assert [t.consolidated.before for t in comparison.themes] == BEFORE_CONSOLIDATED
    assert [t.consolidated.after for t in comparison.themes] == AFTER_CONSOLIDATED
    assert comparison.before_session == before and comparison.after_session == after


def test_a_theme_that_went_from_0_to_5_is_a_rise_of_5(before, after):
    projet = comparison_of(before, after).themes[0]
    assert projet.score.delta == Decimal("5.0") and projet.score.direction == Direction.UP
    assert projet.consolidated.delta == 5
    assert all(s.yes_share == Change(0, 100) for s in projet.statements)


def test_a_theme_that_did_not_change_is_the_same(before, after):
    information = comparison_of(before, after).themes[1]
    assert information.score.delta == 0 and information.score.direction == Direction.SAME
    assert information.consolidated.direction == Direction.SAME
    assert [s.yes_share.direction for s in information.statements] == [Direction.SAME] * 5


def test_rises_and_falls_of_the_theme_scores(before, after):
    themes = comparison_of(before, after).themes
    assert (themes[2].score.delta, themes[2].score.direction) == (Decimal("1.7"), Direction.UP)
    assert (themes[3].score.delta, themes[3].score.direction) == (Decimal("-2.0"), Direction.DOWN)
    assert themes[3].score.magnitude == Decimal("2.0")
    assert themes[3].consolidated.delta == -2


def test_the_oui_share_of_each_statement_changes_by_the_shown_numbers(before, after):
    temps = comparison_of(before, after).themes[2]
    shares = [(s.yes_share.before, s.yes_share.after) for s in temps.statements]
    assert shares == THEME3_SHARES
    assert [s.yes_share.delta for s in temps.statements] == [33, 67, 34, 33, 0]


def test_an_unconsolidated_session_compares_its_consolidated_scores_as_unknown(cooperative, before):
    from tests.followup.conftest import AFTER_SHEETS, at, closed_with

    later = closed_with(
        cooperative, AFTER_SHEETS, title="Sans consolidation", closed_at=at(2026, 3, 1)
    )
    comparison = comparison_of(before, later)
    assert all(t.consolidated.after is None for t in comparison.themes)
    assert all(t.consolidated.delta is None and t.consolidated.direction is None
               for t in comparison.themes)  # fmt: skip
    assert comparison.has_consolidated  # the earlier one still is


def test_only_closed_sessions_with_visible_results_are_comparable(cooperative, before, after):
    from tests.factories import SessionFactory, make_respondent

    below = SessionFactory(cooperative=cooperative, status="closed", title="Deux réponses")
    for _n in range(2):
        make_respondent(below, "Y" * 30)
    revealed_open = SessionFactory(cooperative=cooperative, status="open", title="Ouverte")
    for _n in range(3):
        make_respondent(revealed_open, "Y" * 30)
    _sessions, comparable = services.comparable_of(cooperative)
    assert comparable == [(before, 3), (after, 3)]

"""The prefilled consolidation (the disagreement and the split are scoring rules:
tests/diagnostics/test_scoring_rules.py, test_split_rule.py)."""

import pytest

from plans.indicators import most_frequent


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((3, 1, 1), "yes"),
        ((1, 1, 3), "no"),
        ((1, 3, 1), "unsure"),
        ((2, 0, 2), "unsure"),  # a tie between Oui and Non: the team has not agreed yet
        ((2, 2, 0), "unsure"),
        ((0, 2, 2), "unsure"),
        ((1, 1, 1), "unsure"),
        ((0, 0, 0), "unsure"),
    ],
)
def test_the_most_frequent_answer_prefills_and_a_tie_gives_unsure(counts, expected):
    assert most_frequent(*counts) == expected

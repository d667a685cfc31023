"""The words beside the disagreement column and the prefilled consolidation (the disagreement
itself is a scoring rule: tests/diagnostics/test_scoring_rules.py)."""

from decimal import Decimal

import pytest

from plans.indicators import disagreement_level, most_frequent


@pytest.mark.parametrize(
    ("share", "level"),
    [
        (Decimal(0), "low"),
        (Decimal("9.9"), "low"),
        (Decimal(10), "moderate"),
        (Decimal(25), "strong"),
        (Decimal(50), "strong"),
    ],
)
def test_the_disagreement_words_follow_the_documented_thresholds(share, level):
    assert disagreement_level(share) == level


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

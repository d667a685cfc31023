"""The pure functions behind the disagreement column and the prefilled consolidation."""

from decimal import Decimal

import pytest

from plans.indicators import disagreement, disagreement_level, most_frequent


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
    assert disagreement(yes, unsure, no) == expected


def test_disagreement_never_exceeds_one_half():
    assert max(disagreement(y, u, 20 - y - u) for y in range(21) for u in range(21 - y)) == 50


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

"""The disagreement rule (issue 14, point 6), on examples computed by hand: a statement is split
only when both « Oui » and « Non » have at least two people; « ? » is in neither camp."""

from itertools import product

import pytest

from diagnostics import scoring


def teams_of(size):
    return [(y, u, n) for y, u, n in product(range(size + 1), repeat=3) if y + u + n == size]


def test_no_statement_can_be_split_in_a_team_of_3():
    # Two camps of two need four people: 2 Oui + 1 Non is one dissenter, not a split.
    assert len(teams_of(3)) == 10
    assert [c for c in teams_of(3) if scoring.is_split(*c)] == []


@pytest.mark.parametrize(
    ("yes", "unsure", "no", "expected"),
    [
        (2, 0, 2, True),  # cut in two halves
        (3, 0, 1, False),  # the issue's « 25 % (fort) »: one dissenter
        (1, 0, 3, False),
        (2, 1, 1, False),
        (1, 2, 1, False),
        (0, 4, 0, False),
    ],
)
def test_in_a_team_of_4_only_two_against_two_is_split(yes, unsure, no, expected):
    assert scoring.is_split(yes, unsure, no) is expected


def test_in_a_team_of_4_exactly_one_answer_pattern_in_fifteen_is_split():
    assert [c for c in teams_of(4) if scoring.is_split(*c)] == [(2, 0, 2)]


@pytest.mark.parametrize(
    ("yes", "unsure", "no", "expected"),
    [
        (5, 0, 2, True),
        (3, 1, 3, True),
        (2, 3, 2, True),
        (6, 0, 1, False),
        (4, 2, 1, False),
        (1, 5, 1, False),
        (7, 0, 0, False),
    ],
)
def test_in_a_team_of_7_two_people_on_each_side_make_a_split(yes, unsure, no, expected):
    assert scoring.is_split(yes, unsure, no) is expected


def test_in_a_team_of_7_ten_answer_patterns_are_split():
    # By hand: pairs (Oui, Non) with both ≥ 2 and Oui + Non ≤ 7 (the rest is « ? »):
    # sum 4: (2,2); sum 5: (2,3) (3,2); sum 6: (2,4) (3,3) (4,2); sum 7: (2,5) (3,4) (4,3) (5,2).
    split = [c for c in teams_of(7) if scoring.is_split(*c)]
    assert len(split) == 10
    assert (2, 3, 2) in split and (6, 0, 1) not in split


@pytest.mark.parametrize(
    ("yes", "unsure", "no", "expected"),
    [
        (38, 0, 2, True),  # two people out of forty still make a discussion worth having
        (39, 0, 1, False),
        (20, 0, 20, True),
        (2, 37, 1, False),
        (0, 40, 0, False),
        (1, 1, 38, False),
    ],
)
def test_in_a_team_of_40_the_rule_counts_people_not_shares(yes, unsure, no, expected):
    assert scoring.is_split(yes, unsure, no) is expected


def test_the_meeting_order_puts_split_statements_first_then_the_larger_minority_then_unsure():
    # Team of 7. By hand: (3,1,3) minority 3/7; (2,3,2) and (5,0,2) minority 2/7, the first has
    # 3/7 of « ? »; then the unsplit (4,2,1) with 2/7 of « ? » before (6,0,1), then (7,0,0).
    counts = [(7, 0, 0), (6, 0, 1), (5, 0, 2), (4, 2, 1), (2, 3, 2), (3, 1, 3)]
    ordered = sorted(counts, key=lambda c: scoring.split_order(*c))
    assert ordered == [(3, 1, 3), (2, 3, 2), (5, 0, 2), (4, 2, 1), (6, 0, 1), (7, 0, 0)]


def test_the_meeting_order_of_a_statement_nobody_answered_is_last_and_does_not_fail():
    assert sorted([(0, 0, 0), (2, 0, 2)], key=lambda c: scoring.split_order(*c))[0] == (2, 0, 2)


@pytest.mark.parametrize(
    ("counts", "bar"),
    [
        ((3, 0, 1), (75, 0, 25)),
        ((2, 0, 2), (50, 0, 50)),
        # 1/3 each: 33.3 rounds to 35 for the first camp (largest remainder, ties in order).
        ((1, 1, 1), (35, 35, 30)),
        # 7 people: 57.1, 14.3, 28.6 → 55 + 15 + 30.
        ((4, 1, 2), (55, 15, 30)),
        ((38, 0, 2), (95, 0, 5)),
        ((0, 0, 0), (0, 0, 0)),
    ],
)
def test_the_stacked_bar_widths_are_steps_of_five_that_sum_to_100(counts, bar):
    assert scoring.Split(*counts).bar == bar


def test_the_split_reads_as_people():
    split = scoring.Split(3, 0, 1)
    assert (split.minority, split.total, split.is_split) == (1, 4, False)
    assert scoring.Split(5, 0, 2).minority == 2 and scoring.Split(5, 0, 2).is_split

"""The priorities ranking (plans.priorities) on hand-made results; expected values by hand."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostics import scoring
from diagnostics.models import Statement, Theme
from diagnostics.scoring import SessionResults, StatementResult, ThemeResult
from fiches.content_loader import load_fiche
from plans.priorities import first_step, rank_priorities, weak_statements
from tests.factories import make_respondent


def theme_result(code, order, counts, respondents=4):
    """A ThemeResult from (oui, ?, non) per statement, with unsaved models: no database."""
    theme = Theme(code=code, order=order, title=code.title(), fiche_number=order)
    statements = [
        StatementResult(Statement(code=f"{code}.{n}", order=n, text=f"{code} {n}"), *c)
        for n, c in enumerate(counts, start=1)
    ]
    return ThemeResult(theme, statements, respondents)


def results(*themes):
    return SessionResults(session=None, respondents=themes[0].respondents, themes=list(themes))


def codes(priorities):
    return [p.theme.code for p in priorities]


def test_themes_are_ranked_from_the_weakest_score():
    strong = theme_result("projet", 1, [(4, 0, 0)] * 5)  # 20 Oui / 4 = 5.0
    weak = theme_result("information", 2, [(1, 0, 3)] * 5)  # 5 / 4 = 1.25 -> 1.3
    middle = theme_result("temps", 3, [(2, 1, 1)] * 5)  # 10 / 4 = 2.5
    ranked = rank_priorities(results(strong, weak, middle))
    assert codes(ranked) == ["information", "temps", "projet"]
    assert [p.rank for p in ranked] == [1, 2, 3]
    assert [p.score for p in ranked] == [Decimal("1.3"), Decimal("2.5"), Decimal("5.0")]


def test_a_tie_on_score_is_broken_by_the_highest_share_of_unsure():
    # Both: 8 Oui / 4 respondents = 2.0.
    few_unsure = theme_result("projet", 1, [(2, 1, 1), (2, 1, 1), (2, 1, 1), (2, 1, 1), (0, 0, 4)])
    # ? = 4 of 20 answers = 20 %
    many_unsure = theme_result("information", 2, [(2, 2, 0)] * 4 + [(0, 0, 4)])
    # ? = 8 of 20 answers = 40 %
    ranked = rank_priorities(results(few_unsure, many_unsure))
    assert codes(ranked) == ["information", "projet"]
    assert ranked[0].unsure_share == Decimal(40)
    assert ranked[1].unsure_share == Decimal(20)


def test_a_tie_on_score_and_unsure_is_broken_by_the_strongest_oui_non_split():
    # Both: 8 Oui / 4 = 2.0 and no "?" at all.
    united = theme_result("projet", 1, [(4, 0, 0), (4, 0, 0), (0, 0, 4), (0, 0, 4), (0, 0, 4)])
    # split per statement: min(4, 0) / 4 = 0 each -> mean 0
    divided = theme_result("information", 2, [(2, 0, 2)] * 4 + [(0, 0, 4)])
    # split: min(2, 2) / 4 = 1/2 on four statements, 0 on the last -> (4 × 1/2) / 5 = 2/5 = 40 %
    ranked = rank_priorities(results(united, divided))
    assert codes(ranked) == ["information", "projet"]
    assert ranked[0].split == Decimal(40)
    assert ranked[1].split == Decimal(0)


def test_the_split_puts_unsure_answers_in_neither_camp():
    # (1, 2, 1): min(1, 1) / 4 = 1/4 — one person in four contradicts the other camp;
    # (0, 4, 0): min(0, 0) / 4 = 0, all "?" is missing information, not disagreement.
    # Mean over five statements: (1/4 + 0 + 0 + 0 + 0) / 5 = 1/20 = 5 %.
    theme = theme_result("projet", 1, [(1, 2, 1), (0, 4, 0), (4, 0, 0), (4, 0, 0), (4, 0, 0)])
    assert rank_priorities(results(theme))[0].split == Decimal(5)


def test_the_score_tie_is_on_the_displayed_score_with_one_decimal():
    # 20 respondents: 46 Oui -> 2.30 and 45 Oui -> 2.25, both displayed 2.3 (half up): a tie,
    # so the "?" share decides and puts the theme with the higher exact mean first.
    higher_mean = theme_result(
        "projet", 1, [(10, 10, 0), (10, 10, 0), (10, 0, 10), (10, 0, 10), (6, 0, 14)], 20
    )  # 46 Oui, ? = 20 / 100 = 20 %
    lower_mean = theme_result("information", 2, [(9, 0, 11)] * 5, 20)  # 45 Oui, no "?"
    ranked = rank_priorities(results(higher_mean, lower_mean))
    assert [p.score for p in ranked] == [Decimal("2.3"), Decimal("2.3")]
    assert codes(ranked) == ["projet", "information"]


def test_a_complete_tie_keeps_the_questionnaire_order():
    first = theme_result("projet", 1, [(2, 1, 1)] * 5)
    second = theme_result("information", 2, [(2, 1, 1)] * 5)
    assert codes(rank_priorities(results(second, first))) == ["projet", "information"]


def test_weak_statements_are_those_most_answered_non_or_unsure_the_most_first():
    theme = theme_result(
        "projet",
        1,
        [
            (1, 1, 2),  # Non + ? = 3 > 1: weak
            (2, 1, 1),  # 2 = 2: not most, not weak
            (0, 4, 0),  # 4 > 0: weak, the most
            (2, 2, 0),  # exactly half: not weak
            (1, 0, 3),  # 3 > 1: weak, after projet.1 in questionnaire order
        ],
    )
    weak = [s.statement.code for s in weak_statements(theme)]
    assert weak == ["projet.3", "projet.1", "projet.5"]


def test_each_priority_links_its_fiche_and_the_first_step_of_its_method():
    ranked = rank_priorities(results(theme_result("projet", 1, [(0, 0, 4)] * 5)))
    priority = ranked[0]
    assert (priority.fiche_number, priority.fiche_title) == (
        1,
        "Conduite d’un projet de transformation",
    )
    assert priority.fiche_url == "/guide/fiches/1/"
    assert priority.first_step.title == "Avant-projet"
    assert priority.first_step.url == "/guide/fiches/1/#etape-avant-projet"


@pytest.mark.parametrize(
    ("number", "title", "detail_start", "anchor"),
    [
        (1, "Avant-projet", "clarification des enjeux", "etape-avant-projet"),
        (2, "Diagramme de classement des informations", "Deux axes", "methode-2"),
        (3, "Le compromis temporel", "L’évolution du travail", "methode-2"),
        (4, "Structuration du projet", "Quelle conduite de projet ?", "etape-structuration"),
        (5, "Pour combiner performance", "La conception des outils", "methode-1"),
        (6, "Partager les règles d’usage des outils", "Il s’agit de clarifier", "methode-2"),
    ],
)
def test_the_first_step_of_each_fiche(number, title, detail_start, anchor):
    step = first_step(load_fiche(number))
    assert step.title.startswith(title)
    assert step.detail.startswith(detail_start)
    assert step.anchor == anchor


def test_the_ranking_of_real_answers_from_the_database(closed_session):
    #           projet  information temps  espaces competences management
    for letters in (
        "YYYYYYYNNUUUUUUNNNNNYNYNYYYYNN",  # 5 2 0 0 3 3
        "YYYYNYNNNNUUUUUNNNNNNNNNNYUUUU",  # 4 1 0 0 0 1
        "YYYNNUUUUUUUUUUNNNNNYYYYYNNNNN",  # 3 0 0 0 5 0
    ):
        make_respondent(closed_session, letters)
    computed = scoring.compute_results(closed_session, 3)
    ranked = rank_priorities(computed)
    # temps and espaces both 0.0: temps is all "?" (100 %), espaces all "Non" (0 %).
    # Then information 1.0, management 1.3, competences 2.7, projet 4.0.
    assert codes(ranked) == [
        "temps",
        "espaces",
        "information",
        "management",
        "competences",
        "projet",
    ]
    weak = {p.theme.code: [s.statement.code for s in p.weak_statements] for p in ranked}
    # projet.4 is Y, Y, N (Oui wins); projet.5 is Y, N, N: the only weak one.
    assert weak["projet"] == ["projet.5"]
    # temps: 3 "?" on every statement, all weak, tied, so in questionnaire order.
    assert weak["temps"] == [f"temps.{n}" for n in range(1, 6)]


def _theme_results(counts):
    """Six themes from 30 (oui, ?, non) triples, 4 respondents each."""
    codes = ("projet", "information", "temps", "espaces", "competences", "management")
    return [theme_result(code, n, counts[5 * (n - 1) : 5 * n]) for n, code in enumerate(codes, 1)]


@given(
    st.lists(
        st.integers(0, 4).flatmap(lambda yes: st.tuples(st.just(yes), st.integers(0, 4 - yes))),
        min_size=30,
        max_size=30,
    )
)
@settings(max_examples=60, deadline=None)
def test_any_ranking_is_ordered_by_score_then_unsure_then_split(pairs):
    counts = [(yes, unsure, 4 - yes - unsure) for yes, unsure in pairs]
    themes = _theme_results(counts)
    ranked = rank_priorities(results(*themes))
    assert sorted(p.theme.code for p in ranked) == sorted(t.theme.code for t in themes)
    assert [p.rank for p in ranked] == list(range(1, 7))
    for before, after in zip(ranked, ranked[1:], strict=False):
        assert before.score <= after.score
        if before.score == after.score:
            assert before.unsure_share >= after.unsure_share
            if before.unsure_share == after.unsure_share:
                assert before.split >= after.split

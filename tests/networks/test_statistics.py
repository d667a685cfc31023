"""networks.statistics: the network's distribution figures and its suppression rule, on plain
values computed by hand."""

import pytest

from networks import statistics as st


def point(
    session_id,
    cooperative_id,
    *,
    legal_form="scop",
    band="10-49",
    dep="34",
    year=2025,
    closed=None,
    scores=None,
    counts=None,
):
    return st.Point(
        session_id=session_id,
        cooperative_id=cooperative_id,
        legal_form=legal_form,
        size_band=band,
        departement=dep,
        year=year,
        closed=closed if closed is not None else session_id,
        theme_scores=scores or {},
        statement_counts=counts or {},
    )


# --- Median and quartiles (inclusive method: position (n - 1) × p, linear interpolation) -------


def test_quartiles_of_an_odd_number_of_cooperatives_fall_on_their_scores():
    # n = 5: positions (5 - 1) × 1/4 = 1, × 1/2 = 2, × 3/4 = 3 → the 2nd, 3rd and 4th scores.
    dist = st.distribution([4.0, 1.0, 5.0, 2.5, 2.0])
    assert (dist.count, dist.minimum, dist.maximum) == (5, 1.0, 5.0)
    assert (dist.q1, dist.median, dist.q3) == (2.0, 2.5, 4.0)


def test_quartiles_of_an_even_number_of_cooperatives_interpolate_between_two_scores():
    # Sorted: 0.5 1.0 2.0 3.0 4.5 5.0 (n = 6): positions 1.25, 2.5, 3.75 (0-based).
    # Q1 = 1.0 + 0.25 × (2.0 - 1.0) = 1.25; median = 2.0 + 0.5 × (3.0 - 2.0) = 2.5;
    # Q3 = 3.0 + 0.75 × (4.5 - 3.0) = 4.125.
    dist = st.distribution([5.0, 0.5, 3.0, 1.0, 4.5, 2.0])
    assert dist.count == 6
    assert dist.q1 == pytest.approx(1.25)
    assert dist.median == pytest.approx(2.5)
    assert dist.q3 == pytest.approx(4.125)
    assert (dist.minimum, dist.maximum) == (0.5, 5.0)


def test_theme_distributions_take_one_point_per_cooperative_its_latest_session():
    points = [
        point(1, 1, scores={"t1": 0.0}, closed=1),  # cooperative 1's older session: not counted
        point(2, 1, scores={"t1": 5.0}, closed=9),
        point(3, 2, scores={"t1": 1.0}),
        point(4, 3, scores={"t1": 2.0}),
        point(5, 4, scores={"t1": 3.0}),
        point(6, 5, scores={"t1": 4.0}),
    ]
    cell = st.cell_points(points, st.ALL)
    assert sorted(p.session_id for p in cell.values()) == [2, 3, 4, 5, 6]
    dist = st.theme_distributions(list(cell.values()), ["t1"])["t1"]
    # 1 2 3 4 5 → Q1 2, median 3, Q3 4.
    assert (dist.minimum, dist.q1, dist.median, dist.q3, dist.maximum) == (1, 2, 3, 4, 5)


def test_the_share_of_oui_weighs_every_cooperative_the_same_whatever_its_size():
    big = point(1, 1, counts={"1.1": (76, 0, 0)})  # 100 % of a team of 76
    small = point(2, 2, counts={"1.1": (0, 1, 3)})  # 0 % of a team of 4
    assert st.yes_shares([big, small], ["1.1"]) == {"1.1": 50}


def test_top_priorities_count_cooperatives_and_actions_need_two_cooperatives():
    plans = [
        st.PlanPoint(
            1,
            1,
            "scop",
            "1-9",
            "34",
            2025,
            priority_themes=("t1", "t2"),
            actions=("Former à Nextcloud", "Appeler Jeanne"),
        ),
        st.PlanPoint(
            2,
            2,
            "scop",
            "1-9",
            "34",
            2025,
            priority_themes=("t1",),
            actions=("former à  nextcloud",),
        ),
        st.PlanPoint(3, 3, "scop", "1-9", "34", 2025, priority_themes=("t3", "t1"), actions=()),
    ]
    assert st.top_priorities(plans) == [("t1", 3), ("t2", 1), ("t3", 1)]
    # « Appeler Jeanne », typed by one cooperative, may name a person: not listed.
    assert [count for _title, count in st.top_actions(plans)] == [2]
    assert st.top_actions(plans)[0][0].casefold() == "former à nextcloud"


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (1.0, st.LOWEST_QUARTER),
        (2.0, st.BELOW_HALF),
        (2.5, st.AT_MEDIAN),
        (3.0, st.ABOVE_HALF),
        (4.0, st.ABOVE_HALF),
        (4.5, st.HIGHEST_QUARTER),
    ],
)
def test_standing_places_a_score_against_the_quartiles(score, expected):
    dist = st.distribution([4.0, 1.0, 5.0, 2.5, 2.0])  # Q1 2.0, median 2.5, Q3 4.0
    assert st.standing(score, dist) == expected


def test_standing_compares_at_the_one_decimal_shown():
    dist = st.distribution([1.0, 2.0, 2.25, 3.0, 4.0, 5.0])  # median (2.25 + 3.0) / 2 = 2.625
    assert st.standing(2.6, dist) == st.AT_MEDIAN  # the page shows the median as 2,6


def test_size_bands_are_those_of_the_issue():
    assert [st.size_band(n) for n in (1, 9, 10, 49, 50, 400)] == [
        "1-9",
        "1-9",
        "10-49",
        "10-49",
        "50+",
        "50+",
    ]


def test_only_the_fixed_filter_combinations_are_accepted():
    assert st.cell_key(legal_form="scop") == (("legal_form", "scop"),)
    assert st.cell_key() == st.ALL
    with pytest.raises(ValueError):
        st.cell_key(legal_form="scop", departement="34")


# --- Suppression -----------------------------------------------------------------------------


def test_the_threshold_is_never_below_five(settings):
    settings.NETWORK_MIN_COOPERATIVES = 2
    assert st.min_cooperatives() == 5
    settings.NETWORK_MIN_COOPERATIVES = 8
    assert st.min_cooperatives() == 8


def test_no_figure_from_four_cooperatives():
    points = [point(i, i) for i in range(1, 5)]
    assert st.shown_cells(st.all_cells(points), k=5) == set()


def test_five_cooperatives_show_the_network_and_the_cells_they_fill():
    points = [point(i, i) for i in range(1, 6)]
    shown = st.shown_cells(st.all_cells(points), k=5)
    assert st.ALL in shown and (("legal_form", "scop"),) in shown


def test_a_cell_one_cooperative_short_of_the_network_is_hidden_too():
    # 5 Scop + 1 Scic: « Scic » is hidden (1 < 5), and « Scop » too, since the network minus the
    # Scop would be the Scic alone.
    points = [point(i, i) for i in range(1, 6)] + [point(6, 6, legal_form="scic")]
    shown = st.shown_cells(st.all_cells(points), k=5)
    assert st.ALL in shown
    assert (("legal_form", "scop"),) not in shown
    assert (("legal_form", "scic"),) not in shown


def test_hidden_cells_of_a_dimension_together_never_fall_between_one_and_four():
    # 5 Scop, 5 Scic, 1 CAE, 1 autre: the two small ones are hidden, and the network minus Scop
    # minus Scic would give them both (2 cooperatives): one of Scop or Scic is hidden as well.
    forms = ["scop"] * 5 + ["scic"] * 5 + ["cae", "autre"]
    points = [point(i, i, legal_form=f) for i, f in enumerate(forms, start=1)]
    shown = st.shown_cells(st.all_cells(points), k=5)
    legal = {key for key in shown if key and key[0][0] == "legal_form"}
    assert len(legal) == 1
    assert legal <= {(("legal_form", "scop"),), (("legal_form", "scic"),)}


def test_a_year_cell_differing_from_the_network_by_one_cooperative_is_hidden():
    # Six cooperatives shared in 2025; one of them shared again in 2026. The network's points are
    # the latest ones: the 2025 cell differs from it by that one cooperative's two sessions.
    points = [point(i, i, year=2025) for i in range(1, 7)] + [point(7, 1, year=2026)]
    cells = st.all_cells(points)
    assert len(cells[st.ALL] - cells[(("year", 2025),)]) == 1
    shown = st.shown_cells(cells, k=5)
    assert st.ALL in shown and (("year", 2025),) not in shown


def test_all_cells_take_each_cooperatives_latest_session_within_each_cell():
    # all_cells orders the points once; each cell must still be cell_points' choice, the latest
    # session of each cooperative among that cell's (a year cell's differs from the network's).
    import random

    rng = random.Random(16)
    points = [
        point(
            sid,
            rng.randrange(12),
            legal_form=rng.choice(["scop", "scic"]),
            band=rng.choice(["1-9", "10-49"]),
            dep=rng.choice(["34", "30", "2A"]),
            year=rng.choice([2024, 2025, 2026]),
            closed=rng.choice([None, rng.randrange(50)]),
        )
        for sid in rng.sample(range(1, 500), 80)
    ]
    cells = st.all_cells(points)
    keys = {st.ALL} | {((d, p.value(d)),) for p in points for d in st.DIMENSIONS}
    assert set(cells) == keys
    for key in keys:
        expected = {p.session_id for p in st.cell_points(points, key).values()}
        assert cells[key] == frozenset(expected), key


def test_the_share_of_oui_in_two_halves_is_the_same_mean():
    # yes_share_vector per cooperative (kept per session by networks.figures), then the mean:
    # 1 in 3 and 3 in 4 → (33.33 + 75) / 2; nobody answered 1.2 in the first → 50 alone.
    codes = ("1.1", "1.2")
    first = st.yes_share_vector({"1.1": (1, 1, 1)}, codes)
    second = st.yes_share_vector({"1.1": (3, 0, 1), "1.2": (1, 0, 1)}, codes)
    assert first == (100 / 3, None) and second == (75.0, 50.0)
    assert st.mean_yes_shares([first, second], codes) == {"1.1": (100 / 3 + 75) / 2, "1.2": 50.0}
    assert st.mean_yes_shares([], codes) == {}

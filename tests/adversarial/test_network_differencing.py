"""The adviser who wants one cooperative's figures by subtracting two cells of the network
dashboard (issue 16): « toutes les Scop » minus « les Scop du 34 »… Every allowed filter is tried
against every other, and a difference of two shown cells must hold no cooperative or at least 5.

The sets of cooperatives behind each cell are rebuilt here from the raw population, not read from
networks.statistics, so that a bug in its cells cannot hide itself."""

import random
from itertools import combinations

import pytest

from networks import statistics as st

K = 5


def population(seed, cooperatives):
    """Cooperatives of random forms, sizes, départements, with one to three shared sessions in
    random years: small cells and near-threshold differences everywhere."""
    rng = random.Random(seed)
    points, session_id = [], 0
    for cooperative_id in range(1, cooperatives + 1):
        form = rng.choice(["scop"] * 6 + ["scic"] * 2 + ["cae", "autre"])
        band = rng.choice(["1-9", "1-9", "10-49", "50+"])
        dep = rng.choice(["34", "34", "34", "30", "11", "66", "2A"])
        for _n in range(rng.choice([1, 1, 2, 3])):
            session_id += 1
            points.append(
                st.Point(
                    session_id,
                    cooperative_id,
                    form,
                    band,
                    dep,
                    rng.choice([2024, 2025, 2026]),
                    closed=rng.random(),
                )
            )
    return points


def truth(points):
    """{cell key: {cooperative_id: session_id}} rebuilt independently: for each allowed filter
    and value, each cooperative's latest session among those matching."""
    cells = {}
    for dimensions in st.ALLOWED_FILTERS:
        values = {tuple(p.value(d) for d in dimensions) for p in points}
        for value in values:
            key = tuple(zip(dimensions, value, strict=True))
            chosen = {}
            for p in sorted(points, key=lambda p: (p.closed, p.session_id)):
                if all(p.value(d) == v for d, v in key):
                    chosen[p.cooperative_id] = p.session_id  # later sessions overwrite
            cells[key] = chosen
    return cells


def leaks(cells, shown):
    """Every way two shown cells, or a dimension's shown cells against the whole network, would
    isolate 1 to K - 1 data points (cooperatives' sessions)."""
    found = []
    as_sets = {key: {(c, s) for c, s in members.items()} for key, members in cells.items()}
    for a, b in combinations(sorted(shown, key=str), 2):
        for left, right in ((a, b), (b, a)):
            isolated = as_sets[left] - as_sets[right]
            if 0 < len({c for c, _s in isolated}) < K:
                found.append((left, right, len(isolated)))
    if st.ALL in shown:
        for dimension in st.DIMENSIONS:
            visible = [k for k in shown if k and k[0][0] == dimension]
            covered = set().union(*(as_sets[k] for k in visible))
            rest = as_sets[st.ALL] - covered
            if visible and 0 < len(rest) < K:
                found.append((st.ALL, dimension, len(rest)))
    return found


@pytest.mark.parametrize("seed", range(40))
def test_no_difference_of_two_shown_cells_isolates_fewer_than_five_cooperatives(seed):
    points = population(seed, cooperatives=random.Random(seed).randint(8, 60))
    cells = truth(points)
    computed = st.all_cells(points)
    assert {k: frozenset(v.values()) for k, v in cells.items()} == computed
    shown = st.shown_cells(computed, k=K)
    assert all(len(cells[key]) >= K for key in shown)  # primary suppression
    assert leaks(cells, shown) == []


def test_the_check_would_catch_primary_suppression_alone():
    # The attack works against a dashboard that only hides cells of fewer than 5: the test above
    # is not one that cannot fail.
    points = [st.Point(i, i, "scop", "1-9", "34", 2025, closed=i) for i in range(1, 7)]
    points.append(st.Point(7, 7, "scic", "1-9", "34", 2025, closed=7))
    cells = truth(points)
    primary_only = {key for key, members in cells.items() if len(members) >= K}
    assert leaks(cells, primary_only) != []
    assert leaks(cells, st.shown_cells(st.all_cells(points), k=K)) == []


# --- The same attack through the adviser's dashboard, on a real network ------------------------


@pytest.mark.django_db
def test_the_adviser_asking_every_filter_of_the_dashboard_isolates_no_cooperative(
    client_as, adviser, network
):
    from django.urls import reverse

    from networks.models import SharedSession
    from tests.networks.builders import share, shared_cooperative

    rng = random.Random(16)
    coops = []
    for _n in range(24):
        coops.append(
            shared_cooperative(
                network,
                rng.choice([1, 2, 3, 4, 5]),
                year=rng.choice([2024, 2025]),
                legal_form=rng.choice(["scop", "scop", "scop", "scic", "cae"]),
                departement=rng.choice(["34", "34", "30", "11"]),
                headcount=rng.choice([4, 12, 60]),
            )
        )
    for coop in coops[:6]:
        share(coop, 2, year=2026)  # a later session: the year cells differ from the network's
    client = client_as(adviser)
    # Every cell the rows have, listed or not: the adviser may guess a hidden one's value.
    from networks import figures

    params = [figures.key_param(k) for k in st.all_cells(figures.network_points(network))]
    assert len(params) > 8
    shown_params = set()
    for param in params:  # the adviser asks for every filter, hidden ones included
        board = client.get(reverse("networks:dashboard", args=[network.slug]), {"filtre": param})
        asked = board.context["board"]  # a hidden cell is refused: the whole network instead
        if asked.shown and figures.key_param(asked.key) == param:
            shown_params.add(param)
    # The truth, from the rows themselves: each cooperative's latest session in each cell.
    points = [
        st.Point(
            s.session_id,
            s.cooperative_id,
            s.cooperative.legal_form,
            st.size_band(s.cooperative.headcount),
            s.cooperative.departement,
            s.year,
            closed=s.session.closed_at.timestamp(),
        )
        for s in SharedSession.objects.select_related("cooperative", "session")
    ]
    cells = truth(points)
    by_param = {("" if not k else f"{k[0][0]}:{k[0][1]}"): k for k in cells}
    shown = {by_param[p] for p in shown_params}
    assert st.ALL in shown and len(shown) >= 3  # the test looks at real figures
    assert leaks(cells, shown) == []

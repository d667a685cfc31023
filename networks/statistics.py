"""The network's figures across its cooperatives, as pure functions of plain values (issue 16).

Scores are not computed here: each shared session brings the per-theme scores and per-statement
counts its own cooperative was shown (`SharedSession`, from diagnostics.scoring over the published
copy). This module only describes their distribution across cooperatives, and decides which
figures may be shown at all:

- **One data point per cooperative** in a cell: its latest shared session among those the cell
  selects, so a cooperative that shared four sessions, or a team of 76, weighs as much as a team
  of four; and each point already passed its own session's k people.
- **Quartiles** are those of `statistics.quantiles(values, n=4, method="inclusive")`: linear
  interpolation between order statistics at position (n − 1) × p (R's type 7, PostgreSQL's
  `percentile_cont`, a spreadsheet's QUARTILE). The median is its middle cut point.
- **No figure from fewer than `min_cooperatives()`** cooperatives (setting
  NETWORK_MIN_COOPERATIVES, default 5, never below 5): a cell below it is hidden (primary
  suppression), and so is any cell whose difference with a shown one would isolate fewer than
  that (secondary suppression, `shown_cells`). The filters are a fixed list
  (`ALLOWED_FILTERS`), never free-form, so that this check covers every figure an adviser can ask.
"""

import functools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

from django.conf import settings

FLOOR = 5  # the rule of the issue: never a network figure from fewer than 5 cooperatives


def min_cooperatives():
    """The configured threshold, never below FLOOR whatever the setting says."""
    return max(FLOOR, int(getattr(settings, "NETWORK_MIN_COOPERATIVES", FLOOR)))


# --- Cells: the fixed filter combinations -------------------------------------------------------

LEGAL_FORM, SIZE_BAND, DEPARTEMENT, YEAR = "legal_form", "size_band", "departement", "year"
DIMENSIONS = (LEGAL_FORM, SIZE_BAND, DEPARTEMENT, YEAR)
# Every figure an adviser can see is one of these: the whole network, or one dimension at a time.
# Crossing two dimensions would make cells of one or two cooperatives everywhere, all suppressed.
ALLOWED_FILTERS = ((), (LEGAL_FORM,), (SIZE_BAND,), (DEPARTEMENT,), (YEAR,))
ALL = ()  # the cell of the whole network

SIZE_BANDS = (("1-9", 1, 9), ("10-49", 10, 49), ("50+", 50, None))


@functools.lru_cache(maxsize=1024)  # a pure function read for every point of every page
def size_band(headcount):
    for name, low, high in SIZE_BANDS:
        if headcount >= low and (high is None or headcount <= high):
            return name
    return SIZE_BANDS[0][0]


@dataclass(frozen=True)
class Point:
    """One shared session with what the filters read of it and of its cooperative. `closed`
    orders a cooperative's sessions (its latest is the greatest (closed, session_id)).
    `theme_scores` {theme_code: score} and `statement_counts` {code: (yes, unsure, no)} may be
    left empty when only the cells are wanted."""

    session_id: int
    cooperative_id: int
    legal_form: str
    size_band: str
    departement: str
    year: int
    closed: object = None
    theme_scores: dict = field(default_factory=dict, compare=False, hash=False)
    statement_counts: dict = field(default_factory=dict, compare=False, hash=False)

    def value(self, dimension):
        return getattr(self, dimension)


def cell_key(**filters):
    """The cell of `filters` (at most one dimension, see ALLOWED_FILTERS), as a hashable key:
    (), ((\"legal_form\", \"scop\"),), …"""
    key = tuple(sorted((d, v) for d, v in filters.items() if v not in (None, "")))
    if tuple(d for d, _v in key) not in ALLOWED_FILTERS:
        raise ValueError(f"filter combination not allowed: {key}")
    return key


def matches(point, key):
    return all(point.value(dimension) == value for dimension, value in key)


def latest_per_cooperative(points):
    """{cooperative_id: Point}: each cooperative's latest point among `points`."""
    latest = {}
    for p in points:
        best = latest.get(p.cooperative_id)
        if best is None or _order(p) > _order(best):
            latest[p.cooperative_id] = p
    return latest


def _order(point):
    return (point.closed is not None, point.closed or 0, point.session_id)


def cell_points(points, key):
    """The data points of one cell: one per cooperative, its latest session within the cell."""
    return latest_per_cooperative(p for p in points if matches(p, key))


def all_cells(points):
    """{key: frozenset of session ids} for every cell of ALLOWED_FILTERS with at least one point.
    Two cells share a data point only when they select the same session of a cooperative.
    Each cell's latest point per cooperative is latest_per_cooperative's, found by ordering the
    points once (oldest first: the last one a cooperative writes is its latest), not by
    comparing them again in each of their five cells."""
    by_key = {ALL: []}
    for p in sorted(points, key=_order):
        by_key[ALL].append(p)
        for dimension in DIMENSIONS:
            by_key.setdefault(((dimension, getattr(p, dimension)),), []).append(p)
    return {
        key: frozenset({p.cooperative_id: p.session_id for p in group}.values())
        for key, group in by_key.items()
        if group
    }


def _isolates(a, b, k):
    """Whether showing both cells would let a subtraction isolate 1 to k − 1 data points.
    Through the intersection, which walks the smaller set: a hundred départements against
    the whole network stay cheap."""
    common = len(a & b)
    return 0 < len(a) - common < k or 0 < len(b) - common < k


def _rank(cells, key):
    # Which cell of a conflicting pair is kept: the larger, and the whole network first, then
    # the fixed order of the dimensions, then the value — deterministic, never random.
    dimension = key[0][0] if key else ""
    return (-len(cells[key]), key != ALL, DIMENSIONS.index(dimension) if key else -1, str(key))


def shown_cells(cells, k=None):
    """The keys of `cells` ({key: set of data points}) whose figures may be shown.

    Primary suppression: a cell of fewer than k data points (cooperatives) is hidden.
    Secondary suppression, until nothing changes:
    - for every pair of shown cells, each side of their difference is empty or has at least k
      points; otherwise the smaller cell of the pair is hidden (the whole network never is);
    - within each dimension, the hidden cells together (the whole network minus the shown cells
      of that dimension) are empty or at least k points; otherwise the smallest shown cell of the
      dimension is hidden too, so that no subtraction of sums rebuilds a hidden cell.
    Hiding a cell never makes another pair conflict, so the loop ends in at most len(cells)
    rounds, and what it keeps passes both checks (tests/adversarial/test_network_differencing)."""
    k = min_cooperatives() if k is None else k
    shown = {key for key, members in cells.items() if len(members) >= k}
    whole = cells.get(ALL, frozenset())
    changed = True
    while changed:
        changed = False
        ordered = sorted(shown, key=lambda key: _rank(cells, key))
        for a, b in combinations(ordered, 2):
            if a in shown and b in shown and _isolates(cells[a], cells[b], k):
                shown.discard(b)  # `ordered` ranks a before b: b is the smaller one
                changed = True
        for dimension in DIMENSIONS:
            of_dimension = [key for key in cells if key and key[0][0] == dimension]
            visible = [key for key in of_dimension if key in shown]
            if len(visible) == len(of_dimension):
                continue
            covered = frozenset().union(*(cells[key] for key in visible))
            if 0 < len(whole - covered) < k and visible:
                shown.discard(max(visible, key=lambda key: _rank(cells, key)))
                changed = True
    return shown


# --- Figures of one shown cell -------------------------------------------------------------------


@dataclass(frozen=True)
class Distribution:
    """Across cooperatives: their number, min, quartiles (inclusive method), max."""

    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def distribution(values):
    """The distribution of `values` (at least two). Quartiles by
    statistics.quantiles(method="inclusive"), the module docstring says why."""
    data = sorted(float(v) for v in values)
    if len(data) < 2:
        raise ValueError("a distribution needs at least two values")
    q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return Distribution(len(data), data[0], q1, median, q3, data[-1])


def theme_distributions(points, theme_codes):
    """{theme_code: Distribution} over `points` (one per cooperative) that have that theme."""
    result = {}
    for code in theme_codes:
        values = [p.theme_scores[code] for p in points if code in p.theme_scores]
        if len(values) >= 2:
            result[code] = distribution(values)
    return result


def yes_shares(points, statement_codes):
    """{statement_code: mean share of « Oui » in percent}: each cooperative's share of Oui among
    its respondents first, then the mean across cooperatives, so that each weighs the same.
    In floats: the pages show whole percents, and Decimals cost a third of the national
    network's page."""
    codes = tuple(statement_codes)
    return mean_yes_shares([yes_share_vector(p.statement_counts, codes) for p in points], codes)


def yes_share_vector(statement_counts, statement_codes):
    """One cooperative's share of « Oui » in percent among its respondents, per code of
    `statement_codes` in order (None where nobody answered): the first half of yes_shares,
    which networks.figures keeps per shared session so that a change of the network does not
    decode every session's counts again."""
    vector = []
    for code in statement_codes:
        yes, unsure, no = statement_counts.get(code, (0, 0, 0))
        total = yes + unsure + no
        vector.append(yes * 100 / total if total else None)
    return tuple(vector)


def mean_yes_shares(vectors, statement_codes):
    """The second half of yes_shares: {code: the mean of the cooperatives' shares} over
    yes_share_vector's of the same codes, the cooperatives in the same order (same sums)."""
    result = {}
    if not vectors:
        return result
    for code, column in zip(statement_codes, zip(*vectors, strict=True), strict=True):
        # Most columns have no gap: summed as they are, in C.
        shares = [share for share in column if share is not None] if None in column else column
        if shares:
            result[code] = sum(shares) / len(shares)
    return result


@dataclass(frozen=True)
class PlanPoint:
    """One shared plan, filtered like a Point: its priority themes and its actions' titles."""

    session_id: int
    cooperative_id: int
    legal_form: str
    size_band: str
    departement: str
    year: int
    closed: object = None
    priority_themes: tuple = ()
    actions: tuple = ()

    def value(self, dimension):
        return getattr(self, dimension)


# An action title is free text and may name a person or the cooperative: it is listed only when
# at least this many cooperatives planned the same title (compared without case and spaces).
MIN_COOPERATIVES_PER_ACTION = 2


@functools.lru_cache(maxsize=8192)  # the same titles on every computation of a dashboard
def _spellings(title):
    """(the title with its spaces normalised, that without case): how it is shown, compared."""
    spaced = " ".join(str(title).split())
    return spaced, spaced.casefold()


def top_priorities(plans, limit=6):
    """[(theme_code, number of cooperatives)] most often chosen first, one plan per cooperative."""
    counts = Counter()
    for plan in plans:
        counts.update(set(plan.priority_themes))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def top_actions(plans, limit=10):
    """[(title, number of cooperatives)]: titles planned by at least MIN_COOPERATIVES_PER_ACTION
    cooperatives, most often first; the title shown is the most common spelling."""
    cooperatives, spellings = Counter(), defaultdict(Counter)
    for plan in plans:
        seen = set()
        for title in plan.actions:
            spaced, normal = _spellings(title)
            if not normal or normal in seen:
                continue
            seen.add(normal)
            cooperatives[normal] += 1
            spellings[normal][spaced] += 1
    rows = [
        (spellings[n].most_common(1)[0][0], count)
        for n, count in cooperatives.items()
        if count >= MIN_COOPERATIVES_PER_ACTION
    ]
    return sorted(rows, key=lambda row: (-row[1], row[0].casefold()))[:limit]


# --- Where one cooperative stands ---------------------------------------------------------------


def one_decimal(value):
    """A figure as the pages show it (floatformat:"1" rounds half up from its repr)."""
    return Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


LOWEST_QUARTER, BELOW_HALF, AT_MEDIAN, ABOVE_HALF, HIGHEST_QUARTER = (
    "lowest_quarter",
    "below_half",
    "at_median",
    "above_half",
    "highest_quarter",
)


def standing(score, dist):
    """Where `score` stands in `dist`: below the first quartile, below the median, at it, above
    it, above the third quartile. Compared at the one decimal the pages show."""
    score, q1, median, q3 = (one_decimal(v) for v in (score, dist.q1, dist.median, dist.q3))
    if score == median:
        return AT_MEDIAN
    if score < median:
        return LOWEST_QUARTER if score < q1 else BELOW_HALF
    return HIGHEST_QUARTER if score > q3 else ABOVE_HALF


# --- Over time: every cell-version ever shown (findings i-1, i-3) -------------------------------


def atoms_of(history, cells):
    """{signature: number of points}: the data points of `history` ({point: atom}, the partition
    of every cell-version shown before) and of `cells` ({key: set of points}, shown now),
    grouped by (their atom before, the cells of now containing them). Every sum an adviser can
    form from what was shown before and now is constant on each group."""
    inside = defaultdict(list)
    for key, members in cells.items():
        for point in members:
            inside[point].append(key)
    groups = Counter()
    for point in set(history) | set(inside):
        groups[(history.get(point), frozenset(inside.get(point, ())))] += 1
    return groups


def _unchanged(history, by_atom, members):
    """Whether `members` is a union of atoms of `history`: showing it again tells nothing new
    (the same set as a cell-version shown before, or a sum of them)."""
    seen = Counter()
    for point in members:
        atom = history.get(point)
        if atom is None:
            return False
        seen[atom] += 1
    return all(by_atom[atom] == count for atom, count in seen.items())


def release(cells, history, k=None, order=None):
    """release_cells over the best choice of dimensions: atoms are the crossings of every shown
    cell, so showing all four dimensions at once makes them tiny (a département × a legal form
    × a size × a year is one or two cooperatives) and the greedy hiding of release_cells would
    keep a scatter of cells. Each subset of the dimensions (16) is tried with the whole network,
    and the one that keeps the most cells wins (then the first in DIMENSIONS' order): every
    candidate passes the same exact check, only which cells are kept differs."""
    k = min_cooperatives() if k is None else k
    # Whether a cell tells nothing new does not depend on the others: found once for the 16.
    by_atom = Counter(history.values())
    free = {key for key, members in cells.items() if _unchanged(history, by_atom, members)}
    best = None
    for size in range(len(DIMENSIONS), -1, -1):
        for dims in combinations(DIMENSIONS, size):
            of_dims = {key: v for key, v in cells.items() if not key or key[0][0] in dims}
            found = _kept(of_dims, history, k, order, free)
            if best is None or len(found) > len(best):
                best = found
        if size == len(DIMENSIONS) and len(best) == len(cells):
            break  # every cell kept (nothing new, or all of it passes): no subset does better
    return best, _refined(history, cells, best)


def release_cells(cells, history, k=None, order=None):
    """(keys of `cells` that may be shown, the history refined by them): _kept over every
    dimension at once (release tries the subsets of the dimensions)."""
    k = min_cooperatives() if k is None else k
    by_atom = Counter(history.values())
    free = {key for key, members in cells.items() if _unchanged(history, by_atom, members)}
    shown = _kept(cells, history, k, order, free)
    return shown, _refined(history, cells, shown)


def _kept(cells, history, k, order, free):
    """(keys of `cells` that may be shown, the history refined by them).

    `cells` {key: frozenset of data points} are the current cells, `history` {point: atom} the
    partition of the cell-versions shown before. A cell may be shown only if, over everything
    shown before and everything shown now, every atom (atoms_of) holds 0 or at least k points:
    then no combination of shown figures, read at any times, rests on fewer than k data points
    (each atom is within one cell-version, so its points are k different cooperatives). It
    starts from the pairwise rule (shown_cells), keeps every cell that tells nothing new
    (_unchanged), and hides, while an atom is too small, for each small atom the smallest cell
    that splits it, the whole network last. A leave, an un-share or a deletion takes a point
    out of the current cells while it stays in the history: the cells that held it wait until
    at least k points of its atom have changed. `order` ranks the cells to hide (smallest
    first); by default by size then key. `free`: the cells that tell nothing new (_unchanged)."""
    shown = shown_cells(cells, k)
    free = free & shown

    def rank(key):
        return (key == ALL, len(cells[key]), order(key) if order else str(key))

    while True:
        active = {key: cells[key] for key in shown - free}
        groups = atoms_of(history, active)
        small = [sig for sig, count in groups.items() if count < k]
        if not small:
            break
        # The cells that split each atom of the history, for the part of it left outside.
        splitting = defaultdict(set)
        for atom, keys in groups:
            if atom is not None:
                splitting[atom] |= keys
        hide = set()
        for atom, keys in small:
            touching = keys or splitting.get(atom, set())
            if touching == {ALL}:
                # Points in the whole network and no other cell shown: hiding the whole network
                # is the last resort; first, the cell whose hiding merges the most points into
                # theirs (those in the whole network and that cell only), then the smallest.
                others = [key for key in active if key != ALL]
                if others:
                    hide.add(
                        min(
                            others,
                            key=lambda key: (-groups[(atom, frozenset({ALL, key}))], rank(key)),
                        )
                    )
                    continue
            if touching:
                hide.add(min(touching, key=rank))
        if not hide:  # only atoms of before are small (k was raised since): nothing to hide
            break
        shown -= hide
    return shown


def _refined(history, cells, shown):
    """The history refined by the cells `shown`: each point's signature becomes its atom,
    numbered in a fixed order."""
    inside = defaultdict(list)
    for key in shown:
        for point in cells[key]:
            inside[point].append(key)
    names = {}
    refined = {}
    for point in sorted(set(history) | set(inside)):
        sig = (history.get(point), frozenset(inside.get(point, ())))
        refined[point] = names.setdefault(sig, len(names))
    return refined

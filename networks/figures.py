"""The network's figures read from the database: the adviser's dashboard and a cooperative's
position, in a constant number of queries whatever the number of cooperatives.

Only `SharedSession` and `SharedPlan` rows of cooperatives that are in the network now
(membership accepted) are read, so leaving, un-sharing or deleting a cooperative takes its data
out of the very next page. Everything else is networks.statistics over plain values.
"""

import hashlib
import json
import pickle
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, TextField, Window
from django.db.models.functions import Cast, ExtractYear, RowNumber
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative
from diagnostics import quiz
from diagnostics.scoring import MAX_THEME_SCORE
from networks import charts
from networks import statistics as st
from networks.models import (
    Network,
    NetworkBoard,
    NetworkMembership,
    NetworkRelease,
    SharedPlan,
    SharedSession,
)

ACCEPTED = NetworkMembership.Status.ACCEPTED

DIMENSION_LABELS = {
    st.LEGAL_FORM: _("Forme juridique"),
    st.SIZE_BAND: _("Effectif"),
    st.DEPARTEMENT: _("Département"),
    st.YEAR: _("Année"),
}
SIZE_LABELS = {"1-9": _("1 à 9 personnes"), "10-49": _("10 à 49 personnes"), "50+": _("50 et plus")}


def _recency(partition="cooperative_id"):
    """1 for each cooperative's latest closed session, 2 for the one before…, computed by the
    database: comparing it costs nothing, where reading each close date as an aware datetime
    was most of the Python time of the national network's page."""
    return Window(
        RowNumber(),
        partition_by=[F(partition)],
        order_by=[F("session__closed_at").desc(nulls_last=True), F("session_id").desc()],
    )


POINT_FIELDS = (
    "session_id",
    "cooperative_id",
    "cooperative__legal_form",
    "cooperative__headcount",
    "cooperative__departement",
    "year",
    "recency",
    # A session's figures are those of its copy, fixed at its close: the row's id, time of
    # sharing (as text: no datetime to build) and respondents name them for the cache.
    "respondents",
    "shared_text",
)


def _point_rows(network):
    """Every shared session of the network's cooperatives, without its figures: one query."""
    queryset = SharedSession.objects.of_network(network).annotate(
        recency=_recency(), shared_text=Cast("shared_at", TextField())
    )
    return list(queryset.values_list(*POINT_FIELDS).order_by("session_id"))


def _points(rows):
    # `closed` orders a cooperative's sessions: the latest (recency 1) is the greatest.
    return [
        st.Point(sid, cid, form, st.size_band(headcount), dep, year, -recency)
        for sid, cid, form, headcount, dep, year, recency, _n, _at in rows
    ]


def network_points(network):
    return _points(_point_rows(network))


# Each shared session's figures as the dashboard uses them, decoded once per process:
# {statement codes: {session_id: (identity, theme_scores, yes_share_vector)}}. Decoding the
# per-statement counts of every session was most of the cost of a dashboard computed again
# after a change (5,000 JSON objects of 30 counts for the national network); a change adds or
# removes one session, so only that one is read again. The identity (time of sharing, which a
# new share sets, and respondents) is checked against the row on every use, and a save or
# delete of a row in this process forgets it (networks.apps). This only maps a row to its
# figures: which sessions count is decided from the rows read on every request, so a session
# unshared or a cooperative gone is never counted because of it.
_FIGURES = {}
# Sessions kept per process, about 2 KB each (13 MB for the full bench seed's 6,564, 40 MB at
# most: a worker measured 66.5 MB, its target is 150), then it starts again.
_FIGURES_MAX = 20_000


def forget(session_id):
    for memo in list(_FIGURES.values()):
        memo.pop(session_id, None)


def _session_figures(points, identity, codes):
    """{session_id: (theme_scores, yes share vector)} of `points`, one query for those not
    already decoded in this process (none when nothing changed)."""
    memo = _FIGURES.setdefault(codes, {})
    found, missing = {}, []
    for p in points:
        entry = memo.get(p.session_id)
        if entry is not None and entry[0] == identity[p.session_id]:
            found[p.session_id] = entry[1:]
        else:
            missing.append(p.session_id)
    if missing:
        if len(memo) + len(missing) > _FIGURES_MAX:
            memo.clear()
        rows = SharedSession.objects.filter(session_id__in=missing).annotate(
            shared_text=Cast("shared_at", TextField())
        )
        fields = ("session_id", "shared_text", "respondents", "theme_scores", "statement_counts")
        for sid, shared_text, respondents, scores, counts in rows.values_list(*fields):
            entry = ((respondents, shared_text), scores, st.yes_share_vector(counts, codes))
            memo[sid] = entry
            found[sid] = entry[1:]
    return found


class _Scored:
    """What st.theme_distributions reads of a point."""

    __slots__ = ("theme_scores",)

    def __init__(self, theme_scores):
        self.theme_scores = theme_scores


def _plan_rows(network):
    """Every shared plan of the network's cooperatives: one query."""
    # The JSON as text: it names the plan in the cache key, and is parsed only to compute.
    queryset = SharedPlan.objects.of_network(network).annotate(
        recency=_recency(),
        year=ExtractYear("session__closed_at"),
        themes_text=Cast("priority_themes", TextField()),
        actions_text=Cast("actions", TextField()),
    )
    return list(
        queryset.values_list(
            "session_id",
            "cooperative_id",
            "cooperative__legal_form",
            "cooperative__headcount",
            "cooperative__departement",
            "year",
            "recency",
            "themes_text",
            "actions_text",
        ).order_by("session_id")
    )


def _plans(rows):
    return [
        st.PlanPoint(
            sid,
            cid,
            form,
            st.size_band(headcount),
            dep,
            year,
            -recency,
            tuple(json.loads(themes) or ()),
            tuple(json.loads(actions) or ()),
        )
        for sid, cid, form, headcount, dep, year, recency, themes, actions in rows
    ]


def network_plans(network):
    return _plans(_plan_rows(network))


def key_param(key):
    """The cell as the page's `filtre` parameter: "" or "legal_form:scop"."""
    return f"{key[0][0]}:{key[0][1]}" if key else ""


def parse_key(value, cells):
    """The cell of a `filtre` parameter, among the existing ones; ValueError otherwise."""
    if not value:
        return st.ALL
    dimension, _sep, raw = str(value).partition(":")
    for key in cells:
        if key and key[0][0] == dimension and str(key[0][1]) == raw:
            return key
    raise ValueError(value)


def value_label(dimension, value):
    if dimension == st.LEGAL_FORM:
        return Cooperative.LegalForm(value).label if value in Cooperative.LegalForm else value
    if dimension == st.SIZE_BAND:
        return SIZE_LABELS.get(value, value)
    return str(value)


def cell_label(key):
    if not key:
        return _("Tout le réseau")
    dimension, value = key[0]
    return f"{DIMENSION_LABELS[dimension]} : {value_label(dimension, value)}"


@dataclass(frozen=True)
class Option:
    param: str
    label: str
    shown: bool
    selected: bool


@dataclass(frozen=True)
class ThemeFigure:
    theme: object
    distribution: st.Distribution


@dataclass(frozen=True)
class StatementFigure:
    statement: object
    yes_share: object  # Decimal percent


@dataclass
class Dashboard:
    network: object
    members: int
    sharing: int  # cooperatives that shared at least one session
    sessions: int  # shared sessions
    threshold: int
    key: tuple
    options: list  # [(dimension label, [Option])], the whole network first
    shown: bool
    cooperatives: int = 0
    themes: list = field(default_factory=list)  # [ThemeFigure]
    statements: list = field(default_factory=list)  # [(theme, [StatementFigure])]
    waiting: bool = False  # enough cooperatives, but a new version would isolate some
    plans_shown: bool = False
    plans: int = 0
    priorities: list = field(default_factory=list)  # [(theme, cooperatives)]
    actions: list = field(default_factory=list)  # [(title, cooperatives)]
    # The server charts (networks.charts), drawn once with the figures they show.
    radar_svg: str = ""
    boxplot_svg: str = ""

    @property
    def label(self):
        return cell_label(self.key)

    @property
    def chart_data(self):
        """For static/js/network.js (json_script): the radar's median and band, the box plots."""
        labels = [t.theme.localized_title for t in self.themes]
        dists = [t.distribution for t in self.themes]
        return {
            "labels": labels,
            "max": MAX_THEME_SCORE,
            "median": [d.median for d in dists],
            "q1": [d.q1 for d in dists],
            "q3": [d.q3 for d in dists],
            "min": [d.minimum for d in dists],
            "maximum": [d.maximum for d in dists],
            "names": {
                "median": str(_("Médiane")),
                "band": str(_("De Q1 à Q3 (la moitié centrale des coopératives)")),
                "range": str(_("Du minimum au maximum")),
            },
        }


def _options(cells, shown, selected):
    """The filter list: the whole network (shown or waiting), then only the cells shown. A
    hidden cell is not listed at all (finding i-5): « Département : 48 — masqué » would tell
    the moment a cooperative of the 48 shared, and with the network's list, which one."""
    groups = [(_("Réseau"), [Option("", str(cell_label(st.ALL)), st.ALL in shown, not selected)])]
    for dimension in st.DIMENSIONS:
        keys = sorted((k for k in shown if k and k[0][0] == dimension), key=lambda k: str(k[0][1]))
        if keys:
            groups.append(
                (
                    DIMENSION_LABELS[dimension],
                    [
                        Option(key_param(k), value_label(dimension, k[0][1]), True, k == selected)
                        for k in keys
                    ],
                )
            )
    return groups


def _code_fingerprint():
    """The code that computes and draws a board: a stored board outlives a deploy (it is a row),
    so a board of other code (other figures, another pickled shape) is not read."""
    digest = hashlib.sha256()
    for module in (sys.modules[__name__], st, charts):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


CODE = _code_fingerprint()


def _rows_digest(rows, plan_rows, threshold):
    # pickle rather than repr: the same bytes for the same rows, five times faster.
    data = pickle.dumps((rows, plan_rows, threshold, CODE), protocol=5)
    return hashlib.sha256(data).hexdigest()


def _version_sql():
    """On PostgreSQL, a digest of the same rows computed by the database in one query, with the
    number of accepted members: per row, every value a figure or a cell reads of it (its
    cooperative's filters, its time of sharing and respondents, a plan's JSON) hashed
    (hashtextextended, 64 bits), and the hashes summed with the rows' count, so that the order
    of the rows does not matter. A cooperative that leaves or is deleted takes its rows out of
    the join, an edit of it changes its values, a share or un-share adds or removes a row: the
    digest changes, as the Python one of the rows does. The session's close date, which orders
    a cooperative's sessions, is fixed once it is closed (diagnostics.services.close_session,
    only from open), and a session is shared only closed: its row's id names it. Reading
    the rows, their digest costs no Python time."""
    session, plan = SharedSession._meta.db_table, SharedPlan._meta.db_table
    member, coop = NetworkMembership._meta.db_table, Cooperative._meta.db_table
    joins = (
        f"JOIN {member} m ON m.cooperative_id = x.cooperative_id AND m.network_id = %(network)s"
        f" AND m.status = %(accepted)s JOIN {coop} c ON c.id = x.cooperative_id"
    )
    common = "x.session_id, x.cooperative_id, c.legal_form, c.headcount, c.departement, x.shared_at"
    # Table names from the models, every value a parameter.
    digest = "SELECT count(*) || ':' || coalesce(sum(hashtextextended(concat_ws('|', {}), 0)), 0)"
    points = digest.format(f"{common}, x.year, x.respondents") + f" FROM {session} x {joins}"
    plans = digest.format(f"{common}, x.priority_themes::text, x.actions::text")
    plans += f" FROM {plan} x {joins}"
    members = f"SELECT count(*) FROM {member} WHERE network_id = %(network)s"  # noqa: S608
    members += " AND status = %(accepted)s"
    return f"SELECT ({points}) AS points, ({plans}) AS plans, ({members})"  # noqa: S608


def _version(network, threshold):
    """(members, digest of the rows, rows or None): on PostgreSQL one query, the database's
    digest (_version_sql), the rows read only to compute; elsewhere three, the rows themselves."""
    if connection.vendor != "postgresql":
        members = NetworkMembership.objects.filter(network=network, status=ACCEPTED).count()
        rows = (_point_rows(network), _plan_rows(network))
        return members, _rows_digest(*rows, threshold), rows
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), {"network": network.pk, "accepted": ACCEPTED})
        points, plans, members = cursor.fetchone()
    digest = hashlib.sha256(f"{points}:{plans}:{threshold}:{CODE}".encode()).hexdigest()
    return members, digest, None


def _language():
    return translation.get_language() or settings.LANGUAGE_CODE


def _stored(network, param, language, digest):
    """The board stored under this very digest, or None: one query. A board of other rows (an
    older digest) is never read, so a change is seen at once even before its task has run."""
    data = (
        NetworkBoard.objects.filter(network=network, param=param, language=language, digest=digest)
        .values_list("board", flat=True)
        .first()
    )
    if data is None:
        return None
    try:
        return pickle.loads(data)  # noqa: S301 (our own rows, as Django's database cache)
    except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, EOFError):
        return None  # a row that does not read back (a model changed under it): computed again


def _store(network, param, language, digest, board):
    """Keep `board` for every web process; the network's boards of other digests go."""
    board.network, board.members = None, 0  # set on each use: no model instance in the row
    data = pickle.dumps(board, protocol=5)
    with transaction.atomic():
        NetworkBoard.objects.filter(network=network).exclude(digest=digest).delete()
        NetworkBoard.objects.bulk_create(
            [
                NetworkBoard(
                    network=network, param=param, language=language, digest=digest, board=data
                )
            ],
            ignore_conflicts=True,  # another process stored the same one meanwhile
        )


def dashboard(network, param=""):
    """The dashboard of `network` for the cell named by `param` (the `filtre` parameter), in a
    constant number of queries whatever the number of cooperatives: on PostgreSQL two (the
    digest of its rows, _version_sql, and the board stored under it) when it was computed since
    the last change — by the task every change enqueues (refresh_later) or by an earlier
    request —, four more otherwise; elsewhere four, then three more. ValueError for an unknown
    cell."""
    threshold = st.min_cooperatives()
    language = _language()
    members, digest, rows = _version(network, threshold)
    board = _stored(network, param, language, digest)
    if board is None:
        if rows is None:
            rows = (_point_rows(network), _plan_rows(network))
        board = _drawn(_compute(network, param, *rows, threshold))
        # Stored only if the rows did not change while they were read: a board computed from
        # newer rows than its digest names could be served later under that digest, once the
        # rows come back to it (a cooperative that joins, then leaves). Elsewhere the digest
        # is that of the very rows computed from.
        if connection.vendor != "postgresql" or _version(network, threshold)[1] == digest:
            _store(network, param, language, digest, board)
    board.network, board.members = network, members
    return board


def refresh(network_ids):
    """Compute and store the whole-network board of each network, in each language, unless the
    one of its current rows is stored already (networks.tasks.refresh_boards)."""
    for network in Network.objects.filter(pk__in=network_ids):
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                dashboard(network)


# The networks whose rows a transaction changed, enqueued once it commits (one task for all).
_pending = threading.local()


def refresh_later(network_ids):
    """After the current transaction commits, recompute the boards of `network_ids` in a task,
    so that the next page finds them computed. Called for every change of a network's rows
    (networks.apps' signals, services.answer); if it is lost, the next page computes."""
    ids = {pk for pk in network_ids if pk is not None}
    if not ids:
        return
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    _pending.ids |= ids
    transaction.on_commit(_enqueue_pending)


def _enqueue_pending():
    from networks import tasks  # tasks imports this module

    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    if ids:  # the transaction's other callbacks find them enqueued
        tasks.refresh_boards.enqueue(network_ids=sorted(ids))


def networks_of(cooperative_id):
    """The networks `cooperative_id` counts in now."""
    return list(
        NetworkMembership.objects.filter(
            cooperative_id=cooperative_id, status=ACCEPTED
        ).values_list("network_id", flat=True)
    )


def _drawn(board):
    """The board with its server charts, drawn once with the figures they show."""
    if board.shown and board.themes:
        board.radar_svg = charts.network_radar_svg(
            board.themes, title=_("Médiane et moitié centrale des coopératives, par thème")
        )
        board.boxplot_svg = charts.boxplot_svg(
            board.themes, title=_("Répartition des scores des coopératives, par thème")
        )
    return board


def _released(network, cells, plan_cells, digest, threshold):
    """(shown session cells, shown plan cells) of these rows: the decision stored for the same
    rows, or st.release's over the network's history, which then records the cells shown now.
    Two or three queries, the network's release row locked meanwhile, so that two processes
    never both show new cell-versions decided from the same history."""
    kinds = {"s": cells, "p": plan_cells}
    with transaction.atomic():
        row = NetworkRelease.objects.select_for_update().filter(network=network).first()
        if row is None:
            NetworkRelease.objects.bulk_create(
                [NetworkRelease(network=network)], ignore_conflicts=True
            )
            row = NetworkRelease.objects.select_for_update().get(network=network)
        if row.digest == digest:
            chosen = {
                kind: {key for key in kinds[kind] if key_param(key) in row.shown.get(kind, ())}
                for kind in kinds
            }
            return chosen["s"], chosen["p"]
        chosen, atoms = {}, {}
        for kind, of_kind in kinds.items():
            history = dict(row.atoms.get(kind, ()))
            chosen[kind], refined = st.release(of_kind, history, threshold)
            atoms[kind] = sorted(refined.items())
        row.atoms, row.digest, row.updated_at = atoms, digest, timezone.now()
        row.shown = {kind: sorted(key_param(key) for key in chosen[kind]) for kind in kinds}
        row.save(update_fields=["atoms", "digest", "shown", "updated_at"])
    return chosen["s"], chosen["p"]


def _compute(network, param, rows, plan_rows, threshold):
    points = _points(rows)
    cells = st.all_cells(points)
    plans = _plans(plan_rows)
    plan_cells = st.all_cells(plans)
    digest = _rows_digest(rows, plan_rows, threshold)
    shown, plans_shown = _released(network, cells, plan_cells, digest, threshold)
    # A hidden cell is refused like a value no cooperative has (finding i-5): its value is
    # never named, not even by the page's answer to a `filtre` typed by hand.
    key = parse_key(param, shown) if param else st.ALL
    board = Dashboard(
        network=network,
        members=0,
        sharing=len({p.cooperative_id for p in points}),
        sessions=len(points),
        threshold=threshold,
        key=key,
        options=_options(cells, shown, key),
        shown=key in shown,
        # The whole network has figures to show, but showing their new version now would let
        # a subtraction from an earlier one isolate fewer than k cooperatives (st.release).
        waiting=key not in shown and len(cells.get(key, ())) >= threshold,
    )
    if not board.shown:
        return board
    themes = quiz.questionnaire_themes(quiz.guide_questionnaire().pk)
    codes = tuple(s.code for t in themes for s in t.statement_list)
    identity = {row[0]: (row[7], row[8]) for row in rows}  # respondents, time of sharing
    selected = list(st.cell_points(points, key).values())
    found = _session_figures(selected, identity, codes)
    chosen = [found[p.session_id] for p in selected if p.session_id in found]
    dists = st.theme_distributions([_Scored(s) for s, _v in chosen], [t.code for t in themes])
    shares = st.mean_yes_shares([v for _s, v in chosen], codes)
    board.cooperatives = len(chosen)
    board.themes = [ThemeFigure(t, dists[t.code]) for t in themes if t.code in dists]
    board.statements = [
        (t, [StatementFigure(s, shares[s.code]) for s in t.statement_list if s.code in shares])
        for t in themes
    ]
    if key in plans_shown:
        chosen = list(st.cell_points(plans, key).values())
        by_code = {t.code: t for t in themes}
        board.plans_shown, board.plans = True, len(chosen)
        board.priorities = [
            (by_code[code], count) for code, count in st.top_priorities(chosen) if code in by_code
        ]
        board.actions = st.top_actions(chosen)
    return board


# --- A cooperative's position, on its results page ----------------------------------------------


STANDING_WORDS = {
    st.LOWEST_QUARTER: _("dans le quart des coopératives du réseau au score le plus bas"),
    st.BELOW_HALF: _("en dessous de la moitié des coopératives du réseau"),
    st.AT_MEDIAN: _("au niveau de la médiane des coopératives du réseau"),
    st.ABOVE_HALF: _("au-dessus de la moitié des coopératives du réseau"),
    st.HIGHEST_QUARTER: _("dans le quart des coopératives du réseau au score le plus haut"),
}


@dataclass(frozen=True)
class ThemePosition:
    theme: object
    score: object
    distribution: st.Distribution
    standing: str

    @property
    def words(self):
        return STANDING_WORDS[self.standing]


@dataclass(frozen=True)
class Position:
    network: object
    cooperatives: int
    themes: list  # [ThemePosition]


def positions_for(cooperative, scores):
    """[Position] of one cooperative in each network it is in whose whole-network cell is shown;
    `scores` {theme_code: (theme, score)} are the session's own, as its results page shows them.
    The distributions are those of the network's released board (dashboard(network)), never
    figures of their own: what the adviser is shown, with the same rule over time (st.release),
    so that a cooperative's quartiles read before and after another one leaves or shares do not
    tell that one apart. One query, then the board's per network (two on PostgreSQL when it is
    stored), whatever the number of cooperatives."""
    networks = [
        m.network
        for m in NetworkMembership.objects.filter(
            cooperative=cooperative, status=ACCEPTED
        ).select_related("network")
    ]
    positions = []
    for network in networks:
        with translation.override(settings.LANGUAGE_CODE):  # the board stored by the task
            board = dashboard(network)
        if not board.shown:
            continue
        by_theme = {t.theme.code: t.distribution for t in board.themes}
        themes = [
            ThemePosition(theme, score, by_theme[code], st.standing(score, by_theme[code]))
            for code, (theme, score) in scores.items()
            if code in by_theme
        ]
        if themes:
            positions.append(Position(network, board.cooperatives, themes))
    return positions

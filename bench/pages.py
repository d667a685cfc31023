"""Server time of the main pages, in-process with Django's test Client (no network, no server).

Commands, from the project root (databases as in bench/README.md):

    .venv/bin/python bench/pages.py                       # network-scale DB (qvt_bench) only
    .venv/bin/python bench/pages.py --small-db postgres://postgres@127.0.0.1:5432/qvt_bench_small

With --small-db both databases are measured in the same process, interleaved (one connection
each, swapped between rounds), and the network/small ratios are printed: the machine is shared,
and interleaving makes a busy moment weigh on both alike.

Each page is requested --requests times (200), round-robin with the other pages and databases,
after --warmup untimed rounds. The times are the wall time of Client.get(): request parsing, the
whole middleware stack, the view, its queries and the template. Settings are production-like
(DEBUG off, cached templates, persistent connections) through bench.settings, which adds two
reference views (bench/urls.py):

    bare         a static template, no model touched: the floor of any request
    bare_layout  the same text inside base.html (nav, logged-in user, footer)

and, on a database with networks, the dashboard of the largest network for one of its advisers
three times: `network` (as it is served again: its board stored, networks.NetworkBoard),
`network_changed` (the first request after a change of its rows, once the task the change
enqueues has stored the new board: the normal case) and `network_cold` (the first request after
a change, with no task run: the page computes and stores). The change, before each of these
requests and untimed, is one cooperative's headcount moved between two values by an UPDATE
(no signal: nothing queued); for `network_changed` it is followed, untimed too, by what the
task does (networks.figures.refresh, in fr and en), whose own time is printed as `task`.

Then one more request per page under CaptureQueriesContext gives its query count and SQL time,
every SELECT of it is EXPLAINed to flag sequential scans of big tables, and on the network-scale
database the aggregate query of compute_results (statement_counts) is run under
EXPLAIN (ANALYZE, BUFFERS).
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    BIG_SLUG,
    DEFAULT_DB,
    DEMO_SLUG,
    check_bench_db,
    django_setup,
    ensure_static,
    require_migrated,
    summary_ms,
)

RESULTS_TARGET = 2.0  # results p95 / bare p95
SCALE_TARGET = 1.5  # network p95 / small p95
BIG_TABLE_ROWS = 10_000  # a sequential scan of a table bigger than this is flagged
NETWORK_TARGET_MS = 200  # the national network's dashboard, p95 (issue 16)
PAGES = [
    "bare",
    "bare_layout",
    "results",
    "dashboard",
    "network",
    "network_changed",
    "network_cold",
    "answer_step",
    "answer_save",
    "fiche",
]


def find_target():
    """The cooperative to measure: the network's big one, else seed_demo's."""
    from django.db.models import Count, Q

    from cooperatives.models import Cooperative

    coop = Cooperative.objects.filter(slug__in=[BIG_SLUG, DEMO_SLUG]).order_by("-headcount").first()
    if coop is None:
        sys.exit(f"no cooperative {BIG_SLUG!r} or {DEMO_SLUG!r}: run seed_scale.py or seed_demo")
    facilitator = coop.memberships.facilitators().filter(user__isnull=False).first()
    closed = (
        coop.sessions.filter(status="closed")
        .annotate(n=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)))
        .order_by("-n")
        .first()
    )
    open_session = coop.sessions.filter(status="open").exclude(title__startswith="[bench").first()
    return coop, facilitator.user, closed, open_session


def find_network_adviser():
    """An adviser of the network with the most cooperatives (seed_scale's national one), or
    None on a database without networks."""
    from django.db.models import Count, Q

    from networks.models import Adviser

    accepted = Q(network__memberships__status="accepted")
    return (
        Adviser.objects.select_related("network", "user")
        .annotate(cooperatives=Count("network__memberships", filter=accepted))
        .order_by("-cooperatives", "pk")
        .first()
    )


class RowChange:
    """A change of the network's rows between two requests: one accepted cooperative's
    headcount moved between two values (its digest alternates, and storing a board deletes the
    other's), by an UPDATE: no signal, so nothing is queued. The worker's share of a change
    (networks.figures.refresh, as networks.tasks.refresh_boards runs it) is timed apart."""

    def __init__(self, network):
        from cooperatives.models import Cooperative

        self.network = network
        self.cooperative = (
            Cooperative.objects.filter(
                network_memberships__network=network, network_memberships__status="accepted"
            )
            .order_by("pk")
            .first()
        )
        self.headcount = self.cooperative.headcount
        self.moved = False
        self.task_times, self.task_cpu = [], []

    def make(self, run_task):
        from cooperatives.models import Cooperative
        from networks import figures

        self.moved = not self.moved
        headcount = self.headcount + (1 if self.moved else 0)
        Cooperative.objects.filter(pk=self.cooperative.pk).update(headcount=headcount)
        if run_task:
            started, cpu = time.perf_counter(), time.process_time()
            figures.refresh([self.network.pk])
            self.task_times.append(time.perf_counter() - started)
            self.task_cpu.append(time.process_time() - cpu)

    def restore(self):
        from cooperatives.models import Cooperative

        Cooperative.objects.filter(pk=self.cooperative.pk).update(headcount=self.headcount)


class SqlTimer:
    """execute_wrapper summing the wall time of the queries (round trips included), in seconds;
    captured_queries rounds each time to the millisecond."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


class Target:
    """One database to measure, with its own connection, client, respondent and URLs."""

    def __init__(self, url, connection):
        self.url, self.connection = url, connection
        self.name = connection.settings_dict["NAME"]

    def activate(self):
        from django.db import connections

        connections["default"] = self.connection

    def prepare(self):
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from diagnostics import scoring, services
        from diagnostics.answer_views import cookie_name

        self.activate()
        coop, user, closed, open_session = find_target()
        submitted = scoring.participation(closed).submitted
        assert scoring.hidden_reason(closed, submitted) is None, "results are hidden"
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM diagnostics_answer")
            self.answers = cursor.fetchone()[0]
        self.closed = closed
        print(
            f"Database {self.name}: {self.answers:,} answers; cooperative {coop.slug}; "
            f"results of {closed.title!r} ({submitted} respondents)"
        )
        # A respondent part-way through the open session: the answer step shows theme 3.
        self.respondent, token = services.start_respondent(open_session)
        themes = list(open_session.questionnaire.themes.prefetch_related("statements"))
        for number in (1, 2):
            values = {s.pk: "yes" for s in themes[number - 1].statements.all()}
            services.save_answers(self.respondent, values, number + 1)

        self.client = Client()
        self.client.force_login(user)
        # Members answer through the join link without logging in: the answer pages are
        # requested by a second, anonymous client that only holds the respondent cookie.
        self.member = Client()
        self.member.cookies[cookie_name(open_session)] = token
        # The network dashboard is its advisers' page: a third client, logged in as one.
        self.adviser = Client()
        network_adviser = find_network_adviser()
        if network_adviser is not None:
            self.adviser.force_login(network_adviser.user)
            print(
                f"  network {network_adviser.network.slug}: "
                f"{network_adviser.cooperatives:,} cooperatives"
            )
        urls = {
            "bare": "/bench/bare/",
            "bare_layout": "/bench/bare-layout/",
            "results": reverse("plans:results", args=[coop.slug, closed.pk]),
            "dashboard": reverse("followup:dashboard", args=[coop.slug]),
            "answer_step": reverse("answers:theme", args=[open_session.join_token, 3]),
            "answer_save": reverse("answers:theme", args=[open_session.join_token, 3]),
            "fiche": "/guide/fiches/1/",
        }
        if network_adviser is not None:
            urls["network"] = reverse("networks:dashboard", args=[network_adviser.network.slug])
            # The same page right after a change of the network's rows, see RowChange.
            urls["network_changed"] = urls["network_cold"] = urls["network"]
            self.change = RowChange(network_adviser.network)
        # answer_save: the POST of theme 3 (5 answers upserted, then a redirect to theme 4).
        self.answer_data = {f"s_{s.pk}": "unsure" for s in themes[2].statements.all()}
        self.answer_data["direction"] = "next"
        self.pages = {}
        for name, url in urls.items():
            self.before(name)
            status = self.fetch(name, url).status_code
            if status == (302 if name == "answer_save" else 200):
                self.pages[name] = url
            elif name == "fiche":
                print(f"  fiche page {url}: HTTP {status}, not built yet: skipped")
            else:
                sys.exit(f"{name} {url}: HTTP {status}")
        self.times = {name: [] for name in self.pages}
        self.cpu = {name: [] for name in self.pages}

    def fetch(self, name, url):
        if name == "answer_save":
            return self.member.post(url, self.answer_data)
        if name == "answer_step":
            return self.member.get(url)
        if name.startswith("network"):
            return self.adviser.get(url)
        return self.client.get(url)

    def before(self, name):
        """Untimed: the change of the rows before the page after a change."""
        if name in ("network_changed", "network_cold"):
            self.change.make(run_task=name == "network_changed")

    def round(self, timed):
        self.activate()
        for name, url in self.pages.items():
            self.before(name)
            started, cpu = time.perf_counter(), time.process_time()
            self.fetch(name, url)
            if timed:
                self.times[name].append(time.perf_counter() - started)
                self.cpu[name].append(time.process_time() - cpu)

    def report(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.activate()
        result = {"db": self.name, "answers": self.answers, "pages": {}}
        self.audits = {}
        for name, url in self.pages.items():
            sql_time = SqlTimer()
            self.before(name)
            with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(sql_time):
                body = self.fetch(name, url).content
            queries = ctx.captured_queries
            result["pages"][name] = {
                "url": url,
                **summary_ms(self.times[name]),
                "cpu_ms": sum(self.cpu[name]) / len(self.cpu[name]) * 1000,
                "queries": len(queries),
                "sql_ms": sql_time.seconds * 1000,
                "kbytes": len(body) / 1024,
            }
            self.audits[name] = seq_scan_audit(connection, queries)
        change = getattr(self, "change", None)
        if change is not None and change.task_times:
            result["task"] = {
                **summary_ms(change.task_times),
                "cpu_ms": sum(change.task_cpu) / len(change.task_cpu) * 1000,
            }
        return result

    def cleanup(self):
        self.activate()
        self.respondent.delete()
        if getattr(self, "change", None) is not None:
            self.change.restore()


def open_targets(urls):
    """A connection per database; they differ only by name (same server, same settings)."""
    from django.db import connections
    from django.db.utils import load_backend

    default = connections["default"].settings_dict
    targets = []
    for url in urls:
        parsed = urlparse(url)
        same = (parsed.hostname, parsed.port or 5432, parsed.username)
        if same != (default["HOST"], int(default["PORT"] or 5432), default["USER"]):
            sys.exit(f"{url}: every database must be on the same server as {urls[0]}")
        settings_dict = {**default, "NAME": check_bench_db(url)}
        backend = load_backend(settings_dict["ENGINE"])
        targets.append(Target(url, backend.DatabaseWrapper(settings_dict, "default")))
    return targets


def measure(args):
    urls = [u for u in (args.small_db, args.db) if u]
    # Persistent connections for the whole run: a reconnection every 60 s would land in a
    # timed request of one database and not the other.
    django_setup(urls[0], DJANGO_CONN_MAX_AGE="3600")
    import os

    for url in urls:
        require_migrated(url)
    ensure_static(dict(os.environ))
    from diagnostics import scoring

    targets = open_targets(urls)
    load_before = os.getloadavg()
    try:
        for target in targets:
            target.prepare()
        # Round-robin over databases and pages, so a busy moment of the machine (it is shared)
        # weighs on every page of every database alike.
        for _ in range(args.warmup):
            for target in targets:
                target.round(timed=False)
        for _ in range(args.requests):
            for target in targets:
                target.round(timed=True)
        load_after = os.getloadavg()
        reports = [target.report() for target in targets]
    finally:
        for target in targets:
            target.cleanup()

    print(
        f"\nLoad average of the machine (1, 5, 15 min): before "
        f"{' '.join(f'{x:.2f}' for x in load_before)}, after "
        f"{' '.join(f'{x:.2f}' for x in load_after)} ({os.cpu_count()} cores)"
    )
    for target, report in zip(targets, reports, strict=True):
        print_pages(report)
        print_audits(target.audits)
    for target in targets:
        if target.answers >= 1_000_000 or args.explain:
            target.activate()
            from django.db import connection

            explain_statement_counts(connection, scoring, target.closed)
    if len(reports) == 2:
        compare(*reports)
    return reports


def seq_scan_audit(connection, queries):
    """[(table, rows, sql)] for every sequential scan of a big table in the page's SELECTs."""
    flagged = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            for table in set(re.findall(r"Seq Scan on (\w+)", plan)):
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
                rows = cursor.fetchone()[0]
                if rows > BIG_TABLE_ROWS:
                    flagged.append((table, rows, sql))
    return flagged


def print_pages(report):
    pages = report["pages"]
    print(f"\nServer time on {report['db']} ({report['answers']:,} answers), in ms:")
    print(
        f"  {'page':<15} {'median':>7} {'p95':>7} {'p99':>7} {'max':>7} {'CPU':>6} "
        f"{'queries':>7} {'SQL ms':>7} {'KiB':>6}  url"
    )
    for name, row in pages.items():
        print(
            f"  {name:<15} {row['median']:7.2f} {row['p95']:7.2f} {row['p99']:7.2f} "
            f"{row['max']:7.2f} {row['cpu_ms']:6.2f} {row['queries']:7d} {row['sql_ms']:7.2f} "
            f"{row['kbytes']:6.1f}  {row['url']}"
        )
    print("  (CPU: mean CPU time of the Django process per request, PostgreSQL's not included;")
    print("   unlike wall times, it hardly moves when other processes share the cores)")
    bare, results = pages["bare"]["p95"], pages["results"]["p95"]
    ratio = results / bare
    verdict = "met" if ratio <= RESULTS_TARGET else "MISSED"
    print(
        f"\n  results p95 / bare p95        = {ratio:5.2f}  (target <= {RESULTS_TARGET}: {verdict})"
    )
    layout = results / pages["bare_layout"]["p95"]
    print(f"  results p95 / bare_layout p95 = {layout:5.2f}  (for reference)")
    for name in ("network", "network_changed", "network_cold"):
        if name not in pages:
            continue
        network = pages[name]["p95"]
        verdict = "met" if network <= NETWORK_TARGET_MS else "MISSED"
        print(
            f"  {name} p95 = {network:.1f} ms (target < {NETWORK_TARGET_MS} ms: {verdict}); "
            f"/ bare_layout p95 = {network / pages['bare_layout']['p95']:5.2f}"
        )
    if "task" in report:
        task = report["task"]
        print(
            f"  task (figures.refresh after a change, fr and en, untimed in network_changed): "
            f"median {task['median']:.1f} ms, p95 {task['p95']:.1f} ms, CPU {task['cpu_ms']:.1f} ms"
        )


def print_audits(audits):
    print(f"\nSequential scans of tables over {BIG_TABLE_ROWS:,} rows (EXPLAIN of every SELECT):")
    found = False
    for name, flagged in audits.items():
        for table, rows, sql in flagged:
            found = True
            print(f"  {name}: Seq Scan on {table} (~{rows:,} rows)\n      {sql[:300]}")
    if not found:
        print("  none")


def explain_statement_counts(connection, scoring, session):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        scoring.statement_counts(session)
    sql = ctx.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print("\nstatement_counts (the aggregate of compute_results), EXPLAIN (ANALYZE, BUFFERS):")
    print("  " + sql)
    print("\n".join("  " + line for line in plan.splitlines()))
    seq = "Seq Scan on diagnostics_answer" in plan
    print(
        f"\n  Seq Scan on diagnostics_answer: {'YES (target missed)' if seq else 'no (target met)'}"
    )


def compare(small, network):
    print(f"\nNetwork-scale ({network['db']}) / small ({small['db']}), p95:")
    print(f"  {'page':<15} {'small':>7} {'network':>8} {'ratio':>6}")
    for name in PAGES:
        if name not in small["pages"] or name not in network["pages"]:
            continue
        s, n = small["pages"][name]["p95"], network["pages"][name]["p95"]
        # The network page grows with the network by design (one point per cooperative): its
        # target is NETWORK_TARGET_MS, not this ratio.
        if name.startswith("bare") or name.startswith("network"):
            mark = ""
        else:
            mark = "  met" if n / s <= SCALE_TARGET else "  MISSED"
        print(f"  {name:<15} {s:7.2f} {n:8.2f} {n / s:6.2f}{mark}")
    print(f"  (target: network p95 <= {SCALE_TARGET} x small p95 for every page)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB, help=f"network-scale DB (default {DEFAULT_DB})")
    parser.add_argument("--small-db", help="also measure this small database, interleaved")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--json", help="write the numbers to this file")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN even on a small DB")
    args = parser.parse_args()
    reports = measure(args)
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=2))


if __name__ == "__main__":
    main()

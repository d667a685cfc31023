"""Load test: gunicorn + PostgreSQL on 127.0.0.1, 100 members answering one open session at once.

Command, from the project root, once bench/seed_scale.py has filled the database:

    .venv/bin/python bench/load.py [--db URL] [--workers 2] [--threads 4] [--members 100]

It starts gunicorn itself on 127.0.0.1:<free port> with production-like settings (DJANGO_DEBUG=0,
DJANGO_HTTPS=0, DJANGO_ALLOWED_HOSTS=127.0.0.1, a fresh random DJANGO_SECRET_KEY, the bench
database, --no-control-socket, access log on as in the Dockerfile) and the bench URLconf
(bench.settings), so the reference view /bench/bare/ is served by the same server. Then, every
request going to 127.0.0.1 only, bounded in count and in time (--timeout per phase, 120 s):

  1. meeting   --members members start at once on a fresh open session and answer like people
               in a meeting (0.5-2 s between pages): join link, start, 6 x (GET + POST theme),
               review, submit. Latency of the answer POSTs: this is the target (p95 < 150 ms).
  2. burst     the same flow on another fresh session with no pause at all: the server is
               saturated, so latency there is mostly queueing (reported, not a target).
  3. capacity  --capacity-seconds of --members clients re-posting theme answers in a loop
               (upserts), then the same of GET /bench/bare/: answer-save throughput over bare
               throughput, same server, same client, same concurrency (target >= 50 %).

Afterwards: VmRSS and VmHWM of each gunicorn worker (target < 150 MB), then the database is
checked: every submitted respondent of phases 1 and 2 has exactly 30 answers, one per statement
(0 lost, 0 duplicated), and each member made one respondent. gunicorn is stopped whatever
happens (SIGTERM to its process group, then SIGKILL). The load sessions are deleted at the end
unless --keep.

The client runs on the same 2 cores as gunicorn and PostgreSQL: its CPU share is printed for each
phase; near 100 % means the client, not the server, was the limit.
"""

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    BIG_SLUG,
    DEFAULT_DB,
    ROOT,
    bench_env,
    django_setup,
    ensure_static,
    percentile,
    require_migrated,
    rss_kb,
)

LOAD_PREFIX = "[bench-load]"
P95_TARGET_MS = 150
THROUGHPUT_TARGET = 0.5
RSS_TARGET_MB = 150
STATEMENTS = 30
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD_RE = re.compile(r'name="(s_\d+)"')
VALUES = ["yes", "unsure", "no"]
OUT = ROOT / "bench" / "out"


# --- gunicorn -----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    def __init__(self, args, env):
        self.port = free_port()
        OUT.mkdir(exist_ok=True)
        self.log = OUT / "gunicorn.log"
        self.access_log = OUT / "gunicorn-access.log"
        self.access_log.unlink(missing_ok=True)
        self.log.unlink(missing_ok=True)
        worker_class = "gthread" if args.threads > 1 else "sync"
        self.argv = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "qvt.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(args.workers),
            "--threads", str(args.threads),
            "--worker-class", worker_class,
            "--no-control-socket",
            "--chdir", str(ROOT),
            "--access-logfile", str(self.access_log),
            "--access-logformat", "%(m)s %(U)s %(s)s %(D)s",
            "--error-logfile", str(self.log),
        ]  # fmt: skip
        self.env = env
        self.process = None

    def start(self):
        print(f"gunicorn: {' '.join(self.argv[1:])}", flush=True)
        with open(self.log, "ab") as log:  # the app's JSON logs too, not the terminal
            self.process = subprocess.Popen(  # noqa: S603 - fixed argv, our own venv
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        print("gunicorn stopped", flush=True)


async def wait_ready(base, expected_workers, gunicorn, deadline=30):
    import httpx

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=2) as client:
        while time.monotonic() - started < deadline:
            if gunicorn.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {gunicorn.log}")
            try:
                response = await client.get("/bench/bare/")
                if response.status_code == 200 and len(gunicorn.workers()) >= expected_workers:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"gunicorn not ready after {deadline} s; see {gunicorn.log}")


# --- CPU accounting -----------------------------------------------------------------------------


TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def cpu_snapshot(gunicorn, db_name):
    """CPU seconds so far: gunicorn (master + workers), this database's PostgreSQL backends (per
    pid), this client, and the whole machine (busy time, from /proc/stat)."""
    snap = {"gunicorn": 0.0, "postgres": {}}
    server = {gunicorn.process.pid, *gunicorn.workers()}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            pid = int(entry)
            if pid in server:
                snap["gunicorn"] += _proc_cpu(pid)
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            if cmd.startswith("postgres: ") and f" {db_name} " in cmd:
                snap["postgres"][pid] = _proc_cpu(pid)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    snap["machine"] = (sum(values) - values[3] - values[4]) / TICK  # all but idle and iowait
    snap["client"] = time.process_time()
    snap["wall"] = time.perf_counter()
    return snap


def cpu_delta(before, after):
    """A backend that exits during the phase (connection recycled) is counted up to the last
    snapshot only: PostgreSQL's share can be a little under, never negative."""
    d = {k: after[k] - before[k] for k in ("gunicorn", "machine", "client", "wall")}
    d["postgres"] = sum(
        cpu - before["postgres"].get(pid, 0.0) for pid, cpu in after["postgres"].items()
    )
    d["others"] = d["machine"] - d["gunicorn"] - d["postgres"] - d["client"]
    return d


# --- simulated members --------------------------------------------------------------------------


class Stats:
    def __init__(self, name):
        self.name = name
        self.latency = {}  # kind -> [seconds]
        self.errors = []
        self.started = self.ended = None
        self.cpu = None  # cpu_delta() of the phase
        self.sheets = []  # (respondent cookie, {statement pk: value acknowledged})

    def add(self, kind, seconds):
        self.latency.setdefault(kind, []).append(seconds)

    def error(self, message):
        self.errors.append(message)


class Failed(Exception):
    pass


async def call(client, stats, kind, method, url, expect, **kwargs):
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
    except Exception as error:  # any transport error counts, and ends this member's flow
        stats.error(f"{kind} {url}: {type(error).__name__} {error}")
        raise Failed from error
    stats.add(kind, time.perf_counter() - started)
    if response.status_code != expect:
        stats.error(f"{kind} {url}: HTTP {response.status_code} (expected {expect})")
        raise Failed
    return response


def csrf(response):
    found = CSRF_RE.search(response.text)
    if not found:
        raise Failed
    return found.group(1)


async def member(base, join_path, stats, think, rng, arrival):
    """One member: join link, start, the 6 themes (GET + POST each), review, submit.

    Like a browser, a POST's redirect is followed at once; the pauses are the reading time of
    each page (think, in s) before its form is sent. arrival: delay before the first request."""
    import httpx

    async def read():
        if think:
            await asyncio.sleep(rng.uniform(*think))

    await asyncio.sleep(arrival)
    posted = {}  # statement pk -> the last value the server acknowledged with its redirect
    async with httpx.AsyncClient(base_url=base, timeout=20, follow_redirects=False) as client:
        try:
            page = await call(client, stats, "join_get", "GET", join_path, 200)
            await read()
            data = {"csrfmiddlewaretoken": csrf(page)}
            await call(client, stats, "start_post", "POST", join_path, 302, data=data)
            for number in range(1, 7):
                url = f"{join_path}theme/{number}/"
                page = await call(client, stats, "theme_get", "GET", url, 200)
                fields = sorted(set(FIELD_RE.findall(page.text)))
                if len(fields) != 5:
                    stats.error(f"theme {number}: {len(fields)} fields")
                    raise Failed
                data = {f: rng.choice(VALUES) for f in fields}
                data.update(csrfmiddlewaretoken=csrf(page), direction="next")
                await read()
                await call(client, stats, "answer_post", "POST", url, 302, data=data)
                posted.update({int(f[2:]): data[f] for f in fields})
            review = f"{join_path}recapitulatif/"
            page = await call(client, stats, "review_get", "GET", review, 200)
            await read()
            data = {"csrfmiddlewaretoken": csrf(page)}
            await call(client, stats, "submit_post", "POST", review, 302, data=data)
        except Failed:
            pass
        token = next((c.value for c in client.cookies.jar if c.name.startswith("qvt_r")), None)
        stats.sheets.append((token, posted))


async def flow_phase(name, base, join_path, members, think, arrival, timeout, seed):
    stats = Stats(name)
    rng = random.Random(seed)
    stats.started = time.perf_counter()
    tasks = [
        asyncio.create_task(
            member(
                base, join_path, stats, think, random.Random(rng.random()),
                arrival * k / members,
            )
        )
        for k in range(members)
    ]  # fmt: skip
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    if pending:
        stats.error(f"{len(pending)} members still running after {timeout} s: cancelled")
        await asyncio.gather(*pending, return_exceptions=True)
    stats.ended = time.perf_counter()
    return stats


async def capacity_answers(base, join_path, clients, seconds, max_requests, seed, snapshot):
    """Each client starts an answer sheet, then re-posts the 6 themes in a loop (upserts)."""
    import httpx

    stats = Stats("capacity: answer POSTs")
    setup = Stats("capacity set-up")
    rng = random.Random(seed)
    sent = prepared = 0
    gate = asyncio.Event()
    stop_at = float("inf")

    async def one():
        nonlocal sent, prepared
        async with httpx.AsyncClient(base_url=base, timeout=20, follow_redirects=False) as c:
            try:
                forms = []
                try:
                    page = await call(c, setup, "join_get", "GET", join_path, 200)
                    data = {"csrfmiddlewaretoken": csrf(page)}
                    await call(c, setup, "start_post", "POST", join_path, 302, data=data)
                    for number in range(1, 7):
                        url = f"{join_path}theme/{number}/"
                        page = await call(c, setup, "theme_get", "GET", url, 200)
                        fields = sorted(set(FIELD_RE.findall(page.text)))
                        forms.append((url, fields, csrf(page)))
                finally:
                    prepared += 1
                await gate.wait()
            except Failed:
                return
            # A new connection with the same cookies: the one used for the set-up may have
            # idled past gunicorn's keep-alive while the others were setting up.
            async with httpx.AsyncClient(
                base_url=base, timeout=20, follow_redirects=False, cookies=c.cookies
            ) as fresh:
                try:
                    number = 0
                    while time.perf_counter() < stop_at and sent < max_requests:
                        url, fields, token = forms[number % 6]
                        data = {f: rng.choice(VALUES) for f in fields}
                        data.update(csrfmiddlewaretoken=token, direction="next")
                        sent += 1
                        await call(fresh, stats, "answer_post", "POST", url, 302, data=data)
                        number += 1
                except Failed:
                    pass

    tasks = [asyncio.create_task(one()) for _ in range(clients)]
    # Every client finishes its set-up (not measured), then the gate opens for all at once.
    deadline = time.perf_counter() + 60
    while prepared < clients and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    stats.errors.extend(setup.errors)
    before = snapshot()  # the set-up above is not part of the measure
    stats.started = time.perf_counter()
    stop_at = stats.started + seconds
    gate.set()
    await asyncio.wait(tasks, timeout=seconds + 30)
    stats.ended = time.perf_counter()
    stats.cpu = cpu_delta(before, snapshot())
    return stats


async def capacity_bare(base, clients, seconds, max_requests):
    import httpx

    stats = Stats("capacity: bare GETs")
    sent = 0

    async def one():
        nonlocal sent
        async with httpx.AsyncClient(base_url=base, timeout=20) as client:
            try:
                while time.perf_counter() < stop_at and sent < max_requests:
                    sent += 1
                    await call(client, stats, "bare_get", "GET", "/bench/bare/", 200)
            except Failed:
                pass

    stats.started = time.perf_counter()
    stop_at = stats.started + seconds
    tasks = [asyncio.create_task(one()) for _ in range(clients)]
    await asyncio.wait(tasks, timeout=seconds + 30)
    stats.ended = time.perf_counter()
    return stats


# --- the database side --------------------------------------------------------------------------


def make_sessions(names):
    from cooperatives.models import Cooperative
    from diagnostics import quiz, services
    from diagnostics.models import DiagnosticSession

    coop = Cooperative.objects.get(slug=BIG_SLUG)
    coop.sessions.filter(title__startswith=LOAD_PREFIX).delete()
    sessions = {}
    for name in names:
        session = DiagnosticSession.objects.create(
            cooperative=coop,
            questionnaire=quiz.guide_questionnaire(),
            title=f"{LOAD_PREFIX} {name}",
        )
        sessions[name] = services.open_session(session)
    return sessions


def check_answers(session, members):
    """(ok, message): one respondent per member, all submitted, 30 distinct answers each."""
    from django.db.models import Count

    respondents = session.respondents.annotate(
        n=Count("answers"), distinct=Count("answers__statement", distinct=True)
    )
    rows = list(respondents.values_list("submitted_at", "n", "distinct"))
    submitted = [r for r in rows if r[0] is not None]
    wrong = [r for r in submitted if r[1] != STATEMENTS or r[2] != STATEMENTS]
    answers = sum(r[1] for r in rows)
    expected = members * STATEMENTS
    ok = len(rows) == members and len(submitted) == members and not wrong and answers == expected
    return ok, (
        f"{len(rows)} respondents, {len(submitted)} submitted, {answers} answers stored "
        f"(expected {expected}), {len(wrong)} sheets without exactly 30 distinct answers"
    )


def check_values(stats):
    """(ok, message): the database holds exactly the values each member's browser sent."""
    from accounts.signed import hash_token
    from diagnostics.models import Respondent

    wrong = missing = 0
    for token, posted in stats.sheets:
        respondent = Respondent.objects.filter(token_hash=hash_token(token or "")).first()
        if respondent is None:
            missing += 1
            continue
        stored = dict(respondent.answers.values_list("statement_id", "value"))
        wrong += stored != posted
    ok = not wrong and not missing and len(stats.sheets) > 0
    return ok, (
        f"{len(stats.sheets)} members' sent values compared: {wrong} sheets differ, "
        f"{missing} sheets not found"
    )


def check_no_duplicates(session):
    from django.db.models import Count

    from diagnostics.models import Answer

    dup = (
        Answer.objects.filter(respondent__session=session)
        .values("respondent_id", "statement_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    over = session.respondents.annotate(n=Count("answers")).filter(n__gt=STATEMENTS).count()
    return dup == 0 and over == 0, f"{dup} duplicated (respondent, statement), {over} sheets > 30"


# --- report -------------------------------------------------------------------------------------


def ms(values, p):
    return percentile(values, p) * 1000 if values else float("nan")


def print_flow(stats):
    wall = stats.ended - stats.started
    posts = stats.latency.get("answer_post", [])
    requests = sum(len(v) for v in stats.latency.values())
    print(
        f"\n{stats.name}: {wall:.1f} s, {requests} requests ({requests / wall:.0f}/s), "
        f"{len(posts)} answer saves ({len(posts) / wall:.1f}/s), {len(stats.errors)} errors"
    )
    print_cpu(stats, requests)
    print(f"  {'request':<12} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, values in stats.latency.items():
        print(
            f"  {kind:<12} {len(values):5d} {ms(values, 50):8.1f} {ms(values, 95):8.1f} "
            f"{ms(values, 99):8.1f} {max(values) * 1000:8.1f}"
        )
    for message in stats.errors[:5]:
        print(f"  error: {message}")


def server_times(access_log, sessions):
    """{(phase, kind): [seconds]} from gunicorn's access log (%(D)s: time spent in the worker,
    without the wait in the listen queue), phases told apart by their join tokens."""
    by_token = {s.join_token: name for name, s in sessions.items()}
    times = {}
    for line in access_log.read_text().splitlines():
        method, path, _status, micros = line.split()
        if path == "/bench/bare/":
            phase, kind = "all phases", "bare_get"
        else:
            parts = path.strip("/").split("/")
            if parts[0] != "repondre" or parts[1] not in by_token:
                continue
            phase = by_token[parts[1]]
            page = "join" if len(parts) == 2 else parts[2]
            kind = {
                ("GET", "join"): "join_get", ("POST", "join"): "start_post",
                ("GET", "theme"): "theme_get", ("POST", "theme"): "answer_post",
                ("GET", "recapitulatif"): "review_get", ("POST", "recapitulatif"): "submit_post",
            }.get((method, page), f"{method} {page}")  # fmt: skip
        times.setdefault((phase, kind), []).append(int(micros) / 1e6)
    return times


def print_server_times(times):
    print("\nServer time (gunicorn access log: in the worker, without the listen-queue wait):")
    print(f"  {'phase':<11} {'request':<12} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for (phase, kind), values in times.items():
        if phase == "warm-up":
            continue
        print(
            f"  {phase:<11} {kind:<12} {len(values):6d} {ms(values, 50):8.1f} "
            f"{ms(values, 95):8.1f} {ms(values, 99):8.1f}"
        )


def print_cpu(stats, requests):
    """Where the 2 cores went during the phase, and the CPU cost of one request."""
    d = stats.cpu
    if not d or not requests:
        return
    wall = d["wall"]
    print(
        "  CPU (share of one core, and per request): "
        + ", ".join(
            f"{k} {d[k] / wall:.0%} ({d[k] / requests * 1000:.1f} ms/req)"
            for k in ("gunicorn", "postgres", "client")
        )
        + f", other processes {d['others'] / wall:.0%}; machine busy "
        f"{d['machine'] / wall / os.cpu_count():.0%} of {os.cpu_count()} cores"
    )


def print_capacity(stats):
    wall = stats.ended - stats.started
    values = next(iter(stats.latency.values()), [])
    print(
        f"\n{stats.name}: {len(values)} in {wall:.1f} s = {len(values) / wall:.0f}/s, "
        f"p50 {ms(values, 50):.1f} ms, p95 {ms(values, 95):.1f} ms, p99 {ms(values, 99):.1f} ms, "
        f"{len(stats.errors)} errors"
    )
    print_cpu(stats, len(values))
    for message in stats.errors[:5]:
        print(f"  error: {message}")
    return len(values) / wall


async def run_phases(args, base, sessions, gunicorn):
    await wait_ready(base, args.workers, gunicorn)
    join = {name: s.get_join_url() for name, s in sessions.items()}
    db_name = _db_name()
    # Warm-up, not measured: every thread of every worker opens its database connection and
    # compiles the templates, as on a server that has been up for a while.
    warm = await capacity_bare(base, 16, 1.0, 400)
    flow = await flow_phase("warm-up", base, join["warm-up"], 16, None, 0, args.timeout, 0)
    print(
        f"warm-up: {sum(len(v) for v in warm.latency.values())} bare requests, "
        f"{sum(len(v) for v in flow.latency.values())} answering requests, "
        f"{len(warm.errors) + len(flow.errors)} errors",
        flush=True,
    )

    async def measured(phase):
        before = cpu_snapshot(gunicorn, db_name)
        stats = await phase
        stats.cpu = cpu_delta(before, cpu_snapshot(gunicorn, db_name))
        return stats

    results = {}
    think, arrival = tuple(args.think), args.arrival
    if "meeting" in args.phases:
        results["meeting"] = await measured(
            flow_phase(
                f"1. meeting: {args.members} members arriving over {arrival:g} s, "
                f"{think[0]:g}-{think[1]:g} s reading each page",
                base, join["meeting"], args.members, think, arrival, args.timeout, 1,
            )
        )  # fmt: skip
        print_flow(results["meeting"])
    if "burst" in args.phases:
        results["burst"] = await measured(
            flow_phase(
                f"2. burst: {args.members} members at the same instant, no pause",
                base, join["burst"], args.members, None, 0, args.timeout, 2,
            )
        )  # fmt: skip
        print_flow(results["burst"])
    if "capacity" in args.phases:
        results["cap_answers"] = await capacity_answers(
            base, join["capacity"], args.members, args.capacity_seconds, 50_000, 3,
            lambda: cpu_snapshot(gunicorn, db_name),
        )  # fmt: skip
        answers_rate = print_capacity(results["cap_answers"])
        results["cap_bare"] = await measured(
            capacity_bare(base, args.members, args.capacity_seconds, 100_000)
        )
        bare_rate = print_capacity(results["cap_bare"])
        results["rates"] = (answers_rate, bare_rate)
        results["wrk"] = await asyncio.to_thread(wrk_bare, base, args)
    return results


def _db_name():
    from django.db import connection

    return connection.settings_dict["NAME"]


def wrk_bare(base, args):
    """Cross-check of the bare throughput with wrk (C, far lighter than httpx), if installed."""
    wrk = shutil.which("wrk")
    if not wrk:
        print("\nwrk not installed (apt-get install wrk): no cross-check of the bare throughput")
        return None
    seconds = max(1, int(args.capacity_seconds))
    argv = [wrk, "-t1", f"-c{args.members}", f"-d{seconds}s", "--latency", f"{base}/bench/bare/"]
    output = subprocess.run(  # noqa: S603 - fixed argv, loopback only
        argv, capture_output=True, text=True, timeout=seconds + 30, check=True
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    rate = float(found.group(1)) if found else float("nan")
    print(
        f"\ncapacity: bare GETs with wrk (1 thread, {args.members} connections, {seconds} s): "
        f"{rate:.0f}/s, non-2xx {non2xx.group(1) if non2xx else 0}, "
        f"socket errors {errors.group(1) if errors else 'none'}"
    )
    return rate


def verdict(ok):
    return "met" if ok else "MISSED"


def print_targets(results, checks, memory):
    print("\nTargets:")
    if "meeting" in results:
        p95 = ms(results["meeting"].latency.get("answer_post", []), 95)
        print(
            f"  meeting answer POST p95 {p95:.1f} ms (< {P95_TARGET_MS}): "
            f"{verdict(p95 < P95_TARGET_MS)}"
        )
    errors = sum(len(r.errors) for r in results.values() if isinstance(r, Stats))
    print(f"  errors {errors} (0): {verdict(errors == 0)}")
    print(
        f"  answers lost or duplicated: {'none' if all(checks) else 'SOME'} "
        f"({verdict(all(checks))})"
    )
    if "rates" in results:
        answers, bare = results["rates"]
        print(
            f"  answer saves {answers:.0f}/s / bare {bare:.0f}/s (same httpx client) = "
            f"{answers / bare:.0%} (>= {THROUGHPUT_TARGET:.0%}): "
            f"{verdict(answers / bare >= THROUGHPUT_TARGET)}"
        )
        if results["wrk"]:
            ratio = answers / results["wrk"]
            print(
                f"  answer saves {answers:.0f}/s / bare with wrk {results['wrk']:.0f}/s = "
                f"{ratio:.0%} (>= {THROUGHPUT_TARGET:.0%}): {verdict(ratio >= THROUGHPUT_TARGET)}"
            )
    worst = max(rss for _pid, rss, _hwm in memory) / 1024
    print(f"  worker RSS max {worst:.1f} MB (< {RSS_TARGET_MB}): {verdict(worst < RSS_TARGET_MB)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=120, help="hard limit per phase, s")
    parser.add_argument("--capacity-seconds", type=float, default=10)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=[5, 15],
        metavar=("MIN", "MAX"),
        help="meeting phase: reading time of each page, s (default 5 15)",
    )
    parser.add_argument(
        "--arrival", type=float, default=10, help="meeting phase: arrivals spread over, s"
    )
    parser.add_argument("--keep", action="store_true", help="keep the load sessions")
    parser.add_argument(
        "--phases",
        default="meeting,burst,capacity",
        type=lambda text: set(text.split(",")),
        help="comma-separated subset of meeting,burst,capacity (all by default)",
    )
    args = parser.parse_args()
    if not 1 <= args.members <= 500 or not 1 <= args.capacity_seconds <= 60:
        sys.exit("bounded: 1-500 members, 1-60 capacity seconds")

    # A SIGTERM (timeout, kill) unwinds like Ctrl-C, so the finally below stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    django_setup(args.db)
    require_migrated(args.db)
    env = bench_env(args.db, DJANGO_ALLOWED_HOSTS="127.0.0.1")
    ensure_static(env)
    from accounts.models import FailedAttempt

    # A failed earlier run must not leave 127.0.0.1 throttled (bench database only).
    FailedAttempt.objects.all().delete()
    sessions = make_sessions(["warm-up", "meeting", "burst", "capacity"])
    gunicorn = Gunicorn(args, env)
    base = f"http://127.0.0.1:{gunicorn.port}"
    load_before = os.getloadavg()
    try:
        gunicorn.start()
        results = asyncio.run(run_phases(args, base, sessions, gunicorn))
        memory = [(pid, *rss_kb(pid)) for pid in gunicorn.workers()]
        master = rss_kb(gunicorn.process.pid)
    finally:
        gunicorn.stop()
    load_after = os.getloadavg()

    from django.db import close_old_connections

    close_old_connections()
    print(
        f"\nLoad average (1, 5, 15 min): before {' '.join(f'{x:.2f}' for x in load_before)}, "
        f"after {' '.join(f'{x:.2f}' for x in load_after)} ({os.cpu_count()} cores)"
    )
    print("\nMemory of gunicorn after the run:")
    print(f"  master   pid {gunicorn.process.pid}: VmRSS {master[0] / 1024:6.1f} MB")
    for pid, rss, hwm in memory:
        verdict = "met" if rss / 1024 < RSS_TARGET_MB else "MISSED"
        print(
            f"  worker   pid {pid}: VmRSS {rss / 1024:6.1f} MB, VmHWM {hwm / 1024:6.1f} MB "
            f"(target < {RSS_TARGET_MB} MB: {verdict})"
        )

    print_server_times(server_times(gunicorn.access_log, sessions))

    print("\nDatabase checks:")
    checks = []
    for name in ("meeting", "burst"):
        if name in results:
            ok, message = check_answers(sessions[name], args.members)
            checks.append(ok)
            print(f"  {name:<9} {'OK  ' if ok else 'FAIL'} {message}")
            ok, message = check_values(results[name])
            checks.append(ok)
            print(f"  {name:<9} {'OK  ' if ok else 'FAIL'} {message}")
    if "cap_answers" in results:
        ok, message = check_no_duplicates(sessions["capacity"])
        checks.append(ok)
        print(f"  capacity  {'OK  ' if ok else 'FAIL'} {message}")
    print_targets(results, checks, memory)
    if not args.keep:
        for session in sessions.values():
            session.delete()


if __name__ == "__main__":
    main()

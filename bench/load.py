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
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    DEFAULT_DB,
    bench_env,
    django_setup,
    ensure_static,
    require_migrated,
    rss_kb,
)
from bench.load_members import capacity_answers, capacity_bare, flow_phase  # noqa: E402
from bench.load_report import (  # noqa: E402
    RSS_TARGET_MB,
    check_answers,
    check_no_duplicates,
    check_values,
    make_sessions,
    print_capacity,
    print_flow,
    print_server_times,
    print_targets,
    server_times,
)
from bench.load_server import Gunicorn, cpu_delta, cpu_snapshot, wait_ready  # noqa: E402

# The parts: load_server.py (gunicorn, CPU accounting), load_members.py (the simulated members),
# load_report.py (the database checks and the printed report).


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

"""Load test of the meeting's votes (issue 14, point 3): 100 phones polling the voting pad's
status every 2 s while they vote, on gunicorn + PostgreSQL on 127.0.0.1.

Command, from the project root (a migrated bench database; no seeding needed):

    createdb -h 127.0.0.1 -U postgres qvt_bench_votes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qvt_bench_votes DJANGO_DEBUG=1 \\
        .venv/bin/python manage.py migrate
    .venv/bin/python bench/load_votes.py [--db URL] [--members 100] [--seconds 30]

It starts gunicorn itself (bench/load_server.py) with DJANGO_TRUSTED_PROXIES=127.0.0.1/32: every
simulated phone sends its own X-Forwarded-For, as phones behind the proxy would, since sheet
creation is throttled per client address. Then, every request to 127.0.0.1 only, bounded in
count and in time:

  1. answer  --members phones answer the questionnaire through the join link (no pause; the
             link's throttle lets half the team start per minute, so the rest retry after the
             Retry-After it gives) and send it: each gets its vote pass. Not measured.
  2. poll    the session is closed and a priorities vote opened (in-process, as the
             facilitator's button does); for --seconds every phone polls
             /repondre/<token>/vote/etat/ every 2 s, and votes once (GET the pad, POST 3 points)
             at a random moment of the window. Latencies of the status GETs: the target is
             p95 < 100 ms; the pad's GET and POST are reported.

Afterwards the database is checked: the vote counts --members voters and 3 points each. The
session and its cooperative are deleted at the end unless --keep.
"""

import argparse
import asyncio
import os
import random
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# A fresh collectstatic per run: a manifest built by an earlier run lacks the pad's script.
os.environ.setdefault("QVT_BENCH_STATIC_ROOT", tempfile.mkdtemp(prefix="qvt-bench-votes-"))

from bench.common import bench_env, django_setup, ensure_static, require_migrated  # noqa: E402
from bench.load_members import FIELD_RE, Failed, Stats, call, csrf  # noqa: E402
from bench.load_report import ms  # noqa: E402
from bench.load_server import Gunicorn, wait_ready  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/qvt_bench_votes"
SLUG = "bench-votes"
TARGET_P95_MS = 100
POLL_EVERY = 2.0


def address(n):
    return f"10.{n // 250}.{n % 250 + 1}.7"


async def answer(base, join_path, stats, n, rng):
    """One phone answers and sends the questionnaire; returns its httpx client (its cookies
    hold the vote pass), or None."""
    import httpx

    client = httpx.AsyncClient(base_url=base, timeout=20, headers={"X-Forwarded-For": address(n)})
    try:
        page = await call(client, stats, "join_get", "GET", join_path, 200)
        for _attempt in range(3):
            response = await client.post(join_path, data={"csrfmiddlewaretoken": csrf(page)})
            if response.status_code != 429:
                break
            await asyncio.sleep(int(response.headers.get("Retry-After", "60")) + 1)
        if response.status_code != 302:
            stats.error(f"start: HTTP {response.status_code}")
            raise Failed
        for number in range(1, 7):
            url = f"{join_path}theme/{number}/"
            page = await call(client, stats, "theme_get", "GET", url, 200)
            fields = sorted(set(FIELD_RE.findall(page.text)))
            data = {f: rng.choice(["yes", "unsure", "no"]) for f in fields}
            data.update(csrfmiddlewaretoken=csrf(page), direction="next")
            await call(client, stats, "answer_post", "POST", url, 302, data=data)
        review = f"{join_path}recapitulatif/"
        page = await call(client, stats, "review_get", "GET", review, 200)
        data = {"csrfmiddlewaretoken": csrf(page)}
        await call(client, stats, "submit_post", "POST", review, 302, data=data)
        return client
    except Failed:
        await client.aclose()
        return None


async def vote(client, pad_url, vote_pk, codes, stats, rng):
    """GET the pad, POST 3 points: on one theme, or 2 + 1 on two."""
    page = await call(client, stats, "pad_get", "GET", pad_url, 200)
    if rng.random() < 0.5:
        points = {rng.choice(codes): "3"}
    else:
        first, second = rng.sample(codes, 2)
        points = {first: "2", second: "1"}
    data = {f"points_{code}": value for code, value in points.items()}
    data.update(csrfmiddlewaretoken=csrf(page), vote=str(vote_pk))
    await call(client, stats, "pad_post", "POST", pad_url, 302, data=data)


async def poll_status(client, stats, url):
    """One status GET, timed as the page's script sees it. Like a browser, a GET whose reused
    keep-alive connection turns out closed by the server (it closes them after 2 s idle, the
    poll's own period) is sent again at once on a new connection: counted as a retry."""
    import httpx

    started = time.perf_counter()
    for attempt in (1, 2):
        try:
            response = await client.get(url)
            break
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            if attempt == 2:
                stats.error(f"status_get {url}: {type(error).__name__} {error}")
                raise Failed from error
            stats.add("status_retry", 0)
        except httpx.HTTPError as error:
            stats.error(f"status_get {url}: {type(error).__name__} {error}")
            raise Failed from error
    stats.add("status_get", time.perf_counter() - started)
    if response.status_code != 200:
        stats.error(f"status_get {url}: HTTP {response.status_code}")
        raise Failed
    return response


async def phone(client, join_path, vote_pk, codes, stats, seconds, rng):
    """Poll the status every 2 s for `seconds`; vote once at a random moment."""
    status_url, pad_url = f"{join_path}vote/etat/", f"{join_path}vote/"
    await asyncio.sleep(rng.uniform(0, POLL_EVERY))  # phones do not tick together
    started = time.perf_counter()
    vote_at = rng.uniform(0.1, 0.8) * seconds
    voted = False
    try:
        while time.perf_counter() - started < seconds:
            tick = time.perf_counter()
            try:
                response = await poll_status(client, stats, status_url)
                if response.json().get("vote") != vote_pk:
                    stats.error("status: not the open vote")
            except Failed:
                pass  # as the pad's script does: it asks again 2 s later
            if not voted and tick - started >= vote_at:
                try:
                    await vote(client, pad_url, vote_pk, codes, stats, rng)
                    voted = True
                except Failed:
                    pass  # the person taps again at the next tick
            await asyncio.sleep(max(0.0, POLL_EVERY - (time.perf_counter() - tick)))
    finally:
        await client.aclose()


def make_session(members):
    from cooperatives.models import Cooperative
    from diagnostics import quiz, services
    from diagnostics.models import DiagnosticSession

    Cooperative.objects.filter(slug=SLUG).delete()
    coop = Cooperative.objects.create(
        name="Bench votes", slug=SLUG, legal_form="scop", departement="69", headcount=members
    )
    session = DiagnosticSession.objects.create(
        cooperative=coop,
        questionnaire=quiz.guide_questionnaire(),
        title="bench votes",
        team_size=members,
    )
    return coop, services.open_session(session)


async def run(args, base, session, gunicorn):
    from asgiref.sync import sync_to_async

    from diagnostics import services
    from plans import votes

    await wait_ready(base, args.workers, gunicorn)
    join_path = session.get_join_url()
    answering = Stats("answer")
    rng = random.Random(14)
    started = time.perf_counter()
    clients = await asyncio.wait_for(
        asyncio.gather(
            *(answer(base, join_path, answering, n, random.Random(rng.random()))
              for n in range(args.members))
        ),
        timeout=args.timeout,
    )  # fmt: skip
    clients = [c for c in clients if c is not None]
    print(
        f"1. answer: {len(clients)}/{args.members} phones sent their questionnaire in "
        f"{time.perf_counter() - started:.0f} s, {len(answering.errors)} errors",
        flush=True,
    )

    def close_and_open():
        closed = services.close_session(session)
        codes = list(closed.questionnaire.themes.values_list("code", flat=True))
        return votes.open_vote(closed, "priorities"), codes

    vote, codes = await sync_to_async(close_and_open)()
    polling = Stats("poll")
    await asyncio.wait_for(
        asyncio.gather(
            *(phone(c, join_path, vote.pk, codes, polling, args.seconds,
                    random.Random(rng.random()))
              for c in clients)
        ),
        timeout=args.seconds + args.timeout,
    )  # fmt: skip
    return vote, polling, len(clients)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30, help="polling window, s")
    parser.add_argument("--timeout", type=float, default=180, help="hard limit per phase, s")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not 1 <= args.members <= 300 or not 4 <= args.seconds <= 120:
        sys.exit("bounded: 1-300 members, 4-120 polling seconds")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    proxies = {"DJANGO_TRUSTED_PROXIES": "127.0.0.1/32"}
    django_setup(args.db, **proxies)
    require_migrated(args.db)
    env = bench_env(args.db, DJANGO_ALLOWED_HOSTS="127.0.0.1", **proxies)
    ensure_static(env)
    coop, session = make_session(args.members)
    gunicorn = Gunicorn(args, env)
    base = f"http://127.0.0.1:{gunicorn.port}"
    try:
        gunicorn.start()
        vote, stats, phones = asyncio.run(run(args, base, session, gunicorn))
    finally:
        gunicorn.stop()

    from django.db import close_old_connections

    from plans.vote_models import Tally, Vote

    close_old_connections()
    print(f"\n2. poll: {phones} phones, every {POLL_EVERY:g} s for {args.seconds:g} s")
    for kind in ("status_get", "pad_get", "pad_post"):
        values = stats.latency.get(kind, [])
        if values:
            print(
                f"  {kind:<11} n={len(values):5d}  median {ms(values, 50):6.1f} ms  "
                f"p95 {ms(values, 95):6.1f} ms  p99 {ms(values, 99):6.1f} ms  "
                f"max {max(values) * 1000:6.1f} ms"
            )
    elapsed = args.seconds
    print(f"  status requests/s: {len(stats.latency.get('status_get', [])) / elapsed:.1f}")
    retries = len(stats.latency.get("status_retry", []))
    print(f"  status GETs sent again on a new connection (closed keep-alive): {retries}")
    # The server's own time (gunicorn's %(D)s), without the queueing seen by the client.
    served = [
        int(line.split()[-1]) / 1e6
        for line in gunicorn.access_log.read_text().splitlines()
        if line.startswith("GET ") and "/vote/etat/ " in line
    ]
    if served:
        print(
            f"  status_get server time: median {ms(served, 50):.1f} ms, "
            f"p95 {ms(served, 95):.1f} ms, p99 {ms(served, 99):.1f} ms"
        )
    kinds = Counter(re.sub(r"/repondre/[^/]+/", "/repondre/<token>/", e) for e in stats.errors)
    print(f"  errors: {len(stats.errors)}")
    for message, count in kinds.most_common(5):
        print(f"    {count:4d} x {message[:140]}")
    vote = Vote.objects.get(pk=vote.pk)
    points = sum(Tally.objects.filter(vote=vote).values_list("total", flat=True))
    ok = vote.voters == phones and points == 3 * phones
    print(f"\nDatabase check: {'OK  ' if ok else 'FAIL'} {vote.voters} voters, {points} points")
    p95 = ms(stats.latency.get("status_get", [0]), 95)
    verdict = "met" if p95 < TARGET_P95_MS else "MISSED"
    print(f"Target: status p95 < {TARGET_P95_MS} ms: {p95:.1f} ms ({verdict})")
    if not args.keep:
        coop.delete()


if __name__ == "__main__":
    main()

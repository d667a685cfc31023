"""bench/load.py's database side (the load sessions, the checks that every answer sent is stored
once) and its report (latencies, server times, CPU, targets)."""

import os

from bench.common import BIG_SLUG, percentile
from bench.load_members import Stats

LOAD_PREFIX = "[bench-load]"
P95_TARGET_MS = 150
THROUGHPUT_TARGET = 0.5
RSS_TARGET_MB = 150
STATEMENTS = 30


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

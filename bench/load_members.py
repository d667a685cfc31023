"""bench/load.py's simulated members: asyncio + httpx clients that answer like people (the
meeting and burst phases) or re-post answers in a loop (the capacity phase), and their stats."""

import asyncio
import random
import re
import time

from bench.load_server import cpu_delta

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD_RE = re.compile(r'name="(s_\d+)"')
VALUES = ["yes", "unsure", "no"]


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

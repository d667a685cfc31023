"""Over real HTTP: gunicorn with the production settings against PostgreSQL on 127.0.0.1.
A member answers, the facilitator reads the results and downloads the PDF; then the database
goes away in the middle of answering and comes back."""

import threading
import time

import pytest
from django.urls import reverse

from tests.live import Browser, gunicorn, theme_fields
from tests.pg import admin_connection, manage, scratch_database

# Migrating, collecting static files and seeding a database, then a real gunicorn: about a
# minute on a busy machine, hence a limit of its own above the suite's default.
pytestmark = [pytest.mark.timeout_sensitive, pytest.mark.timeout(300)]
PASSWORD = "demo-password-smoke"
JOIN_URL = """
from diagnostics.models import DiagnosticSession
s = DiagnosticSession.objects.get(status="open", cooperative__slug="scop-demo")
print(s.get_join_url())
"""
CLOSED = """
from diagnostics.models import DiagnosticSession
s = DiagnosticSession.objects.filter(status="closed", cooperative__slug="scop-demo")
s = s.latest("closed_at")
print(s.pk)
"""


def last_line(text):
    return text.strip().splitlines()[-1]


def answer_everything(browser, join_url, letter_for):
    """Answers the 30 statements like a member; returns the values the server acknowledged."""
    acknowledged = {}
    assert browser.get(join_url).status == 200
    assert browser.post(join_url, {}).status == 302
    for number in range(1, 7):
        page = browser.get(f"{join_url}theme/{number}/")
        fields = theme_fields(page.text)
        data = {name: letter_for(number, i) for i, name in enumerate(fields)}
        response = browser.post(f"{join_url}theme/{number}/", {**data, "direction": "next"})
        assert response.status == 302, response.text[:500]
        acknowledged.update(data)
    assert browser.post(f"{join_url}recapitulatif/", {}).status == 302
    return acknowledged


def test_a_member_answers_and_the_facilitator_gets_results_and_pdf(tmp_path):
    with scratch_database("qvt_smoke") as database, gunicorn(database, tmp_path) as (port, env):
        manage(env, "seed_demo", "--password", PASSWORD)
        join_url = last_line(manage(env, "shell", "-c", JOIN_URL))
        member = Browser(port)
        answer_everything(member, join_url, lambda theme, i: "yes" if theme % 2 else "no")
        thanks = member.get(f"{join_url}merci/")
        assert thanks.status == 200 and "Merci" in thanks.text
        assert "max-age=31536000" in thanks.headers["strict-transport-security"]
        assert "secure" in thanks.headers.get("set-cookie", "secure").lower()

        facilitator = Browser(port)
        facilitator.get(reverse("accounts:login"))
        response = facilitator.post(
            reverse("accounts:login"), {"username": "animation@demo.coop", "password": PASSWORD}
        )
        assert response.status == 302
        closed = last_line(manage(env, "shell", "-c", CLOSED))
        results = facilitator.get(f"/c/scop-demo/sessions/{closed}/resultats/")
        assert results.status == 200 and "Cartographie" in results.text
        static = next(
            part.split('"')[0] for part in results.text.split('src="')[1:] if "chart" in part
        )
        assert facilitator.get(static).status == 200  # WhiteNoise serves the hashed file
        pdf = facilitator.get(f"/c/scop-demo/sessions/{closed}/rapport.pdf")
        assert pdf.status == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body.startswith(b"%PDF")


def set_connections(database_url, allowed):
    name = database_url.rsplit("/", 1)[1]
    with admin_connection() as conn:
        conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')
        if not allowed:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )


def test_a_database_outage_gives_a_retry_page_and_loses_no_acknowledged_answer(tmp_path):
    with scratch_database("qvt_fault") as database, gunicorn(database, tmp_path) as (port, env):
        manage(env, "seed_demo", "--password", PASSWORD)
        join_url = last_line(manage(env, "shell", "-c", JOIN_URL))
        retry_pages, acknowledged, errors = [], [], []

        def member(n):
            browser = Browser(port)

            def patient(method):
                def call(path, data=None):
                    for _ in range(80):  # a person pressing the button again, for up to ~20 s
                        response = method(path, data) if data is not None else method(path)
                        if response.status != 503:
                            return response
                        retry_pages.append(response.text)
                        time.sleep(0.25)
                    return response

                return call

            browser.get, browser.post = patient(browser.get), patient(browser.post)
            try:
                values = answer_everything(
                    browser, join_url, lambda theme, i: ("yes", "unsure", "no")[(n + theme + i) % 3]
                )
                acknowledged.append((browser.cookies, values))
            except AssertionError as error:
                errors.append(error)

        # Daemons: a member stuck past the deadline below must not keep pytest from exiting.
        threads = [threading.Thread(target=member, args=(n,), daemon=True) for n in range(12)]
        for t in threads:
            t.start()
        time.sleep(0.6)
        set_connections(database, allowed=False)
        time.sleep(2.5)
        set_connections(database, allowed=True)
        deadline = time.monotonic() + 120  # for all members together, not 120 s each
        for t in threads:
            t.join(timeout=max(0, deadline - time.monotonic()))
        assert not any(t.is_alive() for t in threads), "a member was still answering after 120 s"

        assert errors == []
        assert retry_pages, "the outage should have been seen by someone"
        assert all("Réessayez" in page for page in retry_pages)
        assert Browser(port).get("/healthz").status == 200  # recovered by itself
        check = """
import json, sys
from diagnostics.models import Respondent
from accounts.signed import hash_token
data = json.loads(sys.stdin.read())
out = []
for token, values in data:
    r = Respondent.objects.get(token_hash=hash_token(token))
    stored = {f"s_{a.statement_id}": a.value for a in r.answers.all()}
    out.append([r.submitted_at is not None, stored == values, len(stored)])
print(json.dumps(out))
"""
        import json

        payload = [
            (next(v for k, v in cookies.items() if k.startswith("qvt_r")), values)
            for cookies, values in acknowledged
        ]
        result = json.loads(last_line(manage(env, "shell", "-c", check, input=json.dumps(payload))))
        assert len(result) == 12
        assert result == [[True, True, 30]] * 12

"""Headers on every HTML response, and the production cookie/HSTS settings."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseFileResponse

from qvt.middleware import PrivacyHeadersMiddleware
from tests.factories import make_respondent

REPO = Path(__file__).resolve().parents[1]


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


@pytest.mark.parametrize("name", ["home", "privacy", "accounts:login", "accounts:signup"])
def test_html_pages_carry_the_security_headers(client, db, name):
    response = client.get(reverse(name))
    directives = csp_directives(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_with_a_token_in_the_url_keep_it_out_of_referers(client, open_session):
    response = client.get(reverse("answers:start", args=[open_session.join_token]))
    assert response["Referrer-Policy"] == "same-origin"
    assert "<img" not in response.content.decode()  # nothing loaded from elsewhere


def test_production_cookies_and_hsts():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY="p" + "0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOP",
        DJANGO_ALLOWED_HOSTS="diagnostic.example.coop",
        DATABASE_URL="postgres://qvt@127.0.0.1:5432/qvt",
    )
    code = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY,"
        "s.SECURE_SSL_REDIRECT, s.DEBUG]))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values[0] >= 31_536_000
    assert values[1:] == [True, True, "Lax", True, True, True, False]


def assert_not_stored(response):
    assert response.status_code == 200, response.status_code
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "no-store" in directives
    assert "public" not in directives
    assert not any(d.startswith(("max-age=", "s-maxage=")) and d != "max-age=0" for d in directives)


@pytest.fixture
def results_session(closed_session):
    for letters in ("YYNNU" * 6, "YNNUU" * 6, "NNNYY" * 6):
        make_respondent(closed_session, letters)
    return closed_session


def session_url(name, session):
    return reverse(name, args=[session.cooperative.slug, session.pk])


def test_the_answer_pages_are_never_stored(client, open_session):
    # On a shared device, the browser's cache or history must not give the next person the
    # earlier person's answers.
    start = reverse("answers:start", args=[open_session.join_token])
    assert_not_stored(client.get(start))
    client.post(start)
    theme = reverse("answers:theme", args=[open_session.join_token, 1])
    assert_not_stored(client.get(theme))


@pytest.mark.parametrize(
    "name", ["plans:results", "reports:pdf", "reports:results_csv", "reports:plan_csv"]
)
def test_results_and_their_files_are_never_stored(client_as, facilitator, results_session, name):
    assert_not_stored(client_as(facilitator).get(session_url(name, results_session)))


def test_the_personal_export_is_never_stored(client_as, member):
    response = client_as(member).get(reverse("reports:my_data_download"))
    assert_not_stored(response)


@pytest.mark.parametrize("name", ["home", "accounts:login", "privacy"])
def test_every_page_denies_browser_features_and_cross_origin_embedding(client, db, name):
    response = client.get(reverse(name))
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_static_files_keep_their_long_cache_and_get_the_other_headers(rf):
    def whitenoise(request):
        response = WhiteNoiseFileResponse(io.BytesIO(b"body{}"))
        response["Cache-Control"] = "max-age=315360000, public, immutable"
        return response

    response = PrivacyHeadersMiddleware(whitenoise)(rf.get("/static/app.css"))
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_view_that_asks_for_caching_is_overruled(rf):
    def cached_view(request):
        response = HttpResponse("résultats")
        response["Cache-Control"] = "public, max-age=600"
        return response

    response = PrivacyHeadersMiddleware(cached_view)(rf.get("/c/x/sessions/1/resultats/"))
    assert response["Cache-Control"] == "private, no-store"

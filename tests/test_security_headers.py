"""Headers on every HTML response, and the production cookie/HSTS settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

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

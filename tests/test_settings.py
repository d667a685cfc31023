"""Settings read the environment strictly and fail fast in production (each case in a subprocess,
since settings load once per process)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STRONG_KEY = "k" + "0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOP"
PRODUCTION = {
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "diagnostic.example.coop",
    "DATABASE_URL": "postgres://qvt@127.0.0.1:5432/qvt",
}


def run_manage(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is required"),
        ({"DJANGO_SECRET_KEY": "short"}, "too weak"),
        ({"DJANGO_SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "too weak"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS is required"),
        ({"DATABASE_URL": ""}, "DATABASE_URL is required"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be one of"),
        ({"DJANGO_CONN_MAX_AGE": "soon"}, "must be an integer"),
        ({"DJANGO_TRUSTED_PROXIES": "proxy.internal"}, "DJANGO_TRUSTED_PROXIES must list"),
        ({"DJANGO_TRUSTED_PROXIES": "10.0.0.1/8"}, "DJANGO_TRUSTED_PROXIES must list"),
        ({"DJANGO_TRUSTED_PROXIES": "10.0.0.2,10.0.0.300"}, "not '10.0.0.300'"),
    ],
)
def test_production_settings_fail_fast(overrides, message):
    result = run_manage({**PRODUCTION, **overrides}, "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_sqlite_in_production_needs_an_explicit_opt_in():
    result = run_manage({**PRODUCTION, "DATABASE_URL": "", "DJANGO_ALLOW_SQLITE": "1"}, "check")
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_defaults_need_no_configuration():
    result = run_manage({"DJANGO_DEBUG": "1"}, "check")
    assert result.returncode == 0, result.stderr


def test_trusted_proxies_take_addresses_and_networks_of_both_families():
    code = "from django.conf import settings as s; print([str(n) for n in s.TRUSTED_PROXIES])"
    overrides = {"DJANGO_TRUSTED_PROXIES": " 10.0.0.2 , 172.16.0.0/12,::1,"}
    result = run_manage({**PRODUCTION, **overrides}, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['10.0.0.2/32', '172.16.0.0/12', '::1/128']"


def test_without_trusted_proxies_no_forwarded_header_is_believed():
    code = "from django.conf import settings as s; print(repr(s.TRUSTED_PROXIES))"
    result = run_manage(PRODUCTION, "shell", "-c", code)
    assert result.stdout.strip().splitlines()[-1] == "()"

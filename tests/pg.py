"""Helpers for tests that need a whole PostgreSQL database of their own (backups, a real
gunicorn). They run where DATABASE_URL points at PostgreSQL, as in CI."""

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# One manage.py command (migrate, seed_demo, shell) takes seconds; past this it is stuck, and
# subprocess.run kills it and raises, so the test fails with the command instead of hanging.
MANAGE_TIMEOUT = 120


def server_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: set DATABASE_URL (CI does)")
    return url


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_connection():
    import psycopg

    # Bounded: a server that does not answer, or a CREATE/DROP DATABASE waiting on a lock, fails
    # the test with a message instead of hanging it.
    return psycopg.connect(
        with_database(server_url(), "postgres"),
        autocommit=True,
        connect_timeout=10,
        options="-c statement_timeout=60s -c lock_timeout=30s",
    )


@contextmanager
def scratch_database(prefix):
    """A new empty database, dropped afterwards; yields its URL."""
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    with admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server_url(), name)
    finally:
        with admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CONN_MAX_AGE="60",
        **extra,
    )
    return env


def manage(env, *args, input=None):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=MANAGE_TIMEOUT,
        input=input,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout

"""Shared helpers of the bench scripts: environment, Django set-up, guard rails, statistics."""

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/qvt_bench"
SMALL_DB = "postgres://postgres@127.0.0.1:5432/qvt_bench_small"
STATIC_ROOT = Path(
    os.environ.get("QVT_BENCH_STATIC_ROOT") or Path(tempfile.gettempdir()) / "qvt-bench-static"
)

# One strong random key per run, shared by the in-process Django and the gunicorn it starts (join
# links are signed with it).
SECRET_KEY = secrets.token_urlsafe(50)

# The network's big cooperative, created by seed_scale.py; seed_demo's cooperative otherwise.
BIG_SLUG = "reseau-grande-scop"
DEMO_SLUG = "scop-demo"


def check_bench_db(url):
    """Refuse any database but a dedicated bench one on this machine (others share qvt, test)."""
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if parsed.scheme not in {"postgres", "postgresql"}:
        sys.exit(f"not a PostgreSQL URL: {url}")
    if parsed.hostname not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit(f"bench databases live on this machine only, not {parsed.hostname}")
    if not name.startswith("qvt_bench"):
        sys.exit(f"refusing database {name!r}: bench databases are named qvt_bench*")
    return name


def bench_env(db_url, **extra):
    """Production-like environment: DEBUG off, plain HTTP on loopback, a fresh strong secret."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": db_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "QVT_BENCH_STATIC_ROOT": str(STATIC_ROOT),
    }
    env.update(extra)
    return env


def django_setup(db_url, **extra):
    check_bench_db(db_url)
    os.environ.update(bench_env(db_url, **extra))
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()


def ensure_static(env):
    """With DEBUG off, templates need collectstatic's manifest: build it once, outside the tree."""
    if (STATIC_ROOT / "staticfiles.json").exists():
        return
    print(f"collectstatic into {STATIC_ROOT} (once) ...", flush=True)
    subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil without floats
    return ordered[int(rank) - 1]


def summary_ms(seconds):
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "median": statistics.median(ms),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms),
    }


def rss_kb(pid):
    """(VmRSS, VmHWM) of a process in kB, from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in {"VmRSS", "VmHWM"}:
                fields[key] = int(value.split()[0])
    return fields.get("VmRSS", 0), fields.get("VmHWM", 0)


def require_migrated(db_url):
    """Exit with the command to run when the bench database lags behind the code's migrations."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        sys.exit(
            "unapplied migrations on the bench database: first run\n"
            f"  DATABASE_URL={db_url} DJANGO_DEBUG=1 .venv/bin/python manage.py migrate"
        )

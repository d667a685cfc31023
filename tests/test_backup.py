"""`make backup` / `make restore` round-trip a seeded PostgreSQL database."""

import json
import subprocess

import pytest

from qvt.management.commands.seed_demo import NEIGHBOURS
from tests.pg import MANAGE_TIMEOUT, REPO, manage, production_env, scratch_database

COUNT_ROWS = """
import json
from django.apps import apps
print(json.dumps({m._meta.label: m.objects.count() for m in apps.get_models()}))
"""
RESULTS = """
import json
from diagnostics.models import DiagnosticSession
from diagnostics import scoring
closed = DiagnosticSession.objects.filter(status="closed", cooperative__slug="scop-demo")
session = closed.latest("closed_at")
n = scoring.participation(session).submitted
r = scoring.compute_results(session, n)
print(json.dumps({"n": n, "scores": [str(t.score) for t in r.themes],
                  "counts": [[s.yes, s.unsure, s.no] for t in r.themes for s in t.statements]}))
"""


def snapshot(env):
    rows = json.loads(manage(env, "shell", "-c", COUNT_ROWS).strip().splitlines()[-1])
    results = json.loads(manage(env, "shell", "-c", RESULTS).strip().splitlines()[-1])
    return rows, results


def make(target, env, **variables):
    args = ["make", "-s", target, *(f"{k}={v}" for k, v in variables.items())]
    result = subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=MANAGE_TIMEOUT
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.timeout_sensitive
# About 30 s of manage.py and make commands; a stuck one fails at its own MANAGE_TIMEOUT.
@pytest.mark.timeout(300)
def test_backup_and_restore_round_trip_a_seeded_database(tmp_path):
    dump = tmp_path / "qvt.dump"
    with scratch_database("qvt_backup_src") as source, scratch_database("qvt_backup_dst") as target:
        source_env = production_env(source)
        manage(source_env, "migrate", "--no-input", "-v", "0")
        manage(source_env, "seed_demo", "--password", "demo-password-backup")
        before = snapshot(source_env)
        make("backup", source_env, BACKUP_FILE=dump)
        assert dump.stat().st_size > 10_000
        target_env = production_env(target)
        make("restore", target_env, FILE=dump)
        after = snapshot(target_env)
    rows, results = after
    assert rows == before[0]
    # The demo's three sessions, and one closed session per neighbour of the demo network.
    neighbours = sum(min(headcount, 3 + n) for n, (*_, headcount) in enumerate(NEIGHBOURS, 1))
    assert rows["diagnostics.Answer"] == (10 + 12 + 2 + neighbours) * 30
    assert results == before[1]
    assert results["n"] == 12

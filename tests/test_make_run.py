"""`make run` starts the email worker beside the dev server and leaves no worker behind when the
server stops (issue 15, point 6). The Makefile's own recipe line is run by /bin/sh, as make runs
it, with a stand-in for `.venv/bin/python` that records what it was asked to start: no install,
no migration, nothing sent (the real worker has its own tests in tests/test_email_worker.py)."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Stands for .venv/bin/python: notes its pid and arguments, then lives as the real one would.
# A background job of a script ignores SIGINT, so only the recipe's trap can stop the worker.
STAND_IN = """#!/bin/sh
echo "$$ $*" >> "$STARTED"
if [ "$2" = "runserver" ] && [ -n "$SERVER_STOPS" ]; then sleep 1; exit 0; fi
exec sleep 60
"""

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make missing")


def the_recipe():
    """The recipe's line that starts the worker and the server, as `make -n` prints it."""
    printed = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    start = printed.index("DJANGO_DEBUG=1 .venv/bin/python manage.py db_worker")
    return printed[start:].split("runserver 127.0.0.1:8123", 1)[0] + "runserver 127.0.0.1:8123"


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state  # a zombie has stopped: only its parent has not read it


def start_recipe(tmp_path, **env):
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(STAND_IN)
    (bin_dir / "python").chmod(0o755)
    started = tmp_path / "started"
    shell = subprocess.Popen(
        ["/bin/sh", "-c", the_recipe()],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "STARTED": str(started), **env},
        start_new_session=True,  # its own process group, as a terminal gives `make run`
    )
    for _ in range(100):
        if started.exists() and len(started.read_text().splitlines()) == 2:
            break
        time.sleep(0.05)
    processes = {}
    for line in started.read_text().splitlines():
        pid, _manage, command, *_rest = line.split()
        processes[command] = int(pid)
    return shell, processes


def stop_all(shell, processes):
    for pid in processes.values():
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    if shell.poll() is None:
        shell.kill()
        shell.wait(timeout=5)


@needs_make
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_make_run_starts_the_worker_beside_the_server_and_stops_both(tmp_path, stop):
    shell, processes = start_recipe(tmp_path)
    try:
        assert set(processes) == {"db_worker", "runserver"}
        assert all(alive(pid) for pid in processes.values())
        os.killpg(shell.pid, stop)  # Ctrl+C (or `timeout`) signals the whole group
        shell.wait(timeout=10)
        time.sleep(0.2)
        assert not alive(processes["db_worker"]) and not alive(processes["runserver"])
    finally:
        stop_all(shell, processes)


@needs_make
def test_when_the_server_stops_by_itself_the_worker_stops_too(tmp_path):
    shell, processes = start_recipe(tmp_path, SERVER_STOPS="1")
    try:
        assert set(processes) == {"db_worker", "runserver"}
        shell.wait(timeout=10)
        time.sleep(0.2)
        assert not alive(processes["db_worker"])
    finally:
        stop_all(shell, processes)

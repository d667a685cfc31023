"""bench/load.py's server side: gunicorn started and stopped on 127.0.0.1, and where the CPU
went (gunicorn, this database's PostgreSQL backends, the client, other processes)."""

import asyncio
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench.common import ROOT

OUT = ROOT / "bench" / "out"


# --- gunicorn -----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    def __init__(self, args, env):
        self.port = free_port()
        OUT.mkdir(exist_ok=True)
        self.log = OUT / "gunicorn.log"
        self.access_log = OUT / "gunicorn-access.log"
        self.access_log.unlink(missing_ok=True)
        self.log.unlink(missing_ok=True)
        worker_class = "gthread" if args.threads > 1 else "sync"
        self.argv = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "qvt.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(args.workers),
            "--threads", str(args.threads),
            "--worker-class", worker_class,
            "--no-control-socket",
            "--chdir", str(ROOT),
            "--access-logfile", str(self.access_log),
            "--access-logformat", "%(m)s %(U)s %(s)s %(D)s",
            "--error-logfile", str(self.log),
        ]  # fmt: skip
        self.env = env
        self.process = None

    def start(self):
        print(f"gunicorn: {' '.join(self.argv[1:])}", flush=True)
        with open(self.log, "ab") as log:  # the app's JSON logs too, not the terminal
            self.process = subprocess.Popen(  # noqa: S603 - fixed argv, our own venv
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        print("gunicorn stopped", flush=True)


async def wait_ready(base, expected_workers, gunicorn, deadline=30):
    import httpx

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=2) as client:
        while time.monotonic() - started < deadline:
            if gunicorn.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {gunicorn.log}")
            try:
                response = await client.get("/bench/bare/")
                if response.status_code == 200 and len(gunicorn.workers()) >= expected_workers:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"gunicorn not ready after {deadline} s; see {gunicorn.log}")


# --- CPU accounting -----------------------------------------------------------------------------


TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def cpu_snapshot(gunicorn, db_name):
    """CPU seconds so far: gunicorn (master + workers), this database's PostgreSQL backends (per
    pid), this client, and the whole machine (busy time, from /proc/stat)."""
    snap = {"gunicorn": 0.0, "postgres": {}}
    server = {gunicorn.process.pid, *gunicorn.workers()}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            pid = int(entry)
            if pid in server:
                snap["gunicorn"] += _proc_cpu(pid)
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            if cmd.startswith("postgres: ") and f" {db_name} " in cmd:
                snap["postgres"][pid] = _proc_cpu(pid)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    snap["machine"] = (sum(values) - values[3] - values[4]) / TICK  # all but idle and iowait
    snap["client"] = time.process_time()
    snap["wall"] = time.perf_counter()
    return snap


def cpu_delta(before, after):
    """A backend that exits during the phase (connection recycled) is counted up to the last
    snapshot only: PostgreSQL's share can be a little under, never negative."""
    d = {k: after[k] - before[k] for k in ("gunicorn", "machine", "client", "wall")}
    d["postgres"] = sum(
        cpu - before["postgres"].get(pid, 0.0) for pid, cpu in after["postgres"].items()
    )
    d["others"] = d["machine"] - d["gunicorn"] - d["postgres"] - d["client"]
    return d

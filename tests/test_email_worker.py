"""A real worker (`manage.py db_worker`, as the worker service of docker-compose.yml runs it)
against PostgreSQL: the facilitator's page queues an invitation and answers at once; the
worker process sends it (Django's file-based email backend, in a temporary folder) and the
status becomes « envoyé ». With a mail server that refuses, the email stays pending with a
later attempt queued, and the facilitator's page still answers 200.

The worker reads the test database pytest-django made (committed data: transactional_db);
it is always stopped by the fixture, and every wait is bounded."""

import re
import signal
import socket
import subprocess
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.signed import hash_token
from cooperatives.models import Invitation, OutgoingEmail
from tests.pg import PYTHON, REPO, production_env, server_url, with_database

pytestmark = [pytest.mark.timeout_sensitive, pytest.mark.timeout(180)]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WAIT = 60  # seconds: a worker starts in about two; past this it is stuck


@pytest.fixture
def pg_test_database(transactional_db):
    server_url()  # skips unless DATABASE_URL is PostgreSQL
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL (CI does)")
    return with_database(server_url(), connection.settings_dict["NAME"])


@pytest.fixture
def start_worker(pg_test_database, tmp_path):
    """start_worker(**env) runs `manage.py db_worker` on the test database; stopped after."""
    processes = []

    def start(**extra):
        env = production_env(pg_test_database, **extra)
        env["DJANGO_SECRET_KEY"] = settings.SECRET_KEY  # the same signed links as the test's
        log = open(tmp_path / f"worker-{len(processes)}.log", "w")  # noqa: SIM115 - closed below
        process = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((process, log))
        return process

    yield start
    for process, log in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        log.close()


def wait_for(predicate, what, logs):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    text = "\n".join(p.read_text()[-3000:] for p in logs.glob("worker-*.log"))
    pytest.fail(f"the worker did not {what} in {WAIT} s:\n{text}")


@pytest.fixture
def refusing_smtp_server():
    """A mail server that answers every connection with 554 (service refused), then hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _address = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.sendall(b"554 5.3.2 Service refused\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    listener.close()


def invite(client, cooperative, address):
    with override_settings(TASKS=DATABASE_QUEUE):
        started = time.monotonic()
        response = client.post(
            reverse("cooperatives:members", args=[cooperative.slug]),
            {"emails": address, "role": "member", "send_invitation": "on"},
        )
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    return OutgoingEmail.objects.get(membership__email=address), elapsed


def test_a_real_worker_sends_the_queued_invitation(
    start_worker, client_as, facilitator, cooperative, tmp_path
):
    outbox = tmp_path / "mail"
    outbox.mkdir()
    client = client_as(facilitator)
    row, _elapsed = invite(client, cooperative, "ana@exemple.coop")
    assert row.status == "pending" and not list(outbox.iterdir())

    start_worker(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(outbox),
    )
    wait_for(lambda: OutgoingEmail.objects.get(pk=row.pk).status == "sent", "send", tmp_path)
    row.refresh_from_db()
    assert row.attempts == 1 and row.sent_at is not None
    (written,) = outbox.iterdir()
    message = written.read_text()
    assert "To: ana@exemple.coop" in message
    token = re.search(r"http://testserver/invitation/([\w-]+)/", message).group(1)
    assert Invitation.objects.usable().filter(token_hash=hash_token(token)).exists()
    page = client.get(reverse("cooperatives:members", args=[cooperative.slug]))
    assert "envoyé le" in page.content.decode()


def test_a_refusing_mail_server_leaves_the_email_pending_and_the_page_answers(
    start_worker, client_as, facilitator, cooperative, refusing_smtp_server, tmp_path
):
    client = client_as(facilitator)
    row, elapsed = invite(client, cooperative, "bea@exemple.coop")
    assert elapsed < 5  # the page did not wait on any mail server
    start_worker(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(refusing_smtp_server),
        DJANGO_EMAIL_USE_TLS="0",
    )
    wait_for(lambda: OutgoingEmail.objects.get(pk=row.pk).attempts == 1, "try once", tmp_path)
    row.refresh_from_db()
    assert row.status == "pending"  # a later attempt is queued, not a failure yet
    from django_tasks_db.models import DBTaskResult

    (retry,) = DBTaskResult.objects.filter(status="READY")
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert not Invitation.objects.usable().filter(membership__email="bea@exemple.coop").exists()
    page = client.get(reverse("cooperatives:members", args=[cooperative.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "en attente d’envoi" in text and "554" not in text and "refused" not in text

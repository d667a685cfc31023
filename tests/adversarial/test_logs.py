"""Someone who reads the logs (a host operator, a log collector, a leaked archive) must find no
token in them: a join token answers as a member, an invitation token redeems a membership,
a verification or reset link takes over an account. The issue found them in gunicorn's access
log, which the Dockerfile turns on."""

import json
import logging
import re
import subprocess
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import import_string
from gunicorn.config import Config

from tests.live import Browser, free_port
from tests.pg import PYTHON, REPO, manage, production_env, scratch_database

JOIN = "Jk3Fq9zLm2.Xa7YpQ0"
INVITATION = "Zr8Wv1Nc5TbGhK4s"
UID, RESET = "MTI", "cbk0qz-8d2c1f0e9a7b6c5d4e3f"
SECRETS = (JOIN, INVITATION, RESET)


def dockerfile_command():
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    return json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))


def logger_class_of_the_image():
    command = dockerfile_command()
    if "--logger-class" in command:
        return import_string(command[command.index("--logger-class") + 1])
    return import_string("gunicorn.glogging.Logger")


def test_gunicorns_access_and_error_logs_hide_every_token(tmp_path):
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    cfg = Config()
    cfg.set("accesslog", str(access))
    cfg.set("errorlog", str(errors))
    logger = logger_class_of_the_image()(cfg)
    requests = [
        (f"/repondre/{JOIN}/theme/2/", f"https://diag.example.coop/repondre/{JOIN}/"),
        (f"/invitation/{INVITATION}/", "-"),
        (f"/comptes/reinitialiser/{UID}/{RESET}/", "-"),
        (f"/comptes/connexion/?next=%2Finvitation%2F{INVITATION}%2F", "-"),
    ]
    for uri, referer in requests:
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": uri,
            "PATH_INFO": uri.split("?")[0],
            "QUERY_STRING": uri.partition("?")[2],
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "172.18.0.1",
            "HTTP_REFERER": referer,
            "HTTP_USER_AGENT": "Mozilla/5.0",
        }
        response = SimpleNamespace(status="200 OK", sent=512, headers=[("Content-Length", "512")])
        request = SimpleNamespace(headers=[("REFERER", referer)])
        logger.access(response, request, environ, timedelta(milliseconds=12))
        # What gunicorn's worker writes when a request fails before Django answers.
        logger.exception("Error handling request %s", uri)
    for handler in logger.access_log.handlers + logger.error_log.handlers:
        handler.flush()
    written = access.read_text() + errors.read_text()
    assert written.count("GET /repondre/[token]/theme/2/ HTTP/1.1") == 1
    assert "/comptes/reinitialiser/[token]/[token]/" in written
    for secret in SECRETS:
        assert secret not in written


@pytest.fixture
def app_log():
    """What the configured handlers of the application write (settings.LOGGING)."""
    stream = StringIO()
    formatter = "qvt.logs.JsonFormatter"
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler)
        and type(h.formatter).__module__ + "." + type(h.formatter).__name__ == formatter
    ]
    assert handlers, "settings.LOGGING's stdout handler"
    saved = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, saved, strict=True):
        handler.setStream(old)


def test_the_application_logs_hide_every_token(db, app_log):
    client = Client(raise_request_exception=False)
    client.get(f"/repondre/{JOIN}/")  # an unknown link: « Not Found » is logged
    client.post(f"/invitation/{INVITATION}/")
    client.get(f"/comptes/reinitialiser/{UID}/{RESET}/")
    try:
        raise ValueError(f"could not resolve /invitation/{INVITATION}/")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error")
    written = app_log.getvalue()
    assert "/repondre/[token]/" in written
    assert "could not resolve /invitation/[token]/" in written
    for secret in SECRETS:
        assert secret not in written


@pytest.mark.timeout_sensitive
def test_the_images_gunicorn_command_logs_no_token(tmp_path):
    """The Dockerfile's own command, over real HTTP, against PostgreSQL."""
    with scratch_database("qvt_logs") as database:
        env = production_env(
            database, DJANGO_BEHIND_PROXY="1", DJANGO_STATIC_ROOT=str(tmp_path / "static")
        )
        manage(env, "migrate", "--no-input", "-v", "0")
        command = dockerfile_command()
        port = free_port()
        command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
        command[command.index("--workers") + 1] = "1"
        log_path = tmp_path / "gunicorn.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [PYTHON, "-m", *command], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                wait_until_up(port, log_path)
                browser = Browser(port)
                browser.get(f"/repondre/{JOIN}/")
                browser.get(f"/invitation/{INVITATION}/")
                browser.get(f"/comptes/reinitialiser/{UID}/{RESET}/")
                time.sleep(0.5)  # the access line is written after the response
            finally:
                process.terminate()
                process.wait(timeout=20)
        written = log_path.read_text()
        assert "GET /invitation/[token]/ HTTP/1.1" in written
        for secret in SECRETS:
            assert secret not in written


def wait_until_up(port, log_path: Path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if Browser(port).get("/healthz").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(log_path.read_text())


def test_a_failed_login_on_the_way_back_to_an_invitation_stores_no_token(client, db):
    # The invitation of an existing account sends its owner to /comptes/connexion/?next=…
    # Whoever holds a copy of the database must not find the token in the throttle's records.
    login = reverse("accounts:login") + f"?next=/invitation/{INVITATION}/"
    client.post(login, {"username": "lea@exemple.org", "password": "faux", "next": login})
    (attempt,) = AccessAttempt.objects.all()
    assert INVITATION not in attempt.get_data + attempt.post_data + attempt.path_info

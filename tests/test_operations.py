"""Running it in production: health endpoint, error pages without the database, logs."""

import json
import logging

from django.db import OperationalError
from django.test import Client
from django.urls import path

from qvt.logs import JsonFormatter


def test_healthz_reports_the_database_and_migrations(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "pending_migrations": 0}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_503_when_the_database_is_unreachable(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("qvt.health.connections", {"default": Unreachable()})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def explode_with_database_error(request):
    raise OperationalError("server closed the connection unexpectedly")


def explode(request):
    raise ValueError("a bug")


urlpatterns = [path("db-down/", explode_with_database_error), path("bug/", explode)]
handler500 = "qvt.errors.server_error"


def test_a_lost_database_gives_a_retry_page_not_a_500(settings, db):
    settings.ROOT_URLCONF = "tests.test_operations"
    client = Client(raise_request_exception=False)
    response = client.get("/db-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "Réessayez" in response.content.decode()
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_logs_are_json_lines_without_tokens():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/repondre/abc.def/theme/2/",),
        None,
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING"
    assert entry["message"] == "Not Found: /repondre/[token]/theme/2/"
    record.msg, record.args = "used /invitation/SECRETTOKEN/", ()
    assert "SECRETTOKEN" not in JsonFormatter().format(record)

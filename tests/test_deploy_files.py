"""The docker-compose deployment, checked statically (no Docker engine on our machines)."""

import ipaddress
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
DOCKERFILE = (REPO / "Dockerfile").read_text()
ENV_EXAMPLE = (REPO / ".env.example").read_text()
# Variables without which the production settings refuse to start.
REQUIRED_BY_SETTINGS = {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"}


def env_example_keys():
    return {
        line.split("=", 1)[0]
        for line in ENV_EXAMPLE.splitlines()
        if line.strip() and not line.startswith("#")
    }


def test_the_compose_file_follows_the_compose_specification():
    beside_python = Path(sys.executable).parent / "check-jsonschema"
    checker = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.compose-spec", str(REPO / "docker-compose.yml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_db_is_postgres_16_with_a_named_volume_and_a_healthcheck():
    db = COMPOSE["services"]["db"]
    assert db["image"].startswith("postgres:16")
    volume = db["volumes"][0].split(":")[0]
    assert volume in COMPOSE["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_web_waits_for_a_healthy_db_and_checks_its_own_health():
    web = COMPOSE["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["env_file"] == ".env"
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


def test_a_worker_service_sends_the_queued_emails_from_the_same_image():
    """Emails leave the request (issue 15): the web app queues them, this service sends them."""
    worker, web = COMPOSE["services"]["worker"], COMPOSE["services"]["web"]
    assert worker["build"] == web["build"] and worker["env_file"] == web["env_file"]
    command = worker["command"]
    assert command[:3] == ["python", "manage.py", "db_worker"]
    assert "--no-reload" in command  # autoreload would cut an email short on a file change
    assert worker["depends_on"]["db"]["condition"] == "service_healthy"
    # The web app migrates at start; the worker waits for it (healthy = migrations applied)
    # and never migrates itself, so two migrations never race.
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    assert worker["environment"]["MIGRATE_ON_START"] == "0"
    assert worker["environment"]["DATABASE_URL"] == web["environment"]["DATABASE_URL"]
    assert "ports" not in worker  # nothing to reach from outside
    assert worker["restart"] == "unless-stopped"


def test_the_settings_queue_emails_in_the_database_by_default():
    from django.conf import settings

    settings_text = (REPO / "qvt" / "settings.py").read_text()
    assert '"django_tasks_db.DatabaseBackend"' in settings_text  # the default outside tests
    assert "django_tasks_db" in settings.INSTALLED_APPS


def test_every_variable_the_settings_require_is_provided():
    provided = env_example_keys() | set(COMPOSE["services"]["web"]["environment"])
    assert provided >= REQUIRED_BY_SETTINGS


def test_no_secret_is_committed():
    for line in ENV_EXAMPLE.splitlines():
        key, _, value = line.partition("=")
        if re.search(r"SECRET|PASSWORD", key) and not key.startswith("#"):
            assert value == "", f"{key} must be empty in .env.example"
    compose_text = (REPO / "docker-compose.yml").read_text()
    assert "POSTGRES_PASSWORD:?" in compose_text  # compose refuses to start without one
    assert not re.search(r"DJANGO_SECRET_KEY\s*[:=]\s*\S", compose_text)
    assert ".env" in (REPO / ".gitignore").read_text().splitlines()


def test_the_image_runs_as_a_non_root_user_with_static_files_and_catalogues_built():
    assert re.search(r"^USER app$", DOCKERFILE, re.M)
    assert "collectstatic" in DOCKERFILE
    assert "compilemessages" in DOCKERFILE
    assert "libpango" in DOCKERFILE  # WeasyPrint
    entrypoint = (REPO / "docker/entrypoint.sh").read_text()
    assert "migrate" in entrypoint
    assert "gunicorn" in DOCKERFILE


@pytest.mark.parametrize("name", [".env", "db.sqlite3", ".venv"])
def test_local_files_stay_out_of_the_image(name):
    assert name in (REPO / ".dockerignore").read_text().splitlines()


def resolve_defaults(text):
    """What compose makes of ${NAME:-default} when NAME is not set."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", text)


def test_the_web_port_is_published_on_loopback_only_by_default():
    # Published on every interface, the app is reachable without the proxy, and anyone can
    # then talk to it directly (the issue: forged X-Forwarded-For from the internet).
    (port,) = COMPOSE["services"]["web"]["ports"]
    assert resolve_defaults(port) == "127.0.0.1:8000:8000"
    assert "${WEB_BIND" in port  # still overridable


def test_the_image_and_the_readme_run_gunicorn_with_the_redacting_logger():
    joined = DOCKERFILE.replace("\\\n", " ")  # line continuations
    command = json.loads(re.search(r"^CMD (\[.*\])$", joined, re.M).group(1))
    assert command[command.index("--logger-class") + 1] == "qvt.logs.RedactingGunicornLogger"
    assert "--access-logfile" in command
    readme = " ".join((REPO / "README.md").read_text().split())
    assert "--logger-class qvt.logs.RedactingGunicornLogger" in readme


def test_the_example_trusted_proxies_parse():
    line = next(x for x in ENV_EXAMPLE.splitlines() if x.startswith("DJANGO_TRUSTED_PROXIES="))
    networks = [ipaddress.ip_network(n) for n in line.split("=", 1)[1].split(",")]
    assert networks
    assert "DJANGO_CLIENT_IP_HEADER" not in ENV_EXAMPLE  # replaced: trusting it was the bug

"""A real gunicorn with the production settings against a scratch PostgreSQL database, and a
small HTTP client that behaves like a browser behind the HTTPS proxy (cookies, CSRF)."""

import http.client
import re
import socket
import subprocess
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.pg import PYTHON, REPO, manage, production_env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(database_url, tmp_path, workers=2):
    port = free_port()
    # Behind a TLS-terminating proxy: requests say X-Forwarded-Proto: https.
    env = production_env(
        database_url,
        DJANGO_BEHIND_PROXY="1",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "qvt.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--no-control-socket",
            "--timeout",
            "30",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if Browser(port, timeout=5).get("/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError((tmp_path / "gunicorn.log").read_text())
        yield port, env
    finally:
        # Never leave a gunicorn behind, even one that ignores SIGTERM.
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class Browser:
    """Keeps cookies (Secure ones too: the proxy would have served them over HTTPS)."""

    def __init__(self, port, timeout=30):
        self.port = port
        self.timeout = timeout  # seconds per request: a stuck server fails the test, not hangs it
        self.cookies = {}

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Referer": origin + path,
            "Accept-Language": "fr",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    cookie = SimpleCookie(value)
                    for name, morsel in cookie.items():
                        self.cookies[name] = morsel.value
        finally:
            connection.close()
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


def theme_fields(html):
    """The statement field names of an answer page, in order."""
    return list(dict.fromkeys(re.findall(r'name="(s_\d+)"', html)))

"""An outsider guessing passwords, as the issue found it: the site published on a public port,
the documented reverse proxy at 10.0.0.2 in front. The attacker talks to the app directly and
writes whatever X-Forwarded-For it likes; or it spreads its guesses over many real addresses
against one account; or it goes to /admin/login/ instead."""

import ipaddress
import re

import pytest
from django.urls import reverse

from accounts.models import FailedAttempt
from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.9"
LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def deployed_behind_the_documented_proxy(settings):
    # Before the fix the documented setting was DJANGO_CLIENT_IP_HEADER; it is harmless after.
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = (ipaddress.ip_network(PROXY),)


def guess(client, email, remote=ATTACKER, forwarded=None, url=LOGIN):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(url, {"username": email, "password": "pas-le-bon"}, **headers)


def test_rotating_a_forged_forwarded_for_from_outside_still_gets_429(client, db):
    # Password spraying: a new account and a new forged address for every guess.
    for n in range(10):
        response = guess(client, f"cible{n}@exemple.org", forwarded=f"198.51.100.{n}")
        assert response.status_code == 200
    response = guess(client, "cible10@exemple.org", forwarded="198.51.100.10")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 60


def test_the_trusted_proxys_forwarded_for_is_honoured(client, db):
    for n in range(11):
        guess(client, f"cible{n}@exemple.org", remote=PROXY, forwarded="203.0.113.50")
    # The client in front of the proxy cannot escape by prepending its own entries.
    blocked = guess(client, "autre@exemple.org", remote=PROXY, forwarded="1.1.1.1, 203.0.113.50")
    assert blocked.status_code == 429
    # Another person behind the same proxy is not punished for it.
    other = guess(client, "voisine@exemple.org", remote=PROXY, forwarded="203.0.113.51")
    assert other.status_code == 200


def test_one_account_is_locked_against_guesses_from_many_addresses(client, db):
    victim = UserFactory(email="lea@exemple.org")
    for n in range(11):
        guess(client, victim.email.upper() if n % 2 else victim.email, remote=f"192.0.2.{n}")
    # Even the right password, from yet another address, is refused during the lock.
    response = client.post(
        LOGIN, {"username": victim.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.200"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_goes_through_the_same_throttle(client, db):
    admin = UserFactory(email="admin@exemple.org", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(15):
        guess(client, admin.email, url=url)
    response = client.post(
        url,
        {"username": admin.email, "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR=ATTACKER,
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/", REMOTE_ADDR=ATTACKER).status_code == 302  # still the login


MALFORMED = [
    ("garbage", PROXY),
    ("1.2.3.4:5678", "1.2.3.4"),
    ("[2001:db8::7]:80", "2001:db8::7"),
    ("203.0.113.5, garbage", PROXY),
    ("fe80::1%eth0", PROXY),
    ("::ffff:192.0.2.77", "192.0.2.77"),
    ("", PROXY),
    (" , ", PROXY),
    ("999.1.1.1", PROXY),
    ("\u00b2", PROXY),
]


@pytest.mark.parametrize(("forwarded", "counted_as"), MALFORMED)
def test_a_malformed_forwarded_for_never_gives_a_500(client, db, forwarded, counted_as):
    pages = [
        lambda: guess(client, "cible@exemple.org", remote=PROXY, forwarded=forwarded),
        lambda: client.post(
            reverse("invitation", args=["faux"]), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        ),
        lambda: client.get(
            reverse("answers:start", args=["x1.y"]),
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        ),
    ]
    for page in pages:
        assert page().status_code in (200, 404)
    # What is stored is a valid address (PostgreSQL's inet refuses anything else).
    stored = set(FailedAttempt.objects.values_list("ip_address", flat=True))
    assert stored == {counted_as}


def test_the_lockout_tells_nobody_whether_the_account_exists(client, db):
    UserFactory(email="lea@exemple.org")
    pages = {}
    for email in ("lea@exemple.org", "nobody@exemple.org"):
        for n in range(11):
            response = guess(client, email, remote=f"192.0.2.{n}")
        pages[email] = response
    known, unknown = pages.values()
    assert known.status_code == unknown.status_code == 429
    assert known["Retry-After"] == unknown["Retry-After"]
    assert without_csrf(known) == without_csrf(unknown)


def without_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

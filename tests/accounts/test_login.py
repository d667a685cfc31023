"""Logging in: any case of the address, one answer for unknown and known addresses, and the one
function that decides which address a request comes from."""

import ipaddress
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.throttle import UNKNOWN_ADDRESS, client_ip
from tests.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")


def test_a_mixed_case_address_logs_into_the_lower_case_account(client, db):
    lea = UserFactory(email="lea@exemple.org")
    response = client.post(LOGIN, {"username": " Lea@Exemple.ORG ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(lea.pk)


def page_without_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client, db):
    UserFactory(email="lea@exemple.org")
    known = client.post(LOGIN, {"username": "lea@exemple.org", "password": "faux-mot"})
    unknown = client.post(LOGIN, {"username": "personne@exemple.org", "password": "faux-mot"})
    assert known.status_code == unknown.status_code == 200
    assert page_without_csrf(known).replace("lea@", "personne@") == page_without_csrf(unknown)


def test_an_inactive_account_gets_the_same_answer_as_an_unknown_address(client, db):
    UserFactory(email="lea@exemple.org", is_active=False)
    inactive = client.post(LOGIN, {"username": "lea@exemple.org", "password": PASSWORD})
    unknown = client.post(LOGIN, {"username": "lea@exemple.com", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert page_without_csrf(inactive).replace("lea@exemple.org", "lea@exemple.com") == (
        page_without_csrf(unknown)
    )


PROXIES = (ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("2001:db8:ffff::/48"))


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not from our proxy: header ignored
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # left entries are the client's
        ("10.0.0.2", "198.51.100.1, 10.0.0.7", "198.51.100.1"),  # two proxies in a row
        ("10.0.0.2", "10.0.0.9, 10.0.0.7", "10.0.0.2"),  # from inside
        ("10.0.0.2", "198.51.100.1:5678", "198.51.100.1"),
        ("10.0.0.2", "[2001:db8::1]:443", "2001:db8::1"),
        ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
        ("10.0.0.2", "::ffff:198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "garbage", "10.0.0.2"),
        ("10.0.0.2", "fe80::1%eth0", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("2001:db8:ffff::1", "198.51.100.1", "198.51.100.1"),
        ("", "198.51.100.1", UNKNOWN_ADDRESS),
        ("not-an-address", "198.51.100.1", UNKNOWN_ADDRESS),
    ],
)
def test_the_client_address_believes_only_our_proxies(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = PROXIES
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_without_configured_proxies_the_header_is_never_believed(settings):
    settings.TRUSTED_PROXIES = ()
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "127.0.0.1"

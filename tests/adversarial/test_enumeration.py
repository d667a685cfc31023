"""Issue 12, item 10: « sign-up reveals which addresses have accounts ».

The attacker types addresses into the sign-up, reset and login forms and compares the answers.
Before the fix, sign-up said « Un compte existe déjà avec cette adresse » for a known one."""

import difflib
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

KNOWN, UNKNOWN = "connue@exemple.coop", "inconnue@exemple.coop"


@pytest.fixture
def known(db):
    return UserFactory(email=KNOWN)


def answer(url, data):
    client = Client()
    response = client.post(url, data)
    final = client.get(response["Location"]) if response.status_code == 302 else response
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", final.content.decode())
    typed = data.get("email") or data.get("username")
    body = body.replace(typed, "ADDRESS")  # the form echoes what was typed: that is no leak
    return response.status_code, response.get("Location"), final.status_code, body


def assert_same(first, second):
    """Equal answers; on failure, the lines that differ (what gave the address away)."""
    diff = [
        line
        for line in difflib.unified_diff(str(first).split("\\n"), str(second).split("\\n"), n=0)
        if line[:1] in "+-"
    ]
    assert first == second, diff


def signup_data(email):
    return {"email": email, "password1": PASSWORD, "password2": PASSWORD}


def test_sign_up_answers_the_same_for_a_known_and_an_unknown_address(known):
    url = reverse("accounts:signup")
    assert_same(answer(url, signup_data(KNOWN)), answer(url, signup_data(UNKNOWN)))


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_address(known):
    url = reverse("accounts:password_reset")
    assert_same(answer(url, {"email": KNOWN}), answer(url, {"email": UNKNOWN}))


def test_login_answers_the_same_for_a_wrong_password_and_an_unknown_address(known):
    url = reverse("accounts:login")
    assert_same(
        answer(url, {"username": KNOWN, "password": "faux"}),
        answer(url, {"username": UNKNOWN, "password": "faux"}),
    )


def test_login_answers_the_same_for_an_unconfirmed_sign_up(db):
    Client().post(reverse("accounts:signup"), signup_data("attente@exemple.coop"))
    url = reverse("accounts:login")
    assert_same(
        answer(url, {"username": "attente@exemple.coop", "password": PASSWORD}),
        answer(url, {"username": UNKNOWN, "password": PASSWORD}),
    )

"""Verification and reset links and the reset form fed arbitrary input: never a 500."""

from urllib.parse import quote

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=200).map(lambda s: s.replace("\x00", ""))


@FUZZ
@given(uid=text, token=text)
def test_forged_verification_and_reset_links_never_break(db, uid, token):
    client = Client()
    uid, token = quote(uid, safe="") or "x", quote(token, safe="") or "x"
    for prefix in ("/comptes/verification", "/comptes/reinitialiser"):
        url = f"{prefix}/{uid}/{token}/"
        assert client.get(url).status_code in (200, 302, 404, 429)
        assert client.post(url).status_code in (200, 302, 403, 404, 429)
    assert not User.objects.filter(is_active=True).exists()


@FUZZ
@given(email=text)
def test_the_reset_form_never_breaks(db, email):
    response = Client().post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code in (200, 302, 429)

"""Forms fed arbitrary input (hypothesis): always a 4xx or a form error, never a 500, and
nothing written unless the input was valid."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from cooperatives.models import Cooperative, Membership
from diagnostics.models import Answer, DiagnosticSession, Respondent

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40).map(lambda s: s * 500),
    st.sampled_from(["\x00", "a\x00b", "<script>alert(1)</script>", "' OR 1=1 --", "🙂" * 10, ""]),
)


def without_nul(value):
    # The test client cannot send NUL in form-encoded data; real requests can, and are covered
    # by passing it through a raw query string below.
    return value.replace("\x00", "")


@pytest.fixture
def anonymous():
    return Client()


@FUZZ
@given(values=st.lists(nasty_text, min_size=5, max_size=5), extra_key=nasty_text)
def test_the_answer_form_never_breaks(open_session, values, extra_key):
    client = Client()
    client.post(reverse("answers:start", args=[open_session.join_token]))
    before = Answer.objects.count()
    statements = open_session.questionnaire.themes.get(order=1).statements.all()
    data = {f"s_{s.pk}": without_nul(v) for s, v in zip(statements, values, strict=True)}
    data[without_nul(extra_key)[:50] or "x"] = "yes"
    response = client.post(reverse("answers:theme", args=[open_session.join_token, 1]), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Answer.objects.count() == before
    assert Respondent.objects.filter(session=open_session).count() >= 1


@FUZZ
@given(token=nasty_text, number=st.integers(min_value=-5, max_value=10**12))
def test_join_links_never_break(db, token, number):
    client = Client()
    token = quote(without_nul(token), safe="") or "x"
    for url in (f"/repondre/{token}/", f"/repondre/{token}/theme/{abs(number)}/"):
        assert client.get(url).status_code in (302, 404, 429)


@FUZZ
@given(
    name=nasty_text,
    legal_form=nasty_text,
    departement=nasty_text,
    headcount=nasty_text,
)
def test_the_cooperative_form_never_breaks(outsider, name, legal_form, departement, headcount):
    client = Client()
    client.force_login(outsider)
    before = Cooperative.objects.count()
    data = {
        "name": name,
        "legal_form": legal_form,
        "departement": departement,
        "headcount": headcount,
    }
    response = client.post(
        reverse("cooperatives:create"), {k: without_nul(v) for k, v in data.items()}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Cooperative.objects.count() == before


@FUZZ
@given(emails=nasty_text, role=nasty_text)
def test_the_members_form_never_breaks(facilitator, cooperative, emails, role):
    client = Client()
    client.force_login(facilitator)
    before = Membership.objects.count()
    response = client.post(
        reverse("cooperatives:members", args=[cooperative.slug]),
        {"emails": without_nul(emails), "role": without_nul(role)},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Membership.objects.count() == before


@FUZZ
@given(title=nasty_text, threshold=nasty_text)
def test_the_session_form_never_breaks(facilitator, cooperative, title, threshold):
    client = Client()
    client.force_login(facilitator)
    before = DiagnosticSession.objects.count()
    response = client.post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": without_nul(title), "anonymity_threshold": without_nul(threshold)},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert DiagnosticSession.objects.count() == before


@FUZZ
@given(email=nasty_text, password=nasty_text)
def test_signup_and_login_never_break(db, email, password):
    client = Client()
    before = User.objects.count()
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": without_nul(email),
            "password1": without_nul(password),
            "password2": without_nul(password),
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert User.objects.count() == before
    response = Client().post(
        reverse("accounts:login"),
        {"username": without_nul(email), "password": without_nul(password)},
    )
    assert response.status_code in (200, 302, 429)


def test_a_nul_byte_in_a_raw_request_is_a_form_error_not_a_500(facilitator, cooperative):
    client = Client()
    client.force_login(facilitator)
    response = client.post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        "title=a%00b&anonymity_threshold=3",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not DiagnosticSession.objects.exists()

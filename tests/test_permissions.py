"""Who may open what: every cooperative URL × every persona (issue 2; issue 5 widens it)."""

import re

import pytest
from django.urls import reverse

from tests.factories import SessionFactory

ANONYMOUS, OUTSIDER, OTHER_FACILITATOR, MEMBER, FACILITATOR = (
    "anonymous",
    "outsider",
    "other_facilitator",
    "member",
    "facilitator",
)

# name, kwargs builder, method, {persona: expected status}
LOGIN = 302
MEMBER_PAGE = {
    ANONYMOUS: LOGIN,
    OUTSIDER: 404,
    OTHER_FACILITATOR: 404,
    MEMBER: 200,
    FACILITATOR: 200,
}
FACILITATOR_PAGE = {**MEMBER_PAGE, MEMBER: 403}
FACILITATOR_ACTION = {**FACILITATOR_PAGE, FACILITATOR: 302}

CASES = [
    ("cooperatives:dashboard", "coop", "get", MEMBER_PAGE),
    ("cooperatives:members", "coop", "get", FACILITATOR_PAGE),
    ("cooperatives:remove_member", "member", "post", FACILITATOR_ACTION),
    ("diagnostics:session_create", "coop", "get", FACILITATOR_PAGE),
    ("diagnostics:session", "draft", "get", MEMBER_PAGE),
    ("diagnostics:session_edit", "draft", "get", FACILITATOR_PAGE),
    ("diagnostics:session_open", "draft", "post", FACILITATOR_ACTION),
    ("diagnostics:session_close", "open", "post", FACILITATOR_ACTION),
    ("diagnostics:results", "closed", "get", MEMBER_PAGE),
]


def without_csrf(content):
    # The CSRF token is masked differently in every response and the language switcher echoes
    # the requested path; everything else must be identical.
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'name="next" value="[^"]+"', b"", content)


@pytest.fixture
def personas(facilitator, member, outsider, other_facilitator):
    return {
        ANONYMOUS: None,
        OUTSIDER: outsider,
        OTHER_FACILITATOR: other_facilitator,
        MEMBER: member,
        FACILITATOR: facilitator,
    }


def build_kwargs(kind, cooperative, member):
    from cooperatives.models import Membership

    if kind == "coop":
        return {"slug": cooperative.slug}
    if kind == "member":
        return {"slug": cooperative.slug, "pk": Membership.objects.get(user=member).pk}
    session = SessionFactory(cooperative=cooperative, status=kind)
    return {"slug": cooperative.slug, "pk": session.pk}


@pytest.mark.parametrize("persona", [ANONYMOUS, OUTSIDER, OTHER_FACILITATOR, MEMBER, FACILITATOR])
@pytest.mark.parametrize(("name", "kind", "method", "expected"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(
    client_as, personas, cooperative, member, persona, name, kind, method, expected
):
    url = reverse(name, kwargs=build_kwargs(kind, cooperative, member))
    response = getattr(client_as(personas[persona]), method)(url)
    assert response.status_code == expected[persona], (persona, name)
    if expected[persona] == LOGIN and persona == ANONYMOUS:
        assert response["Location"].startswith(reverse("accounts:login"))


def test_an_outsiders_404_is_the_same_as_a_missing_cooperative(client_as, outsider, cooperative):
    client = client_as(outsider)
    existing = client.get(reverse("cooperatives:dashboard", args=[cooperative.slug]))
    missing = client.get(reverse("cooperatives:dashboard", args=["nexiste-pas"]))
    assert existing.status_code == missing.status_code == 404
    assert without_csrf(existing.content) == without_csrf(missing.content)


def test_a_session_of_another_cooperative_is_not_found_through_mine(
    client_as, facilitator, cooperative, other_cooperative
):
    foreign = SessionFactory(cooperative=other_cooperative, status="closed")
    client = client_as(facilitator)
    for name in ("diagnostics:session", "diagnostics:results", "diagnostics:session_edit"):
        assert client.get(reverse(name, args=[cooperative.slug, foreign.pk])).status_code == 404
    assert (
        client.post(
            reverse("diagnostics:session_close", args=[cooperative.slug, foreign.pk])
        ).status_code
        == 404
    )

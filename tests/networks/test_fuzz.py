"""The networks' forms fed arbitrary input (hypothesis): a message or a form error, never a 500,
and nothing written."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networks.models import AdviserGrant, NetworkMembership, SharedSession

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
nasty = st.one_of(
    st.text(max_size=200).map(lambda s: s.replace("\x00", "")),
    st.sampled_from(["9" * 400, "١٢", "-1", "0", "1e3", " 1", "on ", "OFF", "<b>x</b>", ""]),
)


@FUZZ
@given(value=nasty)
def test_the_invite_form_never_fails(client_as, adviser, network, value):
    before = NetworkMembership.objects.count()
    response = client_as(adviser).post(
        reverse("networks:invite", args=[network.slug]), {"cooperative": value}
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert NetworkMembership.objects.count() == before


@FUZZ
@given(adviser_pk=nasty, decision=nasty, share=nasty)
def test_the_cooperatives_decisions_never_fail_on_bad_input(
    client_as, facilitator, cooperative, network, closed_session, adviser_pk, decision, share
):
    client = client_as(facilitator)
    membership = NetworkMembership.objects.get(network=network, cooperative=cooperative)
    grant = reverse("networks:grant", args=[cooperative.slug])
    assert client.post(grant, {"adviser": adviser_pk}).status_code == 302
    answer = reverse("networks:answer", args=[cooperative.slug, membership.pk])
    assert client.post(answer, {"decision": decision}).status_code == 302
    share_url = reverse("networks:share", args=[cooperative.slug, closed_session.pk])
    assert client.post(share_url, {"share": share}).status_code == 302
    plan = reverse("plans:share_plan", args=[cooperative.slug, closed_session.pk])
    assert client.post(plan, {"share": share}).status_code == 302
    assert not AdviserGrant.objects.exists()  # no adviser exists in this network
    assert not SharedSession.objects.exists()  # the closed session has no results to share
    membership.refresh_from_db()
    assert membership.status == "accepted"


@FUZZ
@given(value=nasty)
def test_the_adviser_invite_form_never_fails(client_as, adviser, network, value):
    from networks.models import AdviserInvitation

    before = AdviserInvitation.objects.count()
    response = client_as(adviser).post(
        reverse("networks:invite_adviser", args=[network.slug]), {"emails": value}
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert AdviserInvitation.objects.count() == before


@FUZZ
@given(token=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=80))
def test_an_arbitrary_adviser_link_never_fails(client, db, token):
    from urllib.parse import quote

    url = reverse("networks:adviser_invitation", args=["x"]).replace(
        "/x/", f"/{quote(token, safe='')}/"
    )
    assert client.get(url).status_code in (200, 404, 429)
    assert client.post(url).status_code in (404, 429)

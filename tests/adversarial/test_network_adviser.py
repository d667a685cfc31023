"""Attacks by an adviser (« accompagnateur·rice ») of a network who wants one cooperative's or one
person's figures (issue 16): reading sheets or answers through a grant, reading a session nobody
shared or granted, acting on another network, keeping access after a grant is revoked or after
the cooperative left; and a cooperative's people trying the advisers' pages."""

import pytest
from django.urls import reverse

from networks import services
from networks.models import AdviserGrant, NetworkMembership, SharedSession
from plans.models import Action
from tests.factories import MembershipFactory, SessionFactory, make_respondent
from tests.test_permissions import without_csrf

SHEETS = ("Y" * 30, "N" * 30, "YYNNU" * 6)


@pytest.fixture
def granted(cooperative, adviser):
    return AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())


@pytest.fixture
def closed(cooperative):
    session = SessionFactory(cooperative=cooperative, status="closed", title="Diagnostic clos")
    for letters in SHEETS:
        make_respondent(session, letters)
    return session


def session_page(network, cooperative, session):
    return reverse("plans:adviser_session", args=[network.slug, cooperative.slug, session.pk])


def cooperative_page(network, cooperative):
    return reverse("networks:cooperative", args=[network.slug, cooperative.slug])


def test_a_granted_adviser_reaches_no_sheet_no_answer_and_no_page_of_the_cooperative(
    client_as, adviser, network, cooperative, closed, granted
):
    client = client_as(adviser)
    assert client.get(session_page(network, cooperative, closed)).status_code == 200
    args = [cooperative.slug, closed.pk]
    # Everything of the cooperative itself stays an outsider's 404, its exports included.
    for name in ("plans:results", "diagnostics:session", "plans:consolidate", "plans:meeting"):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name in ("reports:results_csv", "reports:pdf"):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name in ("reports:cooperative_export", "cooperatives:members", "followup:dashboard"):
        assert client.get(reverse(name, args=[cooperative.slug])).status_code == 404, name
    # The join link's pages read the device's sheet token: the adviser holds none.
    assert client.get(reverse("answers:mine", args=[closed.join_token])).status_code == 302


def test_the_granted_page_shows_scores_and_no_person(
    client_as, adviser, network, cooperative, closed, granted, member
):
    somebody = MembershipFactory(cooperative=cooperative, email="camille@oliviers.example")
    Action.objects.create(
        session=closed,
        theme=closed.questionnaire.themes.first(),
        title="Charte",
        description="Camille en parle à la réunion",
        owner_membership=somebody,
    )
    page = client_as(adviser).get(session_page(network, cooperative, closed)).content.decode()
    assert "2,3" in page  # per theme: 5, 0 and 2 « Oui »: 7/3
    assert "Charte" in page
    # Neither the owner of an action nor its description, nor any member's address.
    for secret in ("camille", member.email, "en parle à la réunion"):
        assert secret.lower() not in page.lower(), secret
    assert "answers" not in page and "/repondre/" not in page


def test_an_adviser_without_a_grant_sees_no_session_even_a_shared_one(
    client_as, adviser, network, cooperative, closed, facilitator
):
    services.share_session(closed, facilitator)  # shared: it counts in figures, nothing more
    client = client_as(adviser)
    assert client.get(cooperative_page(network, cooperative)).status_code == 404
    assert client.get(session_page(network, cooperative, closed)).status_code == 404


@pytest.mark.parametrize("status", ["draft", "open"])
def test_a_granted_adviser_sees_no_session_in_progress(
    client_as, adviser, network, cooperative, granted, status
):
    session = SessionFactory(cooperative=cooperative, status=status)
    for letters in SHEETS:
        make_respondent(session, letters)
    client = client_as(adviser)
    assert client.get(session_page(network, cooperative, session)).status_code == 404
    listing = client.get(cooperative_page(network, cooperative)).content.decode()
    assert session.title not in listing or f"/sessions/{session.pk}/" not in listing


def test_a_granted_adviser_sees_no_closed_session_below_its_k(
    client_as, adviser, network, cooperative, granted
):
    session = SessionFactory(cooperative=cooperative, status="closed", anonymity_threshold=5)
    for letters in SHEETS:
        make_respondent(session, letters)
    assert client_as(adviser).get(session_page(network, cooperative, session)).status_code == 404


def test_an_adviser_cannot_act_on_another_network(
    client_as, other_adviser, network, cooperative, closed, granted
):
    client = client_as(other_adviser)
    assert client.get(reverse("networks:cooperatives", args=[network.slug])).status_code == 404
    invite = reverse("networks:invite", args=[network.slug])
    assert client.post(invite, {"cooperative": "scic-voisine"}).status_code == 404
    assert client.get(cooperative_page(network, cooperative)).status_code == 404
    assert client.get(session_page(network, cooperative, closed)).status_code == 404
    # Nor through its own network's address with the cooperative of another one.
    other = other_adviser.adviser_roles.get().network
    assert client.get(cooperative_page(other, cooperative)).status_code == 404
    assert client.get(session_page(other, cooperative, closed)).status_code == 404
    assert NetworkMembership.objects.filter(network=network).count() == 1


def test_an_adviser_cannot_decide_for_the_cooperative(
    client_as, adviser, network, cooperative, closed
):
    client = client_as(adviser)
    role = adviser.adviser_roles.get()
    membership = NetworkMembership.objects.get(network=network, cooperative=cooperative)
    posts = [
        (reverse("networks:grant", args=[cooperative.slug]), {"adviser": role.pk}),
        (reverse("networks:share", args=[cooperative.slug, closed.pk]), {"share": "on"}),
        (reverse("plans:share_plan", args=[cooperative.slug, closed.pk]), {"share": "on"}),
        (
            reverse("networks:answer", args=[cooperative.slug, membership.pk]),
            {"decision": "accept"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert not AdviserGrant.objects.exists()
    assert not SharedSession.objects.exists()


def test_a_revoked_grant_is_gone_at_once(
    client_as, adviser, network, cooperative, closed, granted, facilitator
):
    client = client_as(adviser)
    assert client.get(session_page(network, cooperative, closed)).status_code == 200
    revoke = reverse("networks:revoke_grant", args=[cooperative.slug, granted.pk])
    client_as(facilitator).post(revoke)
    client = client_as(adviser)  # the same logged-in adviser, next request
    assert client.get(session_page(network, cooperative, closed)).status_code == 404
    assert client.get(cooperative_page(network, cooperative)).status_code == 404


def test_a_cooperative_that_left_disappears_at_once(
    client_as, adviser, network, cooperative, closed, granted, facilitator
):
    services.share_session(closed, facilitator)
    assert SharedSession.objects.of_network(network).count() == 1
    membership = NetworkMembership.objects.get(network=network, cooperative=cooperative)
    client_as(facilitator).post(reverse("networks:leave", args=[cooperative.slug, membership.pk]))
    client = client_as(adviser)
    assert client.get(session_page(network, cooperative, closed)).status_code == 404
    assert client.get(cooperative_page(network, cooperative)).status_code == 404
    assert not SharedSession.objects.of_network(network).exists()


def test_a_grant_left_behind_by_a_cooperative_that_left_opens_nothing(
    client_as, adviser, network, cooperative, closed, granted
):
    # Even if a grant survived leaving (an old row, an admin's edit), the door checks membership.
    NetworkMembership.objects.filter(network=network).update(status="left")
    assert AdviserGrant.objects.exists()
    client = client_as(adviser)
    assert client.get(session_page(network, cooperative, closed)).status_code == 404
    assert client.get(cooperative_page(network, cooperative)).status_code == 404


def test_a_facilitator_of_a_cooperative_in_the_network_gets_403_on_adviser_pages(
    client_as, facilitator, member, network, cooperative, closed, granted
):
    for person in (facilitator, member):
        client = client_as(person)
        urls = [
            reverse("networks:cooperatives", args=[network.slug]),
            cooperative_page(network, cooperative),
            session_page(network, cooperative, closed),
        ]
        for url in urls:
            assert client.get(url).status_code == 403, url


def test_an_outsiders_404_is_the_same_as_a_missing_network(client_as, outsider, network):
    client = client_as(outsider)
    existing = client.get(reverse("networks:cooperatives", args=[network.slug]))
    missing = client.get(reverse("networks:cooperatives", args=["nexiste-pas"]))
    assert existing.status_code == missing.status_code == 404
    assert without_csrf(existing.content) == without_csrf(missing.content)


def test_un_sharing_takes_the_session_out_of_the_network_at_once(
    network, cooperative, closed, facilitator
):
    services.share_session(closed, facilitator)
    services.unshare_session(closed)
    assert not SharedSession.objects.of_network(network).exists()


def test_the_granted_page_of_a_small_team_shows_no_statements_count(
    client_as, adviser, network, cooperative, closed, granted
):
    """A team of three (its k): per-statement « Oui / ? / Non » counts would tell the adviser
    how nearly each person answered. The grant shows a theme's score and share of « ? » only."""
    page = client_as(adviser).get(session_page(network, cooperative, closed)).content.decode()
    statements = [s for t in closed.questionnaire.themes.all() for s in t.statements.all()]
    assert len(statements) == 30
    for statement in statements:
        assert statement.text not in page, statement.code
    assert "data-statement" not in page


def test_a_granted_adviser_reads_no_open_mode_session_below_its_k(
    client_as, adviser, network, cooperative, granted
):
    """A team of two that chose to answer in open mode sees its results among itself; the
    adviser is not of the team. Below its k the session never leaves the cooperative (it cannot
    be shared either): not listed, and its page is the same 404 as a missing one."""
    session = SessionFactory(
        cooperative=cooperative, status="closed", open_mode=True, title="Entre nous deux"
    )
    make_respondent(session, "Y" * 30)
    make_respondent(session, "N" * 30)
    client = client_as(adviser)
    listing = client.get(cooperative_page(network, cooperative)).content.decode()
    assert "Entre nous deux" not in listing
    assert client.get(session_page(network, cooperative, session)).status_code == 404

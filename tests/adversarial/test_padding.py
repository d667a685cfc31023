"""Padding: sheets made up through the join link to reach k around one real member's sheet.
The number of sheets is capped at the team's size and creation is throttled."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Membership
from diagnostics import services
from diagnostics.models import Respondent
from tests.diagnostics.test_answer_flow import answer_theme, url
from tests.factories import MembershipFactory, SessionFactory


def fill_and_submit(client, session, letters="YYYYY"):
    response = client.post(url("start", session))
    assert response.status_code == 302, response.status_code
    for n in range(1, 7):
        answer_theme(client, session, n, letters)
    return client.post(url("review", session))


def test_four_fake_sheets_and_one_real_never_reach_results_with_k_5_team_of_4(
    client_as, facilitator, cooperative
):
    session = SessionFactory(
        cooperative=cooperative, status="open", anonymity_threshold=5, team_size=4
    )
    for n in range(4):
        fill_and_submit(Client(REMOTE_ADDR=f"10.0.0.{n + 1}"), session, "NNNNN")
    real = Client(REMOTE_ADDR="10.0.1.1")
    assert real.post(url("start", session)).status_code == 409
    assert Respondent.objects.filter(session=session).count() == 4
    services.close_session(session)
    session.refresh_from_db()
    page = client_as(facilitator).get(reverse("plans:results", args=[cooperative.slug, session.pk]))
    assert page.context.get("results") is None


def test_a_sheet_beyond_the_cap_is_refused_with_an_explanation(cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=3)
    for n in range(3):
        assert Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(url("start", session)).status_code == 302
    response = Client(REMOTE_ADDR="10.0.0.9").post(url("start", session))
    assert response.status_code == 409
    assert "3 personnes" in response.content.decode()
    assert Respondent.objects.filter(session=session).count() == 3


def test_the_cap_defaults_to_the_cooperatives_declared_headcount_and_freezes_at_opening(
    cooperative,
):
    cooperative.headcount = 7
    cooperative.save()
    session = SessionFactory(cooperative=cooperative)
    services.open_session(session)
    session.refresh_from_db()
    assert session.team_size == 7
    cooperative.headcount = 500
    cooperative.save()
    session.refresh_from_db()
    assert session.sheet_cap == 7


def test_a_team_of_forty_behind_one_office_address_all_get_a_sheet(cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=40)
    statuses = [Client(REMOTE_ADDR="192.0.2.10").post(url("start", session)).status_code
                for _ in range(40)]  # fmt: skip
    assert statuses == [302] * 40


def test_a_big_team_behind_one_address_is_limited_by_its_size_not_by_the_address(cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=100)
    # The same minute: the link lets half the team in (the rest retry a minute later).
    first = [Client(REMOTE_ADDR="192.0.2.20").post(url("start", session)).status_code
             for _ in range(50)]  # fmt: skip
    assert first == [302] * 50
    Respondent.objects.filter(session=session).update(
        created_at=timezone.now() - services.LINK_WINDOW
    )
    second = [Client(REMOTE_ADDR="192.0.2.20").post(url("start", session)).status_code
              for _ in range(50)]  # fmt: skip
    assert second == [302] * 50  # 100 from one address: the address limit is the team's size
    assert Client(REMOTE_ADDR="192.0.2.21").post(url("start", session)).status_code == 409


def test_one_address_cannot_make_sheets_without_limit(cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=40)
    other = SessionFactory(cooperative=cooperative, status="open", team_size=40)
    statuses = []
    for n in range(services.ADDRESS_SHEETS + 1):
        target = session if n % 2 else other  # spreading over two links does not help
        statuses.append(Client(REMOTE_ADDR="198.51.100.7").post(url("start", target)).status_code)
    assert statuses[-1] == 429
    assert Respondent.objects.count() == services.ADDRESS_SHEETS
    assert Client(REMOTE_ADDR="198.51.100.8").post(url("start", session)).status_code == 302


def test_rotating_addresses_on_one_link_is_throttled_too(cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=100)
    statuses = [
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(url("start", session)).status_code
        for n in range(services.LINK_SHEETS + 1)
    ]
    assert statuses[-1] == 429
    assert Respondent.objects.filter(session=session).count() == services.LINK_SHEETS


def test_ipv6_addresses_of_one_network_share_one_budget(cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=40)
    other = SessionFactory(cooperative=cooperative, status="open", team_size=40)
    codes = []
    for n in range(services.ADDRESS_SHEETS + 1):
        target = session if n % 2 else other
        client = Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")
        codes.append(client.post(url("start", target)).status_code)
    assert codes[-1] == 429


def test_the_session_page_says_how_many_sheets_came_by_link_and_by_invitation(
    client_as, facilitator, member, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open")
    fill_and_submit(Client(REMOTE_ADDR="10.0.0.1"), session)
    fill_and_submit(Client(REMOTE_ADDR="10.0.0.2"), session)
    logged = Client(REMOTE_ADDR="10.0.0.3")
    logged.force_login(member)
    fill_and_submit(logged, session)
    page = client_as(facilitator).get(session.get_absolute_url()).content.decode()
    assert "2 par le lien de la session" in page
    assert "1 par des membres connectés" in page
    assert "ne protège pas" in page


def test_a_members_only_session_refuses_the_link_without_a_member_login(
    client_as, member, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open", members_only=True)
    anonymous = Client()
    assert anonymous.post(url("start", session)).status_code == 403
    outsider = MembershipFactory().user  # a member of another cooperative
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.post(url("start", session)).status_code == 403
    assert not Respondent.objects.exists()
    phone = Client()
    phone.force_login(member)
    assert phone.post(url("start", session)).status_code == 302
    laptop = Client()
    laptop.force_login(member)
    laptop.post(url("start", session))
    assert (
        Respondent.objects.filter(
            session=session, membership=Membership.objects.get(user=member)
        ).count()
        == 1
    )


@pytest.mark.parametrize("team_size", ["2", "0", "-1", "abc", "²"])
def test_a_team_smaller_than_k_or_malformed_is_refused_on_the_form(
    client_as, facilitator, cooperative, team_size
):
    response = client_as(facilitator).post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "Printemps", "anonymity_threshold": 3, "team_size": team_size},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["team_size"]
    assert not cooperative.sessions.exists()

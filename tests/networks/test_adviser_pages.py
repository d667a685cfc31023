"""The advisers' own pages (issue 16): their networks on the home page, the network's
cooperatives and the invite form, a granted cooperative's sessions and its read-only results,
priorities and plan. List pages answer in a constant number of queries."""

import pytest
from django.urls import reverse

from diagnostics.models import Theme
from networks.models import Adviser, AdviserGrant, AdviserInvitation, NetworkMembership
from plans.models import Action, ChosenPriority
from tests.factories import CooperativeFactory, SessionFactory, UserFactory, make_respondent


def test_the_home_page_lists_the_advisers_networks(client_as, adviser, network, other_network):
    page = client_as(adviser).get(reverse("home")).content.decode()
    assert network.name in page
    assert reverse("networks:dashboard", args=[network.slug]) in page
    assert other_network.name not in page


def test_a_facilitator_sees_no_network_on_the_home_page(client_as, facilitator, network):
    assert 'id="my-networks"' not in client_as(facilitator).get(reverse("home")).content.decode()


def test_the_cooperatives_page_lists_each_status_and_links_only_granted_members(
    client_as, adviser, network, cooperative, other_cooperative
):
    NetworkMembership.objects.create(network=network, cooperative=other_cooperative)
    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    page = client_as(adviser).get(reverse("networks:cooperatives", args=[network.slug]))
    text = page.content.decode()
    assert "Membre du réseau" in text and "Invitée" in text
    assert reverse("networks:cooperative", args=[network.slug, cooperative.slug]) in text
    assert reverse("networks:cooperative", args=[network.slug, other_cooperative.slug]) not in text
    assert 'for="id_cooperative"' in text and 'id="id_cooperative"' in text


@pytest.mark.parametrize("count", [3, 30])
def test_the_cooperatives_page_needs_the_same_queries_for_3_or_30(
    client_as, adviser, network, count, django_assert_max_num_queries
):
    role = adviser.adviser_roles.get()
    for _n in range(count):
        coop = CooperativeFactory()
        NetworkMembership.objects.create(network=network, cooperative=coop, status="accepted")
        AdviserGrant.objects.create(cooperative=coop, adviser=role)
        Adviser.objects.create(network=network, user=UserFactory())
        AdviserInvitation.objects.create(network=network, email=f"conseil{_n}@urscop.example")
    client = client_as(adviser)
    url = reverse("networks:cooperatives", args=[network.slug])
    # Session and user, the adviser and the network, the memberships, the grants, the
    # network's advisers and its pending invitations of advisers.
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_a_granted_cooperatives_sessions_need_the_same_queries_for_2_or_20(
    client_as, adviser, network, cooperative, count, django_assert_max_num_queries
):
    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    for n in range(count):
        session = SessionFactory(cooperative=cooperative, status="closed", title=f"Session {n}")
        for letters in ("Y" * 30, "N" * 30, "U" * 30):
            make_respondent(session, letters)
    hidden = SessionFactory(cooperative=cooperative, status="closed", title="Trop peu")
    make_respondent(hidden, "Y" * 30)
    client = client_as(adviser)
    url = reverse("networks:cooperative", args=[network.slug, cooperative.slug])
    with django_assert_max_num_queries(7):
        page = client.get(url).content.decode()
    assert page.count("Session ") == count
    assert "Trop peu" not in page  # below its k: nothing to read


def test_the_read_only_page_shows_scores_priorities_and_the_plan(
    client_as, adviser, network, cooperative
):
    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    session = SessionFactory(cooperative=cooperative, status="closed")
    # Theme 1: 5 + 0 + 2 « Oui » over 3 sheets = 2.3; theme 2: 5 + 0 + 5 = 3.3.
    for letters in ("Y" * 30, "N" * 30, "YYNNU" + "YYYYY" + "YYNNU" * 4):
        make_respondent(session, letters)
    themes = list(Theme.objects.filter(questionnaire=session.questionnaire).order_by("order"))
    ChosenPriority.objects.create(session=session, theme=themes[1], position=0)
    Action.objects.create(session=session, theme=themes[1], title="Charte de déconnexion")
    url = reverse("plans:adviser_session", args=[network.slug, cooperative.slug, session.pk])
    page = client_as(adviser).get(url).content.decode()
    assert f'data-theme="{themes[0].code}">2,3<' in page
    assert f'data-theme="{themes[1].code}">3,3<' in page
    assert themes[1].title in page and "Charte de déconnexion" in page

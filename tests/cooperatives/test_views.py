import pytest
from django.urls import reverse

from cooperatives.models import Cooperative, Membership
from tests.factories import MembershipFactory, SessionFactory


def test_a_signed_in_person_creates_a_cooperative_and_becomes_its_facilitator(client_as, outsider):
    response = client_as(outsider).post(
        reverse("cooperatives:create"),
        {"name": "Scop L’Atelier", "legal_form": "scop", "departement": "2a", "headcount": 7},
    )
    cooperative = Cooperative.objects.get()
    assert response["Location"] == cooperative.get_absolute_url()
    assert (cooperative.slug, cooperative.departement, cooperative.headcount) == (
        "scop-latelier",
        "2A",
        7,
    )
    assert Membership.objects.get(cooperative=cooperative).role == "facilitator"


def test_slugs_stay_unique(client_as, outsider, cooperative):
    client_as(outsider).post(
        reverse("cooperatives:create"),
        {"name": cooperative.name, "legal_form": "cae", "departement": "34", "headcount": 3},
    )
    assert Cooperative.objects.get(legal_form="cae").slug == f"{cooperative.slug}-2"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("departement", "99"),
        ("departement", "abc"),
        ("headcount", "0"),
        ("headcount", "x"),
        ("legal_form", "sarl"),
        ("name", ""),
    ],
)
def test_bad_cooperative_input_is_refused_and_nothing_is_created(client_as, outsider, field, value):
    data = {"name": "Scop", "legal_form": "scop", "departement": "34", "headcount": 5, field: value}
    response = client_as(outsider).post(reverse("cooperatives:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Cooperative.objects.exists()


def test_creating_a_cooperative_requires_login(client, db):
    response = client.get(reverse("cooperatives:create"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_dashboard_lists_sessions_with_submitted_counts(
    client_as, member, cooperative, other_cooperative
):
    SessionFactory(cooperative=cooperative, title="Session A")
    SessionFactory(cooperative=other_cooperative, title="Session d’ailleurs")
    html = client_as(member).get(cooperative.get_absolute_url()).content.decode()
    assert "Session A" in html
    assert "Session d’ailleurs" not in html


def test_a_facilitator_adds_members_and_facilitators_by_email(client_as, facilitator, cooperative):
    client = client_as(facilitator)
    url = reverse("cooperatives:members", args=[cooperative.slug])
    client.post(url, {"email": "Nouvelle@Exemple.coop", "role": "member"})
    client.post(url, {"email": "co-anim@exemple.coop", "role": "facilitator"})
    roles = dict(cooperative.memberships.values_list("email", "role"))
    assert roles["nouvelle@exemple.coop"] == "member"
    assert roles["co-anim@exemple.coop"] == "facilitator"


def test_adding_an_existing_user_links_the_account_at_once(
    client_as, facilitator, cooperative, outsider
):
    client_as(facilitator).post(
        reverse("cooperatives:members", args=[cooperative.slug]),
        {"email": outsider.email, "role": "member"},
    )
    assert cooperative.memberships.get(email=outsider.email).user == outsider


@pytest.mark.parametrize(
    ("email", "role"), [("pas-un-email", "member"), ("x@exemple.coop", "admin")]
)
def test_bad_member_input_is_refused(client_as, facilitator, cooperative, email, role):
    response = client_as(facilitator).post(
        reverse("cooperatives:members", args=[cooperative.slug]), {"email": email, "role": role}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert cooperative.memberships.count() == 1


def test_adding_the_same_person_twice_is_refused(client_as, facilitator, cooperative, member):
    response = client_as(facilitator).post(
        reverse("cooperatives:members", args=[cooperative.slug]),
        {"email": member.email, "role": "member"},
    )
    assert "déjà partie" in response.content.decode()
    assert cooperative.memberships.count() == 2


def test_a_facilitator_removes_a_member(client_as, facilitator, cooperative, member):
    membership = Membership.objects.get(user=member)
    client_as(facilitator).post(
        reverse("cooperatives:remove_member", args=[cooperative.slug, membership.pk])
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_facilitator_cannot_be_removed(client_as, facilitator, cooperative):
    membership = Membership.objects.get(user=facilitator)
    response = client_as(facilitator).post(
        reverse("cooperatives:remove_member", args=[cooperative.slug, membership.pk]), follow=True
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "au moins un·e animateur·rice" in response.content.decode()


def test_a_membership_of_another_cooperative_cannot_be_removed(
    client_as, facilitator, cooperative, other_facilitator
):
    foreign = Membership.objects.get(user=other_facilitator)
    MembershipFactory(cooperative=foreign.cooperative)
    response = client_as(facilitator).post(
        reverse("cooperatives:remove_member", args=[cooperative.slug, foreign.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()

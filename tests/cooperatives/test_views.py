import pytest
from django.urls import reverse

from cooperatives.models import Cooperative, Membership


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

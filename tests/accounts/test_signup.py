from django.urls import reverse

from accounts.models import User
from cooperatives.models import Membership
from tests.factories import PASSWORD, CooperativeFactory


def signup(client, email, password=PASSWORD):
    return client.post(
        reverse("accounts:signup"), {"email": email, "password1": password, "password2": password}
    )


def test_a_person_signs_up_with_email_and_password_and_is_logged_in(client, db):
    response = signup(client, "Camille@Exemple.coop")
    assert response["Location"] == reverse("home")
    user = User.objects.get()
    assert user.email == "camille@exemple.coop"
    assert user.check_password(PASSWORD)
    assert client.get(reverse("home")).context["user"] == user


def test_a_person_added_by_email_finds_the_cooperative_at_signup(client, db):
    cooperative = CooperativeFactory()
    Membership.objects.create(cooperative=cooperative, email="sam@exemple.coop", role="facilitator")
    signup(client, "sam@exemple.coop")
    membership = Membership.objects.get(email="sam@exemple.coop")
    assert membership.user.email == "sam@exemple.coop"
    assert cooperative.name in client.get(reverse("home")).content.decode()


def test_an_existing_email_is_refused_with_a_message(client, facilitator):
    response = signup(client, facilitator.email.upper())
    assert "Un compte existe déjà" in response.content.decode()
    assert User.objects.count() == 1


def test_a_weak_password_is_refused_and_nothing_is_created(client, db):
    response = signup(client, "x@exemple.coop", password="123")
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.exists()


def test_login_with_email(client, facilitator):
    response = client.post(
        reverse("accounts:login"), {"username": facilitator.email, "password": "faux"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(
        reverse("accounts:login"), {"username": facilitator.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_logout_requires_post(client_as, facilitator):
    client = client_as(facilitator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated

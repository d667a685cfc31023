"""Sign-up: an inactive account until the emailed link is followed; pending memberships join
only then; a known address is never revealed to whoever fills the form."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cooperatives.models import Membership
from tests.factories import PASSWORD, CooperativeFactory, UserFactory


def signup(client, email, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:signup"),
        {"email": email, "password1": password, "password2": password, **extra},
    )


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_signing_up_makes_an_inactive_account_and_emails_a_link(client, db):
    response = signup(client, "Camille@Exemple.coop")
    assert response["Location"] == reverse("accounts:signup_done")
    user = User.objects.get()
    assert user.email == "camille@exemple.coop"
    assert not user.is_active
    assert not user.is_verified
    assert "_auth_user_id" not in client.session
    (message,) = mail.outbox
    assert message.to == ["camille@exemple.coop"]
    assert "/comptes/verification/" in message.body


def test_following_the_link_activates_verifies_and_logs_in(client, db):
    signup(client, "camille@exemple.coop")
    url = link_in(mail.outbox[0])
    assert client.get(url).status_code == 200  # a form: mail scanners confirm nothing
    assert not User.objects.get().is_active
    response = client.post(url, {"password": PASSWORD})
    assert response["Location"] == reverse("home")
    user = User.objects.get()
    assert user.is_active and user.is_verified
    assert user.check_password(PASSWORD)
    assert client.get(reverse("home")).context["user"] == user


def test_a_link_received_unasked_cannot_be_confirmed_without_the_sign_ups_password(client, db):
    # Someone signed up with this address; its owner clicks the link they never asked for.
    signup(client, "camille@exemple.coop")
    owner = Client()
    url = link_in(mail.outbox[0])
    response = owner.post(url, {"password": "je-ne-sais-pas"})
    assert response.status_code == 400
    assert "Ce n’est pas le mot de passe" in response.content.decode()
    assert not User.objects.get().is_active
    assert "_auth_user_id" not in owner.session


def test_the_link_works_only_once(client, db):
    signup(client, "camille@exemple.coop")
    url = link_in(mail.outbox[0])
    client.post(url, {"password": PASSWORD})
    client.logout()
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 404
    assert "ne fonctionne plus" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forged_link_is_refused(client, db):
    signup(client, "camille@exemple.coop")
    url = link_in(mail.outbox[0])
    forged = url.rstrip("/")[:-3] + "xyz/"
    assert client.post(forged, {"password": PASSWORD}).status_code == 404
    assert client.post(reverse("accounts:verify", args=["bm9wZQ", "x-y"])).status_code == 404
    assert not User.objects.get().is_active


def test_an_unconfirmed_account_cannot_log_in(client, db):
    signup(client, "camille@exemple.coop")
    response = client.post(
        reverse("accounts:login"), {"username": "camille@exemple.coop", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_a_person_added_by_email_finds_the_cooperative_once_the_address_is_confirmed(client, db):
    cooperative = CooperativeFactory()
    Membership.objects.create(cooperative=cooperative, email="sam@exemple.coop", role="facilitator")
    signup(client, "sam@exemple.coop")
    assert Membership.objects.get(email="sam@exemple.coop").user is None  # not before the link
    client.post(link_in(mail.outbox[0]), {"password": PASSWORD})
    membership = Membership.objects.get(email="sam@exemple.coop")
    assert membership.user.email == "sam@exemple.coop"
    assert cooperative.name in client.get(reverse("home")).content.decode()


def test_a_known_address_gets_the_same_page_and_its_owner_a_note(client, facilitator):
    response = signup(client, facilitator.email.upper())
    assert response["Location"] == reverse("accounts:signup_done")
    assert User.objects.count() == 1
    assert not User.objects.get().check_password("nothing") and User.objects.get().check_password(
        PASSWORD
    )  # the form's password did not replace the owner's
    (message,) = mail.outbox
    assert message.to == [facilitator.email]
    assert "déjà un compte" in message.body
    assert "/comptes/mot-de-passe-oublie/" in message.body


def test_signing_up_again_before_confirming_sends_no_second_mail_at_once(client, db):
    signup(client, "camille@exemple.coop")
    signup(client, "camille@exemple.coop", password="Un-autre-mot-de-passe-77")
    assert len(mail.outbox) == 1
    # The first link still works, with its password.
    client.post(link_in(mail.outbox[0]), {"password": PASSWORD})
    assert User.objects.get().check_password(PASSWORD)


def test_a_weak_password_is_refused_and_nothing_is_created(client, db):
    response = signup(client, "x@exemple.coop", password="123")
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.exists()
    assert not mail.outbox


def test_a_name_with_a_line_break_is_refused(client, db):
    response = signup(client, "x@exemple.coop", first_name="Camille\r\nBcc: a@b.c")
    assert response.status_code == 200
    assert "retour à la ligne" in str(response.context["form"].errors["first_name"])
    assert not User.objects.exists()


def test_the_eleventh_sign_up_in_a_minute_from_one_address_gets_429(client, db):
    for n in range(10):
        assert signup(client, f"p{n}@exemple.coop").status_code == 302
    assert signup(client, "p10@exemple.coop").status_code == 429
    assert User.objects.count() == 10


def test_a_verified_account_registering_is_not_made_inactive(client, db):
    user = UserFactory(email="lea@exemple.coop")
    signup(client, "lea@exemple.coop")
    user.refresh_from_db()
    assert user.is_active and user.is_verified


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


def test_the_login_page_links_to_the_password_reset(client, db):
    assert (
        reverse("accounts:password_reset") in client.get(reverse("accounts:login")).content.decode()
    )


def test_logout_requires_post(client_as, facilitator):
    client = client_as(facilitator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated

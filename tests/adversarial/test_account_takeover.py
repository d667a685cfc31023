"""Issue 12, item 1: a printed personal invitation used to log into someone else's account.

The attack, as reproduced: sign up, create a cooperative, add the victim's address, print the
QR sheet, redeem the code in a fresh browser, then open the victim's pages or set a password.
On the code before the fix each test here was logged in as the victim."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cooperatives.models import Membership
from tests.adversarial.helpers_a import (
    add_addresses,
    attacker_cooperative,
    printed_qr_url,
    signed_up_attacker,
)
from tests.factories import PASSWORD, UserFactory


def redeem_in_fresh_browser(url):
    browser = Client()
    browser.post(url)
    return browser


def take_over(victim_email):
    attacker = signed_up_attacker()
    cooperative = attacker_cooperative(attacker)
    add_addresses(attacker, cooperative, victim_email)
    return redeem_in_fresh_browser(printed_qr_url(attacker, cooperative, victim_email))


def assert_not_logged_in_as(browser, victim, victims_page):
    assert browser.session.get("_auth_user_id") != str(victim.pk)
    response = browser.get(victims_page)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"].startswith((reverse("accounts:login"), "/admin/login/"))
    # And no password can be set for the victim from that browser.
    browser.post(
        reverse("accounts:password"),
        {"new_password1": "Pris-par-Mallory-99", "new_password2": "Pris-par-Mallory-99"},
    )
    victim.refresh_from_db()
    assert not victim.check_password("Pris-par-Mallory-99")


def test_a_password_account_is_not_taken_over_through_a_printed_code(cooperative, member):
    browser = take_over(member.email)
    assert_not_logged_in_as(browser, member, cooperative.get_absolute_url())
    assert member.check_password(PASSWORD)


def test_a_staff_account_is_not_taken_over_through_a_printed_code(db):
    admin = UserFactory(email="admin@qvt.example", is_staff=True, is_superuser=True)
    browser = take_over(admin.email)
    assert_not_logged_in_as(browser, admin, reverse("admin:index"))
    assert browser.get(reverse("admin:index")).status_code == 302


def test_another_cooperatives_facilitator_is_not_taken_over(other_facilitator, other_cooperative):
    browser = take_over(other_facilitator.email)
    assert_not_logged_in_as(
        browser, other_facilitator, reverse("cooperatives:members", args=[other_cooperative.slug])
    )


def test_an_account_without_password_is_not_taken_over(cooperative):
    # Someone who came by an emailed link earlier and never chose a password.
    victim = User.objects.create_user(email="sans-mdp@exemple.coop")
    Membership.objects.create(cooperative=cooperative, email=victim.email, user=victim)
    browser = take_over(victim.email)
    assert_not_logged_in_as(browser, victim, cooperative.get_absolute_url())


def test_an_unverified_account_is_not_taken_over(db):
    victim = UserFactory(email="pas-verifie@exemple.coop", email_verified_at=None)
    browser = take_over(victim.email)
    assert browser.session.get("_auth_user_id") != str(victim.pk)


def test_adding_an_address_never_links_its_account(cooperative, member):
    attacker = signed_up_attacker()
    trap = attacker_cooperative(attacker)
    add_addresses(attacker, trap, member.email, role="facilitator")
    assert Membership.objects.get(cooperative=trap, email=member.email).user is None
    # The victim's pages do not list the attacker's cooperative either.
    victim = Client()
    victim.force_login(member)
    assert "Scop Piège" not in victim.get(reverse("home")).content.decode()


@pytest.fixture
def qr_account(cooperative, facilitator):
    """An address with no account: the attacker's printed code makes one and holds it."""
    attacker = signed_up_attacker()
    trap = attacker_cooperative(attacker)
    add_addresses(attacker, trap, "nouvelle@exemple.coop", role="facilitator")
    browser = redeem_in_fresh_browser(printed_qr_url(attacker, trap, "nouvelle@exemple.coop"))
    return browser, User.objects.get(email="nouvelle@exemple.coop"), trap


def test_an_account_made_from_a_printed_code_is_not_verified_and_sends_nothing(qr_account):
    browser, account, trap = qr_account
    assert browser.session.get("_auth_user_id") == str(account.pk)
    assert not account.is_verified
    mail.outbox.clear()
    response = add_addresses(browser, trap, "cible@ailleurs.example", send=True)
    assert response.status_code == 200
    assert not mail.outbox
    assert not Membership.objects.filter(email="cible@ailleurs.example").exists()


def test_other_pending_memberships_do_not_attach_to_a_printed_code_account(
    qr_account, cooperative, facilitator
):
    # The real cooperative had added the same address as a facilitator, pending.
    pending = Membership.objects.create(
        cooperative=cooperative, email="nouvelle@exemple.coop", role="facilitator"
    )
    browser, account, _trap = qr_account
    pending.refresh_from_db()
    assert pending.user is None
    assert browser.get(cooperative.get_absolute_url()).status_code == 404


def test_the_real_owner_wins_back_a_printed_code_account_by_password_reset(qr_account, cooperative):
    pending = Membership.objects.create(cooperative=cooperative, email="nouvelle@exemple.coop")
    browser, account, _trap = qr_account
    owner = Client()
    mail.outbox.clear()
    owner.post(reverse("accounts:password_reset"), {"email": "nouvelle@exemple.coop"})
    (message,) = mail.outbox
    assert message.to == ["nouvelle@exemple.coop"]
    path = re.search(r"https?://testserver(/\S+)", message.body).group(1)
    form_url = owner.get(path)["Location"]
    owner.post(form_url, {"new_password1": "Le-vrai-mdp-2027", "new_password2": "Le-vrai-mdp-2027"})
    account.refresh_from_db()
    assert account.is_verified and account.check_password("Le-vrai-mdp-2027")
    pending.refresh_from_db()
    assert pending.user == account
    # The attacker's browser lost the session (the password changed under it).
    assert browser.get(cooperative.get_absolute_url()).status_code == 302


def test_a_member_already_in_the_cooperative_is_not_reachable_by_its_facilitator(
    client, cooperative, facilitator, member
):
    # The facilitator of the victim's own cooperative prints the victim's code.
    browser = Client()
    browser.force_login(facilitator)
    url = printed_qr_url(browser, cooperative, member.email)
    fresh = redeem_in_fresh_browser(url)
    assert fresh.session.get("_auth_user_id") != str(member.pk)
    assert Membership.objects.get(cooperative=cooperative, email=member.email).user == member

"""Members: adding by email (one or a pasted list), roles, leaving, personal invitations."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.signed import hash_token
from cooperatives.models import Invitation, Membership
from tests.factories import MembershipFactory


def members_url(cooperative):
    return reverse("cooperatives:members", args=[cooperative.slug])


def add(client, cooperative, emails, role="member", send=True):
    data = {"emails": emails, "role": role}
    if send:
        data["send_invitation"] = "on"
    return client.post(members_url(cooperative), data)


def link_in(message):
    return re.search(r"https?://\S+/invitation/(\S+)/", message.body)


def test_a_pasted_list_adds_everyone_and_sends_each_a_personal_link(
    client_as, facilitator, cooperative
):
    add(client_as(facilitator), cooperative, "Ana@Exemple.coop; bo@exemple.coop\ncy@exemple.coop, ")
    emails = set(cooperative.memberships.values_list("email", flat=True))
    assert {"ana@exemple.coop", "bo@exemple.coop", "cy@exemple.coop"} <= emails
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@exemple.coop",
        "bo@exemple.coop",
        "cy@exemple.coop",
    ]
    tokens = {link_in(m).group(1) for m in mail.outbox}
    assert len(tokens) == 3
    for token in tokens:
        assert len(token) >= 32  # 192 random bits, URL-safe
        invitation = Invitation.objects.get(token_hash=hash_token(token))
        assert token not in invitation.token_hash


def test_facilitators_can_be_added_without_sending_email(client_as, facilitator, cooperative):
    add(client_as(facilitator), cooperative, "co-anim@exemple.coop", role="facilitator", send=False)
    assert cooperative.memberships.get(email="co-anim@exemple.coop").role == "facilitator"
    assert mail.outbox == []


def test_one_bad_address_in_a_list_adds_nobody(client_as, facilitator, cooperative):
    response = add(client_as(facilitator), cooperative, "ok@exemple.coop\npas-une-adresse")
    assert "pas-une-adresse" in response.content.decode()
    assert cooperative.memberships.count() == 1
    assert mail.outbox == []


def test_people_already_in_the_cooperative_are_skipped_and_named(
    client_as, facilitator, cooperative, member
):
    response = add(client_as(facilitator), cooperative, f"{member.email}\nneuf@exemple.coop")
    page = client_as(facilitator).get(response["Location"]).content.decode()
    assert f"Déjà membres : {member.email}" in page
    assert cooperative.memberships.count() == 3
    assert [m.to for m in mail.outbox] == [["neuf@exemple.coop"]]


@pytest.mark.parametrize("role", ["admin", ""])
def test_an_unknown_role_is_refused(client_as, facilitator, cooperative, role):
    response = add(client_as(facilitator), cooperative, "x@exemple.coop", role=role)
    assert response.context["form"].errors["role"]
    assert cooperative.memberships.count() == 1


def test_a_facilitator_changes_a_role(client_as, facilitator, cooperative, member):
    membership = Membership.objects.get(user=member)
    client_as(facilitator).post(
        reverse("cooperatives:change_role", args=[cooperative.slug, membership.pk]),
        {"role": "facilitator"},
    )
    membership.refresh_from_db()
    assert membership.role == "facilitator"


def test_the_last_facilitator_cannot_be_demoted_or_leave(client_as, facilitator, cooperative):
    membership = Membership.objects.get(user=facilitator)
    client = client_as(facilitator)
    client.post(
        reverse("cooperatives:change_role", args=[cooperative.slug, membership.pk]),
        {"role": "member"},
    )
    response = client.post(reverse("cooperatives:leave", args=[cooperative.slug]), follow=True)
    membership.refresh_from_db()
    assert membership.role == "facilitator"
    assert "seule animateur·rice" in response.content.decode()


def test_a_member_leaves_the_cooperative(client_as, member, cooperative):
    client_as(member).post(reverse("cooperatives:leave", args=[cooperative.slug]))
    assert not Membership.objects.filter(user=member).exists()


def test_a_person_can_have_different_roles_in_two_cooperatives(
    client_as, member, cooperative, other_cooperative
):
    MembershipFactory(cooperative=other_cooperative, user=member, role="facilitator")
    client = client_as(member)
    assert client.get(members_url(other_cooperative)).status_code == 200
    assert client.get(members_url(cooperative)).status_code == 403


def test_bad_role_value_on_change_changes_nothing(client_as, facilitator, cooperative, member):
    membership = Membership.objects.get(user=member)
    client_as(facilitator).post(
        reverse("cooperatives:change_role", args=[cooperative.slug, membership.pk]),
        {"role": "owner"},
    )
    membership.refresh_from_db()
    assert membership.role == "member"


def test_the_last_facilitator_cannot_be_removed(client_as, facilitator, cooperative):
    membership = Membership.objects.get(user=facilitator)
    response = client_as(facilitator).post(
        reverse("cooperatives:remove_member", args=[cooperative.slug, membership.pk]), follow=True
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "au moins un·e animateur·rice" in response.content.decode()


def test_a_facilitator_removes_a_member(client_as, facilitator, cooperative, member):
    membership = Membership.objects.get(user=member)
    client_as(facilitator).post(
        reverse("cooperatives:remove_member", args=[cooperative.slug, membership.pk])
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_membership_of_another_cooperative_cannot_be_touched(
    client_as, facilitator, cooperative, other_facilitator
):
    foreign = Membership.objects.get(user=other_facilitator)
    client = client_as(facilitator)
    for name in ("remove_member", "change_role", "invite", "revoke"):
        url = reverse(f"cooperatives:{name}", args=[cooperative.slug, foreign.pk])
        assert client.post(url, {"role": "member"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == "facilitator"
    assert mail.outbox == []


def test_the_last_facilitator_message_follows_the_visitors_language(
    client_as, facilitator, cooperative
):
    membership = Membership.objects.get(user=facilitator)
    response = client_as(facilitator).post(
        reverse("cooperatives:remove_member", args=[cooperative.slug, membership.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "must keep at least one facilitator" in response.content.decode()

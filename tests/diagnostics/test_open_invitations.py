"""Invitations go out when a session opens, to the members chosen (issue 15, point 2), through
the cooperative's outbox: only a verified sender, the daily cap, fixed text first."""

from django.urls import reverse

from cooperatives.models import Membership
from tests.factories import MembershipFactory


def open_url(session):
    return reverse("diagnostics:session_open", args=[session.cooperative.slug, session.pk])


def test_the_open_step_ticks_every_member_by_default(client_as, facilitator, draft_session):
    MembershipFactory(cooperative=draft_session.cooperative, email="ana@exemple.coop", user=None)
    form = client_as(facilitator).get(open_url(draft_session)).context["form"]
    members = draft_session.cooperative.memberships.all()
    assert form["invite"].value() == [m.pk for m in members.order_by("email")]
    assert len(members) == 2


def test_opening_emails_the_join_link_to_the_chosen_members_only(
    client_as, facilitator, cooperative, draft_session, mailoutbox, settings
):
    ana = MembershipFactory(cooperative=cooperative, email="ana@exemple.coop", user=None)
    MembershipFactory(cooperative=cooperative, email="bea@exemple.coop", user=None)
    response = client_as(facilitator).post(
        open_url(draft_session), {"confirm": "1", "invite": [ana.pk]}, follow=True
    )
    draft_session.refresh_from_db()
    assert draft_session.is_open
    assert [m.to for m in mailoutbox] == [["ana@exemple.coop"]]
    email = mailoutbox[0]
    assert email.subject == f"Invitation : diagnostic « {draft_session.title} »"
    assert f"http://testserver/repondre/{draft_session.join_token}/" in email.body
    assert "1 invitation part par e-mail" in response.text
    # The facilitator follows it on the session page, per member.
    page = response.content.decode()
    assert "ana@exemple.coop" in page.split('id="session-emails"')[1]
    assert "envoyé le" in page.split('id="session-emails"')[1]


def test_nobody_ticked_opens_the_session_and_sends_nothing(
    client_as, facilitator, draft_session, mailoutbox
):
    client_as(facilitator).post(open_url(draft_session), {"confirm": "1"})
    draft_session.refresh_from_db()
    assert draft_session.is_open and mailoutbox == []


def test_an_unverified_facilitator_opens_but_sends_nothing(
    client_as, cooperative, draft_session, mailoutbox
):
    unverified = MembershipFactory(
        cooperative=cooperative, role=Membership.Role.FACILITATOR, user__email_verified_at=None
    ).user
    ids = [m.pk for m in cooperative.memberships.all()]
    response = client_as(unverified).post(
        open_url(draft_session), {"confirm": "1", "invite": ids}, follow=True
    )
    draft_session.refresh_from_db()
    assert draft_session.is_open and mailoutbox == []
    assert "Confirmez d’abord votre adresse e-mail" in response.text


def test_the_daily_cap_holds_at_opening(
    client_as, facilitator, cooperative, draft_session, mailoutbox, settings
):
    settings.EMAILS_PER_COOPERATIVE_PER_DAY = 2
    for n in range(4):
        MembershipFactory(cooperative=cooperative, email=f"m{n}@exemple.coop", user=None)
    ids = [m.pk for m in cooperative.memberships.all()]
    response = client_as(facilitator).post(
        open_url(draft_session), {"confirm": "1", "invite": ids}, follow=True
    )
    assert len(mailoutbox) == 2
    assert "3 invitations non envoyées" in response.text


def test_a_member_of_another_cooperative_cannot_be_invited(
    client_as, facilitator, draft_session, other_facilitator, mailoutbox
):
    stranger = Membership.objects.get(user=other_facilitator)
    response = client_as(facilitator).post(
        open_url(draft_session), {"confirm": "1", "invite": [stranger.pk]}
    )
    assert response.status_code == 200 and "invite" in response.context["form"].errors
    draft_session.refresh_from_db()
    assert draft_session.is_draft and mailoutbox == []


def test_adding_members_no_longer_mails_them_by_default(
    client_as, facilitator, cooperative, mailoutbox
):
    url = reverse("cooperatives:members", args=[cooperative.slug])
    client = client_as(facilitator)
    assert client.get(url).context["form"]["send_invitation"].value() is False
    client.post(url, {"emails": "nouvelle@exemple.coop", "role": "member"})
    assert cooperative.memberships.filter(email="nouvelle@exemple.coop").exists()
    assert mailoutbox == []


def test_the_open_step_is_404_for_outsiders_and_403_for_members(
    client_as, outsider, other_facilitator, member, draft_session
):
    assert client_as(outsider).get(open_url(draft_session)).status_code == 404
    assert client_as(other_facilitator).get(open_url(draft_session)).status_code == 404
    assert client_as(member).get(open_url(draft_session)).status_code == 403
    assert client_as(member).post(open_url(draft_session), {"confirm": "1"}).status_code == 403
    draft_session.refresh_from_db()
    assert draft_session.is_draft

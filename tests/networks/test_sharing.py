"""A cooperative and its networks (issue 16): invited, accepted or refused, left; a closed session
shared as one summary row, un-shared; a plan shared on purpose; everything gone with the
cooperative. Scores are computed by hand from the guide's rule (a sheet's theme score is its
number of « Oui » among the theme's 5 statements; the collective score is the mean)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from diagnostics import services as diagnostics_services
from diagnostics.models import Theme
from networks import services
from networks.models import AdviserGrant, Network, NetworkMembership, SharedPlan, SharedSession
from plans.models import Action, ChosenPriority
from tests.factories import SessionFactory, make_respondent

SHEETS = ("Y" * 30, "N" * 30, "YYNNU" * 6)  # per theme: 5, 0 and 2 « Oui »: mean 7/3 = 2.3


@pytest.fixture
def shareable(cooperative):
    session = SessionFactory(
        cooperative=cooperative,
        status="closed",
        title="Diagnostic 2024",
        closed_at=timezone.make_aware(datetime.datetime(2024, 11, 5, 10)),
    )
    for letters in SHEETS:
        make_respondent(session, letters)
    return session


def share_url(session):
    return reverse("networks:share", args=[session.cooperative.slug, session.pk])


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_sharing_a_closed_session_stores_its_results_as_the_results_page_shows_them(
    client_as, facilitator, network, shareable
):
    response = client_as(facilitator).post(share_url(shareable), {"share": "on"})
    assert response.status_code == 302
    shared = SharedSession.objects.get(session=shareable)
    themes = list(Theme.objects.filter(questionnaire=shareable.questionnaire).order_by("order"))
    assert shared.cooperative == shareable.cooperative
    assert shared.shared_by == facilitator
    assert shared.year == 2024
    assert shared.respondents == 3
    assert shared.theme_scores == {t.code: 2.3 for t in themes}
    first, fifth = f"{themes[0].code}.1", f"{themes[0].code}.5"
    # Statement 1 of each theme: Oui, Non, Oui; statement 5: Oui, Non, ?.
    assert shared.statement_counts[first] == [2, 0, 1]
    assert shared.statement_counts[fifth] == [1, 1, 1]
    assert len(shared.statement_counts) == 30


def test_sharing_a_session_again_gives_its_row_a_new_time_of_sharing(
    facilitator, network, shareable
):
    # The time of sharing names the row's figures in each process (networks.figures keeps them
    # under it): a second share must not keep the first one's.
    first = services.share_session(shareable, facilitator).shared_at
    again = services.share_session(shareable, facilitator)
    assert SharedSession.objects.filter(session=shareable).count() == 1
    assert again.shared_at > first
    assert SharedSession.objects.get(session=shareable).shared_at == again.shared_at


def test_un_sharing_deletes_the_summary_row(client_as, facilitator, network, shareable):
    client = client_as(facilitator)
    client.post(share_url(shareable), {"share": "on"})
    client.post(share_url(shareable), {"share": "off"})
    assert not SharedSession.objects.filter(session=shareable).exists()


def test_sharing_is_off_by_default_and_the_session_page_says_what_is_shared(
    client_as, facilitator, network, shareable
):
    page = client_as(facilitator).get(shareable.get_absolute_url()).content.decode()
    assert not SharedSession.objects.exists()
    assert "Cette session n’est pas partagée." in page
    assert "Ce qui est partagé :" in page
    assert "aucun questionnaire, aucune réponse d’une personne, aucune note" in page
    assert 'name="share" value="on"' in page


def test_a_member_sees_whether_the_session_is_shared_but_has_no_button(
    client_as, member, network, shareable
):
    page = client_as(member).get(shareable.get_absolute_url()).content.decode()
    assert "Cette session n’est pas partagée." in page
    assert 'name="share"' not in page


def test_a_cooperative_in_no_network_sees_no_sharing_box(client_as, facilitator, shareable):
    page = client_as(facilitator).get(shareable.get_absolute_url()).content.decode()
    assert "network-share" not in page


@pytest.mark.parametrize("status", ["draft", "open"])
def test_a_session_not_closed_cannot_be_shared(
    client_as, facilitator, network, cooperative, status
):
    session = SessionFactory(cooperative=cooperative, status=status)
    for letters in SHEETS:
        make_respondent(session, letters)
    response = client_as(facilitator).post(share_url(session), {"share": "on"})
    assert response.status_code == 302
    assert "Seule une session clôturée" in texts(response)[0]
    assert not SharedSession.objects.exists()


def test_a_closed_session_below_its_own_k_cannot_be_shared(
    client_as, facilitator, network, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="closed", anonymity_threshold=4)
    for letters in SHEETS:  # 3 sheets, k = 4
        make_respondent(session, letters)
    response = client_as(facilitator).post(share_url(session), {"share": "on"})
    assert response.status_code == 302
    assert not SharedSession.objects.exists()


def test_an_open_mode_session_of_fewer_than_k_people_never_leaves_the_cooperative(
    client_as, facilitator, network, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="closed", open_mode=True)
    make_respondent(session, "Y" * 30)
    make_respondent(session, "N" * 30)
    response = client_as(facilitator).post(share_url(session), {"share": "on"})
    assert "moins de réponses que son seuil" in texts(response)[0]
    assert not SharedSession.objects.exists()


@pytest.mark.parametrize("data", [{}, {"share": "maybe"}, {"share": ["on", "off"]}])
def test_a_malformed_share_choice_is_a_message_and_changes_nothing(
    client_as, facilitator, network, shareable, data
):
    response = client_as(facilitator).post(share_url(shareable), data)
    assert response.status_code == 302
    # Django's QueryDict keeps the last of repeated values: "off" on a session not shared.
    assert not SharedSession.objects.exists()


def test_sharing_needs_a_post(client_as, facilitator, network, shareable):
    assert client_as(facilitator).get(share_url(shareable)).status_code == 405
    assert not SharedSession.objects.exists()


# --- Invitations, answers, leaving ----------------------------------------------------------------


def test_an_adviser_invites_a_cooperative_by_its_identifier_and_its_facilitator_accepts(
    client_as, adviser, network, other_cooperative, other_facilitator
):
    url = reverse("networks:invite", args=[network.slug])
    response = client_as(adviser).post(url, {"cooperative": other_cooperative.slug})
    assert response.status_code == 302
    invitation = NetworkMembership.objects.get(cooperative=other_cooperative)
    assert invitation.status == "invited" and invitation.invited_by == adviser
    members_page = reverse("cooperatives:members", args=[other_cooperative.slug])
    page = client_as(other_facilitator).get(members_page).content.decode()
    assert network.name in page and "Accepter" in page
    answer = reverse("networks:answer", args=[other_cooperative.slug, invitation.pk])
    client_as(other_facilitator).post(answer, {"decision": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.answered_at is not None


def test_a_refused_invitation_stays_refused_and_can_be_asked_again(
    client_as, adviser, network, other_cooperative, other_facilitator
):
    services.invite(network, other_cooperative, adviser)
    invitation = NetworkMembership.objects.get(cooperative=other_cooperative)
    answer = reverse("networks:answer", args=[other_cooperative.slug, invitation.pk])
    client_as(other_facilitator).post(answer, {"decision": "refuse"})
    invitation.refresh_from_db()
    assert invitation.status == "refused"
    # Answering twice changes nothing.
    response = client_as(other_facilitator).post(answer, {"decision": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == "refused"
    assert "n’attend plus de réponse" in texts(response)[-1]
    _again, created = services.invite(network, other_cooperative, adviser)
    invitation.refresh_from_db()
    assert created and invitation.status == "invited"


@pytest.mark.parametrize("slug", ["", "nexiste-pas", "pas un identifiant", "x" * 200])
def test_inviting_an_unknown_identifier_is_a_clear_message_and_changes_nothing(
    client_as, adviser, network, slug
):
    url = reverse("networks:invite", args=[network.slug])
    before = NetworkMembership.objects.count()
    response = client_as(adviser).post(url, {"cooperative": slug})
    assert response.status_code == 400
    assert NetworkMembership.objects.count() == before
    assert 'class="invalid-feedback"' in response.content.decode() or "is-invalid" in (
        response.content.decode()
    )


def test_inviting_a_cooperative_already_in_the_network_changes_nothing(
    client_as, adviser, network, cooperative
):
    url = reverse("networks:invite", args=[network.slug])
    response = client_as(adviser).post(url, {"cooperative": cooperative.slug})
    assert response.status_code == 302
    assert NetworkMembership.objects.get(cooperative=cooperative).status == "accepted"


@pytest.mark.parametrize("decision", ["", "oui", "accepted"])
def test_a_malformed_answer_is_a_message_and_changes_nothing(
    client_as, adviser, network, other_cooperative, other_facilitator, decision
):
    services.invite(network, other_cooperative, adviser)
    invitation = NetworkMembership.objects.get(cooperative=other_cooperative)
    answer = reverse("networks:answer", args=[other_cooperative.slug, invitation.pk])
    response = client_as(other_facilitator).post(answer, {"decision": decision})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_a_facilitator_cannot_answer_another_cooperatives_invitation(
    client_as, adviser, network, other_cooperative, facilitator, cooperative
):
    services.invite(network, other_cooperative, adviser)
    invitation = NetworkMembership.objects.get(cooperative=other_cooperative)
    answer = reverse("networks:answer", args=[cooperative.slug, invitation.pk])
    assert client_as(facilitator).post(answer, {"decision": "accept"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_leaving_the_network_drops_its_advisers_grants_but_not_another_networks(
    client_as, facilitator, cooperative, network, adviser, other_network, other_adviser
):
    NetworkMembership.objects.create(
        network=other_network, cooperative=cooperative, status="accepted"
    )
    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    AdviserGrant.objects.create(cooperative=cooperative, adviser=other_adviser.adviser_roles.get())
    membership = NetworkMembership.objects.get(network=network, cooperative=cooperative)
    client_as(facilitator).post(reverse("networks:leave", args=[cooperative.slug, membership.pk]))
    membership.refresh_from_db()
    assert membership.status == "left"
    assert list(AdviserGrant.objects.values_list("adviser__network", flat=True)) == [
        other_network.pk
    ]


def test_leaving_a_network_one_is_not_in_is_a_message(client_as, facilitator, cooperative, network):
    membership = NetworkMembership.objects.get(network=network, cooperative=cooperative)
    membership.status = "refused"
    membership.save()
    url = reverse("networks:leave", args=[cooperative.slug, membership.pk])
    response = client_as(facilitator).post(url)
    assert "n’est pas membre" in texts(response)[0]
    membership.refresh_from_db()
    assert membership.status == "refused"


# --- Grants ---------------------------------------------------------------------------------------


def test_a_facilitator_grants_an_adviser_of_its_network_and_revokes_it(
    client_as, facilitator, cooperative, network, adviser
):
    role = adviser.adviser_roles.get()
    client = client_as(facilitator)
    page = client.get(reverse("cooperatives:members", args=[cooperative.slug])).content.decode()
    assert f'<option value="{role.pk}">' in page
    client.post(reverse("networks:grant", args=[cooperative.slug]), {"adviser": role.pk})
    access = AdviserGrant.objects.get()
    assert access.adviser == role and access.granted_by == facilitator
    page = client.get(reverse("cooperatives:members", args=[cooperative.slug])).content.decode()
    assert adviser.email in page and "Retirer l’accès" in page
    client.post(reverse("networks:revoke_grant", args=[cooperative.slug, access.pk]))
    assert not AdviserGrant.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "999999", "-1"])
def test_granting_a_malformed_or_unknown_adviser_is_a_message(
    client_as, facilitator, cooperative, network, value
):
    response = client_as(facilitator).post(
        reverse("networks:grant", args=[cooperative.slug]), {"adviser": value}
    )
    assert response.status_code == 302
    assert "Choisissez" in texts(response)[0]
    assert not AdviserGrant.objects.exists()


def test_an_adviser_of_a_network_the_cooperative_is_not_in_cannot_be_granted(
    client_as, facilitator, cooperative, network, other_adviser
):
    role = other_adviser.adviser_roles.get()
    client_as(facilitator).post(
        reverse("networks:grant", args=[cooperative.slug]), {"adviser": role.pk}
    )
    assert not AdviserGrant.objects.exists()


# --- The plan, shared on purpose ------------------------------------------------------------------


def test_sharing_the_plan_sends_priority_themes_and_action_titles_only(
    client_as, facilitator, cooperative, network, shareable
):
    themes = list(Theme.objects.filter(questionnaire=shareable.questionnaire).order_by("order"))
    ChosenPriority.objects.create(session=shareable, theme=themes[2], position=0)
    ChosenPriority.objects.create(session=shareable, theme=themes[0], position=1)
    Action.objects.create(
        session=shareable, theme=themes[2], title="Charte de déconnexion", description="Secret"
    )
    Action.objects.create(session=shareable, theme=themes[0], title="Abandonnée", status="dropped")
    url = reverse("plans:share_plan", args=[cooperative.slug, shareable.pk])
    client_as(facilitator).post(url, {"share": "on"})
    plan = SharedPlan.objects.get(session=shareable)
    assert plan.priority_themes == [themes[2].code, themes[0].code]
    assert plan.actions == ["Charte de déconnexion"]
    assert not SharedSession.objects.exists()  # the plan is shared separately
    client_as(facilitator).post(url, {"share": "off"})
    assert not SharedPlan.objects.exists()


def test_the_plan_of_a_session_without_visible_results_cannot_be_shared(
    client_as, facilitator, cooperative, network
):
    session = SessionFactory(cooperative=cooperative, status="closed")
    url = reverse("plans:share_plan", args=[cooperative.slug, session.pk])
    response = client_as(facilitator).post(url, {"share": "on"})
    assert response.status_code == 302
    assert not SharedPlan.objects.exists()


# --- Deleting ------------------------------------------------------------------------------------


def test_deleting_a_cooperative_removes_its_shares_memberships_and_grants(
    cooperative, facilitator, network, adviser, shareable
):
    services.share_session(shareable, facilitator)
    services.share_plan(shareable, ["temps"], ["Charte"])
    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    cooperative.delete()
    assert not SharedSession.objects.exists()
    assert not SharedPlan.objects.exists()
    assert not NetworkMembership.objects.exists()
    assert not AdviserGrant.objects.exists()
    assert Network.objects.filter(pk=network.pk).exists()


def test_the_shared_figures_are_the_published_copy_not_the_later_sheets(
    client_as, facilitator, cooperative, network
):
    """Published at 3 sheets, a 4th sent before closing: the copy shown stays the results (fewer
    than k new sheets), and the network gets that copy — the results page's numbers — never
    figures with the 4th sheet, which an adviser could subtract."""
    session = SessionFactory(cooperative=cooperative)
    diagnostics_services.open_session(session)
    for letters in SHEETS:
        make_respondent(session, letters)
    diagnostics_services.reveal_results(session)
    make_respondent(session, "Y" * 30)  # would make each theme 12/4 = 3.0
    diagnostics_services.close_session(session)
    session.refresh_from_db()
    client_as(facilitator).post(share_url(session), {"share": "on"})
    shared = SharedSession.objects.get(session=session)
    assert shared.respondents == 3
    assert set(shared.theme_scores.values()) == {2.3}
    results = client_as(facilitator).get(
        reverse("plans:results", args=[cooperative.slug, session.pk])
    )
    assert "2,3" in results.content.decode()


def test_an_adviser_with_a_name_is_named_by_it_on_the_members_page(
    client_as, facilitator, cooperative, network, adviser
):
    adviser.first_name, adviser.last_name = "Dominique", "Garcia"
    adviser.save()
    AdviserGrant.objects.create(cooperative=cooperative, adviser=adviser.adviser_roles.get())
    url = reverse("cooperatives:members", args=[cooperative.slug])
    section = client_as(facilitator).get(url).content.decode().split('id="reseaux"')[1]
    assert "Dominique Garcia" in section
    assert adviser.email not in section

"""The person's data and the cooperative's data: the JSON exports, and erasure."""

import json

from django.urls import reverse

from accounts.models import User
from cooperatives.models import Membership
from diagnostics import scoring, services
from diagnostics.models import Respondent
from tests.factories import make_respondent


def test_a_member_downloads_their_data(client_as, member, open_session, cooperative):
    make_respondent(open_session, "Y" * 30, membership=Membership.objects.get(user=member))
    response = client_as(member).get(reverse("reports:my_data_download"))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["account"]["email"] == member.email
    assert data["memberships"][0]["cooperative"] == cooperative.name
    # Answers are reached only from the device that holds the sheet's token (issue 12).
    assert "answers_in_open_sessions" not in data and "yes" not in response.content.decode()


def test_deleting_a_member_keeps_the_closed_sessions_results(client_as, member, open_session):
    make_respondent(open_session, "Y" * 30, membership=Membership.objects.get(user=member))
    make_respondent(open_session, "N" * 30)
    make_respondent(open_session, "Y" * 30)
    services.close_session(open_session)
    before = [t.score for t in scoring.compute_results(open_session, 3).themes]
    client = client_as(member)
    response = client.post(
        reverse("reports:delete_account"), {"confirmation": "Un-mot-de-passe-solide-42"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert scoring.participation(open_session).submitted == 3
    assert [t.score for t in scoring.compute_results(open_session, 3).themes] == before


def test_deleting_an_account_erases_its_unsent_sheets_in_open_sessions(
    client_as, member, open_session
):
    make_respondent(
        open_session, "Y" * 30, submitted=False, membership=Membership.objects.get(user=member)
    )
    client_as(member).post(
        reverse("reports:delete_account"), {"confirmation": "Un-mot-de-passe-solide-42"}
    )
    assert scoring.participation(open_session).started == 0


def test_deleting_an_account_keeps_its_sent_sheets_unlinked(client_as, member, open_session):
    # A sent sheet counts in results that may already have been shown: removing it would let a
    # facilitator read it as the difference (issue 12). It stays, linked to nobody.
    make_respondent(open_session, "Y" * 30, membership=Membership.objects.get(user=member))
    client_as(member).post(
        reverse("reports:delete_account"), {"confirmation": "Un-mot-de-passe-solide-42"}
    )
    assert scoring.participation(open_session).submitted == 1
    assert not Respondent.objects.filter(membership__isnull=False).exists()


def test_a_wrong_password_deletes_nothing(client_as, member):
    response = client_as(member).post(reverse("reports:delete_account"), {"confirmation": "faux"})
    assert response.status_code == 400
    assert User.objects.filter(pk=member.pk).exists()


def test_the_last_facilitator_must_hand_over_before_deleting(client_as, facilitator):
    response = client_as(facilitator).post(
        reverse("reports:delete_account"),
        {"confirmation": "Un-mot-de-passe-solide-42"},
        follow=True,
    )
    assert User.objects.filter(pk=facilitator.pk).exists()
    assert "seule animateur·rice" in response.content.decode()


def test_a_facilitator_exports_the_cooperative_without_anyones_answers(
    client_as, facilitator, closed_session, cooperative, member
):
    for letters in ("Y" * 30, "N" * 30, "U" * 30):
        make_respondent(closed_session, letters)
    response = client_as(facilitator).get(
        reverse("reports:cooperative_export", args=[cooperative.slug])
    )
    data = json.loads(response.content)
    assert {m["email"] for m in data["members"]} == {facilitator.email, member.email}
    (session,) = data["sessions"]
    assert session["submitted"] == 3
    assert session["results"][0]["statements"][0] == {
        "statement": (
            "Nous avons débattu de nos enjeux numériques avec l’institution représentative "
            "du personnel et l’équipe"
        ),
        "yes": 1,
        "unsure": 1,
        "no": 1,
    }
    assert "respondent" not in response.content.decode()
    assert session["actions"] == [] and session["consolidated_answers"] == []


def test_the_cooperative_export_carries_the_plan_and_the_consolidation(
    client_as, facilitator, closed_session, cooperative
):
    from plans.models import Action, ConsolidatedAnswer

    theme = closed_session.questionnaire.themes.get(code="temps")
    Action.objects.create(session=closed_session, theme=theme, title="Charte de déconnexion")
    ConsolidatedAnswer.objects.create(
        session=closed_session, statement=theme.statements.get(order=2), value="no", note="à écrire"
    )
    response = client_as(facilitator).get(
        reverse("reports:cooperative_export", args=[cooperative.slug])
    )
    (session,) = json.loads(response.content)["sessions"]
    assert session["actions"][0]["title"] == "Charte de déconnexion"
    assert session["actions"][0]["status"] == "todo"
    assert session["consolidated_answers"] == [
        {"statement": "temps.2", "answer": "no", "note": "à écrire"}
    ]


def test_a_facilitator_deletes_the_cooperative_after_typing_its_name(
    client_as, facilitator, cooperative
):
    from cooperatives.models import Cooperative

    url = reverse("reports:cooperative_data", args=[cooperative.slug])
    client = client_as(facilitator)
    assert client.post(url, {"name": "pas le bon nom"}).status_code == 400
    assert Cooperative.objects.filter(pk=cooperative.pk).exists()
    assert client.post(url, {"name": cooperative.name}).status_code == 302
    assert not Cooperative.objects.filter(pk=cooperative.pk).exists()

"""The action plan: facilitators create, edit, reorder and delete; members read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cooperatives.models import Membership
from plans.models import Action
from tests.factories import MembershipFactory
from tests.plans.conftest import plan_url


def action_data(theme, **overrides):
    data = {
        "theme": theme.pk,
        "step": "preparation",
        "title": "Écrire une charte du droit à la déconnexion",
        "description": "Avec le CSE, à partir des pratiques actuelles.",
        "owner_membership": "",
        "owner_name": "Camille",
        "due_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "status": "todo",
        "indicator": "Charte adoptée en AG",
    }
    return {**data, **overrides}


def test_a_facilitator_creates_an_action(client_as, facilitator, visible_session, themes):
    response = client_as(facilitator).post(
        plan_url("action_create", visible_session), action_data(themes[2])
    )
    assert response.status_code == 302
    assert response["Location"] == plan_url("plan", visible_session)
    action = Action.objects.get()
    assert (action.session, action.theme, action.step, action.owner, action.position) == (
        visible_session,
        themes[2],
        "preparation",
        "Camille",
        0,
    )


def test_a_member_of_the_cooperative_can_own_an_action(
    client_as, facilitator, member, visible_session, themes
):
    membership = Membership.objects.get(user=member)
    client_as(facilitator).post(
        plan_url("action_create", visible_session),
        action_data(themes[0], owner_membership=membership.pk, owner_name=""),
    )
    assert Action.objects.get().owner_membership == membership


def test_the_theme_is_prefilled_from_the_plan_link(client_as, facilitator, visible_session, themes):
    response = client_as(facilitator).get(
        plan_url("action_create", visible_session) + f"?theme={themes[3].pk}"
    )
    assert response.context["form"]["theme"].value() == themes[3].pk


@pytest.mark.parametrize(
    ("field", "overrides", "message"),
    [
        ("title", {"title": ""}, "Donnez un titre à l’action."),
        ("title", {"title": "   "}, "Donnez un titre à l’action."),
        ("due_date", {"due_date": "2020-01-01"}, "L’échéance ne peut pas être dans le passé."),
        ("due_date", {"due_date": "31/02/2030"}, "Saisissez une date valide."),
        ("step", {"step": "etape-7"}, None),
        ("status", {"status": "oublie"}, None),
        ("owner_name", {"owner_membership": "OWNER"}, "pas les deux"),
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(
    client_as, facilitator, member, visible_session, themes, field, overrides, message
):
    if overrides.get("owner_membership") == "OWNER":
        overrides = {"owner_membership": Membership.objects.get(user=member).pk}
    response = client_as(facilitator).post(
        plan_url("action_create", visible_session), action_data(themes[0], **overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        assert message in " ".join(errors[field])
    assert "Rien n’a été enregistré" in response.content.decode()
    assert not Action.objects.exists()


def test_an_owner_from_another_cooperative_is_refused(
    client_as, facilitator, other_cooperative, visible_session, themes
):
    stranger = MembershipFactory(cooperative=other_cooperative)
    response = client_as(facilitator).post(
        plan_url("action_create", visible_session),
        action_data(themes[0], owner_membership=stranger.pk, owner_name=""),
    )
    assert response.context["form"].errors["owner_membership"] == [
        "Choisissez une personne membre de cette coopérative."
    ]
    assert not Action.objects.exists()


def test_a_theme_of_another_questionnaire_is_refused(client_as, facilitator, visible_session):
    from diagnostics.models import Questionnaire, Theme

    other = Theme.objects.create(
        questionnaire=Questionnaire.objects.create(code="x", title="X"),
        code="x",
        order=1,
        title="X",
        fiche_number=1,
    )
    response = client_as(facilitator).post(
        plan_url("action_create", visible_session), action_data(other)
    )
    assert "theme" in response.context["form"].errors
    assert not Action.objects.exists()


def test_an_overdue_action_stays_editable_without_changing_its_date(client_as, facilitator, action):
    Action.objects.filter(pk=action.pk).update(due_date=timezone.localdate() - timedelta(days=3))
    action.refresh_from_db()
    response = client_as(facilitator).post(
        plan_url("action_edit", action.session, action.pk),
        action_data(
            action.theme,
            title="Nouveau titre",
            status="doing",
            due_date=action.due_date.isoformat(),
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.status) == ("Nouveau titre", "doing")


def test_editing_to_a_past_date_is_refused(client_as, facilitator, action):
    response = client_as(facilitator).post(
        plan_url("action_edit", action.session, action.pk),
        action_data(action.theme, due_date="2021-06-01"),
    )
    assert "due_date" in response.context["form"].errors
    action.refresh_from_db()
    assert action.due_date > timezone.localdate()


def test_moving_to_another_theme_puts_the_action_last(client_as, facilitator, action, themes):
    Action.objects.create(session=action.session, theme=themes[0], title="Déjà là", position=4)
    client_as(facilitator).post(
        plan_url("action_edit", action.session, action.pk), action_data(themes[0])
    )
    action.refresh_from_db()
    assert (action.theme, action.position) == (themes[0], 5)


def titles(session, theme):
    return list(
        Action.objects.filter(session=session, theme=theme)
        .order_by("position", "pk")
        .values_list("title", flat=True)
    )


def test_actions_move_up_and_down_within_their_theme(
    client_as, facilitator, visible_session, themes
):
    a, b, c = (
        Action.objects.create(session=visible_session, theme=themes[1], title=t, position=0)
        for t in "ABC"
    )  # equal positions: the order falls back on creation, and moves still work
    client = client_as(facilitator)
    response = client.post(plan_url("action_up", visible_session, c.pk))
    assert response["Location"].endswith(f"#action-{c.pk}")
    assert titles(visible_session, themes[1]) == ["A", "C", "B"]
    client.post(plan_url("action_down", visible_session, a.pk))
    assert titles(visible_session, themes[1]) == ["C", "A", "B"]


def test_moving_the_first_action_up_changes_nothing(client_as, facilitator, action):
    response = client_as(facilitator).post(
        plan_url("action_up", action.session, action.pk), follow=True
    )
    assert "déjà à cette extrémité" in response.content.decode()


def test_deleting_asks_for_confirmation_then_deletes_on_post(client_as, facilitator, action):
    client = client_as(facilitator)
    page = client.get(plan_url("action_delete", action.session, action.pk))
    assert page.status_code == 200 and action.title in page.content.decode()
    assert Action.objects.exists()
    response = client.post(plan_url("action_delete", action.session, action.pk))
    assert response.status_code == 302
    assert not Action.objects.exists()


def test_members_read_the_plan_without_the_buttons(client_as, member, action):
    html = client_as(member).get(plan_url("plan", action.session)).content.decode()
    assert action.title in html and "Le CSE" in html and "Nombre de personnes formées" in html
    assert "Supprimer" not in html and "Ajouter une action" not in html


def test_the_facilitator_sees_the_buttons_and_the_priority_themes(client_as, facilitator, action):
    response = client_as(facilitator).get(plan_url("plan", action.session))
    html = response.content.decode()
    assert "Supprimer" in html and "Ajouter une action" in html
    # No choice yet: the three proposed priorities, said to be proposed.
    assert html.count("priorité proposée</span>") == 3
    assert "L’équipe n’a pas encore retenu ses priorités" in html


def test_user_text_is_escaped_on_the_plan_page(client_as, member, action):
    Action.objects.filter(pk=action.pk).update(title='<img src="file:///etc/passwd">')
    html = client_as(member).get(plan_url("plan", action.session)).content.decode()
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html

"""FICHE 3's time compromise: the four times with their constraints and leeway, the arrangements
decided, each sent once to the action plan (theme « temps »)."""

import pytest
from django.urls import reverse

from exercises.models import Arrangement, TimeNote
from plans.models import Action
from tests.factories import SessionFactory, make_respondent

pytestmark = pytest.mark.django_db


def url(name, cooperative, *args):
    return reverse(f"exercises:{name}", args=[cooperative.slug, *args])


def visible_session(cooperative):
    session = SessionFactory(cooperative=cooperative, status="closed")
    for letters in ("Y" * 30, "N" * 30, "U" * 30):
        make_respondent(session, letters)
    return session


def test_the_board_shows_the_guides_four_times_to_members(client_as, member, cooperative):
    page = client_as(member).get(url("time", cooperative))
    text = page.content.decode()
    assert page.status_code == 200
    for label in (
        "Le temps du marché",
        "Le temps de l’entreprise",
        "Les réalités du territoire",
        "Le temps des salariés",
    ):
        assert label in text
    assert "une journée sans téléphone, une fois par semaine" in text
    assert "Enregistrer l’aménagement" not in text  # the facilitator records the decisions


def test_a_member_adds_a_constraint_from_their_phone_but_removes_nothing(
    client_as, member, cooperative
):
    client = client_as(member)
    response = client.post(
        url("time_note_add", cooperative),
        {"dimension": "salaries", "kind": "constraint", "text": "École à 16 h 30"},
    )
    assert response.status_code == 302
    note = TimeNote.objects.get(cooperative=cooperative)
    assert client.post(url("time_note_delete", cooperative, note.pk)).status_code == 403
    assert TimeNote.objects.filter(pk=note.pk).exists()


def test_the_facilitator_notes_a_constraint_and_a_leeway_under_their_time(
    client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    for kind, text in (("constraint", "Clients joignables 8 h – 20 h"), ("leeway", "Astreinte")):
        response = client.post(
            url("time_note_add", cooperative), {"dimension": "marche", "kind": kind, "text": text}
        )
        assert response.status_code == 302
        assert response.url.endswith("#temps-marche")
    notes = TimeNote.objects.filter(cooperative=cooperative, dimension="marche")
    assert sorted(notes.values_list("kind", flat=True)) == ["constraint", "leeway"]
    page = client.get(url("time", cooperative)).content.decode()
    assert "Clients joignables 8 h – 20 h" in page


@pytest.mark.parametrize(
    "data",
    [
        {"dimension": "lune", "kind": "constraint", "text": "x"},
        {"dimension": "marche", "kind": "envie", "text": "x"},
        {"dimension": "marche", "kind": "constraint", "text": ""},
        {"dimension": "marche", "kind": "constraint", "text": "x" * 301},
        {"dimension": "marche", "kind": "constraint", "text": "a\u202eb"},
    ],
)
def test_a_bad_note_is_refused_with_a_message_and_nothing_saved(
    client_as, facilitator, cooperative, data
):
    response = client_as(facilitator).post(url("time_note_add", cooperative), data)
    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.content.decode()
    assert not TimeNote.objects.exists()


def test_an_arrangement_is_sent_once_to_the_latest_plan_under_the_time_theme(
    client_as, facilitator, cooperative
):
    session = visible_session(cooperative)
    client = client_as(facilitator)
    client.post(
        url("arrangement_add", cooperative),
        {"text": "Une journée sans téléphone par semaine", "decided_on": "2026-04-02"},
    )
    arrangement = Arrangement.objects.get(cooperative=cooperative)
    response = client.post(url("arrangement_send", cooperative, arrangement.pk), {"step": "suivi"})
    assert response.status_code == 302
    action = Action.objects.get(session=session)
    assert (action.theme.code, action.step, action.title) == (
        "temps",
        "suivi",
        "Une journée sans téléphone par semaine",
    )
    arrangement.refresh_from_db()
    assert arrangement.action == action
    client.post(url("arrangement_send", cooperative, arrangement.pk), {"step": "suivi"})
    assert Action.objects.count() == 1  # sent once
    page = client.get(url("time", cooperative)).content.decode()
    assert reverse("plans:plan", args=[cooperative.slug, session.pk]) in page


def test_without_a_plan_to_receive_it_nothing_is_sent_and_the_page_says_why(
    client_as, facilitator, cooperative
):
    SessionFactory(cooperative=cooperative, status="open")
    arrangement = Arrangement.objects.create(cooperative=cooperative, text="Régulation")
    response = client_as(facilitator).post(
        url("arrangement_send", cooperative, arrangement.pk), {"step": "suivi"}, follow=True
    )
    assert "rien n’a été envoyé" in response.content.decode()
    assert not Action.objects.exists()


def test_a_bad_step_sends_nothing(client_as, facilitator, cooperative):
    visible_session(cooperative)
    arrangement = Arrangement.objects.create(cooperative=cooperative, text="Régulation")
    response = client_as(facilitator).post(
        url("arrangement_send", cooperative, arrangement.pk), {"step": "etape-6"}, follow=True
    )
    assert "Choisissez une étape" in response.content.decode()
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{"text": "", "decided_on": "2026-04-02"}, {"text": "x", "decided_on": "1899-01-01"}],
)
def test_a_bad_arrangement_is_refused(client_as, facilitator, cooperative, data):
    response = client_as(facilitator).post(url("arrangement_add", cooperative), data)
    assert response.status_code == 400
    assert not Arrangement.objects.exists()


def test_removing_a_note_or_an_arrangement(client_as, facilitator, cooperative):
    note = TimeNote.objects.create(
        cooperative=cooperative, dimension="salaries", kind="leeway", text="x"
    )
    arrangement = Arrangement.objects.create(cooperative=cooperative, text="y")
    client = client_as(facilitator)
    assert client.post(url("time_note_delete", cooperative, note.pk)).status_code == 302
    assert client.post(url("arrangement_delete", cooperative, arrangement.pk)).status_code == 302
    assert not TimeNote.objects.exists() and not Arrangement.objects.exists()


def test_the_board_takes_a_constant_number_of_queries(
    client_as, facilitator, cooperative, django_assert_max_num_queries
):
    session = visible_session(cooperative)
    for i in range(30):
        TimeNote.objects.create(
            cooperative=cooperative, dimension="entreprise", kind="constraint", text=f"n{i}"
        )
        action = Action.objects.create(
            session=session, theme=session.questionnaire.themes.first(), title=f"a{i}"
        )
        Arrangement.objects.create(cooperative=cooperative, text=f"a{i}", action=action)
    client = client_as(facilitator)
    with django_assert_max_num_queries(8):
        assert client.get(url("time", cooperative)).status_code == 200

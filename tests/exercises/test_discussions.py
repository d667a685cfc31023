"""FICHE 6's espaces de discussion sur le travail: dated, with a theme, the fiches' questions and
a short record; listed over time for every member, written by the facilitator."""

import pytest
from django.urls import reverse

from exercises.models import Discussion

pytestmark = pytest.mark.django_db


def url(name, cooperative, *args):
    return reverse(f"exercises:{name}", args=[cooperative.slug, *args])


GOOD = {
    "held_on": "2026-05-04",
    "theme": "Évaluer la charge de travail au plus juste",
    "questions": ["management.2", "temps.5"],
    "record": "Les messages du soir pèsent.",
    "decisions": "Pas de message après 19 h.",
}


def test_the_form_offers_the_guides_stakes_and_the_fiches_questions(
    client_as, facilitator, cooperative
):
    page = client_as(facilitator).get(url("discussion_new", cooperative)).content.decode()
    assert "Répondre aux aspirations des équipes" in page
    assert (
        "Les équipes ont-elles des espaces de discussion pour proposer des améliorations sur le "
        "travail et l’organisation ?"
    ) in page
    assert "Un point sur la charge de travail est-il fait régulièrement ?" in page


def test_a_discussion_is_recorded_and_members_read_it_over_time(
    client_as, facilitator, member, cooperative
):
    response = client_as(facilitator).post(url("discussion_new", cooperative), GOOD)
    assert response.status_code == 302
    discussion = Discussion.objects.get(cooperative=cooperative)
    assert discussion.questions == ["management.2", "temps.5"]
    client_as(facilitator).post(
        url("discussion_new", cooperative), GOOD | {"held_on": "2026-06-01", "theme": "Visio"}
    )
    listing = client_as(member).get(url("discussions", cooperative)).content.decode()
    assert listing.index("01/06/2026") < listing.index("04/05/2026")  # latest first, numeric
    page = client_as(member).get(url("discussion", cooperative, discussion.pk)).content.decode()
    assert "Pas de message après 19 h." in page
    assert "Un point sur la charge de travail est-il fait régulièrement ?" in page
    assert url("discussion_edit", cooperative, discussion.pk) not in page  # members read


def test_the_facilitator_edits_a_discussion(client_as, facilitator, cooperative):
    client = client_as(facilitator)
    client.post(url("discussion_new", cooperative), GOOD)
    discussion = Discussion.objects.get()
    response = client.post(
        url("discussion_edit", cooperative, discussion.pk), GOOD | {"decisions": "Essai d’un mois."}
    )
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.decisions == "Essai d’un mois."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"held_on": ""}, "obligatoire"),
        ({"held_on": "3000-01-01"}, "vérifiez l’année"),
        ({"theme": ""}, "obligatoire"),
        ({"theme": "a\nb"}, "retour à la ligne"),
        ({"questions": ["projet.9"]}, "choix valide"),
        ({"record": "x" * 4001}, "4000"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client_as, facilitator, cooperative, change, message
):
    response = client_as(facilitator).post(url("discussion_new", cooperative), GOOD | change)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Discussion.objects.exists()


def test_the_list_takes_a_constant_number_of_queries(
    client_as, member, cooperative, django_assert_max_num_queries
):
    for day in range(1, 29):
        Discussion.objects.create(cooperative=cooperative, held_on=f"2026-02-{day:02d}", theme="t")
    client = client_as(member)
    with django_assert_max_num_queries(5):
        assert client.get(url("discussions", cooperative)).status_code == 200

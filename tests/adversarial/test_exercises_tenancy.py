"""The guide's exercises (issue 17), attacked by an outsider with a throwaway account who made
their own cooperative (so they are a facilitator, of the wrong cooperative) and by a member who
wants to rewrite what the team decided. The victim's charter, time board and discussions are
never read, changed, deleted, sent to a plan or printed from outside."""

import datetime

import pytest
from django.urls import reverse

from exercises import services
from exercises.models import (
    Arrangement,
    BoardSnapshot,
    Charter,
    CharterRule,
    Discussion,
    InfoCard,
    TimeNote,
)
from plans.models import Action
from tests.exercises.test_report import report_html
from tests.exercises.test_time import visible_session
from tests.factories import CooperativeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Le gérant relit tous les mails du soir"


@pytest.fixture
def victim(cooperative):
    """Everything the exercises store, for the cooperative under attack."""
    charter = Charter.objects.create(
        cooperative=cooperative, version=1, adopted_on=datetime.date(2026, 3, 1)
    )
    CharterRule.objects.create(
        charter=charter, purpose="echanger", tool="Messagerie", never_sent=SECRET
    )
    draft = Charter.objects.create(cooperative=cooperative, version=2)
    CharterRule.objects.create(
        charter=draft, purpose="echanger", tool="Messagerie", never_sent=SECRET
    )
    return {
        "charter": charter,
        "draft": draft,
        "note": TimeNote.objects.create(
            cooperative=cooperative, dimension="salaries", kind="constraint", text=SECRET
        ),
        "arrangement": Arrangement.objects.create(cooperative=cooperative, text=SECRET),
        "card": InfoCard.objects.create(
            cooperative=cooperative,
            label=SECRET,
            channel="mail",
            place="op-impose",
            target="vie-libre",
        ),
        "discussion": Discussion.objects.create(
            cooperative=cooperative, held_on=datetime.date(2026, 3, 1), theme=SECRET, record=SECRET
        ),
    }


@pytest.fixture
def attacker(db):
    """A throwaway account, facilitator of a cooperative of its own (with a plan to fill)."""
    user = UserFactory(email="jetable@exemple.org")
    own = CooperativeFactory(name="Coquille vide", slug="coquille-vide")
    MembershipFactory(cooperative=own, user=user, role="facilitator")
    visible_session(own)
    return user, own


def test_an_outsider_with_their_own_cooperative_reads_nothing_of_the_victims_exercises(
    client_as, attacker, victim, cooperative
):
    user, own = attacker
    client = client_as(user)
    slug = cooperative.slug
    pages = [
        reverse("exercises:charter", args=[slug]),
        reverse("exercises:charter_version", args=[slug, 1]),
        reverse("exercises:charter_draft", args=[slug]),
        reverse("exercises:time", args=[slug]),
        reverse("exercises:discussions", args=[slug]),
        reverse("exercises:diagram", args=[slug]),
        reverse("exercises:discussion", args=[slug, victim["discussion"].pk]),
        reverse("exercises:discussion_edit", args=[slug, victim["discussion"].pk]),
        reverse("reports:charter_pdf", args=[slug]),
        # The victim's objects through the attacker's own cooperative: still not found.
        reverse("exercises:discussion", args=[own.slug, victim["discussion"].pk]),
        reverse("exercises:charter_version", args=[own.slug, 1]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode(errors="replace")


def test_an_outsider_changes_deletes_or_sends_nothing_of_the_victims(
    client_as, attacker, victim, cooperative
):
    user, own = attacker
    client = client_as(user)
    note, arrangement, discussion = victim["note"], victim["arrangement"], victim["discussion"]
    for slug in (cooperative.slug, own.slug):  # the victim's door, and their own door
        posts = [
            (
                reverse("exercises:card_place", args=[slug, victim["card"].pk]),
                {"layer": "place", "quadrant": "vie-libre"},
            ),
            (reverse("exercises:card_send", args=[slug, victim["card"].pk]), {"step": "suivi"}),
            (reverse("exercises:card_delete", args=[slug, victim["card"].pk]), {}),
            (reverse("exercises:time_note_delete", args=[slug, note.pk]), {}),
            (reverse("exercises:arrangement_delete", args=[slug, arrangement.pk]), {}),
            (reverse("exercises:arrangement_send", args=[slug, arrangement.pk]), {"step": "suivi"}),
            (
                reverse("exercises:discussion_edit", args=[slug, discussion.pk]),
                {"held_on": "2026-03-02", "theme": "volé", "record": "effacé"},
            ),
        ]
        for url, data in posts:
            assert client.post(url, data).status_code == 404, url
    for url, data in [
        (reverse("exercises:charter_start", args=[cooperative.slug]), {}),
        (reverse("exercises:charter_adopt", args=[cooperative.slug]), {"adopted_on": "2026-04-01"}),
        (
            reverse("exercises:time_note_add", args=[cooperative.slug]),
            {"dimension": "marche", "kind": "constraint", "text": "planté"},
        ),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert TimeNote.objects.filter(pk=note.pk, text=SECRET).exists()
    assert InfoCard.objects.filter(pk=victim["card"].pk, place="op-impose", action=None).exists()
    assert not TimeNote.objects.filter(text="planté").exists()
    arrangement.refresh_from_db()
    assert arrangement.text == SECRET and arrangement.action is None
    assert not Action.objects.exists()  # nothing landed in the attacker's plan either
    discussion.refresh_from_db()
    assert (discussion.theme, discussion.record) == (SECRET, SECRET)
    assert victim["draft"].__class__.objects.get(pk=victim["draft"].pk).is_draft


def test_a_member_rewrites_nothing_the_team_decided(client_as, member, victim, cooperative):
    client = client_as(member)
    slug = cooperative.slug
    attempts = [
        (reverse("exercises:charter_draft", args=[slug]), {}),
        (reverse("exercises:charter_adopt", args=[slug]), {"adopted_on": "2026-04-01"}),
        (reverse("exercises:time_note_delete", args=[slug, victim["note"].pk]), {}),
        (
            reverse("exercises:arrangement_send", args=[slug, victim["arrangement"].pk]),
            {"step": "suivi"},
        ),
        (
            reverse("exercises:discussion_edit", args=[slug, victim["discussion"].pk]),
            {"theme": "x"},
        ),
        (
            reverse("exercises:card_place", args=[slug, victim["card"].pk]),
            {"layer": "place", "quadrant": "vie-libre"},
        ),
        (reverse("exercises:card_delete", args=[slug, victim["card"].pk]), {}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    assert services.draft_of(cooperative).pk == victim["draft"].pk
    assert TimeNote.objects.filter(pk=victim["note"].pk).exists()
    assert InfoCard.objects.filter(pk=victim["card"].pk, place="op-impose").exists()


def test_another_cooperatives_compte_rendu_never_carries_the_victims_exercises(
    attacker, victim, cooperative
):
    _user, own = attacker
    session = own.sessions.get()
    Discussion.objects.create(cooperative=own, held_on=datetime.date(2026, 3, 1), theme="Nôtre")
    html = report_html(session)
    assert "Nôtre" in html
    assert SECRET not in html


def test_an_outsider_neither_reads_nor_records_nor_compares_with_the_victims_board_states(
    client_as, attacker, victim, cooperative
):
    """The boards compared over time: the victim's recorded states are not shown, not taken,
    and cannot be named in the attacker's own comparison."""
    theirs = BoardSnapshot.objects.create(
        cooperative=cooperative,
        board="diagram",
        data={"cards": [{"label": SECRET, "channel": "", "place": "op-impose", "target": ""}]},
    )
    user, own = attacker
    client = client_as(user)
    for name in ("diagram_history", "time_history"):
        response = client.get(reverse(f"exercises:{name}", args=[cooperative.slug]))
        assert response.status_code == 404
    for name in ("diagram_snapshot", "time_snapshot"):
        assert client.post(reverse(f"exercises:{name}", args=[cooperative.slug])).status_code == 404
    InfoCard.objects.create(cooperative=own, label="Le mien", channel="", place="op-libre")
    client.post(reverse("exercises:diagram_snapshot", args=[own.slug]))
    response = client.get(
        reverse("exercises:diagram_history", args=[own.slug]),
        {"avant": theirs.pk, "apres": "maintenant"},
    )
    assert response.status_code == 400 and SECRET not in response.content.decode()
    assert BoardSnapshot.objects.filter(cooperative=cooperative).count() == 1

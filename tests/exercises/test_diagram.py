"""FICHE 2's information diagram: cards placed on the guide's 2×2 diagram (the diagnostic), a
« cible » layer drawn in another colour with an arrow, and the change sent to the plan."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from diagnostics.radar import AFTER_STYLE, AGREED_STYLE, BEFORE_STYLE, MEAN_STYLE, MINE_STYLE
from exercises import diagram
from exercises.models import InfoCard
from plans.models import Action
from tests.exercises.test_time import visible_session

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def url(name, cooperative, *args):
    return reverse(f"exercises:{name}", args=[cooperative.slug, *args])


def card(cooperative, label="Planning des interventions", place="op-impose", target=""):
    return InfoCard.objects.create(
        cooperative=cooperative, label=label, channel="mail", place=place, target=target
    )


def test_the_board_has_the_guides_four_quadrants_and_members_only_read_it(
    client_as, member, cooperative
):
    card(cooperative)
    text = client_as(member).get(url("diagram", cooperative)).content.decode()
    assert text.count('class="quadrant"') == 4
    assert "Information utile à l’opérationnel" in text
    assert "Information utile à la vie collective de la structure" in text
    assert "Information en mode «accès libre»" in text
    assert "C’est un diagnostic." in text
    assert "Planning des interventions" in text
    assert 'id="placer-' not in text and 'draggable="true"' not in text
    assert "js/diagram.js" not in text
    assert "Ajouter au diagramme" in text  # every member may add a card in the meeting


def test_a_member_adds_a_card_but_moves_none(client_as, member, cooperative):
    client = client_as(member)
    response = client.post(
        url("card_add", cooperative), {"label": "Agenda", "channel": "mail", "place": "op-libre"}
    )
    assert response.status_code == 302
    added = InfoCard.objects.get(cooperative=cooperative)
    moved = client.post(
        url("card_place", cooperative, added.pk), {"layer": "place", "quadrant": "vie-libre"}
    )
    assert moved.status_code == 403
    added.refresh_from_db()
    assert added.place == "op-libre"


def test_the_facilitator_adds_a_card_and_moves_it_with_the_placer_dans_form(
    client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    response = client.post(
        url("card_add", cooperative),
        {"label": "Comptes de l’année", "channel": "AG", "place": "vie-impose"},
    )
    assert response.status_code == 302
    added = InfoCard.objects.get(cooperative=cooperative)
    assert added.place == "vie-impose" and added.target == ""
    client.post(
        url("card_place", cooperative, added.pk), {"layer": "place", "quadrant": "op-libre"}
    )
    client.post(
        url("card_place", cooperative, added.pk), {"layer": "target", "quadrant": "vie-libre"}
    )
    added.refresh_from_db()
    assert (added.place, added.target, added.moves) == ("op-libre", "vie-libre", True)
    page = client.get(url("diagram", cooperative)).content.decode()
    assert f'data-target-of="{added.pk}"' in page
    # Taking the target off.
    client.post(url("card_place", cooperative, added.pk), {"layer": "target", "quadrant": ""})
    added.refresh_from_db()
    assert added.target == "" and not added.moves


@pytest.mark.parametrize(
    "data",
    [
        {"layer": "place", "quadrant": ""},
        {"layer": "place", "quadrant": "milieu"},
        {"layer": "couleur", "quadrant": "op-libre"},
        {},
    ],
)
def test_a_bad_move_changes_nothing_and_says_so(client_as, facilitator, cooperative, data):
    moved = card(cooperative)
    response = client_as(facilitator).post(
        url("card_place", cooperative, moved.pk), data, follow=True
    )
    assert "Choisissez où placer cette information." in response.content.decode()
    moved.refresh_from_db()
    assert (moved.place, moved.target) == ("op-impose", "")


@pytest.mark.parametrize(
    "data",
    [
        {"label": "", "channel": "mail", "place": "op-impose"},
        {"label": "x", "channel": "mail", "place": "ailleurs"},
        {"label": "x" * 121, "channel": "mail", "place": "op-impose"},
        {"label": "a\u202eb", "channel": "mail", "place": "op-impose"},
    ],
)
def test_a_bad_card_is_refused(client_as, facilitator, cooperative, data):
    response = client_as(facilitator).post(url("card_add", cooperative), data)
    assert response.status_code == 400
    assert not InfoCard.objects.exists()


def test_a_card_that_changes_status_is_sent_once_to_the_plan_under_information(
    client_as, facilitator, cooperative
):
    session = visible_session(cooperative)
    moved = card(cooperative, target="op-libre")
    client = client_as(facilitator)
    client.post(url("card_send", cooperative, moved.pk), {"step": "preparation"})
    action = Action.objects.get(session=session)
    assert (action.theme.code, action.step) == ("information", "preparation")
    assert action.title.startswith("« Planning des interventions » : passer de")
    assert "Information en mode «accès libre»" in action.title
    client.post(url("card_send", cooperative, moved.pk), {"step": "preparation"})
    assert Action.objects.count() == 1


def test_a_card_without_a_target_is_not_sent(client_as, facilitator, cooperative):
    visible_session(cooperative)
    still = card(cooperative, target="op-impose")  # same place: no change of « statut »
    response = client_as(facilitator).post(
        url("card_send", cooperative, still.pk), {"step": "preparation"}, follow=True
    )
    assert "une cible différente" in response.content.decode()
    assert not Action.objects.exists()


def test_the_svg_draws_each_card_and_an_arrow_per_target_with_its_text_escaped(cooperative):
    cards = [
        card(cooperative, label="<script>x</script>", target="vie-libre"),
        card(cooperative, label="Stock", place="op-libre"),
    ]
    drawing = diagram.svg(cards)
    assert drawing.count('class="card"') == 2
    assert drawing.count("<line") == 1 and 'marker-end="url(#fleche)"' in drawing
    assert "<script>" not in drawing and "&lt;script&gt;" in drawing
    # The target layer: another colour and its own short dashes (docs/vocabulary.md).
    assert drawing.count(f'stroke-dasharray="{diagram.TARGET_DASH}"') == 1
    assert drawing.count(f'stroke="{diagram.TARGET}"') == 2  # the dashed copy and its arrow


def test_the_diagrams_styles_are_no_session_series_styles():
    """docs/vocabulary.md: a style is never reused for another meaning — the « cible » must not
    look like the team's answer (orange dashed) nor the current place like the mean (blue)."""
    series = [MEAN_STYLE, AGREED_STYLE, MINE_STYLE, AFTER_STYLE, BEFORE_STYLE]
    assert diagram.CURRENT not in {s["color"] for s in series}
    assert diagram.TARGET not in {s["color"] for s in series}
    assert diagram.TARGET_DASH not in {s["dash"] for s in series}
    legend = (ROOT / "docs" / "vocabulary.md").read_text()
    assert f"`{diagram.TARGET}`" in legend and f"`{diagram.TARGET_DASH}`" in legend
    assert f"`{diagram.CURRENT}`" in legend


def test_a_quadrant_with_many_cards_grows_so_none_spills_into_the_next(cooperative):
    cards = [card(cooperative, label=f"c{i}") for i in range(20)]
    drawing = diagram.svg(cards)
    height = float(drawing.split('viewBox="0 0 ')[1].split('"')[0].split()[1])
    assert height > diagram.TOP + 2 * diagram.MIN_QH


def test_the_board_takes_a_constant_number_of_queries(
    client_as, facilitator, cooperative, django_assert_max_num_queries
):
    for i in range(30):
        card(cooperative, label=f"i{i}", target="vie-libre")
    client = client_as(facilitator)
    with django_assert_max_num_queries(5):
        assert client.get(url("diagram", cooperative)).status_code == 200


def test_the_compte_rendu_draws_the_diagram_with_its_table(cooperative):
    from tests.exercises.test_report import report_html

    session = visible_session(cooperative)
    card(cooperative, label="Planning", target="vie-libre")
    html = report_html(session)
    chapter = html[html.index('id="exercices"') :]
    assert "Diagramme de l’information" in chapter
    assert chapter.count("<line") == 1
    assert '<th scope="row">Planning</th>' in chapter


def test_the_arrow_runs_from_the_cards_edge_to_its_targets_edge():
    right = diagram._arrow((0, 0), (300, 0))
    assert right == ((diagram.CARD_W, diagram.CARD_H / 2), (300, diagram.CARD_H / 2))
    down = diagram._arrow((0, 0), (0, 250))
    assert down == ((diagram.CARD_W / 2, diagram.CARD_H), (diagram.CARD_W / 2, 250))
    left = diagram._arrow((300, 0), (0, 10))
    assert left == ((300, diagram.CARD_H / 2), (diagram.CARD_W, 10 + diagram.CARD_H / 2))


def test_a_long_label_and_the_guides_axis_names_are_drawn_whole(cooperative):
    """docs/vocabulary.md: a label is never a cut excerpt — the card's words wrap over lines and
    every card of the drawing takes the tallest one's height; the axis names are not cut."""
    label = "Compte rendu du conseil d’administration et décisions de l’assemblée générale annuelle"
    drawing = diagram.svg([card(cooperative, label=label, target="vie-libre"), card(cooperative)])
    assert "…" not in drawing
    words = re.findall(r">([^<>]+)</text>", drawing)
    assert (
        " ".join(w for w in words if not w.startswith("Information")).count(
            "assemblée générale annuelle"
        )
        == 2
    )  # the card and its target copy
    assert "Information utile à la vie collective de la structure" in drawing
    heights = set(
        re.findall(r'<rect x="[0-9.]+" y="[0-9.]+" width="148" height="([0-9]+)"', drawing)
    )
    assert len(heights) == 1 and int(heights.pop()) > diagram.CARD_H

"""The facilitator records the team's agreed answers; the results page shows both datasets."""

import re

import pytest
from django.urls import reverse

from diagnostics import quiz, scoring
from diagnostics import services as diagnostics
from diagnostics.models import Questionnaire, Statement, Theme
from diagnostics.radar import vertex
from plans import services
from plans.models import ConsolidatedAnswer
from tests.factories import make_respondent
from tests.plans.conftest import MEAN_SCORES, PREFILLED_SCORES, plan_url, results_url


def form_data(response):
    """The consolidation form as the browser would post it, with its prefilled values."""
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_the_form_has_one_fieldset_per_statement_grouped_by_theme(
    client_as, facilitator, visible_session
):
    response = client_as(facilitator).get(plan_url("consolidate", visible_session))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 30 and html.count("<legend>") == 30
    assert html.count('<h2 id="theme-') == 6
    assert "en cas d’égalité" in html.lower()


def test_the_form_is_prefilled_with_the_most_frequent_answer(
    client_as, facilitator, visible_session
):
    response = client_as(facilitator).get(plan_url("consolidate", visible_session))
    values = [v for k, v in form_data(response).items() if k.startswith("value_")]
    assert values[:5] == ["yes"] * 5
    assert values[5:10] == ["yes", "yes", "yes", "yes", "no"]
    assert values[25:] == ["unsure"] * 5


def test_a_tie_prefills_unsure(client_as, facilitator, closed_session):
    for letters in ("Y" * 30, "Y" * 30, "N" * 30, "N" * 30):
        make_respondent(closed_session, letters)
    response = client_as(facilitator).get(plan_url("consolidate", closed_session))
    values = {v for k, v in form_data(response).items() if k.startswith("value_")}
    assert values == {"unsure"}


def test_saving_stores_every_statement_and_gives_the_consolidated_scores(
    client_as, facilitator, visible_session
):
    client = client_as(facilitator)
    data = form_data(client.get(plan_url("consolidate", visible_session)))
    first = next(k for k in data if k.startswith("note_"))
    data[first] = "  Discuté le 12 mars : on manque d’un outil commun.  "
    response = client.post(plan_url("consolidate", visible_session), data)
    assert response.status_code == 302
    assert response["Location"] == results_url(visible_session)
    assert ConsolidatedAnswer.objects.filter(session=visible_session).count() == 30
    assert ConsolidatedAnswer.objects.filter(
        note="Discuté le 12 mars : on manque d’un outil commun."
    ).exists()
    results = scoring.compute_results(visible_session, 3)
    analysis = services.analyse(visible_session, results)
    assert [t.consolidated_score for t in analysis.themes] == PREFILLED_SCORES


def test_saving_again_updates_the_answers_in_place(client_as, facilitator, visible_session):
    client = client_as(facilitator)
    data = form_data(client.get(plan_url("consolidate", visible_session)))
    client.post(plan_url("consolidate", visible_session), data)
    data = form_data(client.get(plan_url("consolidate", visible_session)))
    key = next(k for k in data if k.startswith("value_"))
    data[key] = "no"
    client.post(plan_url("consolidate", visible_session), data)
    assert ConsolidatedAnswer.objects.filter(session=visible_session).count() == 30
    assert ConsolidatedAnswer.objects.get(statement_id=int(key[6:])).value == "no"


def test_a_forged_value_is_refused_beside_its_statement_and_nothing_is_saved(
    client_as, facilitator, visible_session
):
    client = client_as(facilitator)
    data = form_data(client.get(plan_url("consolidate", visible_session)))
    key = [k for k in data if k.startswith("value_")][7]
    data[key] = "maybe"
    response = client.post(plan_url("consolidate", visible_session), data)
    assert response.status_code == 200
    assert response.context["form"].errors[key] == [
        "Choisissez Oui, ? ou Non pour cette affirmation."
    ]
    assert f'id="{key}-error"' in response.content.decode()
    assert not ConsolidatedAnswer.objects.exists()


def test_a_missing_answer_is_refused_and_nothing_is_saved(client_as, facilitator, visible_session):
    client = client_as(facilitator)
    data = form_data(client.get(plan_url("consolidate", visible_session)))
    del data[next(k for k in data if k.startswith("value_"))]
    response = client.post(plan_url("consolidate", visible_session), data)
    assert response.status_code == 200
    assert not ConsolidatedAnswer.objects.exists()


@pytest.fixture
def foreign_statement(db):
    questionnaire = Questionnaire.objects.create(code="autre-edition", title="Autre édition")
    theme = Theme.objects.create(
        questionnaire=questionnaire, code="autre", order=1, title="Autre", fiche_number=1
    )
    return Statement.objects.create(theme=theme, code="autre.1", order=1, text="Ailleurs")


def test_a_statement_of_another_questionnaire_is_refused_and_nothing_is_saved(
    client_as, facilitator, visible_session, foreign_statement
):
    client = client_as(facilitator)
    data = form_data(client.get(plan_url("consolidate", visible_session)))
    data[f"value_{foreign_statement.pk}"] = "yes"
    response = client.post(plan_url("consolidate", visible_session), data)
    assert response.status_code == 200
    assert "n’appartient pas à ce questionnaire" in response.content.decode()
    assert not ConsolidatedAnswer.objects.exists()


def test_the_service_refuses_a_foreign_statement_atomically(
    facilitator, visible_session, foreign_statement
):
    statement = quiz.statements_of(visible_session.questionnaire_id)[0]
    with pytest.raises(services.ConsolidationError):
        services.save_consolidation(
            visible_session,
            {statement.pk: ("yes", ""), foreign_statement.pk: ("yes", "")},
            facilitator,
        )
    with pytest.raises(services.ConsolidationError):
        services.save_consolidation(visible_session, {statement.pk: ("peut-être", "")}, facilitator)
    assert not ConsolidatedAnswer.objects.exists()


def consolidate_all(session, user):
    analysis = services.analyse(session, scoring.compute_results(session, 3))
    services.save_consolidation(session, services.consolidation_initial(analysis), user)


def polygon_points(svg, series):
    match = re.search(rf'data-series="{re.escape(series)}" points="([^"]+)"', svg)
    return [tuple(float(c) for c in p.split(",")) for p in match.group(1).split()]


def test_the_results_page_shows_both_datasets_with_a_legend_and_a_table(
    client_as, facilitator, visible_session
):
    consolidate_all(visible_session, facilitator)
    response = client_as(facilitator).get(results_url(visible_session))
    html = response.content.decode()
    datasets = response.context["chart_data"]["datasets"]
    assert [d["label"] for d in datasets] == ["Moyenne des réponses", "Réponse de l’équipe"]
    assert datasets[0]["data"] == MEAN_SCORES
    assert datasets[1]["data"] == PREFILLED_SCORES
    assert html.count('class="radar-series"') == 2
    assert 'stroke-dasharray="8 5"' in html  # line style, not colour alone
    assert [
        int(x) for x in re.findall(r'data-consolidated="[^"]+">(\d)<', html)
    ] == PREFILLED_SCORES


def test_the_radar_vertices_match_the_scores(client_as, facilitator, visible_session):
    consolidate_all(visible_session, facilitator)
    svg = str(client_as(facilitator).get(results_url(visible_session)).context["radar_svg"])
    for series, scores in (
        ("Moyenne des réponses", MEAN_SCORES),
        ("Réponse de l’équipe", PREFILLED_SCORES),
    ):
        expected = [c for i, score in enumerate(scores) for c in vertex(i, 6, score, 5)]
        drawn = [c for point in polygon_points(svg, series) for c in point]
        assert drawn == pytest.approx(expected, abs=0.01)


def test_the_results_page_explains_disagreement_and_shows_the_share_of_unsure(
    client_as, member, visible_session
):
    html = client_as(member).get(results_url(visible_session)).content.decode()
    # Shown with no-break spaces, as French typography wants (fiches' french_spaces filter).
    assert "Comment lire la colonne «\u00a0Désaccord\u00a0»\u00a0?" in html
    assert html.count("data-disagreement=") == 30
    # Theme 2, statement 4: Oui, Oui, Non → one person in three contradicts the majority: said
    # as people, with a bar of 65 / 0 / 35 %, and not a split (one dissenter, issue 14).
    cells = re.findall(r'data-disagreement="[^"]+\.4" class="split-cell"[^>]*>(.*?)</td>', html)
    cell = cells[1]
    assert "split-yes split-w-65" in cell and "split-no split-w-35" in cell
    assert "1 personne sur 3" in cell and "avis partagés" not in cell
    assert "(fort)" not in html
    assert 'data-unsure="management">100&nbsp;%' in html
    assert "Enregistrer la réponse de l’équipe" not in html  # a member reads, does not consolidate


def test_only_the_mean_is_drawn_before_consolidation(client_as, facilitator, visible_session):
    response = client_as(facilitator).get(results_url(visible_session))
    assert len(response.context["chart_data"]["datasets"]) == 1
    assert "Enregistrer la réponse de l’équipe" in response.content.decode()


def test_results_revealed_while_open_show_disagreement_but_no_consolidation_links(
    client_as, facilitator, open_session
):
    for letters in ("Y" * 30, "N" * 30, "Y" * 30):
        make_respondent(open_session, letters)
    diagnostics.reveal_results(open_session)
    html = client_as(facilitator).get(results_url(open_session)).content.decode()
    assert html.count("data-disagreement=") == 30
    assert "Enregistrer la réponse de l’équipe" not in html
    assert reverse("reports:pdf", args=[open_session.cooperative.slug, open_session.pk]) not in html

"""The session stays in context (issue 14, points 1 and 5): a fiche read from a session, the
method page's « Ajouter une action à cette étape » and the statement an action answers."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from diagnostics.models import Statement
from plans.models import Action
from tests.factories import make_respondent
from tests.plans.test_method_view import R1, R2, R3, step


@pytest.fixture
def answered(closed_session):
    for letters in (R1, R2, R3):
        make_respondent(closed_session, letters)
    return closed_session


def session_fiche_url(session, number):
    return reverse("plans:session_fiche", args=[session.cooperative.slug, session.pk, number])


def method_url(session, theme="temps"):
    return reverse("plans:method", args=[session.cooperative.slug, session.pk, theme])


def create_url(session):
    return reverse("plans:action_create", args=[session.cooperative.slug, session.pk])


def statement(code):
    return Statement.objects.get(code=code)


# --- A fiche read from a session ---------------------------------------------------------------


def test_a_fiche_opened_from_a_session_keeps_the_session_around_it(client_as, member, answered):
    html = client_as(member).get(session_fiche_url(answered, 3)).content.decode()
    # The fiche itself, as on the public page...
    public = client_as(member).get(reverse("fiches:fiche", args=[3])).content.decode()
    title = re.search(r'<h1 id="fiche-titre">(.*?)</h1>', public).group(1)
    assert f'<h1 id="fiche-titre">{title}</h1>' in html
    # ...inside the session: its breadcrumb, its path and the way back.
    assert answered.title in html
    assert '<nav class="stepper' in html
    back = reverse("plans:priorities", args=[answered.cooperative.slug, answered.pk])
    assert re.search(rf'id="back-to-session"><a href="{back}">← Retour à la session', html)


def test_the_public_fiche_page_knows_no_session(client, answered):
    html = client.get(reverse("fiches:fiche", args=[3])).content.decode()
    assert "Retour à la session" not in html and '<nav class="stepper' not in html


@pytest.mark.parametrize("number", [0, 99])
def test_an_unknown_fiche_of_a_session_is_not_found(client_as, member, answered, number):
    assert client_as(member).get(session_fiche_url(answered, number)).status_code == 404


def test_a_fiche_of_another_cooperatives_session_is_not_found(
    client_as, other_facilitator, answered
):
    assert client_as(other_facilitator).get(session_fiche_url(answered, 2)).status_code == 404


def test_the_method_and_priorities_pages_link_to_the_sessions_fiches(client_as, member, answered):
    html = client_as(member).get(method_url(answered)).content.decode()
    assert "/guide/fiches/" not in html.split("<main", 1)[1].split("</main>")[0]
    assert f'href="{session_fiche_url(answered, 1)}#methode"' in html


# --- « Ajouter une action à cette étape » ------------------------------------------------------


def test_the_method_page_offers_an_action_at_each_step_prefilled_with_the_weakest_statement(
    client_as, facilitator, answered
):
    html = client_as(facilitator).get(method_url(answered, "temps")).content.decode()
    temps = answered.questionnaire.themes.get(code="temps")
    for code in ("avant-projet", "preparation", "validation", "realisation", "suivi"):
        part = step(html, code)
        form = part[part.index('<form method="get"') :]
        assert f'action="{create_url(answered)}"' in form
        assert f'name="theme" value="{temps.pk}"' in form
        assert f'name="step" value="{code}"' in form
        assert "Ajouter une action à cette étape" in form
        # temps: every statement is weak (N or ? for most); the first one is proposed.
        first = statement("temps.1")
        assert re.search(rf'<option value="{first.pk}" selected>', form)
        assert form.count("<option") == 6  # the theme in general + its five statements


def test_a_member_reads_the_method_without_the_add_action_forms(client_as, member, answered):
    html = client_as(member).get(method_url(answered)).content.decode()
    assert "Ajouter une action à cette étape" not in html


def test_the_action_form_opens_prefilled_with_theme_step_and_statement(
    client_as, facilitator, answered
):
    temps, target = answered.questionnaire.themes.get(code="temps"), statement("temps.3")
    query = f"?theme={temps.pk}&step=validation&statement={target.pk}"
    response = client_as(facilitator).get(create_url(answered) + query)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["theme"].value() == temps.pk
    assert form["step"].value() == "validation"
    assert form["statement"].value() == target.pk
    html = response.content.decode()
    assert re.search(rf'<option value="{target.pk}" selected>temps.3 · ', html)


@pytest.mark.parametrize(
    "query", ["?step=demain", "?statement=abc", "?statement=²", "?statement=9999999999", "?step="]
)
def test_a_forged_prefill_is_left_out_and_never_a_500(client_as, facilitator, answered, query):
    response = client_as(facilitator).get(create_url(answered) + query)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["step"].value() == Action.Step.AVANT_PROJET
    assert form["statement"].value() in (None, "")


def post_action(client, session, **fields):
    data = {"title": "Une heure sans mail par jour", "step": "realisation", "status": "todo"}
    return client.post(create_url(session), data | fields)


def test_an_action_saved_with_its_statement_shows_it_on_the_plan(client_as, facilitator, answered):
    temps, target = answered.questionnaire.themes.get(code="temps"), statement("temps.3")
    client = client_as(facilitator)
    response = post_action(client, answered, theme=temps.pk, statement=target.pk)
    assert response.status_code == 302
    action = Action.objects.get(session=answered)
    assert (action.statement, action.step) == (target, "realisation")
    plan = client.get(reverse("plans:plan", args=[answered.cooperative.slug, answered.pk]))
    cell = re.search(r'data-action-statement="temps.3">(.*?)</div>', plan.content.decode())
    assert cell.group(1) == f"Répond à « {escape(target.localized_text)} »"


def test_a_statement_of_another_theme_is_refused_and_nothing_is_saved(
    client_as, facilitator, answered
):
    temps = answered.questionnaire.themes.get(code="temps")
    response = post_action(
        client_as(facilitator), answered, theme=temps.pk, statement=statement("projet.1").pk
    )
    assert response.status_code == 200
    assert "Choisissez une affirmation du thème de l’action, ou aucune." in (
        response.content.decode()
    )
    assert not Action.objects.exists()


@pytest.mark.parametrize("forged", ["9999999", "abc", "-1"])
def test_a_forged_statement_is_refused_beside_its_field(client_as, facilitator, answered, forged):
    temps = answered.questionnaire.themes.get(code="temps")
    response = post_action(client_as(facilitator), answered, theme=temps.pk, statement=forged)
    assert response.status_code == 200
    assert response.context["form"].errors["statement"] == [
        "Choisissez une affirmation de ce questionnaire."
    ]
    assert not Action.objects.exists()


def test_an_action_for_the_theme_as_a_whole_has_no_statement(client_as, facilitator, answered):
    temps = answered.questionnaire.themes.get(code="temps")
    assert post_action(client_as(facilitator), answered, theme=temps.pk).status_code == 302
    assert Action.objects.get().statement is None


def test_a_member_cannot_open_the_prefilled_action_form(client_as, member, answered):
    assert client_as(member).get(create_url(answered) + "?step=suivi").status_code == 403


def test_the_consolidation_form_flags_only_the_statements_that_split_the_team(
    client_as, facilitator, closed_session
):
    # Four sheets: projet.2 gets Oui, Oui, Non, Non (split); every other statement Oui, Oui,
    # Oui, Non (one dissenter, « 25 % (fort) » before: not split).
    for letters in ("Y" * 30, "Y" * 30, "YN" + "Y" * 28, "N" * 30):
        make_respondent(closed_session, letters)
    url = reverse("plans:consolidate", args=[closed_session.cooperative.slug, closed_session.pk])
    html = client_as(facilitator).get(url).content.decode()
    assert re.findall(r'data-split="([a-z.0-9]+)"', html) == ["projet.2"]
    assert "— désaccord" not in html

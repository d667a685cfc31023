"""The team's decisions: ticking 1 to 3 priorities, the ranking by agreed scores, the plan page
with the chosen priorities and its PDF button, the compte rendu page, the meeting date."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from diagnostics import scoring
from diagnostics.models import Questionnaire, Theme
from plans import priorities, services
from plans.models import Action, ChosenPriority, ConsolidatedAnswer
from tests.factories import MembershipFactory, UserFactory, make_respondent
from tests.plans.conftest import plan_url


def consolidate(session, user, by_theme):
    """Agree on every statement: `by_theme[i]` « Oui » first in theme i, « Non » after."""
    themes = list(session.questionnaire.themes.order_by("order"))
    choices = {}
    for theme, yes in zip(themes, by_theme, strict=True):
        for i, statement in enumerate(theme.statements.order_by("order")):
            choices[statement.pk] = ("yes" if i < yes else "no", "")
    services.save_consolidation(session, choices, user)


# --- Ranking by the team's agreed score ----------------------------------------------------------


def test_after_consolidation_the_ranking_reads_the_teams_agreed_scores(
    client_as, member, facilitator, visible_session, themes
):
    # Means: 5.0 3.7 2.3 1.3 0.3 0.0. The team agrees on 1 1 3 4 5 5: the first two become the
    # weakest, the last two — once « prioritaires » — the strongest. Ties by the share of « ? »:
    # theme 2 (1 « ? » in 15) before theme 1 (none), theme 6 (all « ? ») before theme 5.
    consolidate(visible_session, facilitator, [1, 1, 3, 4, 5, 5])
    html = client_as(member).get(plan_url("priorities", visible_session)).content.decode()
    order = [html.index(f'id="priorite-{themes[i].code}"') for i in (1, 0, 2, 3, 5, 4)]
    assert order == sorted(order)
    assert f'data-agreed="{themes[0].code}">1 sur 5' in html
    plan = client_as(member).get(plan_url("plan", visible_session)).content.decode()
    proposed = [t.code for t in themes if f'data-priority="{t.code}"' in plan]
    assert proposed == [themes[0].code, themes[1].code, themes[2].code]


def test_a_theme_not_fully_agreed_ranks_by_its_mean(visible_session, facilitator, themes):
    consolidate(visible_session, facilitator, [0, 0, 0, 0, 5, 5])
    ConsolidatedAnswer.objects.filter(statement__theme=themes[0]).first().delete()
    agreed = priorities.agreed_scores(visible_session)
    assert agreed[themes[0].pk] is None and agreed[themes[1].pk] == 0
    ranked = priorities.rank_priorities(
        services.analyse(visible_session, _results(visible_session)).results, agreed
    )
    codes = [p.theme.code for p in ranked]
    # theme 1 by its mean 5.0 (strongest), 2 to 4 at 0, 5 and 6 at 5 (agreed).
    assert codes[:3] == [themes[1].code, themes[2].code, themes[3].code]
    assert codes[-1] == themes[0].code


def _results(session):
    return scoring.results_state(session).results


# --- Ticking the priorities -------------------------------------------------------------------


def test_the_facilitator_ticks_two_priorities_and_every_page_shows_them(
    client_as, facilitator, member, visible_session, themes
):
    response = client_as(facilitator).post(
        plan_url("priorities", visible_session), {"themes": [themes[2].pk, themes[0].pk]}
    )
    assert response.status_code == 302
    assert priorities.chosen(visible_session) == [themes[2], themes[0]]
    assert priorities.chosen_method(visible_session) == "tick"
    page = client_as(member).get(plan_url("priorities", visible_session)).content.decode()
    assert "Priorités retenues par l’équipe" in page and 'name="themes"' not in page
    plan = client_as(member).get(plan_url("plan", visible_session)).content.decode()
    assert plan.count("priorité retenue</span>") == 2
    assert (
        f'data-priority="{themes[2].code}"' in plan
        and f'data-priority="{themes[5].code}"' not in plan
    )
    summary = client_as(member).get(plan_url("summary", visible_session)).content.decode()
    kept = summary[summary.index("Priorités retenues") : summary.index('id="summary-actions"')]
    assert kept.index(themes[2].title) < kept.index(themes[0].title)
    assert themes[5].title not in kept


def test_the_facilitators_form_ticks_the_proposed_priorities_by_default(
    client_as, facilitator, visible_session, themes
):
    html = client_as(facilitator).get(plan_url("priorities", visible_session)).content.decode()
    assert 'id="choisir"' in html
    # No choice yet: the three proposed (weakest) themes are ticked, the others not.
    for theme in themes:
        box = re.search(rf'<input [^>]*id="choisir-{theme.code}"[^>]*>', html).group(0)
        assert ("checked" in box) == (theme in themes[3:]), theme.code


@pytest.mark.parametrize("count", [0, 4])
def test_zero_or_four_themes_give_a_clear_message_and_change_nothing(
    client_as, facilitator, visible_session, themes, count
):
    priorities.choose(visible_session, [themes[1]], "tick")
    response = client_as(facilitator).post(
        plan_url("priorities", visible_session),
        {"themes": [t.pk for t in themes[:count]]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Choisissez entre une et trois priorités." in response.content.decode()
    assert priorities.chosen(visible_session) == [themes[1]]


@pytest.mark.parametrize("forged", ["abc", "99999999", "-1"])
def test_a_forged_theme_is_a_400_and_changes_nothing(
    client_as, facilitator, visible_session, themes, forged
):
    response = client_as(facilitator).post(
        plan_url("priorities", visible_session), {"themes": [themes[0].pk, forged]}
    )
    assert response.status_code == 400
    assert "Ce thème n’existe pas dans ce questionnaire." in response.content.decode()
    assert not ChosenPriority.objects.exists()


def test_a_theme_of_another_questionnaire_is_a_400(client_as, facilitator, visible_session):
    other = Questionnaire.objects.create(code="autre", title="Autre")
    foreign = Theme.objects.create(
        questionnaire=other, code="x", order=1, title="X", fiche_number=1
    )
    response = client_as(facilitator).post(
        plan_url("priorities", visible_session), {"themes": [foreign.pk]}
    )
    assert response.status_code == 400
    assert not ChosenPriority.objects.exists()


def test_a_member_cannot_choose_the_priorities(client_as, member, visible_session, themes):
    response = client_as(member).post(
        plan_url("priorities", visible_session), {"themes": [themes[0].pk]}
    )
    assert response.status_code == 403
    assert not ChosenPriority.objects.exists()


def test_an_outsider_cannot_choose_them_either(client_as, outsider, visible_session, themes):
    response = client_as(outsider).post(
        plan_url("priorities", visible_session), {"themes": [themes[0].pk]}
    )
    assert response.status_code == 404
    assert not ChosenPriority.objects.exists()


def test_nothing_is_chosen_on_an_open_session(client_as, facilitator, open_session):
    theme = open_session.questionnaire.themes.first()
    response = client_as(facilitator).post(
        plan_url("priorities", open_session), {"themes": [theme.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "après la clôture" in response.content.decode()
    assert not ChosenPriority.objects.exists()


# --- The plan page, the compte rendu page ---------------------------------------------------------


def test_the_plan_page_has_the_pdf_button_for_the_facilitator_only(
    client_as, facilitator, member, visible_session
):
    html = client_as(facilitator).get(plan_url("plan", visible_session)).content.decode()
    pdf = f"/c/{visible_session.cooperative.slug}/sessions/{visible_session.pk}/rapport.pdf"
    assert f'href="{pdf}"' in html and "Télécharger le PDF" in html
    html = client_as(member).get(plan_url("plan", visible_session)).content.decode()
    assert "Télécharger le PDF" not in html


def test_the_summary_names_owners_never_their_address(
    client_as, member, cooperative, visible_session, themes
):
    lea = MembershipFactory(
        cooperative=cooperative,
        user=UserFactory(email="lea@tisserands.coop", first_name="Léa", last_name="Martin"),
    )
    nameless = MembershipFactory(cooperative=cooperative, user=UserFactory(email="x@y.coop"))
    due = timezone.localdate() + timedelta(days=20)
    Action.objects.create(
        session=visible_session, theme=themes[0], title="Charte", owner_membership=lea, due_date=due
    )
    Action.objects.create(
        session=visible_session, theme=themes[1], title="Outils", owner_membership=nameless
    )
    html = client_as(member).get(plan_url("summary", visible_session)).content.decode()
    assert "Léa Martin" in html and "(sans nom)" in html
    assert "lea@tisserands.coop" not in html and "x@y.coop" not in html
    assert due.strftime("%d") in html and "Priorités proposées" in html
    plan = client_as(member).get(plan_url("plan", visible_session)).content.decode()
    assert "lea@tisserands.coop" not in plan and "Léa Martin" in plan


def test_the_summary_waits_for_visible_results(client_as, member, closed_session):
    response = client_as(member).get(plan_url("summary", closed_session))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/sessions/{closed_session.pk}/resultats/")


# --- The meeting date -----------------------------------------------------------------------


def test_the_facilitator_sets_then_clears_the_meeting_date(client_as, facilitator, visible_session):
    day = timezone.localdate() + timedelta(days=10)
    response = client_as(facilitator).post(
        plan_url("meeting_date", visible_session), {"meeting_date": day.isoformat()}
    )
    assert response.status_code == 302
    visible_session.refresh_from_db()
    assert visible_session.meeting_date == day
    client_as(facilitator).post(plan_url("meeting_date", visible_session), {"meeting_date": ""})
    visible_session.refresh_from_db()
    assert visible_session.meeting_date is None


def test_the_meeting_date_can_be_set_before_the_close(client_as, facilitator, open_session):
    day = timezone.localdate() + timedelta(days=3)
    client_as(facilitator).post(plan_url("meeting_date", open_session), {"meeting_date": str(day)})
    open_session.refresh_from_db()
    assert open_session.meeting_date == day


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("pas une date", "Saisissez une date valide"),
        ("2027-02-30", "Saisissez une date valide"),
        ("0202-03-15", "entre l’an dernier et les deux ans à venir"),
        ("20277-03-15", "Saisissez une date valide"),
    ],
)
def test_a_bad_meeting_date_says_why_and_changes_nothing(
    client_as, facilitator, visible_session, value, message
):
    visible_session.meeting_date = date.today()
    visible_session.save(update_fields=["meeting_date"])
    response = client_as(facilitator).post(
        plan_url("meeting_date", visible_session), {"meeting_date": value}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    visible_session.refresh_from_db()
    assert visible_session.meeting_date == date.today()


def test_a_member_cannot_set_the_meeting_date(client_as, member, visible_session):
    response = client_as(member).post(
        plan_url("meeting_date", visible_session), {"meeting_date": "2027-01-10"}
    )
    assert response.status_code == 403
    visible_session.refresh_from_db()
    assert visible_session.meeting_date is None


def test_the_meeting_date_link_is_on_the_priorities_page_before_the_close(
    client_as, facilitator, member, open_session
):
    html = client_as(facilitator).get(plan_url("priorities", open_session)).content.decode()
    assert 'id="meeting-date-link"' in html and 'id="results-hidden"' in html
    html = client_as(member).get(plan_url("priorities", open_session)).content.decode()
    assert 'id="meeting-date-link"' not in html


@pytest.mark.parametrize("respondents", [3, 60])
def test_the_summary_and_the_team_results_cost_the_same_queries_for_3_and_60(
    client, client_as, member, visible_session, themes, respondents, django_assert_max_num_queries
):
    for n in range(respondents - 3):
        make_respondent(visible_session, ("YNU"[n % 3] * 5 + "YYNNU") * 3)
    for n in range(8):
        Action.objects.create(session=visible_session, theme=themes[n % 6], title=f"Action {n}")
    priorities.choose(visible_session, [themes[0]], "tick")
    member_client = client_as(member)
    member_client.get(plan_url("summary", visible_session))  # warm the per-process caches
    # Login session, user, membership, session, participation (page and stepper), consolidated
    # answers, actions, chosen priorities, the stepper's progress, and whether any of the guide's
    # exercises was filled (exercises.report: one query when none): whatever the team's size.
    with django_assert_max_num_queries(12):
        assert member_client.get(plan_url("summary", visible_session)).status_code == 200
    link = reverse("plans:team_results", args=[visible_session.join_token])
    client.logout()
    client.get(link)
    # Session by its key, participation, consolidated answers, actions, chosen priorities, and
    # the (anonymous) session lookup, and whether a charter is in force (the link to it,
    # exercises.links.join_link_pages): whatever the team's size.
    with django_assert_max_num_queries(7):
        assert client.get(link).status_code == 200

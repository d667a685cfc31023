"""The session's path (issue 14, point 1): for each state, the step it stands at and the one
primary « next » button, for the facilitator and for a member, on every session page."""

import re

import pytest
from django.urls import reverse

from plans import priorities
from plans.models import Action, ConsolidatedAnswer
from plans.stepper import State, state_of, stepper_for
from tests.factories import SessionFactory, make_respondent
from tests.plans.conftest import SHEETS


def consolidate_all(session):
    ConsolidatedAnswer.objects.bulk_create(
        ConsolidatedAnswer(session=session, statement=s, value="yes")
        for s in session.questionnaire.themes.get(order=1).statements.all()
    )
    for theme in session.questionnaire.themes.exclude(order=1):
        ConsolidatedAnswer.objects.bulk_create(
            ConsolidatedAnswer(session=session, statement=s, value="no")
            for s in theme.statements.all()
        )


def add_action(session):
    theme = session.questionnaire.themes.order_by("order").last()
    return Action.objects.create(session=session, theme=theme, title="Former l’équipe")


def followed_up(session):
    return SessionFactory(
        cooperative=session.cooperative, title="Diagnostic d’automne", previous=session
    )


@pytest.fixture
def below_k_session(closed_session):
    make_respondent(closed_session, SHEETS[0])  # one sheet, k = 3
    return closed_session


def membership_of(user, cooperative):
    return user.memberships.get(cooperative=cooperative)


# state, step, facilitator's button, member's button
EXPECTED = {
    State.DRAFT: ("answers", "Ouvrir la session", None),
    State.OPEN: ("answers", "Clôturer la session", "Répondre au questionnaire"),
    State.CLOSED_BELOW_K: ("answers", "Relancer un diagnostic", None),
    State.CLOSED: ("meeting", "Lancer l’atelier avec l’équipe", "Résultats de l’équipe"),
    State.CONSOLIDATED: ("priorities", "Choisir les priorités", "Voir les priorités"),
    State.PRIORITISED: ("method", "Décider des actions", "Voir la démarche"),
    State.PLANNED: ("summary", "Voir le compte rendu", "Voir le compte rendu"),
    State.FOLLOWED_UP: (
        "followup",
        "Comparer avec « Diagnostic d’automne »",
        "Comparer avec « Diagnostic d’automne »",
    ),
}


@pytest.fixture
def session_in(request, cooperative, draft_session, open_session, closed_session):
    """session_in(state): a session of the cooperative in that state."""

    def make(state):
        if state == State.DRAFT:
            return draft_session
        if state == State.OPEN:
            return open_session
        if state == State.CLOSED_BELOW_K:
            make_respondent(closed_session, SHEETS[0])
            return closed_session
        for letters in SHEETS:
            make_respondent(closed_session, letters)
        if state == State.CLOSED:
            return closed_session
        consolidate_all(closed_session)
        if state == State.CONSOLIDATED:
            return closed_session
        themes = list(closed_session.questionnaire.themes.order_by("order"))
        priorities.choose(closed_session, [themes[5], themes[4]])
        if state == State.PRIORITISED:
            return closed_session
        add_action(closed_session)
        if state == State.PLANNED:
            return closed_session
        followed_up(closed_session)
        return closed_session

    return make


@pytest.mark.parametrize("state", list(EXPECTED))
def test_each_state_has_its_current_step_and_its_primary_button(
    state, session_in, facilitator, member
):
    session = session_in(state)
    step, for_facilitator, for_member = EXPECTED[state]
    assert state_of(session).state == state
    lead = stepper_for(session, membership_of(facilitator, session.cooperative))
    assert lead.current.key == step
    assert lead.primary.label == for_facilitator
    team = stepper_for(session, membership_of(member, session.cooperative))
    assert team.current.key == step
    assert (team.primary.label if team.primary else None) == for_member
    # The steps before the current one are done, the later ones not.
    keys = [s.key for s in lead.steps]
    assert [s.done for s in lead.steps] == [i < keys.index(step) for i in range(6)]


def test_a_partly_consolidated_session_is_still_at_the_meeting(session_in):
    session = session_in(State.CLOSED)
    ConsolidatedAnswer.objects.create(
        session=session,
        statement=session.questionnaire.themes.first().statements.first(),
        value="yes",
    )
    assert state_of(session).state == State.CLOSED


def test_an_action_without_chosen_priorities_still_makes_the_session_planned(session_in):
    session = session_in(State.CLOSED)
    add_action(session)
    assert state_of(session).state == State.PLANNED


def test_the_primary_buttons_lead_where_the_state_says(session_in, facilitator):
    lead = membership_of(facilitator, session_in(State.DRAFT).cooperative)
    slug = lead.cooperative.slug
    draft = session_in(State.DRAFT)
    button = stepper_for(draft, lead).primary
    assert button.post and button.url == reverse("diagnostics:session_open", args=[slug, draft.pk])
    prioritised = session_in(State.PRIORITISED)
    theme = priorities.chosen(prioritised)[0]
    assert stepper_for(prioritised, lead).primary.url == reverse(
        "plans:method", args=[slug, prioritised.pk, theme.code]
    )


def test_the_followed_up_button_compares_the_session_with_the_later_one(session_in, member):
    session = session_in(State.FOLLOWED_UP)
    later = session.followups.get()
    button = stepper_for(session, membership_of(member, session.cooperative)).primary
    compare = reverse("followup:compare", args=[session.cooperative.slug])
    assert button.url == f"{compare}?avant={session.pk}&apres={later.pk}"


def test_no_later_step_is_a_link_while_the_results_are_hidden(session_in, facilitator):
    session = session_in(State.CLOSED_BELOW_K)
    steps = stepper_for(session, membership_of(facilitator, session.cooperative)).steps
    assert [bool(s.url) for s in steps] == [True, False, False, False, False, False]


def test_the_primary_button_is_left_out_on_the_page_it_leads_to(session_in, facilitator):
    session = session_in(State.CONSOLIDATED)
    lead = membership_of(facilitator, session.cooperative)
    url = reverse("plans:priorities", args=[session.cooperative.slug, session.pk])
    assert stepper_for(session, lead, page="priorities", path=url).primary is None


def stepper_html(html):
    match = re.search(r'<nav class="stepper.*?</nav>', html, re.S)
    assert match, "no stepper on the page"
    return match.group(0)


SESSION_PAGES = [
    ("diagnostics:session", ()),
    ("plans:results", ()),
    ("plans:priorities", ()),
    ("plans:method", ("THEME",)),
    ("plans:consolidate", ()),
    ("plans:plan", ()),
    ("plans:action_create", ()),
]


@pytest.mark.parametrize(("name", "extra"), SESSION_PAGES)
def test_every_session_page_shows_the_stepper_with_one_primary_button(
    name, extra, session_in, client_as, facilitator
):
    session = session_in(State.CONSOLIDATED)
    theme = session.questionnaire.themes.order_by("order").first()
    args = [session.cooperative.slug, session.pk, *[theme.code for _ in extra]]
    response = client_as(facilitator).get(reverse(name, args=args))
    assert response.status_code == 200
    nav = stepper_html(response.content.decode())
    assert 'data-state="consolidated"' in nav
    assert re.search(r'<li class="stepper-step is-current[^"]*" data-path-step="priorities"', nav)
    # On the priorities page itself the button would lead to the same page: left out.
    assert nav.count("btn btn-primary") == (0 if name == "plans:priorities" else 1)


def test_the_session_page_has_one_primary_button_in_every_state(session_in, client_as, facilitator):
    for state in (State.DRAFT, State.OPEN):
        session = session_in(state)
        url = reverse("diagnostics:session", args=[session.cooperative.slug, session.pk])
        html = client_as(facilitator).get(url).content.decode()
        assert html.count("btn btn-primary") == 1, state


def test_a_member_sees_the_path_without_the_facilitators_buttons(session_in, client_as, member):
    session = session_in(State.DRAFT)
    url = reverse("diagnostics:session", args=[session.cooperative.slug, session.pk])
    nav = stepper_html(client_as(member).get(url).content.decode())
    assert "Ouvrir la session" not in nav and "btn btn-primary" not in nav


@pytest.mark.parametrize(
    ("sheets", "state", "queries"),
    # Below k no copy is kept: the sheets are counted (1). From k the copy has the count: the
    # progress and the chosen priorities only (2).
    [(1, State.CLOSED_BELOW_K, 1), (3, State.CLOSED, 2)],
)
def test_the_state_of_a_session_closed_by_the_facilitator_is_read_in_few_queries(
    open_session, sheets, state, queries, django_assert_num_queries
):
    from diagnostics import services

    for letters in SHEETS[:sheets]:
        make_respondent(open_session, letters)
    services.close_session(open_session)
    open_session.refresh_from_db()
    with django_assert_num_queries(queries):
        assert state_of(open_session).state == state

"""The team keeps 1 to 3 priorities: plans.priorities.choose / chosen."""

import pytest

from diagnostics.models import Questionnaire, Theme
from plans.models import ChosenPriority
from plans.priorities import ForeignTheme, InvalidChoice, choose, chosen, chosen_method
from tests.factories import SessionFactory, make_respondent


def test_no_session_has_chosen_priorities_until_the_team_chooses(visible_session):
    assert chosen(visible_session) == []
    assert chosen_method(visible_session) is None


def test_choose_keeps_the_themes_in_the_teams_order_and_replaces_an_earlier_choice(
    visible_session, themes, facilitator
):
    choose(visible_session, [themes[3], themes[0]], "tick", user=facilitator)
    assert chosen(visible_session) == [themes[3], themes[0]]
    choose(visible_session, [themes[5].pk, themes[2].pk, themes[1].pk], method="vote")
    assert chosen(visible_session) == [themes[5], themes[2], themes[1]]
    assert chosen_method(visible_session) == "vote"
    assert ChosenPriority.objects.filter(session=visible_session).count() == 3


@pytest.mark.parametrize("count", [0, 4])
def test_zero_or_four_themes_are_refused_and_nothing_changes(visible_session, themes, count):
    choose(visible_session, [themes[1]], "tick")
    with pytest.raises(InvalidChoice, match="entre une et trois"):
        choose(visible_session, themes[:count], "tick")
    assert chosen(visible_session) == [themes[1]]


def test_the_same_theme_twice_counts_once(visible_session, themes):
    assert choose(visible_session, [themes[2], themes[2].pk], "tick") == [themes[2]]


def test_a_theme_of_another_questionnaire_is_refused(visible_session, themes):
    other = Questionnaire.objects.create(code="autre", title="Autre")
    foreign = Theme.objects.create(
        questionnaire=other, code="x", order=1, title="X", fiche_number=1
    )
    with pytest.raises(ForeignTheme):
        choose(visible_session, [themes[0], foreign], "tick")
    with pytest.raises(ForeignTheme):
        choose(visible_session, ["abc"], "tick")
    assert chosen(visible_session) == []


def test_an_unknown_method_is_refused(visible_session, themes):
    with pytest.raises(InvalidChoice):
        choose(visible_session, [themes[0]], "dice")


@pytest.mark.parametrize("status", ["draft", "open"])
def test_nothing_is_chosen_before_the_close(cooperative, status):
    session = SessionFactory(cooperative=cooperative, status=status)
    for _ in range(3):
        make_respondent(session, "Y" * 30)
    with pytest.raises(InvalidChoice, match="après la clôture"):
        choose(session, list(session.questionnaire.themes.all()[:1]), "tick")


def test_nothing_is_chosen_below_the_threshold(closed_session):
    make_respondent(closed_session, "Y" * 30)
    with pytest.raises(InvalidChoice):
        choose(closed_session, list(closed_session.questionnaire.themes.all()[:1]), "tick")

"""Every page of the app runs a bounded number of queries, whatever the team size."""

import pytest

from diagnostics import scoring
from plans import services
from plans.models import Action
from tests.factories import make_respondent
from tests.plans.conftest import plan_url, results_url


@pytest.fixture(params=[3, 60], ids=["3 respondents", "60 respondents"])
def sized_session(request, closed_session, facilitator, themes):
    for n in range(request.param - 3):
        make_respondent(closed_session, ("YNU"[n % 3] * 5 + "YYNNU") * 3)
    analysis = services.analyse(
        closed_session, scoring.compute_results(closed_session, request.param)
    )
    services.save_consolidation(
        closed_session, services.consolidation_initial(analysis), facilitator
    )
    for n in range(8):
        Action.objects.create(
            session=closed_session, theme=themes[n % 6], title=f"Action {n}", position=n
        )
    return closed_session


@pytest.mark.parametrize(
    ("name", "budget"),
    # The stepper adds its session's progress (1) and, where the page has not counted the
    # sheets itself, that count (1); the action form its list of statements (1). Issue 14.
    [("consolidate", 9), ("plan", 11), ("action_create", 10)],
)
def test_the_pages_run_few_queries_for_any_team_size(
    client_as, facilitator, sized_session, django_assert_max_num_queries, name, budget
):
    client = client_as(facilitator)
    with django_assert_max_num_queries(budget):
        response = client.get(plan_url(name, sized_session))
    assert response.status_code == 200


def test_the_results_page_with_a_consolidation_stays_within_its_budget(
    client_as, facilitator, sized_session, django_assert_max_num_queries
):
    client = client_as(facilitator)
    # 8, the stepper's progress query, and the cooperative's networks (its position in them)
    with django_assert_max_num_queries(10):
        response = client.get(results_url(sized_session))
    assert response.context["analysis"].is_consolidated


def test_saving_the_consolidation_is_a_constant_number_of_queries(
    client_as, facilitator, sized_session, django_assert_max_num_queries
):
    client = client_as(facilitator)
    form = client.get(plan_url("consolidate", sized_session)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    with django_assert_max_num_queries(14):
        response = client.post(plan_url("consolidate", sized_session), data)
    assert response.status_code == 302

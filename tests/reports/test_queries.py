"""The files of a session run a bounded number of queries, whatever the team size."""

import pytest

from tests.plans import test_queries as plans_queries
from tests.reports.conftest import report_url

sized_session = plans_queries.sized_session  # 3 or 60 sheets, a consolidation, 8 actions


@pytest.mark.parametrize(("name", "budget"), [("results_csv", 8), ("plan_csv", 6)])
def test_the_csv_files_run_few_queries_for_any_team_size(
    client_as, facilitator, sized_session, django_assert_max_num_queries, name, budget
):
    client = client_as(facilitator)
    with django_assert_max_num_queries(budget):
        response = client.get(report_url(name, sized_session))
    assert response.status_code == 200


def test_the_pdf_runs_few_queries(
    client_as, facilitator, sized_session, django_assert_max_num_queries
):
    client = client_as(facilitator)
    # 9, and 1 to learn that none of the guide's exercises was filled (issue 17: no chapter).
    with django_assert_max_num_queries(10):
        response = client.get(report_url("pdf", sized_session))
    assert response.status_code == 200

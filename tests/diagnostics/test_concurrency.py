"""The same step posted twice at once leaves exactly one answer per statement."""

import threading

import pytest
from django.db import connection, connections

from diagnostics import services
from diagnostics.models import Answer
from tests.factories import SessionFactory, make_respondent


@pytest.mark.django_db(transaction=True)
def test_the_same_step_saved_twice_at_once_keeps_one_answer_per_statement(cooperative):
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL; CI runs it)")
    session = SessionFactory(cooperative=cooperative, status="open")
    respondent = make_respondent(session, submitted=False)
    statements = [s for s in services.statements_of(session.questionnaire_id) if s.theme.order == 1]
    barrier = threading.Barrier(4)
    errors = []

    def post(value):
        try:
            barrier.wait()
            services.save_answers(respondent, {s.pk: value for s in statements}, next_theme=2)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(v,)) for v in ("yes", "no", "yes", "unsure")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Answer.objects.filter(respondent=respondent).count() == 5
    assert Answer.objects.filter(respondent=respondent).values("value").distinct().count() == 1

"""The guide's quiz comes from a data migration; a transactional test's flush must not lose it
for the tests after it (the browser tests use live_server, which flushes). pytest-django runs
transactional tests after the others, in file order: the second one runs after a flush."""

import pytest

from diagnostics import quiz
from diagnostics.models import Statement

pytestmark = pytest.mark.django_db(transaction=True)


def guide_statements():
    return Statement.objects.filter(theme__questionnaire__code="qvt-numerique-2018")


def test_a_transactional_test_sees_the_quiz():
    assert guide_statements().count() == 30


def test_the_next_transactional_test_still_has_the_quiz_with_its_english():
    statements = guide_statements()
    assert statements.count() == 30
    assert all(s.text_en for s in statements)
    cached = quiz.statements_of(statements[0].theme.questionnaire_id)
    assert [s.pk for s in cached] == [s.pk for s in statements.order_by("theme__order", "order")]

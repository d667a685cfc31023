"""The guide's quiz comes from a data migration; a transactional test's flush must not lose it
for the tests after it (the browser tests use live_server, which flushes)."""

import pytest

from diagnostics.models import Questionnaire, Statement


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_quiz():
    assert Statement.objects.filter(theme__questionnaire__code="qvt-numerique-2018").count() == 30


def test_the_next_test_still_has_the_quiz_with_its_english(db):
    questionnaire = Questionnaire.objects.get(code="qvt-numerique-2018")
    statements = Statement.objects.filter(theme__questionnaire=questionnaire)
    assert statements.count() == 30
    assert all(s.text_en for s in statements)

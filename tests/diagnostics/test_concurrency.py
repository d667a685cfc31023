"""The same step posted twice at once leaves exactly one answer per statement."""

import threading

import pytest
from django.db import connection, connections

from diagnostics import quiz, services
from diagnostics.models import Answer
from tests.factories import SessionFactory, make_respondent


@pytest.mark.django_db(transaction=True)
def test_the_same_step_saved_twice_at_once_keeps_one_answer_per_statement(cooperative):
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL; CI runs it)")
    session = SessionFactory(cooperative=cooperative, status="open")
    respondent = make_respondent(session, submitted=False)
    statements = [s for s in quiz.statements_of(session.questionnaire_id) if s.theme.order == 1]
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


def _at_once(count, post):
    """Run post(i) in `count` threads released together; returns their results."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        try:
            barrier.wait()
            results[i] = post(i)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_start_makes_one_sheet_and_no_error(cooperative, member):
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL; CI runs it)")
    from django.test import Client
    from django.urls import reverse

    from diagnostics.models import Respondent

    session = SessionFactory(cooperative=cooperative, status="open")
    url = reverse("answers:start", args=[session.join_token])
    browser = Client()
    browser.force_login(member)
    form_token = browser.get(url).context["form_token"]
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(member)  # one browser: the same login, the same form
    statuses = _at_once(2, lambda i: clients[i].post(url, {"sheet": form_token}).status_code)
    assert statuses == [302, 302]
    assert Respondent.objects.filter(session=session).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_cap_holds_when_sheets_are_started_at_once(cooperative):
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections (PostgreSQL; CI runs it)")
    from django.test import Client
    from django.urls import reverse

    from diagnostics.models import Respondent

    session = SessionFactory(cooperative=cooperative, status="open", team_size=2)
    url = reverse("answers:start", args=[session.join_token])
    statuses = _at_once(5, lambda i: Client(REMOTE_ADDR=f"10.0.0.{i + 1}").post(url).status_code)
    assert sorted(statuses) == [302, 302, 409, 409, 409]
    assert Respondent.objects.filter(session=session).count() == 2

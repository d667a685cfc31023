"""An overdue action's row is tinted (.table-warning): its « Enregistrer » button and its link
stay readable there (axe: 0 serious or critical, contrast included), on the cooperative's home
page, where the follow-up lists open actions, and on the next session's results page, which
reviews the previous plan — at 1280 and 390 px. Seen failing on the demo (4.06:1)."""

import datetime

import pytest

from plans.models import Action
from tests.e2e.conftest import DESKTOP, PHONE, axe_violations, format_violations
from tests.e2e.test_accessibility import log_in
from tests.factories import SessionFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def late_action(cooperative):
    first = SessionFactory(cooperative=cooperative, title="Diagnostic 2025", status="closed")
    for _ in range(3):
        make_respondent(first, "YYNNU" * 6)
    Action.objects.create(
        session=first,
        theme=first.questionnaire.themes.get(order=3),
        title="Écrire une charte du droit à la déconnexion",
        owner_name="CSE",
        due_date=datetime.date.today() - datetime.timedelta(days=30),
    )
    later = SessionFactory(cooperative=cooperative, title="Diagnostic 2026", status="closed")
    later.previous = first
    later.save(update_fields=["previous"])
    for _ in range(3):
        make_respondent(later, "YYYNU" * 6)
    return later


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_an_overdue_actions_row_passes_the_audit(
    open_context, live_server, facilitator, cooperative, late_action, artifacts, viewport
):
    from django.urls import reverse

    context = open_context(viewport=viewport)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    for url in (
        reverse("followup:dashboard", args=[cooperative.slug]),
        reverse("plans:results", args=[cooperative.slug, late_action.pk]),
    ):
        page.goto(url)
        assert page.locator("tr.table-warning").count() >= 1, url  # the late action is there
        violations = axe_violations(page)
        assert not violations, format_violations(page.url, violations)
    page.screenshot(path=str(artifacts / f"overdue-action-{viewport['width']}.png"), full_page=True)

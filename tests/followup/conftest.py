"""Hand-made sessions of the follow-up tests, with their expected numbers worked out by hand.

Three answer sheets per session, five letters per theme (Y = Oui, U = ?, N = Non), themes in
the questionnaire's order: 1 projet, 2 information, 3 temps, 4 espaces, 5 compétences,
6 management.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from diagnostics import scoring
from plans import services as plans
from tests.factories import SessionFactory, make_respondent

PARIS = ZoneInfo("Europe/Paris")

BEFORE_SHEETS = [
    "NNNNN YYNNU YYYNN YYYYY UUUUU UUUUU",
    "NNNNN YYNNU YNNNN YYYYY UUUUU UUUUU",
    "NNNNN YYNNU NNNNN YYYYY UUUUU UUUUU",
]
AFTER_SHEETS = [
    "YYYYY YYNNU YYYYN YYYNN UUUUU UUUUU",
    "YYYYY YYNNU YYYNN YYYNN UUUUU UUUUU",
    "YYYYY YYNNU YYNNN YYYNN UUUUU UUUUU",
]
# Collective score = mean number of Oui per sheet, one decimal:
#   theme 1: 0 → 5 (nobody said Oui, then everybody to everything)
#   theme 2: 2 → 2 (the same two Oui on every sheet: unchanged)
#   theme 3: (3+1+0)/3 = 1.33 → 1.3, then (4+3+2)/3 = 3.0: +1.7
#   theme 4: 5 → 3: −2.0
#   themes 5 and 6: only "?" both times: 0 → 0
BEFORE_SCORES = ["0.0", "2.0", "1.3", "5.0", "0.0", "0.0"]
AFTER_SCORES = ["5.0", "2.0", "3.0", "3.0", "0.0", "0.0"]
# Consolidated = the most frequent answer of each statement (the prefilled consolidation):
#   theme 3 before: s1 Y (2 of 3), s2–s5 N → 1; after: s1, s2, s3 Y, s4, s5 N → 3.
BEFORE_CONSOLIDATED = [0, 2, 1, 5, 0, 0]
AFTER_CONSOLIDATED = [5, 2, 3, 3, 0, 0]
# Share of Oui of theme 3's statements, rounded as shown: s1 2/3 → 67 % then 100 %,
# s2 1/3 → 33 % then 100 %, s3 33 % then 2/3 → 67 % (+34: the shown numbers' difference),
# s4 0 % then 33 %, s5 0 % both times.
THEME3_SHARES = [(67, 100), (33, 100), (33, 67), (0, 33), (0, 0)]


def at(year, month, day):
    return datetime(year, month, day, 18, 0, tzinfo=PARIS)


def closed_with(cooperative, sheets, *, title, closed_at, consolidate=False, **kwargs):
    session = SessionFactory(
        cooperative=cooperative, status="closed", title=title, closed_at=closed_at, **kwargs
    )
    for letters in sheets:
        make_respondent(session, letters)
    if consolidate:
        analysis = plans.analyse(session, scoring.compute_results(session, len(sheets)))
        plans.save_consolidation(session, plans.consolidation_initial(analysis), None)
    return session


@pytest.fixture
def before(cooperative):
    return closed_with(
        cooperative, BEFORE_SHEETS, title="Diagnostic 2025", closed_at=at(2025, 1, 10),
        consolidate=True,
    )  # fmt: skip


@pytest.fixture
def after(cooperative, before):
    return closed_with(
        cooperative, AFTER_SHEETS, title="Diagnostic 2026", closed_at=at(2026, 1, 12),
        consolidate=True, previous=before,
    )  # fmt: skip


@pytest.fixture
def themes(before):
    return list(before.questionnaire.themes.order_by("order"))


def compare_url(cooperative, **params):
    url = reverse("followup:compare", args=[cooperative.slug])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url

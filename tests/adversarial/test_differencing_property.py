"""Whatever the facilitator does, in whatever order — publish, wait for a submission, ask a
member to edit a sent sheet, see a member delete their account, close — the results they were
ever shown never isolate fewer than k sheets (issue 12, the property behind item 4).

Each example plays a random sequence through the test client (members in their own browsers,
the facilitator publishing and closing), records every result the facilitator could see after
each step, and checks against the ground truth (the sheets in the order they were sent):
- every result shown is exactly the answers of the first n sheets sent, for some n ≥ k (sheets
  are frozen once sent and never removed, so nothing else could be behind it);
- two different results shown differ by at least k sheets, so subtracting one from the other
  never gives fewer than k people's answers.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diagnostics import scoring
from diagnostics.models import DiagnosticSession
from tests.adversarial.test_differencing import VALUES, close, member_answers, publish
from tests.factories import PASSWORD, MembershipFactory, SessionFactory

answers = st.text(alphabet="YUN", min_size=30, max_size=30)
submit = st.tuples(st.just("submit"), answers)
# Submissions weigh three times as much as each other step: the attacks need several sheets.
step = st.one_of(
    submit,
    submit,
    submit,
    st.tuples(st.just("publish"), st.none()),
    st.tuples(st.just("edit"), st.integers(min_value=0, max_value=9)),
    st.tuples(st.just("delete_account"), st.integers(min_value=0, max_value=9)),
    st.tuples(st.just("close"), st.none()),
)


THREE = [("submit", "YYNNU" * 6), ("submit", "NNNYY" * 6), ("submit", "UYUNY" * 6)]
FOUR = [*THREE, ("submit", "YNYNY" * 6)]


def counts_of(sheets):
    """{statement position: (yes, unsure, no)} of these sheets (letters, questionnaire order)."""
    return [
        tuple(sum(1 for letters in sheets if letters[i] == c) for c in "YUN") for i in range(30)
    ]


def shown(session):
    """What any results page, PDF or CSV of this session would show now (or None)."""
    session.refresh_from_db()
    results = scoring.results_state(session).results
    if results is None:
        return None
    ordered = [s for t in results.themes for s in t.statements]
    return results.respondents, tuple((s.yes, s.unsure, s.no) for s in ordered)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(k=st.sampled_from([3, 4]), steps=st.lists(step, min_size=1, max_size=14))
# The attacks of the issue, always played: publish then close, deletion, edit after publishing.
@example(k=3, steps=[*THREE, ("publish", None), ("submit", "Y" * 30), ("close", None)])
@example(k=3, steps=[*FOUR, ("publish", None), ("delete_account", 3), ("close", None)])
@example(k=3, steps=[*THREE, ("publish", None), ("edit", 0), ("close", None)])
@example(k=3, steps=[*THREE, ("edit", 0), ("publish", None), ("close", None)])
def test_no_sequence_of_actions_isolates_fewer_than_k_sheets(cooperative, facilitator, k, steps):
    with transaction.atomic():
        session = SessionFactory(
            cooperative=cooperative, status=DiagnosticSession.Status.OPEN, anonymity_threshold=k
        )
        boss = Client()
        boss.force_login(facilitator)
        sent = []  # ground truth: letters of each sent sheet, in order
        browsers = []  # (member's browser, their user, whether they still have an account)
        seen = set()
        for action, arg in steps:
            session.refresh_from_db()
            if action == "submit" and session.is_open and len(sent) < 10:
                user = MembershipFactory(cooperative=cooperative).user
                browsers.append([member_answers(session, arg, user), user, True])
                sent.append(arg)
            elif action == "publish":
                publish(boss, session)
            elif action == "edit" and browsers:
                browser, _user, _alive = browsers[arg % len(browsers)]
                theme = session.questionnaire.themes.get(order=1)
                browser.post(
                    reverse("answers:theme", args=[session.join_token, 1]),
                    {f"s_{s.pk}": VALUES["N"] for s in theme.statements.all()},
                )
            elif action == "delete_account" and browsers:
                entry = browsers[arg % len(browsers)]
                if entry[2]:
                    entry[0].post(reverse("reports:delete_account"), {"confirmation": PASSWORD})
                    entry[2] = False
            elif action == "close" and session.is_open:
                close(boss, session)
            result = shown(session)
            if result is not None:
                seen.add(result)

        for respondents, counts in seen:
            assert respondents >= k
            assert list(counts) == counts_of(sent[:respondents])
        sizes = sorted({respondents for respondents, _counts in seen})
        assert all(b - a >= k for a, b in zip(sizes, sizes[1:], strict=False)), sizes
        transaction.set_rollback(True)

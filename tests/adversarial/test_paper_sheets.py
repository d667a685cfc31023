"""The facilitator types paper sheets in, so knows every one of them (issue 15, point 5).

The attack: in a team of four (k = 3) one member answered online; the facilitator types k − 1
made-up paper sheets so that results appear, then subtracts his own sheets to read that
member's answers. Or he waits for a published copy, lets one more member answer online, types
paper sheets to make the difference reach k, and subtracts. The rule against both
(diagnostics.publication): the online part of any result shown, and of any difference between
two results shown, is none or at least k sheets, whatever the paper count.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diagnostics import scoring
from tests.adversarial.test_differencing import (
    FIRST_THREE,
    FOURTH,
    close,
    csv_counts,
    member_answers,
    publish,
    shown_scores,
)
from tests.adversarial.test_differencing_property import counts_of, shown
from tests.diagnostics.paper import enter_sheet
from tests.factories import MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db

MADE_UP = ("Y" * 30, "N" * 30)  # what the facilitator typed, so knows


def results_page(browser, session):
    return browser.get(reverse("plans:results", args=[session.cooperative.slug, session.pk]))


def test_typing_k_minus_one_paper_sheets_beside_one_online_answer_shows_nothing(
    client_as, facilitator, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=4)
    member_answers(session, FOURTH)
    browser = client_as(facilitator)
    for letters in MADE_UP:
        assert enter_sheet(browser, session, letters).status_code == 302
    # Publishing is refused, with the reason.
    refused = publish(browser, session).content.decode()
    assert "Les résultats attendent au moins 3 réponses en ligne (ou aucune)" in refused
    session.refresh_from_db()
    assert session.results_snapshot is None
    # Closing does not show them either: the page says why, with no figure.
    close(browser, session)
    page = results_page(browser, session).content.decode()
    assert shown_scores(browser, session) is None
    assert "1 réponse(s) en ligne et 2 feuille(s) papier" in page
    assert "quel que soit le nombre de feuilles" in page
    state = scoring.results_state(session)
    assert state.results is None
    assert state.hidden_reason == scoring.Hidden.ONLINE_BELOW_THRESHOLD
    # Nor any file.
    for name in ("results_csv", "pdf"):
        response = browser.get(reverse(f"reports:{name}", args=[cooperative.slug, session.pk]))
        assert response.status_code != 200 or not response["Content-Type"].startswith(
            ("text/csv", "application/pdf")
        )


def test_paper_sheets_cannot_make_up_the_k_new_sheets_of_a_new_copy(
    client_as, facilitator, cooperative
):
    """Published at three online answers; a fourth member answers online and two paper sheets
    are typed: three new sheets, but one online — subtracting the known paper sheets would show
    the fourth member's answers. The published copy stays the results."""
    session = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    for letters in FIRST_THREE:
        member_answers(session, letters)
    browser = client_as(facilitator)
    publish(browser, session)
    first = shown_scores(browser, session)
    assert first is not None
    member_answers(session, FOURTH)
    for letters in MADE_UP:
        enter_sheet(browser, session, letters)
    assert "au moins 3 nouvelles réponses" in publish(browser, session).content.decode()
    close(browser, session)
    assert shown_scores(browser, session) == first
    respondents, _statements = csv_counts(browser, session)
    assert respondents == {"3"}


def test_results_show_once_the_online_part_itself_reaches_k(client_as, facilitator, cooperative):
    """The rule does not lock paper out: k online answers beside paper sheets, or paper sheets
    only, show as usual."""
    mixed = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    paper_only = SessionFactory(cooperative=cooperative, status="open", team_size=6)
    browser = client_as(facilitator)
    for letters in FIRST_THREE:
        member_answers(mixed, letters)
        enter_sheet(browser, paper_only, letters)
    for letters in MADE_UP:
        enter_sheet(browser, mixed, letters)
    for session in (mixed, paper_only):
        close(browser, session)
        assert shown_scores(browser, session) is not None
    assert scoring.results_state(mixed).results.respondents == 5


def test_a_member_cannot_type_paper_sheets_to_pad_a_session(client_as, member, cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=4)
    member_answers(session, FOURTH)
    response = enter_sheet(client_as(member), session, "Y" * 30, token="f" * 32)
    assert response.status_code == 403
    assert session.respondents.count() == 1


def test_a_members_only_session_cannot_be_padded_with_paper_sheets(
    client_as, facilitator, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=4, members_only=True)
    member_answers(session, FOURTH, user=MembershipFactory(cooperative=cooperative).user)
    browser = client_as(facilitator)
    for letters in MADE_UP:
        assert enter_sheet(browser, session, letters, token=letters[0] * 32).status_code == 409
    assert session.respondents.count() == 1


def test_the_tally_page_never_shows_what_an_earlier_sheet_said(client_as, facilitator, cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=4)
    browser = client_as(facilitator)
    enter_sheet(browser, session, "Y" * 30)
    tally = browser.get(
        reverse("diagnostics:paper_tally", args=[cooperative.slug, session.pk])
    ).content.decode()
    assert 'value="yes" checked' not in tally and tally.count('value="" checked') == 30


# --- Any sequence ------------------------------------------------------------------------------

answers = st.text(alphabet="YUN", min_size=30, max_size=30)
step = st.one_of(
    st.tuples(st.just("online"), answers),
    st.tuples(st.just("online"), answers),
    st.tuples(st.just("paper"), answers),
    st.tuples(st.just("paper"), answers),
    st.tuples(st.just("publish"), st.none()),
    st.tuples(st.just("close"), st.none()),
)
ONLINE_THREE = [("online", letters) for letters in FIRST_THREE]


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(k=st.sampled_from([3, 4]), steps=st.lists(step, min_size=1, max_size=12))
# The two attacks above, always played.
@example(k=3, steps=[("online", FOURTH), ("paper", "Y" * 30), ("paper", "N" * 30), ("close", None)])
@example(
    k=3,
    steps=[
        *ONLINE_THREE,
        ("publish", None),
        ("online", FOURTH),
        ("paper", "Y" * 30),
        ("paper", "N" * 30),
        ("publish", None),
        ("close", None),
    ],
)
def test_no_mix_of_online_and_paper_sheets_isolates_fewer_than_k_online_sheets(
    cooperative, facilitator, k, steps
):
    """Whatever the facilitator types and publishes, and whenever members answer online: every
    result ever shown is the first n sheets sent (n ≥ k), its online part is none or at least k
    sheets, and two results shown differ by at least k sheets, none or at least k of them
    online — so subtracting the paper sheets he typed never leaves fewer than k people."""
    with transaction.atomic():
        session = SessionFactory(
            cooperative=cooperative, status="open", anonymity_threshold=k, team_size=20
        )
        boss = Client()
        boss.force_login(facilitator)
        sent = []  # ground truth: (letters, on paper) of each sent sheet, in order
        seen = set()
        for action, arg in steps:
            session.refresh_from_db()
            if action == "online" and session.is_open:
                member_answers(session, arg)
                sent.append((arg, False))
            elif action == "paper" and session.is_open:
                assert enter_sheet(boss, session, arg).status_code == 302
                sent.append((arg, True))
            elif action == "publish":
                publish(boss, session)
            elif action == "close" and session.is_open:
                close(boss, session)
            result = shown(session)
            if result is not None:
                seen.add(result)

        def online(n):
            return sum(1 for _letters, paper in sent[:n] if not paper)

        for respondents, counts in seen:
            assert respondents >= k
            assert list(counts) == counts_of([letters for letters, _paper in sent[:respondents]])
            assert online(respondents) == 0 or online(respondents) >= k, (respondents, sent)
        sizes = sorted({respondents for respondents, _counts in seen})
        for a, b in zip(sizes, sizes[1:], strict=False):
            assert b - a >= k, sizes
            assert online(b) - online(a) == 0 or online(b) - online(a) >= k, (sizes, sent)
        transaction.set_rollback(True)

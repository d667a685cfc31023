"""The facilitator of a team of four subtracts two views of the results to read one person's
answers (issue 12, item 4). Each attack is played as that facilitator: the members answer
through the join link in their own browsers, the facilitator publishes, closes, and reads what
any page, file or export shows."""

import csv
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from diagnostics.models import DiagnosticSession, Respondent
from tests.factories import MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db

VALUES = {"Y": "yes", "U": "unsure", "N": "no"}
# Three members who answered differently, then the fourth, whose answers the facilitator wants.
FIRST_THREE = ("YYNNU" * 6, "NNNYY" * 6, "UYUNY" * 6)
FOURTH = "YNYNY" * 6


def member_answers(session, letters, user=None):
    """A member's own browser through the join link: start, six themes, send."""
    browser = Client()
    if user is not None:
        browser.force_login(user)
    token = session.join_token
    assert browser.post(reverse("answers:start", args=[token])).status_code == 302
    statements = list(session.questionnaire.themes.order_by("order"))
    letters = iter(letters)
    for number, theme in enumerate(statements, start=1):
        data = {f"s_{s.pk}": VALUES[next(letters)] for s in theme.statements.order_by("order")}
        response = browser.post(reverse("answers:theme", args=[token, number]), data)
        assert response.status_code == 302, response.content.decode()[:500]
    assert browser.post(reverse("answers:review", args=[token])).status_code == 302
    return browser


def publish(facilitator_client, session):
    return facilitator_client.post(
        reverse("diagnostics:session_reveal", args=[session.cooperative.slug, session.pk]),
        follow=True,
    )


def close(facilitator_client, session):
    url = reverse("diagnostics:session_close", args=[session.cooperative.slug, session.pk])
    # A confirmation step may come first: confirm it as a facilitator would.
    response = facilitator_client.post(url, {"confirm": "1"}, follow=True)
    session.refresh_from_db()
    assert session.is_closed, response.content.decode()[:500]
    return response


def shown_scores(facilitator_client, session):
    """What the results page shows: (respondents, theme scores), as the chart's data."""
    page = facilitator_client.get(
        reverse("plans:results", args=[session.cooperative.slug, session.pk])
    ).content.decode()
    found = re.search(r'<script id="radar-data" type="application/json">(.*?)</script>', page)
    if found is None:
        return None
    data = json.loads(found.group(1))
    return tuple(data["datasets"][0]["data"])


def csv_counts(facilitator_client, session):
    """Per statement (yes, unsure, no) and respondents, from the CSV export after closing."""
    response = facilitator_client.get(
        reverse("reports:results_csv", args=[session.cooperative.slug, session.pk])
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    col = {name: header.index(name) for name in ("Code", "Répondant·es", "Oui", "?", "Non")}
    statements = {
        row[col["Code"]]: (int(row[col["Oui"]]), int(row[col["?"]]), int(row[col["Non"]]))
        for row in rows[1:]
        if "." in row[col["Code"]]
    }
    respondents = {row[col["Répondant·es"]] for row in rows[1:]}
    return respondents, statements


def yes_per_statement(letters_list):
    return [sum(1 for letters in letters_list if letters[i] == "Y") for i in range(30)]


@pytest.fixture
def team_of_four(cooperative, facilitator):
    members = [MembershipFactory(cooperative=cooperative).user for _ in range(4)]
    session = SessionFactory(
        cooperative=cooperative,
        title="Diagnostic d'automne",
        status=DiagnosticSession.Status.OPEN,
        anonymity_threshold=3,
    )
    boss = Client()
    boss.force_login(facilitator)
    return session, members, boss


def test_publishing_at_three_then_closing_after_the_fourth_shows_nothing_new(team_of_four):
    session, members, boss = team_of_four
    for user, letters in zip(members, FIRST_THREE, strict=False):
        member_answers(session, letters, user)
    publish(boss, session)
    published = shown_scores(boss, session)
    assert published is not None
    member_answers(session, FOURTH, members[3])
    close(boss, session)

    # The attack: final × 4 − published × 3 would be the fourth member's scores. The final
    # results are the published ones, so the subtraction gives nothing.
    assert shown_scores(boss, session) == published
    respondents, counts = csv_counts(boss, session)
    assert respondents == {"3"}
    ordered = [counts[code] for code in sorted(counts, key=_code_order)]
    assert [yes for yes, _u, _n in ordered] == yes_per_statement(FIRST_THREE)


def test_the_results_page_says_how_many_later_sheets_are_left_out_and_why(team_of_four):
    session, members, boss = team_of_four
    for user, letters in zip(members, FIRST_THREE, strict=False):
        member_answers(session, letters, user)
    publish(boss, session)
    member_answers(session, FOURTH, members[3])
    close(boss, session)
    page = boss.get(
        reverse("plans:results", args=[session.cooperative.slug, session.pk])
    ).content.decode()
    assert "1 réponse envoyée après la publication n’est pas comptée" in page


def test_a_member_deleting_their_account_after_publication_changes_no_result(team_of_four):
    session, members, boss = team_of_four
    for user, letters in zip(members, (*FIRST_THREE, FOURTH), strict=True):
        member_answers(session, letters, user)
    publish(boss, session)
    published = shown_scores(boss, session)

    leaver = Client()
    leaver.force_login(members[3])
    from tests.factories import PASSWORD

    response = leaver.post(reverse("reports:delete_account"), {"confirmation": PASSWORD})
    assert response.status_code == 302
    # The sheet stays, without its person: deleting it would tell its answers by difference.
    assert Respondent.objects.submitted().filter(session=session).count() == 4
    assert not Respondent.objects.filter(session=session, membership__user=members[3]).exists()
    close(boss, session)
    assert shown_scores(boss, session) == published
    assert csv_counts(boss, session)[0] == {"4"}


def test_editing_a_sent_sheet_after_publication_changes_no_result(team_of_four):
    session, members, boss = team_of_four
    browsers = [
        member_answers(session, letters, user)
        for user, letters in zip(members, FIRST_THREE, strict=False)
    ]
    publish(boss, session)
    published = shown_scores(boss, session)
    # The facilitator asks a member to « just change one answer » and compares.
    theme = session.questionnaire.themes.get(order=1)
    browsers[0].post(
        reverse("answers:theme", args=[session.join_token, 1]),
        {f"s_{s.pk}": "no" for s in theme.statements.all()},
    )
    close(boss, session)
    assert shown_scores(boss, session) == published


def test_publishing_again_needs_k_new_sheets(team_of_four, cooperative):
    session, members, boss = team_of_four
    for user, letters in zip(members, FIRST_THREE, strict=False):
        member_answers(session, letters, user)
    publish(boss, session)
    first = session.__class__.objects.get(pk=session.pk).results_snapshot
    member_answers(session, FOURTH, members[3])
    response = publish(boss, session)
    session.refresh_from_db()
    assert session.results_snapshot == first
    assert "au moins 3 nouvelles réponses" in response.content.decode()


def test_k_more_sheets_after_publication_count_at_closing(team_of_four, cooperative):
    session, members, boss = team_of_four
    for user, letters in zip(members, FIRST_THREE, strict=False):
        member_answers(session, letters, user)
    publish(boss, session)
    later = [MembershipFactory(cooperative=cooperative).user for _ in range(2)]
    for user, letters in zip([members[3], *later], (FOURTH, "Y" * 30, "N" * 30), strict=True):
        member_answers(session, letters, user)
    close(boss, session)
    respondents, counts = csv_counts(boss, session)
    assert respondents == {"6"}
    ordered = [counts[code] for code in sorted(counts, key=_code_order)]
    everyone = (*FIRST_THREE, FOURTH, "Y" * 30, "N" * 30)
    assert [yes for yes, _u, _n in ordered] == yes_per_statement(everyone)


def _code_order(code):
    from diagnostics import quiz

    order = [s.code for s in quiz.statements_of(quiz.guide_questionnaire().pk)]
    return order.index(code)

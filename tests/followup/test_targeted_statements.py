"""The follow-up shows whether the statement an action answered moved (issue 14, point 5)."""

import re

from diagnostics.models import Statement
from fiches.templatetags.fiches import french_spaces
from plans.models import Action
from tests.followup.conftest import compare_url


def test_the_comparison_says_whether_the_statements_the_plan_targeted_moved(
    client_as, member, cooperative, before, after
):
    temps = before.questionnaire.themes.get(code="temps")
    Action.objects.create(
        session=before, theme=temps, title="Réunions plus courtes",
        statement=Statement.objects.get(code="temps.2"),
    )  # fmt: skip
    Action.objects.create(session=before, theme=temps, title="Sans affirmation")
    html = client_as(member).get(compare_url(cooperative)).content.decode()
    items = re.findall(r'<li class="mb-2" data-targeted="([a-z.0-9]+)">(.*?)</li>', html, re.S)
    # By hand (conftest): temps.2 had 1 Oui in 3 (33 %), then 3 in 3 (100 %).
    assert [code for code, _text in items] == ["temps.2"]
    text = items[0][1]
    assert "Réunions plus courtes" in text
    assert "« Oui » 33 % → 100 %" in text and "hausse de 67 points" in text


def test_the_follow_up_chapter_of_the_pdf_says_whether_the_targeted_statement_moved(before, after):
    from diagnostics import scoring
    from plans import services
    from reports import pdf

    temps = before.questionnaire.themes.get(code="temps")
    target = Statement.objects.get(code="temps.2")
    Action.objects.create(
        session=before, theme=temps, title="Réunions plus courtes", statement=target
    )
    html = pdf.render_html(after, services.analyse(after, scoring.compute_results(after, 3)))
    table = html[html.index('id="targeted"') :]
    table = table[: table.index("</table>")]
    # By hand: 1 Oui in 3 (33 %) before, 3 in 3 (100 %) after.
    assert "Réunions plus courtes" in table and target.text in table
    assert re.search(r"33&nbsp;%</td>\s*<td class=\"num\">100&nbsp;%", table)


def test_the_pdf_plan_says_which_statement_each_action_answers(before):
    from diagnostics import scoring
    from plans import services
    from reports import pdf

    temps = before.questionnaire.themes.get(code="temps")
    target = Statement.objects.get(code="temps.2")
    Action.objects.create(
        session=before, theme=temps, title="Réunions plus courtes", statement=target
    )
    Action.objects.create(session=before, theme=temps, title="Sans affirmation")
    html = pdf.render_html(before, services.analyse(before, scoring.compute_results(before, 3)))
    # The PDF sets French no-break spaces (inside « » and before « ? »), at display only.
    assert html.count(french_spaces(f"Répond à « {target.text} »")) == 1


def test_the_comparison_page_shows_the_earlier_sessions_path_at_its_follow_up(
    client_as, member, cooperative, before, after
):
    html = client_as(member).get(compare_url(cooperative)).content.decode()
    nav = re.search(r'<nav class="stepper.*?</nav>', html, re.S).group(0)
    assert 'data-state="followed_up"' in nav
    assert re.search(r'is-current is-here[^"]*" data-path-step="followup"', nav)
    assert "btn btn-primary" not in nav  # its « Comparer » button would lead to this page

"""The follow-up shows the priorities each team kept (issue 14): the dashboard lists them per
session, the comparison recalls those kept after the earlier session."""

from django.urls import reverse

from plans import priorities
from tests.followup.conftest import compare_url


def test_the_dashboard_lists_the_kept_priorities_newest_first(
    client_as, member, cooperative, before, after
):
    themes = list(before.questionnaire.themes.order_by("order"))
    priorities.choose(before, [themes[2], themes[0]], "tick")
    priorities.choose(after, [themes[4]], "vote")
    html = client_as(member).get(reverse("followup:dashboard", args=[cooperative.slug]))
    html = html.content.decode()
    listed = html[html.index('id="chosen-priorities"') :]
    assert listed.index("Diagnostic 2026") < listed.index("Diagnostic 2025")
    line = listed[listed.index(f'data-session="{before.pk}"') :].split("</li>")[0]
    assert line.index(themes[2].title) < line.index(themes[0].title)


def test_without_a_choice_the_dashboard_says_nothing_of_priorities(
    client_as, member, cooperative, before
):
    html = client_as(member).get(reverse("followup:dashboard", args=[cooperative.slug]))
    assert 'id="chosen-priorities"' not in html.content.decode()


def test_the_comparison_recalls_the_priorities_kept_after_the_earlier_session(
    client_as, member, cooperative, before, after
):
    themes = list(before.questionnaire.themes.order_by("order"))
    html = client_as(member).get(compare_url(cooperative)).content.decode()
    assert "L’équipe n’avait pas retenu de priorités après cette session." in html
    priorities.choose(before, [themes[3]], "tick")
    html = client_as(member).get(compare_url(cooperative)).content.decode()
    kept = html[html.index('id="earlier-priorities"') :].split("</p>")[0]
    assert "Priorités retenues" in kept and themes[3].title in kept

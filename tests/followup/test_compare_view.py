"""The comparison page: default pair, choices, bad input, and sessions that are not comparable."""

import pytest
from django.urls import reverse

from diagnostics.radar import AFTER_STYLE, BEFORE_STYLE, chart_style
from plans.models import Action
from tests.factories import SessionFactory, make_respondent
from tests.followup.conftest import AFTER_SHEETS, at, closed_with, compare_url


def test_by_default_the_last_two_comparable_sessions_are_compared(
    client_as, member, cooperative, before, after
):
    response = client_as(member).get(compare_url(cooperative))
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert (comparison.before_session, comparison.after_session) == (before, after)
    html = response.content.decode()
    # The projet theme went from 0 to 5: arrow and number for the eye, words for screen readers.
    cell = html[html.index('data-change="projet"') :][:400]
    assert "▲ +5,0" in cell and "hausse de 5,0" in cell
    assert 'data-change="information"' in html
    info = html[html.index('data-change="information"') :][:300]
    assert "sans changement" in info
    espaces = html[html.index('data-change="espaces"') :][:300]
    assert "▼ −2,0" in espaces and "baisse de 2,0" in espaces
    # Consolidated: 1 → 3 agreed Oui in theme 3, 5 → 3 in theme 4.
    temps = html[html.index('data-consolidated-change="temps"') :][:300]
    assert "▲ +2" in temps and "hausse de 2" in temps
    espaces = html[html.index('data-consolidated-change="espaces"') :][:300]
    assert "▼ −2" in espaces and "baisse de 2" in espaces
    # Both radars (SVG fallback and Chart.js data) carry both sessions, with the table beside.
    assert 'data-series="Après (12/01/2026)"' in html and 'data-series="Avant (10/01/2025)"' in html
    # « Avant / après » have their own styles, never those of the mean and the team's answer.
    radar = str(response.context["radar_svg"])
    assert 'stroke-dasharray="12 4 2 4"' in radar and 'stroke-dasharray="14 5"' in radar
    assert 'stroke-dasharray="8 5"' not in radar and 'stroke="#1f5f8b"' not in radar
    styles = [d["style"] for d in response.context["chart_data"]["datasets"]]
    assert styles == [chart_style(AFTER_STYLE), chart_style(BEFORE_STYLE)]
    assert response.context["chart_data"]["datasets"][0]["data"] == [5, 2, 3, 3, 0, 0]


def test_the_default_is_the_latest_two_of_three(client_as, member, cooperative, before, after):
    latest = closed_with(cooperative, AFTER_SHEETS, title="2027", closed_at=at(2027, 1, 5))
    comparison = client_as(member).get(compare_url(cooperative)).context["comparison"]
    assert (comparison.before_session, comparison.after_session) == (after, latest)


def test_two_chosen_sessions_are_compared_with_the_earlier_plan(
    client_as, facilitator, cooperative, before, after, themes
):
    Action.objects.create(session=before, theme=themes[0], title="Charte numérique", status="done")
    latest = closed_with(cooperative, AFTER_SHEETS, title="2027", closed_at=at(2027, 1, 5))
    response = client_as(facilitator).get(
        compare_url(cooperative, avant=before.pk, apres=latest.pk)
    )
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert (comparison.before_session, comparison.after_session) == (before, latest)
    assert [a.title for a in response.context["actions"]] == ["Charte numérique"]
    html = response.content.decode()
    assert "Charte numérique" in html
    assert 'name="status"' in html  # the facilitator can change its state right there


def test_sessions_given_in_the_wrong_order_are_put_in_order(
    client_as, member, cooperative, before, after
):
    response = client_as(member).get(compare_url(cooperative, avant=after.pk, apres=before.pk))
    assert response.status_code == 302
    assert response["Location"] == compare_url(cooperative, avant=before.pk, apres=after.pk)


def test_a_session_of_another_cooperative_is_not_found(
    client_as, facilitator, cooperative, other_cooperative, before, after
):
    foreign = closed_with(
        other_cooperative, AFTER_SHEETS, title="Ailleurs", closed_at=at(2026, 2, 1)
    )
    client = client_as(facilitator)
    for params in (
        {"avant": foreign.pk, "apres": after.pk},
        {"avant": before.pk, "apres": foreign.pk},
    ):
        response = client.get(compare_url(cooperative, **params))
        assert response.status_code == 404
        assert b"Ailleurs" not in response.content


def test_another_cooperatives_facilitator_cannot_compare_our_sessions(
    client_as, other_facilitator, cooperative, before, after
):
    url = compare_url(cooperative, avant=before.pk, apres=after.pk)
    assert client_as(other_facilitator).get(url).status_code == 404


def test_the_other_cooperatives_sessions_are_never_offered(
    client_as, facilitator, cooperative, other_cooperative, before, after
):
    closed_with(other_cooperative, AFTER_SHEETS, title="Ailleurs", closed_at=at(2026, 2, 1))
    response = client_as(facilitator).get(compare_url(cooperative))
    choices = dict(response.context["form"].fields["avant"].widget.choices)
    assert set(choices) == {before.pk, after.pk}
    assert b"Ailleurs" not in response.content


@pytest.mark.parametrize("hidden", ["below_threshold", "open", "draft"])
def test_a_hidden_session_is_never_compared(
    client_as, facilitator, cooperative, before, after, hidden
):
    status = "closed" if hidden == "below_threshold" else hidden
    secret = SessionFactory(cooperative=cooperative, status=status, title="Session secrète")
    for _n in range(2 if hidden == "below_threshold" else 3):
        make_respondent(secret, "Y" * 30)
    response = client_as(facilitator).get(
        compare_url(cooperative, avant=before.pk, apres=secret.pk)
    )
    assert response.status_code == 400
    assert "comparison" not in response.context
    errors = response.context["form"].errors["apres"]
    assert "ne sont pas visibles" in errors[0]
    choices = dict(response.context["form"].fields["apres"].widget.choices)
    assert secret.pk not in choices


@pytest.mark.parametrize("bad", ["abc", "", "1.5", "²", "-4", "1%20OR%201%3D1", "0x10"])
def test_bad_ids_are_a_clear_message(client_as, member, cooperative, before, after, bad):
    response = client_as(member).get(compare_url(cooperative, avant=bad, apres=after.pk))
    assert response.status_code == 400
    assert "comparison" not in response.context
    assert "Choisissez une session dans la liste." in response.content.decode()


def test_a_missing_second_session_is_a_clear_message(client_as, member, cooperative, before, after):
    response = client_as(member).get(compare_url(cooperative, avant=before.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["apres"] == ["Choisissez une session dans la liste."]


def test_the_same_session_twice_is_a_clear_message(client_as, member, cooperative, before, after):
    response = client_as(member).get(compare_url(cooperative, avant=after.pk, apres=after.pk))
    assert response.status_code == 400
    assert "Choisissez deux sessions différentes." in response.content.decode()
    assert "comparison" not in response.context


def test_with_fewer_than_two_comparable_sessions_the_page_says_so(
    client_as, member, cooperative, before
):
    response = client_as(member).get(compare_url(cooperative))
    assert response.status_code == 200
    assert "comparison" not in response.context
    assert 'id="not-enough-sessions"' in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client, cooperative):
    response = client.get(compare_url(cooperative))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_outsiders_get_404(client_as, outsider, cooperative, before, after):
    assert client_as(outsider).get(compare_url(cooperative)).status_code == 404

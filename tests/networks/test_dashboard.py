"""The network dashboard (issue 16), for its advisers: counts, per-theme distribution across
cooperatives (one point each), shares of « Oui », priorities and actions of shared plans, the
fixed filters and their suppression; its door; its constant number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Membership
from networks import figures, services
from networks.models import NetworkBoard, NetworkMembership, SharedSession
from tests.factories import CooperativeFactory, MembershipFactory
from tests.networks.builders import share, share_plan, shared_cooperative, theme_codes


def url(network, filtre=None):
    base = reverse("networks:dashboard", args=[network.slug])
    return f"{base}?filtre={filtre}" if filtre is not None else base


def five_shared(network, scores=(1, 2, 3, 4, 5), **coop):
    return [shared_cooperative(network, s, **coop) for s in scores]


def test_an_adviser_sees_each_themes_median_and_quartiles_across_cooperatives(
    client_as, adviser, network
):
    # The fixture's own cooperative is a member that shared nothing: 6 members, 5 sharing.
    five_shared(network, scores=(4.0, 1.0, 5.0, 2.5, 2.0))
    response = client_as(adviser).get(url(network))
    assert response.status_code == 200
    board = response.context["board"]
    assert (board.members, board.sharing, board.sessions, board.cooperatives) == (6, 5, 5, 5)
    # Sorted 1.0 2.0 2.5 4.0 5.0: Q1 2.0, median 2.5, Q3 4.0 (inclusive method, n = 5).
    for figure in board.themes:
        d = figure.distribution
        assert (d.minimum, d.q1, d.median, d.q3, d.maximum) == (1.0, 2.0, 2.5, 4.0, 5.0)
    assert len(board.themes) == 6
    html = response.content.decode()
    assert 'id="distribution-table"' in html and "2,5" in html
    assert 'class="boxplot-svg"' in html and 'class="radar-band"' in html
    assert 'id="network-data"' in html  # Chart.js's data, read by static/js/network.js


def test_the_share_of_oui_is_the_mean_of_each_cooperatives_share(client_as, adviser, network):
    # Four cooperatives with 1 « Oui » in 3 answers (33.3 %), one with 3 in 4 (75 %):
    # (4 × 100/3 + 75) / 5 = 41.7 %, not the pooled (4 + 3) / (12 + 4) = 43.75 %.
    for score in (1, 2, 3, 4):
        shared_cooperative(network, score, counts=(1, 1, 1))
    shared_cooperative(network, 5, counts=(3, 0, 1))
    board = client_as(adviser).get(url(network)).context["board"]
    share_of_first = board.statements[0][1][0].yes_share
    assert round(float(share_of_first), 1) == 41.7


def test_a_cooperatives_older_session_does_not_count_beside_its_latest(client_as, adviser, network):
    coops = five_shared(network, scores=(1, 2, 3, 4, 5))
    share(coops[0], 0, year=2023)  # older than its 2025 session: not its data point
    board = client_as(adviser).get(url(network)).context["board"]
    assert board.sessions == 6 and board.cooperatives == 5
    assert board.themes[0].distribution.minimum == 1.0


def test_no_figure_from_four_cooperatives(client_as, adviser, network):
    five_shared(network, scores=(1, 2, 3, 4))
    response = client_as(adviser).get(url(network))
    assert response.status_code == 200
    assert not response.context["board"].shown
    html = response.content.decode()
    assert 'id="network-hidden"' in html and 'id="distribution-table"' not in html


def test_a_filter_shows_its_own_cooperatives_only(client_as, adviser, network):
    five_shared(network, scores=(1, 1, 1, 1, 1), legal_form="scop")
    five_shared(network, scores=(5, 5, 5, 5, 5), legal_form="scic")
    board = client_as(adviser).get(url(network, "legal_form:scic")).context["board"]
    assert board.shown and board.cooperatives == 5
    assert board.themes[0].distribution.median == 5.0


def test_a_filter_one_cooperative_short_of_the_network_is_masked(client_as, adviser, network):
    five_shared(network, legal_form="scop")
    shared_cooperative(network, 3, legal_form="cae")
    response = client_as(adviser).get(url(network, "legal_form:scop"))
    # The network minus the Scop would be the CAE alone: the cell is refused like an unknown
    # one, and neither it nor the CAE is listed (finding i-5: a listed hidden value names it).
    assert response.status_code == 400 and response.context["board"].key == ()
    options = {o.param: o.shown for _g, group in response.context["board"].options for o in group}
    assert options == {"": True, "size_band:10-49": True, "departement:34": True, "year:2025": True}
    menu = response.content.decode().split('id="id_filtre"')[1].split("</select>")[0]
    assert "legal_form" not in menu and "masqué" not in menu


@pytest.mark.parametrize("filtre", ["nimporte", "legal_form:sarl", "year:1900", "a:b:c"])
def test_an_unknown_filter_says_so_and_shows_the_whole_network(client_as, adviser, network, filtre):
    five_shared(network)
    response = client_as(adviser).get(url(network, filtre))
    assert response.status_code == 400
    assert "Ce filtre n’existe pas" in response.content.decode()
    assert response.context["board"].key == ()


def test_priorities_and_actions_come_from_plans_shared_on_purpose(client_as, adviser, network):
    codes = theme_codes()
    for n, coop in enumerate(five_shared(network)):
        shared = coop.shared_sessions.get()
        share_plan(shared, [codes[0]] + ([codes[1]] if n < 2 else []),
                   ["Former l’équipe à l’outil"] + ([f"Action de la coop {n}"]))  # fmt: skip
    board = client_as(adviser).get(url(network)).context["board"]
    assert board.plans_shown and board.plans == 5
    assert [(t.code, count) for t, count in board.priorities] == [(codes[0], 5), (codes[1], 2)]
    assert board.actions == [("Former l’équipe à l’outil", 5)]  # one-off titles are not listed


def test_plans_of_fewer_than_five_cooperatives_are_not_summarised(client_as, adviser, network):
    coops = five_shared(network)
    for coop in coops[:4]:
        share_plan(coop.shared_sessions.get(), [theme_codes()[0]], [])
    response = client_as(adviser).get(url(network))
    assert not response.context["board"].plans_shown
    assert 'id="network-plans-hidden"' in response.content.decode()


@pytest.mark.parametrize("way", ["leave", "unshare", "delete"])
def test_leaving_unsharing_or_deleting_a_cooperative_removes_it_from_the_figures_at_once(
    client_as, adviser, network, way
):
    coops = five_shared(network)
    client = client_as(adviser)
    assert client.get(url(network)).context["board"].shown
    gone = coops[0]
    if way == "leave":
        services.leave(NetworkMembership.objects.get(network=network, cooperative=gone))
    elif way == "unshare":
        services.unshare_session(gone.shared_sessions.get().session)
    else:
        gone.delete()
    board = client.get(url(network)).context["board"]
    assert not board.shown and board.sharing == 4


def test_the_door_outsider_404_facilitator_403_other_adviser_404(
    client_as, network, outsider, facilitator, other_adviser, client
):
    five_shared(network)
    assert client.get(url(network)).status_code == 302  # to the login page
    assert client_as(outsider).get(url(network)).status_code == 404
    client.logout()
    assert client_as(other_adviser).get(url(network)).status_code == 404
    client.logout()
    assert client_as(facilitator).get(url(network)).status_code == 403


def test_a_member_of_a_cooperative_in_the_network_is_refused(client_as, cooperative, network):
    member = MembershipFactory(cooperative=cooperative, role=Membership.Role.MEMBER).user
    assert client_as(member).get(url(network)).status_code == 403


@pytest.mark.parametrize("count", [5, 50])
def test_the_dashboard_costs_the_same_queries_for_5_or_50_cooperatives(
    client_as, adviser, network, count, django_assert_max_num_queries
):
    coops = [
        shared_cooperative(network, 1 + n % 5, departement=f"{30 + n % 3}") for n in range(count)
    ]
    for coop in coops:
        share_plan(coop.shared_sessions.get(), [theme_codes()[0]], ["Une action commune"])
    client = client_as(adviser)
    client.get(url(network))  # warm the per-process questionnaire cache
    NetworkBoard.objects.all().delete()
    # SQLite: session, user, the door, members, the points, the plans, the stored board (none);
    # computing: their figures (decoded by the first request: none), the guide's questionnaire;
    # storing: the older boards deleted, this one inserted, in a savepoint. PostgreSQL: session,
    # user, the door, the digest with the members, the stored board; computing: the points, the
    # plans, the digest again; storing (figures.dashboard): SQLite 12, PostgreSQL 13; and the
    # release (figures._released): its row read locked and written, in a savepoint (+2 or 3).
    with django_assert_max_num_queries(16):
        response = client.get(url(network))
    assert response.context["board"].cooperatives == count
    # The same rows again: the stored dashboard is read (SQLite 7, PostgreSQL 5).
    with django_assert_max_num_queries(7):
        response = client.get(url(network))
    assert response.context["board"].cooperatives == count


def test_a_cached_dashboard_never_outlives_a_change_of_its_rows(client_as, adviser, network):
    coops = five_shared(network, scores=(1, 2, 3, 4, 5))
    client = client_as(adviser)
    assert client.get(url(network)).context["board"].themes[0].distribution.median == 3.0
    share(coops[0], 5.0, year=2026)  # a later session of the first cooperative: 5 2 3 4 5
    # Its earlier session leaves the network's cell: the new version would give it (n × before
    # − (n − 1) × after), so the cell waits, and the old figures are not shown either.
    board = client.get(url(network)).context["board"]
    assert not board.shown and board.waiting and board.themes == []
    for coop in coops[1:]:
        share(coop, 5.0, year=2026)
    assert client.get(url(network)).context["board"].themes[0].distribution.median == 5.0
    coops[1].legal_form = "scic"  # an edit of a cooperative moves it to another cell
    coops[1].save()
    response = client.get(url(network, "legal_form:scop"))
    assert response.status_code == 400  # 4 Scop now: hidden, refused like an unknown cell


def test_a_dashboard_computed_again_after_a_share_reads_only_that_sessions_figures(
    client_as, adviser, network
):
    five_shared(network, scores=(1, 2, 3, 4, 5))
    client = client_as(adviser)
    client.get(url(network))
    # Five cooperatives more (fewer would be too few for a new version of the network's cell):
    # the dashboard's rows changed, computed again.
    new = [shared_cooperative(network, 5.0) for _n in range(5)]
    with CaptureQueriesContext(connection) as queries:
        board = client.get(url(network)).context["board"]
    assert board.themes[0].distribution.median == 5.0  # 1 2 3 4 5 5 5 5 5 5
    read = [q["sql"] for q in queries.captured_queries if "statement_counts" in q["sql"]]
    # The other five sessions' figures were decoded by the first request, in this process.
    ids = sorted(c.shared_sessions.get().session_id for c in new)
    assert len(read) == 1 and all(re.search(rf"\b{i}\b", read[0]) for i in ids)


def test_figures_a_process_keeps_are_read_again_when_another_process_shares_again(
    client_as, adviser, network
):
    coops = five_shared(network, scores=(1, 2, 3, 4, 5))
    client = client_as(adviser)
    assert client.get(url(network)).context["board"].themes[0].distribution.maximum == 5.0
    # Another process shares the first cooperative's session again (no signal reaches this
    # one): a new time of sharing, as services.share_session writes it, and other figures.
    SharedSession.objects.filter(cooperative=coops[0]).update(
        theme_scores=dict.fromkeys(theme_codes(), 0.5),
        shared_at=timezone.now() + datetime.timedelta(seconds=1),
    )
    board = client.get(url(network)).context["board"]
    assert board.themes[0].distribution.minimum == 0.5


def test_a_share_saved_or_deleted_in_this_process_is_forgotten_at_once(client_as, adviser, network):
    coops = five_shared(network, scores=(1, 2, 3, 4, 5))
    client = client_as(adviser)
    client.get(url(network))
    shared = coops[4].shared_sessions.get()
    shared.theme_scores = dict.fromkeys(theme_codes(), 4.5)
    kept = figures._FIGURES.values
    assert any(shared.session_id in memo for memo in kept())
    shared.save()  # the same time of sharing: only the signal tells the figures changed
    assert not any(shared.session_id in memo for memo in kept())
    NetworkBoard.objects.all().delete()  # (named by the rows, which did not change)
    assert client.get(url(network)).context["board"].themes[0].distribution.maximum == 4.5
    shared.delete()
    assert not any(shared.session_id in memo for memo in kept())


CHANGES = [
    "accept",
    "leave",
    "unshare",
    "delete cooperative",
    "delete session",
    "edit cooperative",
    "share again",
    "share plan",
    "change plan",
    "unshare plan",
]


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_of_the_rows_reaches_a_cached_dashboard_at_once(
    client_as, adviser, network, change
):
    # On PostgreSQL the cache key is the database's digest of the rows (figures._version_sql),
    # elsewhere the rows' own: each way a figure can change must change it.
    coops = five_shared(network, scores=(1, 2, 3, 4, 5), headcount=12)
    for coop in coops:
        share_plan(coop.shared_sessions.get(), [theme_codes()[0]], ["Une action commune"])
    newcomer = CooperativeFactory(headcount=12)
    share(newcomer, 5.0)
    invited = NetworkMembership.objects.create(network=network, cooperative=newcomer)
    client = client_as(adviser)

    def board():
        return client.get(url(network)).context["board"]

    before = board()
    assert board().sessions == before.sessions == 5  # cached now
    assert before.plans_shown and before.actions == [("Une action commune", 5)]
    first = coops[0].shared_sessions.get()
    if change == "accept":
        services.answer(invited, accept=True)
        assert board().sharing == 6
    elif change == "leave":
        services.leave(NetworkMembership.objects.get(network=network, cooperative=coops[0]))
        assert not board().shown
    elif change == "unshare":
        services.unshare_session(first.session)
        assert board().sharing == 4
    elif change == "delete cooperative":
        coops[0].delete()
        assert board().sharing == 4
    elif change == "delete session":
        first.session.delete()
        assert board().sharing == 4
    elif change == "edit cooperative":
        coops[0].headcount = 60  # to « 50 et plus »: the size cells change
        coops[0].save()
        # 10 to 49 people: four now, no longer offered (and « 50 et plus », one, never is).
        params = {o.param for _label, group in board().options for o in group}
        assert "size_band:10-49" not in params and "size_band:50+" not in params
    elif change == "share again":
        SharedSession.objects.filter(pk=first.pk).update(
            theme_scores=dict.fromkeys(theme_codes(), 0.5), shared_at=timezone.now()
        )
        assert board().themes[0].distribution.minimum == 0.5
    elif change == "share plan":
        services.unshare_plan(first.session)
        assert not board().plans_shown  # 4 plans
        share_plan(first, [theme_codes()[1]], ["Une action commune"])
        assert board().actions == [("Une action commune", 5)]
    elif change == "change plan":
        services.share_plan(first.session, [theme_codes()[0]], ["Une autre action"])
        assert board().actions == [("Une action commune", 4)]
    else:
        services.unshare_plan(first.session)
        assert not board().plans_shown

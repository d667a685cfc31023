"""The network dashboard stored in the database (networks.models.NetworkBoard), shared by every
web process: each change of a network's rows recomputes its boards in a task once committed
(the tests' immediate backend runs it at the commit), and a board of older rows is never shown,
whether the task ran or not, because the page reads a board under its rows' current digest."""

import pytest
from django.db import connection

from networks import figures, services
from networks import statistics as st
from networks.models import NetworkBoard, NetworkMembership
from tests.factories import CooperativeFactory
from tests.networks.builders import share, share_plan, shared_cooperative, theme_codes
from tests.networks.test_dashboard import url

# A stored board read: session, user, the door, then the digest with the members and the board
# on PostgreSQL; the members, the points, the plans and the board elsewhere.
STORED_QUERIES = 5 if connection.vendor == "postgresql" else 7

CHANGES = [
    "accept",
    "leave",
    "unshare",
    "share",
    "delete cooperative",
    "delete session",
    "edit cooperative",
    "share plan",
    "change plan",
    "unshare plan",
]


def current_digest(network):
    return figures._version(network, st.min_cooperatives())[1]


@pytest.fixture
def rows(network):
    """Five cooperatives that shared a session and a plan, and a sixth invited, not yet in."""
    coops = [shared_cooperative(network, s, headcount=12) for s in (1, 2, 3, 4, 5)]
    for coop in coops:
        share_plan(coop.shared_sessions.get(), [theme_codes()[0]], ["Une action commune"])
    newcomer = CooperativeFactory(headcount=12)
    share(newcomer, 5.0)
    invited = NetworkMembership.objects.create(network=network, cooperative=newcomer)
    return coops, invited


def make_change(change, network, coops, invited):
    first = coops[0].shared_sessions.get()
    if change == "accept":
        services.answer(invited, accept=True)
    elif change == "leave":
        services.leave(NetworkMembership.objects.get(network=network, cooperative=coops[0]))
    elif change == "unshare":
        services.unshare_session(first.session)
    elif change == "share":
        share(coops[0], 5.0, year=2026)
    elif change == "delete cooperative":
        coops[0].delete()
    elif change == "delete session":
        first.session.delete()
    elif change == "edit cooperative":
        coops[0].headcount = 60
        coops[0].save()
    elif change == "share plan":
        share_plan(share(coops[0], 5.0, year=2026), [theme_codes()[1]], ["Une action"])
    elif change == "change plan":
        services.share_plan(first.session, [theme_codes()[0]], ["Une autre action"])
    else:
        services.unshare_plan(first.session)


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_stores_the_boards_of_its_new_rows_and_the_next_page_reads_them(
    client_as,
    adviser,
    network,
    rows,
    change,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    coops, invited = rows
    client = client_as(adviser)
    client.get(url(network))  # computed and stored by the page
    before = current_digest(network)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_change(change, network, coops, invited)
    assert callbacks  # the change enqueued the refresh at its commit
    digest = current_digest(network)
    assert digest != before
    stored = NetworkBoard.objects.filter(network=network)
    # The whole network in each language, under the new digest only: the older boards went.
    assert sorted(stored.values_list("language", "param", "digest")) == [
        ("en", "", digest),
        ("fr", "", digest),
    ]
    with django_assert_max_num_queries(STORED_QUERIES):
        board = client.get(url(network)).context["board"]
    expected = figures._drawn(
        figures._compute(
            network,
            "",
            figures._point_rows(network),
            figures._plan_rows(network),
            st.min_cooperatives(),
        )
    )
    assert (board.sessions, board.sharing, board.shown, board.plans_shown) == (
        expected.sessions,
        expected.sharing,
        expected.shown,
        expected.plans_shown,
    )
    assert [t.distribution for t in board.themes] == [t.distribution for t in expected.themes]
    assert board.actions == expected.actions


def test_a_board_stored_before_a_leave_is_never_shown_though_no_task_ran(
    client_as, adviser, network, rows
):
    coops, _invited = rows
    client = client_as(adviser)
    board = client.get(url(network)).context["board"]
    assert board.shown and board.sharing == 5
    # The leave's commit never comes in this test (no callback runs): no task recomputes, and
    # the board of the five stays stored, under the digest of the rows before.
    services.leave(NetworkMembership.objects.get(network=network, cooperative=coops[0]))
    assert (
        NetworkBoard.objects.filter(network=network)
        .exclude(digest=current_digest(network))
        .exists()
    )
    response = client.get(url(network))
    board = response.context["board"]
    assert not board.shown and board.sharing == 4  # four cooperatives: nothing shown
    assert not board.themes and "radar_svg" not in response.context
    # Computed from the rows now and stored in place of the older one.
    assert set(NetworkBoard.objects.filter(network=network).values_list("digest", flat=True)) == {
        current_digest(network)
    }


def test_a_board_forged_under_an_older_digest_is_not_read(client_as, adviser, network, rows):
    coops, _invited = rows
    client = client_as(adviser)
    client.get(url(network))
    row = NetworkBoard.objects.get(network=network, language="fr")
    services.leave(NetworkMembership.objects.get(network=network, cooperative=coops[0]))
    # Another process stores the five's board after the leave (a request that read the rows
    # before it): it is kept under its own digest, which is no longer the rows'.
    NetworkBoard.objects.filter(network=network).delete()
    NetworkBoard.objects.create(
        network=network, param="", language="fr", digest=row.digest, board=row.board
    )
    assert not client.get(url(network)).context["board"].shown


def test_a_stored_row_that_does_not_read_back_is_computed_again(client_as, adviser, network, rows):
    client = client_as(adviser)
    client.get(url(network))
    # A row written by other code (a deploy changed the class it pickled): not a 500.
    NetworkBoard.objects.filter(network=network).update(board=b"not a pickle")
    response = client.get(url(network))
    assert response.status_code == 200 and response.context["board"].sharing == 5


def test_the_code_that_computes_a_board_is_part_of_its_digest(network, rows, monkeypatch):
    digest = current_digest(network)
    monkeypatch.setattr(figures, "CODE", "another deploy")
    assert current_digest(network) != digest


def test_migrating_forgets_every_stored_board(client_as, adviser, network, rows):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    client_as(adviser).get(url(network))
    assert NetworkBoard.objects.exists()
    config = apps.get_app_config("networks")
    post_migrate.send(sender=config, app_config=config, using="default", verbosity=0)
    assert not NetworkBoard.objects.exists()

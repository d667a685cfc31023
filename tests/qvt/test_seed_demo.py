from django.core.management import call_command

from cooperatives.models import Cooperative
from diagnostics import scoring
from followup import services as followup
from networks.models import AdviserGrant, Network, SharedSession


def test_seed_demo_creates_a_closed_session_with_varied_scores_and_an_open_one(db, capsys):
    call_command("seed_demo", password="demo-password-1234")
    out = capsys.readouterr().out
    assert "animation@demo.coop" in out and "demo-password-1234" in out
    cooperative = Cooperative.objects.get(slug="scop-demo")
    closed = cooperative.sessions.get(status="closed", previous__isnull=False)
    assert scoring.participation(closed).submitted == 12
    results = scoring.compute_results(closed, 12)
    assert len({t.score for t in results.themes}) >= 4  # a radar with a shape
    assert cooperative.sessions.filter(status="open").count() == 1
    # Running it again recreates the same demo instead of failing or duplicating it.
    call_command("seed_demo", password="demo-password-1234")
    assert Cooperative.objects.filter(slug="scop-demo").count() == 1


def test_seed_demo_has_a_follow_up_of_an_earlier_session_with_its_plan(db):
    call_command("seed_demo", password="demo-password-1234")
    cooperative = Cooperative.objects.get(slug="scop-demo")
    _sessions, comparable = followup.comparable_of(cooperative)
    (earlier, _n), (later, submitted) = comparable
    assert later.previous == earlier and submitted == 12
    assert cooperative.sessions.get(status="open").previous == later
    statuses = sorted(earlier.actions.values_list("status", flat=True))
    assert statuses == ["doing", "done", "dropped", "todo"]
    assert any(a.is_overdue for a in earlier.actions.all())
    comparison = followup.compare(
        followup.analysis_of(earlier, _n), followup.analysis_of(later, submitted)
    )
    assert comparison.has_consolidated
    assert any(t.score.delta for t in comparison.themes)  # something moved between the two


def test_seed_demo_has_a_network_of_six_cooperatives_that_shared_a_session_each(db, capsys):
    call_command("seed_demo", password="demo-password-1234")
    assert "accompagnement@demo.coop" in capsys.readouterr().out
    network = Network.objects.get(slug="urscop-demo")
    assert network.memberships.accepted().count() == 6
    shared = SharedSession.objects.of_network(network)
    assert shared.values("cooperative").distinct().count() == 6
    assert all(row.respondents >= 3 for row in shared)
    demo = Cooperative.objects.get(slug="scop-demo")
    grant = AdviserGrant.objects.get(cooperative=demo)
    assert grant.adviser.user.email == "accompagnement@demo.coop"
    # Running it again recreates the same network.
    call_command("seed_demo", password="demo-password-1234")
    assert SharedSession.objects.of_network(Network.objects.get(slug="urscop-demo")).count() == 6

from django.core.management import call_command

from cooperatives.models import Cooperative
from diagnostics import services


def test_seed_demo_creates_a_closed_session_with_varied_scores_and_an_open_one(db, capsys):
    call_command("seed_demo", password="demo-password-1234")
    out = capsys.readouterr().out
    assert "animation@demo.coop" in out and "demo-password-1234" in out
    cooperative = Cooperative.objects.get(slug="scop-demo")
    closed = cooperative.sessions.get(status="closed")
    assert services.participation(closed).submitted == 12
    results = services.compute_results(closed, 12)
    assert len({t.score for t in results.themes}) >= 4  # a radar with a shape
    assert cooperative.sessions.filter(status="open").count() == 1
    # Running it again recreates the same demo instead of failing or duplicating it.
    call_command("seed_demo", password="demo-password-1234")
    assert Cooperative.objects.filter(slug="scop-demo").count() == 1

"""The cooperative's dashboard (followup.views.dashboard): its sessions, with submitted counts."""

from tests.factories import SessionFactory


def test_the_dashboard_lists_sessions_with_submitted_counts(
    client_as, member, cooperative, other_cooperative
):
    SessionFactory(cooperative=cooperative, title="Session A")
    SessionFactory(cooperative=other_cooperative, title="Session d’ailleurs")
    html = client_as(member).get(cooperative.get_absolute_url()).content.decode()
    assert "Session A" in html
    assert "Session d’ailleurs" not in html

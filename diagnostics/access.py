"""The one way to a diagnostic session: always through the cooperative of the logged-in user."""

from django.shortcuts import get_object_or_404

from cooperatives.access import get_cooperative_for


def get_session_for(request, slug, pk, *, facilitator=False):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=facilitator)
    session = get_object_or_404(cooperative.sessions.select_related("cooperative"), pk=pk)
    return session, membership

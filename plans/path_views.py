"""The guide's pages read from a session: the session stays around them (issue 14, point 1).

A fiche is public (fiches, layer 1, knows no session). Opened from a session's priorities or
method page, it is served here instead, under the session's URL, with the session's breadcrumb,
its stepper and « Retour à la session »: same content, same template (extended), and the
session's own access rule (a member of the cooperative; anyone else gets 404).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from diagnostics.access import get_session_for
from fiches.views import fiche_context


@login_required
def session_fiche(request, slug, pk, number):
    session, membership = get_session_for(request, slug, pk)
    context = fiche_context(number)
    context.update(cooperative=session.cooperative, membership=membership, session=session)
    return render(request, "plans/session_fiche.html", context)

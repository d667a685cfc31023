"""What networks adds to the cooperative's own pages, through their hooks (the layers forbid
cooperatives and diagnostics to import networks): the members page lists the cooperative's
networks, its invitations and the advisers it let read its results; the page of a closed
session carries « Partager avec le réseau » and says exactly what is shared."""

from django.db.models import Exists
from django.template.loader import render_to_string

from cooperatives.models import Cooperative
from networks import services
from networks.models import NetworkMembership, SharedPlan, SharedSession

# plans registers the URL names of its views here (PlansConfig.ready): « partager le plan » (the
# plan is plans' to read, so the form posts there) and the adviser's read-only session page.
# networks never imports plans.
LINKS = {"plan_share": None, "adviser_session": None}


def render_on_members_page(request, cooperative, membership):
    if not membership.is_facilitator:
        return ""
    memberships = list(
        cooperative.network_memberships.select_related("network")
        .exclude(status=NetworkMembership.Status.REFUSED)
        .order_by("network__name")
    )
    grants = list(cooperative.adviser_grants.select_related("adviser__user", "adviser__network"))
    granted = {g.adviser_id for g in grants}
    advisers = [a for a in services.advisers_for(cooperative) if a.pk not in granted]
    # A shared session counts in every network the cooperative is in: accepting an invitation
    # hands the new network what is already shared, which the page says by its button.
    invited = any(m.status == NetworkMembership.Status.INVITED for m in memberships)
    already_shared = cooperative.shared_sessions.count() if invited else 0
    return render_to_string(
        "networks/includes/members_section.html",
        {
            "cooperative": cooperative,
            "memberships": memberships,
            "already_shared": already_shared,
            "grants": grants,
            "advisers": advisers,
        },
        request=request,
    )


def render_on_session_page(request, session, membership):
    """The sharing box of a closed session, in two queries: the networks the cooperative is in,
    and whether this session and its plan are shared."""
    if not session.is_closed:
        return ""
    rows = list(
        NetworkMembership.objects.accepted()
        .filter(cooperative_id=session.cooperative_id)
        .values_list("network__name", flat=True)
    )
    flags = (
        Cooperative.objects.filter(pk=session.cooperative_id)
        .annotate(
            shared=Exists(SharedSession.objects.filter(session_id=session.pk)),
            plan_shared=Exists(SharedPlan.objects.filter(session_id=session.pk)),
        )
        .values("shared", "plan_shared")
        .first()
    ) or {}
    shared, plan_shared = bool(flags.get("shared")), bool(flags.get("plan_shared"))
    if not rows and not shared and not plan_shared:
        return ""
    snapshot = session.results_snapshot or {}
    return render_to_string(
        "networks/includes/share_session.html",
        {
            "session": session,
            "membership": membership,
            "networks": rows,
            "shared": shared,
            "plan_shared": plan_shared,
            "plan_share_url": LINKS["plan_share"],
            "respondents": snapshot.get("respondents"),
        },
        request=request,
    )

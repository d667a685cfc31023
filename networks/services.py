"""What changes a network's membership and what a cooperative shares with it. Each function is
one decision and one transaction, so a figure never counts half of a decision."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diagnostics import scoring
from networks import figures
from networks.models import Adviser, AdviserGrant, NetworkMembership, SharedPlan, SharedSession

Status = NetworkMembership.Status


class NotShareable(Exception):
    """A session that cannot be shared; the message says why, for the page."""


def invite(network, cooperative, user):
    """Invite `cooperative` into `network`. Returns (membership, created). An accepted or pending
    invitation stays as it is; a refused or left one is asked again."""
    with transaction.atomic():
        membership, created = NetworkMembership.objects.select_for_update().get_or_create(
            network=network, cooperative=cooperative, defaults={"invited_by": user}
        )
        if not created and membership.status in (Status.REFUSED, Status.LEFT):
            membership.status = Status.INVITED
            membership.invited_by = user
            membership.invited_at = timezone.now()
            membership.answered_at = None
            membership.save()
            created = True
    return membership, created


def answer(membership, accept):
    """The facilitator accepts or refuses a pending invitation (only a pending one). One
    conditional UPDATE: an invitation the adviser withdraws meanwhile is answered by nobody."""
    status = Status.ACCEPTED if accept else Status.REFUSED
    now = timezone.now()
    updated = NetworkMembership.objects.filter(pk=membership.pk, status=Status.INVITED).update(
        status=status, answered_at=now
    )
    if updated:
        membership.status, membership.answered_at = status, now
        if accept:  # an UPDATE sends no signal (networks.apps): its rows count from now
            figures.refresh_later([membership.network_id])
    return bool(updated)


def withdraw(membership):
    """The adviser withdraws a pending invitation: the row goes (nothing was shared: the
    cooperative never joined), and with it the notice on its facilitators' pages. One
    conditional DELETE: an invitation accepted meanwhile stays accepted."""
    deleted, _rows = NetworkMembership.objects.filter(
        pk=membership.pk, status=Status.INVITED
    ).delete()
    return deleted > 0


def leave(membership):
    """The cooperative leaves the network: from now on none of its shared sessions or plans
    count in the network's figures (they read accepted members only), and the network's
    advisers lose the read access it had granted them."""
    if membership.status != Status.ACCEPTED:
        return False
    with transaction.atomic():
        membership.status = Status.LEFT
        membership.answered_at = timezone.now()
        membership.save(update_fields=["status", "answered_at"])
        AdviserGrant.objects.filter(
            cooperative=membership.cooperative, adviser__network=membership.network
        ).delete()
    return True


def shareable_reason(session):
    """Why `session` cannot be shared, or None. Only a closed session whose results are shown and
    counted at least its own k sheets: an open-mode session of fewer people is not anonymous,
    so it never leaves the cooperative."""
    if not session.is_closed:
        return _("Seule une session clôturée peut être partagée avec le réseau.")
    state = scoring.results_state(session)
    if state.hidden_reason is not None or state.results is None:
        return _("Les résultats de cette session ne sont pas affichés : rien à partager.")
    if state.results.respondents < session.anonymity_threshold:
        return _(
            "Cette session compte moins de réponses que son seuil d’anonymat : "
            "elle ne peut pas être partagée."
        )
    return None


def readable_outside(session, submitted):
    """Whether a session's results may be read outside its cooperative (by an adviser it
    granted, as its sharing does): closed, shown, and from at least its own k sheets. An
    open-mode session shows its results to its team below k (the team chose to answer without
    anonymity among itself), which is no reason to show them to anyone else."""
    if not scoring.final_results_visible(session, submitted):
        return False
    if session.results_snapshot is not None:
        submitted = session.results_snapshot["respondents"]
    return submitted >= session.anonymity_threshold


def summary_of(results):
    """(theme_scores, statement_counts) of a session's results, as its results page shows them."""
    theme_scores = {t.theme.code: float(t.score) for t in results.themes}
    statement_counts = {
        s.statement.code: [s.yes, s.unsure, s.no] for t in results.themes for s in t.statements
    }
    return theme_scores, statement_counts


def share_session(session, user):
    """Share `session` with the cooperative's networks: one summary row, from the results the
    cooperative was shown (the published copy through diagnostics.scoring), in the same
    transaction as the decision. Raises NotShareable with the reason."""
    reason = shareable_reason(session)
    if reason:
        raise NotShareable(reason)
    state = scoring.results_state(session)
    submitted = state.participation.submitted
    results = scoring.theme_scores([(session, submitted)])[session.pk]
    theme_scores, statement_counts = summary_of(results)
    closed = session.closed_at or session.created_at
    with transaction.atomic():
        shared, _created = SharedSession.objects.update_or_create(
            session=session,
            defaults={
                "cooperative_id": session.cooperative_id,
                "shared_by": user,
                # Shared again: a new time of sharing, which names the row's figures
                # (networks.figures keeps them per process under it).
                "shared_at": timezone.now(),
                "year": timezone.localtime(closed).year,
                "respondents": results.respondents,
                "theme_scores": theme_scores,
                "statement_counts": statement_counts,
            },
        )
    return shared


def unshare_session(session):
    """Stop sharing: the row goes, and with it the session from every network figure."""
    return SharedSession.objects.filter(session=session).delete()[0] > 0


def share_plan(session, priority_themes, actions):
    """Share a session's plan (called by plans with plain values: theme codes, action titles)."""
    with transaction.atomic():
        shared, _created = SharedPlan.objects.update_or_create(
            session=session,
            defaults={
                "cooperative_id": session.cooperative_id,
                "priority_themes": list(priority_themes),
                "actions": list(actions),
            },
        )
    return shared


def unshare_plan(session):
    return SharedPlan.objects.filter(session=session).delete()[0] > 0


def grant(cooperative, adviser, user):
    """Give `adviser` read access to the cooperative's results, priorities and plan. Only an
    adviser of a network the cooperative is in."""
    in_network = NetworkMembership.objects.accepted().filter(
        cooperative=cooperative, network=adviser.network
    )
    if not in_network.exists():
        return None
    access, _created = AdviserGrant.objects.get_or_create(
        cooperative=cooperative, adviser=adviser, defaults={"granted_by": user}
    )
    return access


def adviser_of_networks_of(cooperative, adviser_pk):
    """The adviser `adviser_pk` if they advise a network the cooperative is in, else None
    (a malformed or foreign id included)."""
    # ASCII digits only, and short: int() takes « ١ » and 500-digit numbers the database refuses.
    if not isinstance(adviser_pk, str) or not adviser_pk.isascii() or not adviser_pk.isdigit():
        return None
    if len(adviser_pk) > 18:
        return None
    pk = int(adviser_pk)
    return (
        Adviser.objects.select_related("user", "network")
        .filter(
            pk=pk,
            network__memberships__cooperative=cooperative,
            network__memberships__status=Status.ACCEPTED,
        )
        .first()
    )


def advisers_for(cooperative):
    """The advisers of the networks the cooperative is in, for the grant form."""
    return (
        Adviser.objects.select_related("user", "network")
        .filter(
            network__memberships__cooperative=cooperative,
            network__memberships__status=Status.ACCEPTED,
        )
        .order_by("network__name", "user__email")
    )

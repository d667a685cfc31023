"""The one way to an exercise's objects: always through the cooperative of the logged-in user
(cooperatives.access), so another cooperative's charter, note or discussion is a 404."""

from django.shortcuts import get_object_or_404

from cooperatives.access import get_cooperative_for


def get_charter_for(request, slug, version, *, facilitator=False):
    """An adopted version of the charter (drafts are reached through ``get_draft_for``)."""
    cooperative, membership = get_cooperative_for(request, slug, facilitator=facilitator)
    charter = get_object_or_404(
        cooperative.charters.select_related("cooperative"),
        version=version,
        adopted_on__isnull=False,
    )
    return charter, membership


def get_time_note_for(request, slug, pk):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    return get_object_or_404(cooperative.time_notes, pk=pk), membership


def get_arrangement_for(request, slug, pk):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    return get_object_or_404(cooperative.time_arrangements, pk=pk), membership


def get_discussion_for(request, slug, pk, *, facilitator=False):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=facilitator)
    discussion = get_object_or_404(cooperative.discussions.select_related("cooperative"), pk=pk)
    return discussion, membership


def get_info_card_for(request, slug, pk):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    card = get_object_or_404(cooperative.info_cards.select_related("cooperative"), pk=pk)
    return card, membership

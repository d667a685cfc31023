"""The meeting's votes: the facilitator's buttons (open, close, reveal, retain the priorities)
and the members' voting pad behind the session's join link. `plans.votes` holds the rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from diagnostics import quiz
from diagnostics.access import get_session_for
from diagnostics.answer_views import join_link, voter_pass
from plans import priorities, votes
from plans.vote_models import PRIORITY_POINTS, Vote

# --- The facilitator's buttons (on the meeting screens) ----------------------------------------


def _back(request, session):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("plans:meeting", session.cooperative.slug, session.pk)


def _facilitator_vote(request, slug, pk, vote_pk):
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    return session, get_object_or_404(Vote.objects.filter(session=session), pk=vote_pk)


@login_required
@require_POST
def open_vote(request, slug, pk):
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    kind, statement = request.POST.get("kind"), None
    if kind == Vote.Kind.STATEMENT:
        number = request.POST.get("statement", "")
        statements = {str(s.pk): s for s in quiz.statements_of(session.questionnaire_id)}
        statement = statements.get(number)
        if statement is None:
            messages.error(request, _("Cette affirmation n’existe pas dans ce questionnaire."))
            return _back(request, session)
    try:
        votes.open_vote(session, kind, statement)
    except votes.VoteError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Le vote est ouvert : chacun vote avec le lien de la session."))
    return _back(request, session)


@login_required
@require_POST
def close_vote(request, slug, pk, vote_pk):
    session, vote = _facilitator_vote(request, slug, pk, vote_pk)
    votes.close_vote(vote)
    messages.success(request, _("Le vote est fermé."))
    return _back(request, session)


@login_required
@require_POST
def reveal_vote(request, slug, pk, vote_pk):
    session, vote = _facilitator_vote(request, slug, pk, vote_pk)
    votes.reveal_vote(vote)
    return _back(request, session)


@login_required
@require_POST
def retain_priorities(request, slug, pk, vote_pk):
    """« Retenir ces priorités »: the themes with most points, as the panel shows them."""
    session, vote = _facilitator_vote(request, slug, pk, vote_pk)
    panel = votes.vote_panel(session)
    if vote.kind != Vote.Kind.PRIORITIES or panel.vote != vote or not panel.retained:
        messages.error(request, _("Ce vote ne donne pas de priorités à retenir."))
        return _back(request, session)
    try:
        priorities.choose(session, panel.retained, method="vote", user=request.user)
    except priorities.InvalidChoice as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Les priorités du vote sont retenues."))
    return _back(request, session)


@login_required
@require_GET
def status(request, slug, pk):
    """The projector's poll: the latest vote's state and its voter count — never totals, never
    anything per phone."""
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    panel = votes.vote_panel(session)
    vote = panel.vote
    return JsonResponse(
        {
            "vote": vote.pk if vote else None,
            "open": bool(vote and vote.is_open),
            "revealed": bool(vote and vote.is_revealed),
            "voters": vote.voters if vote else 0,
        }
    )


# --- The members' pad (the join link, on their phones) -----------------------------------------


def _pad(request, session, token, vote, *, status=200, error=None, data=None):
    themes = quiz.questionnaire_themes(session.questionnaire_id)
    my_pass = voter_pass(request, session)
    context = {
        "session": session,
        "token": token,
        "vote": vote,
        "has_pass": my_pass is not None,
        "voted": bool(vote and my_pass and votes.has_voted(vote, my_pass)),
        # The priorities' fields, with what was posted when the pad says it was not valid.
        "theme_rows": [(t, (data or {}).get(f"points_{t.code}", "")) for t in themes],
        "points": PRIORITY_POINTS,
        "error": error,
    }
    return render(request, "plans/vote_pad.html", context, status=status)


@join_link
def pad(request, session, token):
    vote = votes.current_vote(session)
    if request.method != "POST":
        return _pad(request, session, token, vote)
    my_pass = voter_pass(request, session)
    if vote is None or request.POST.get("vote") != str(vote.pk):
        return _pad(request, session, token, vote, status=409, error=_("Ce vote est terminé."))
    if my_pass is None:
        error = _("Seul un téléphone qui a envoyé un questionnaire de cette session peut voter.")
        return _pad(request, session, token, vote, status=403, error=error)
    themes = quiz.questionnaire_themes(session.questionnaire_id)
    try:
        choice = votes.parse_ballot(vote, request.POST, themes)
        votes.cast(vote, my_pass, choice)
    except votes.InvalidBallot as error:
        return _pad(request, session, token, vote, status=400, error=str(error), data=request.POST)
    except votes.VoteError as error:
        return _pad(request, session, token, vote, status=409, error=str(error))
    return redirect("plans:vote_pad", token)


@require_GET
@join_link
def pad_status(request, session, token):
    """The pad's poll every 2 s: which vote is open, nothing else (the page reloads when it
    changes; without JavaScript a reload does the same)."""
    vote = votes.current_vote(session)
    return JsonResponse({"vote": vote.pk if vote else None})

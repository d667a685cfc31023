"""The information diagram and the time board compared over time (exercises.snapshots): the
facilitator records the board's state on a date; every member puts two states side by side, with
what moved between them. Without JavaScript: a form in GET."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from exercises import snapshots
from exercises.forms import CompareForm


def _label(snapshot):
    when = localtime(snapshot.created_at)
    return _("État du %(date)s à %(time)s") % {
        "date": date_format(snapshot.taken_on, "j F Y"),
        "time": date_format(when, "TIME_FORMAT"),
    }


@require_POST
@login_required
def take(request, slug, board):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    snapshot = snapshots.take(cooperative, board, request.user)
    if snapshot is None:
        messages.error(request, _("Le tableau est vide : il n’y a rien à enregistrer."))
        return redirect(f"exercises:{board}", cooperative.slug)
    messages.success(
        request,
        _("L’état du tableau est enregistré (%(date)s).")
        % {"date": date_format(snapshot.taken_on, "j F Y")},
    )
    return redirect(f"exercises:{board}_history", cooperative.slug)


@login_required
def history(request, slug, board):
    """Two states side by side: by default the last recorded one and the board now. Queries:
    the recorded states (one), the board now (one or two)."""
    cooperative, membership = get_cooperative_for(request, slug)
    recorded = {str(s.pk): s for s in cooperative.board_snapshots.filter(board=board)}
    states = [(pk, _label(s)) for pk, s in recorded.items()]
    states.append((snapshots.NOW, _("Le tableau maintenant")))
    initial = {"avant": next(iter(recorded), snapshots.NOW), "apres": snapshots.NOW}
    form = CompareForm(request.GET or None, states=states, initial=initial)
    status, chosen = 200, initial
    if request.GET:
        if form.is_valid():
            chosen = form.cleaned_data
        else:
            status = 400
    now = None
    sides = []
    for name in ("avant", "apres"):
        snapshot = recorded.get(chosen[name])
        if snapshot is None and now is None:
            now = snapshots.board_data(cooperative, board)
        state = snapshots.State(board, snapshot.data if snapshot else now, snapshot)
        view = state.view()
        if "svg" in view:
            view["svg"] = mark_safe(view["svg"])  # noqa: S308 - diagram.svg escapes the texts
        label = _label(snapshot) if snapshot else _("Le tableau maintenant")
        sides.append({"name": name, "label": label, "state": state, **view})
    comparable = sides[0]["state"].snapshot != sides[1]["state"].snapshot
    changes = (
        snapshots.differences(board, sides[0]["state"].data, sides[1]["state"].data)
        if comparable
        else None
    )
    return render(
        request,
        "exercises/history.html",
        {
            "cooperative": cooperative,
            "membership": membership,
            "board": board,
            "form": form,
            "recorded": list(recorded.values()),
            "sides": sides,
            "changes": changes,
        },
        status=status,
    )

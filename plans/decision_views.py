"""The team's decisions after the results: which 1 to 3 priorities it keeps, and when it meets.

The priorities page itself is `plans.results_views.priorities` (GET); its facilitator form posts
to the same URL and lands in `choose_priorities` here. The meeting date is a small page of its
own, reachable in every state of the session: the meeting is often planned before the close.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnostics.access import get_session_for
from plans import priorities, votes
from plans.session_context import results_context


def priorities_page(request, session, membership, status=200):
    """The priorities page: every theme ranked (agreed scores first), the team's choice, and
    for the facilitator the form to tick 1 to 3 of them. Data only when results are visible."""
    context, state = results_context(session, membership)
    if state.results is not None:
        agreed = priorities.agreed_scores(session)
        ranked = priorities.rank_priorities(state.results, agreed)
        context |= {
            "results": state.results,
            "priorities": ranked,
            "decision": priorities.decide(session, ranked),
            "any_agreed": any(score is not None for score in agreed.values()),
            # Ticking needs the final results: not a first look while the session is open.
            "can_choose": membership.is_facilitator and session.is_closed,
        }
        if context["can_choose"]:  # the meeting's priorities vote, as on L'atelier's screens
            context["vote_panel"] = votes.vote_panel(session)
    return render(request, "plans/priorities.html", context, status=status)


def choose_priorities(request, session, membership):
    """POST of the priorities page: the ticked themes become the team's priorities. Members get
    403; 0 or 4+ themes, or results not final: a message and nothing changed; a theme that is
    not one of the questionnaire's (a forged form): the page again with 400, nothing changed."""
    if not membership.is_facilitator:
        raise PermissionDenied(_("Seul·e l’animateur·rice retient les priorités de l’équipe."))
    url = reverse("plans:priorities", args=[session.cooperative.slug, session.pk])
    try:
        themes = priorities.choose(
            session, request.POST.getlist("themes"), "tick", user=request.user
        )
    except priorities.ForeignTheme as error:
        messages.error(request, str(error))
        return priorities_page(request, session, membership, status=400)
    except priorities.InvalidChoice as error:
        messages.error(request, str(error))
        return redirect(f"{url}#choisir")
    messages.success(
        request,
        _("Priorités retenues par l’équipe : %(themes)s.")
        % {"themes": ", ".join(theme.localized_title for theme in themes)},
    )
    return redirect(f"{url}#retenues")


# --- The meeting date ---------------------------------------------------------------------------


class MeetingDateForm(forms.Form):
    # A plain form, not a ModelForm: the session's own clean() (previous session, team size)
    # has nothing to do with this date and must not refuse it.
    meeting_date = forms.DateField(
        label=gettext_lazy("Date de la réunion d’équipe"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy(
            "Elle s’affiche pour les personnes qui ont répondu, avec les résultats de l’équipe. "
            "Laissez vide pour l’effacer."
        ),
        error_messages={
            "invalid": gettext_lazy("Saisissez une date valide, par exemple 15/03/2027.")
        },
    )

    def clean_meeting_date(self):
        date = self.cleaned_data.get("meeting_date")
        today = timezone.localdate()
        # A typo such as 0202 or 20277 is refused rather than told to the team.
        earliest, latest = today - timedelta(days=366), today + timedelta(days=2 * 366)
        if date and not earliest <= date <= latest:
            raise forms.ValidationError(
                _("Choisissez une date entre l’an dernier et les deux ans à venir."),
                code="meeting_date_range",
            )
        return date


@login_required
def meeting_date(request, slug, pk):
    session, membership = get_session_for(request, slug, pk, facilitator=True)
    form = MeetingDateForm(request.POST or None, initial={"meeting_date": session.meeting_date})
    if request.method == "POST" and form.is_valid():
        session.meeting_date = form.cleaned_data["meeting_date"]
        session.save(update_fields=["meeting_date"])
        if session.meeting_date:
            messages.success(request, _("La date de la réunion d’équipe est enregistrée."))
        else:
            messages.success(request, _("La date de la réunion d’équipe est effacée."))
        return redirect("plans:priorities", session.cooperative.slug, session.pk)
    context = {"cooperative": session.cooperative, "membership": membership, "session": session}
    return render(request, "plans/meeting_date.html", {**context, "form": form})

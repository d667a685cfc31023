"""The tally page: the facilitator enters paper sheets one at a time (diagnostics.paper_sheets).

Each sheet is posted with a fresh one-time token, entered as an anonymous sent sheet, and the
page comes back empty for the next one: it shows how many paper sheets were entered, never what
an earlier sheet said.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.signed import new_token
from diagnostics import paper_sheets, quiz
from diagnostics.access import get_session_for
from diagnostics.forms import PaperSheetForm

ENTRY_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
Refused = paper_sheets.PaperSheetRefused

REFUSED_STATUS = {
    Refused.NOT_OPEN: 409,
    Refused.MEMBERS_ONLY: 409,
    Refused.FULL: 409,
    Refused.EMPTY: 400,
    Refused.INVALID: 400,
}


def refused_message(reason, session):
    return {
        Refused.NOT_OPEN: _(
            "Les feuilles papier se saisissent pendant que la session est ouverte : celle-ci "
            "ne l’est pas. Rien n’a été enregistré."
        ),
        Refused.MEMBERS_ONLY: _(
            "Cette session est réservée aux membres inscrits, un questionnaire chacun : une "
            "feuille papier ne peut pas y être comptée, car elle ne dit pas de qui elle vient."
        ),
        Refused.FULL: _(
            "La session a déjà autant de questionnaires que de personnes dans l’équipe "
            "(%(cap)s) : cette feuille n’a pas été enregistrée."
        )
        % {"cap": session.sheet_cap},
        Refused.EMPTY: _(
            "Aucune réponse n’est cochée : rien n’a été enregistré. Une feuille rendue vide "
            "ne compte pas."
        ),
        Refused.INVALID: _(
            "Ce formulaire ne correspond pas au questionnaire de la session : rien n’a été "
            "enregistré. Rechargez la page."
        ),
    }[reason]


def _refusal_of(session, started):
    """Why no sheet can be entered at all, or None. `started`: the session's sheets, sent or
    not, which the team's size caps (said before a sheet is typed in for nothing)."""
    if not session.is_open:
        return Refused.NOT_OPEN
    if session.members_only:
        return Refused.MEMBERS_ONLY
    if started >= session.sheet_cap:
        return Refused.FULL
    return None


@login_required
def paper_tally(request, slug, pk):
    session, membership = get_session_for(request, slug, pk, facilitator=True)
    themes = quiz.questionnaire_themes(session.questionnaire_id)
    statements = [s for t in themes for s in t.statement_list]
    posted = request.method == "POST"
    form = PaperSheetForm(request.POST if posted else None, statements=statements)
    started = session.respondents.count()
    closed_to_paper = _refusal_of(session, started)
    refused, status = closed_to_paper, 200
    # A full session may still get the same form again (a double click on its last sheet): the
    # service tells a repeated form from a new sheet, then checks the cap under its lock.
    if posted and refused in (None, Refused.FULL):
        refused = None
        token = request.POST.get("entry", "")
        if form.unknown_keys() or not ENTRY_TOKEN.fullmatch(token):
            refused = Refused.INVALID
        elif form.is_valid():
            try:
                entered = paper_sheets.enter_paper_sheet(session, form.answered_values(), token)
            except Refused as error:
                refused = error.reason
            else:
                if entered.duplicate:
                    messages.info(
                        request,
                        _(
                            "Cette feuille était déjà enregistrée (formulaire envoyé deux fois) "
                            ": elle n’est comptée qu’une fois."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _("Feuille papier n°%(n)s enregistrée.") % {"n": entered.number},
                    )
                # Back to an empty form with a new token: a reload or the back button cannot
                # post this sheet again.
                return redirect("diagnostics:paper_tally", slug, pk)
        else:
            status = 400
    if posted and refused is not None:
        status = REFUSED_STATUS[refused]
    return render(
        request,
        "diagnostics/paper_tally.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "session": session,
            "form": form,
            "by_theme": form.by_theme(themes),
            "refused": refused,
            "refused_message": refused_message(refused, session) if refused else "",
            "closed_to_paper": closed_to_paper is not None,
            "room": max(session.sheet_cap - started, 0),
            "entry_token": new_token(),
        },
        status=status,
    )

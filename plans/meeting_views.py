"""« L'atelier »: the projector pages of the team meeting (facilitators only, once the final
results are visible — the rule of the consolidation page, `views.with_visible_results`).

The first screen is the radar; then one statement per screen, the most split first
(`plans.meeting.order`). One tap (or one key, with static/js/meeting.js) records the team's answer
through `services.save_consolidation` and moves on. Without JavaScript every control is a
link or a form button.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plans import meeting, services
from plans.views import _analysis, _context, with_visible_results
from plans.votes import vote_panel


@login_required
@with_visible_results(facilitator=True)
def overview(request, session, membership, submitted):
    analysis = _analysis(session, submitted)
    return render(
        request,
        "plans/meeting/overview.html",
        _context(
            session,
            membership,
            analysis=analysis,
            chart_data=analysis.chart_data,
            radar_svg=analysis.radar_svg,
            agreed=meeting.agreed_count(analysis),
            count=len(analysis.statements),
            resume=meeting.resume_number(analysis),
            vote_panel=vote_panel(session),
        ),
    )


@login_required
@with_visible_results(facilitator=True)
def statement(request, session, membership, submitted, number):
    analysis = _analysis(session, submitted)
    screen = meeting.screen(analysis, number)
    if screen is None:
        raise Http404
    initial = {"note": screen.item.consolidated.note if screen.item.consolidated else ""}
    # An empty POST is still a POST: it must say what is missing, not show the page again.
    data = request.POST if request.method == "POST" else None
    form = meeting.AgreedAnswerForm(data, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            agreed = form.cleaned_data
            services.save_consolidation(
                session, {screen.statement.pk: (agreed["value"], agreed["note"])}, request.user
            )
            messages.success(request, _("La réponse de l’équipe est enregistrée."))
            if screen.next:
                return redirect(
                    "plans:meeting_statement", session.cooperative.slug, session.pk, screen.next
                )
            return redirect("plans:meeting", session.cooperative.slug, session.pk)
        status = 400
    return render(
        request,
        "plans/meeting/statement.html",
        _context(
            session,
            membership,
            screen=screen,
            form=form,
            agreed=meeting.agreed_count(analysis),
            vote_panel=vote_panel(session),
        ),
        status=status,
    )

"""FICHE 3's time compromise: for each of the four times, the constraints and the leeway the team
lists, then the arrangements it decides, each of which can be sent to the action plan (theme
« temps »). In the meeting every member may add a constraint or a leeway from their phone; the
facilitator removes, records the arrangements and sends them to the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from exercises import services
from exercises.access import get_arrangement_for, get_time_note_for
from exercises.forms import ArrangementForm, SendToPlanForm, TimeNoteForm
from fiches.content_loader import load_exercises

THEME = "temps"


def _render(request, cooperative, membership, status=200, **forms):
    context = {
        "cooperative": cooperative,
        "membership": membership,
        "content": load_exercises().time,
        **services.time_board(cooperative),
    }
    context["note_form"] = forms.get("note_form") or TimeNoteForm()
    if membership.is_facilitator:
        context |= {
            "arrangement_form": forms.get("arrangement_form") or ArrangementForm(),
            "send_form": SendToPlanForm(),
        }
    return render(request, "exercises/time.html", context, status=status)


def _back(cooperative, anchor=""):
    return redirect(reverse("exercises:time", args=[cooperative.slug]) + anchor)


@login_required
def board(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    return _render(request, cooperative, membership)


@require_POST
@login_required
def add_note(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    form = TimeNoteForm(request.POST)
    if not form.is_valid():
        return _render(request, cooperative, membership, status=400, note_form=form)
    try:
        note = services.add_note(cooperative, form.save(commit=False))
    except services.BoardFull as full:
        form.add_error(
            None,
            _(
                "Le tableau compte déjà %(count)s contraintes et marges, son maximum : "
                "retirez-en avant d’en ajouter."
            )
            % {"count": full.args[0]},
        )
        return _render(request, cooperative, membership, status=409, note_form=form)
    messages.success(request, _("C’est noté."))
    return _back(cooperative, f"#temps-{note.dimension}")


@require_POST
@login_required
def delete_note(request, slug, pk):
    note, _membership = get_time_note_for(request, slug, pk)
    note.delete()
    messages.success(request, _("La note est retirée."))
    return _back(note.cooperative, f"#temps-{note.dimension}")


@require_POST
@login_required
def add_arrangement(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    form = ArrangementForm(request.POST)
    if not form.is_valid():
        return _render(request, cooperative, membership, status=400, arrangement_form=form)
    arrangement = form.save(commit=False)
    arrangement.cooperative = cooperative
    arrangement.save()
    messages.success(request, _("L’aménagement décidé est enregistré."))
    return _back(cooperative, "#amenagements")


@require_POST
@login_required
def delete_arrangement(request, slug, pk):
    arrangement, _membership = get_arrangement_for(request, slug, pk)
    arrangement.delete()
    messages.success(request, _("L’aménagement est retiré (une action du plan reste au plan)."))
    return _back(arrangement.cooperative, "#amenagements")


@require_POST
@login_required
def send_arrangement(request, slug, pk):
    arrangement, _membership = get_arrangement_for(request, slug, pk)
    cooperative = arrangement.cooperative
    form = SendToPlanForm(request.POST)
    if arrangement.action_id:
        messages.info(request, _("Cet aménagement est déjà au plan d’action."))
    elif not form.is_valid():
        messages.error(request, _("Choisissez une étape de la démarche."))
    else:
        try:
            action = services.send_to_plan(
                cooperative,
                theme_code=THEME,
                title=arrangement.text,
                step=form.cleaned_data["step"],
                description=_("Aménagement décidé le %(date)s (compromis temporel, fiche 3).")
                % {"date": date_format(arrangement.decided_on, "j F Y")},
            )
        except services.NoPlanError:
            messages.error(
                request,
                _(
                    "Le plan d’action existe une fois une session de diagnostic clôturée et ses "
                    "résultats visibles : rien n’a été envoyé."
                ),
            )
        else:
            arrangement.action = action
            arrangement.save(update_fields=["action"])
            messages.success(request, _("L’aménagement est ajouté au plan d’action."))
    return _back(cooperative, f"#amenagement-{arrangement.pk}")

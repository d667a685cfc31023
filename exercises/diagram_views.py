"""FICHE 2's information diagram: the team's cards on the guide's 2×2 diagram, placed first as
they are (the diagnostic), then on a « cible » layer where they should be, and the change sent
to the plan (theme « information »). Every move is a form (« Placer dans… »); the drag and drop
of static/js/diagram.js only fills and sends that form. In the meeting every member may add a
card from their phone (it lands where they say it is now); the facilitator moves, removes and
sends the changes to the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_cooperative_for
from exercises import diagram, services
from exercises.access import get_info_card_for
from exercises.forms import InfoCardForm, PlaceForm, SendToPlanForm
from fiches.content_loader import load_exercises

THEME = "information"


def _render(request, cooperative, membership, status=200, card_form=None):
    cards = list(cooperative.info_cards.select_related("action"))
    names = diagram.quadrants()
    by_place = {code: [] for code in names}
    by_target = {code: [] for code in names}
    for number, card in enumerate(cards, start=1):
        card.number = number
        card.place_label = names[card.place].label
        card.target_label = names[card.target].label if card.moves else ""
        by_place[card.place].append(card)
        if card.moves:
            by_target[card.target].append(card)
    context = {
        "cooperative": cooperative,
        "membership": membership,
        "content": load_exercises().diagram,
        "cards": cards,
        "board": [(q, by_place[code], by_target[code]) for code, q in names.items()],
        "quadrant_names": names,
        "svg": mark_safe(diagram.svg(cards)),  # noqa: S308 - every text in it is escaped
    }
    context["card_form"] = card_form or InfoCardForm()
    if membership.is_facilitator:
        context |= {
            "place_form": PlaceForm(),
            "send_form": SendToPlanForm(),
        }
    return render(request, "exercises/diagram.html", context, status=status)


def _back(cooperative, anchor=""):
    return redirect(reverse("exercises:diagram", args=[cooperative.slug]) + anchor)


@login_required
def board(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    return _render(request, cooperative, membership)


@require_POST
@login_required
def add_card(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    form = InfoCardForm(request.POST)
    if not form.is_valid():
        return _render(request, cooperative, membership, status=400, card_form=form)
    try:
        card = services.add_card(cooperative, form.save(commit=False))
    except services.BoardFull as full:
        form.add_error(
            None,
            _(
                "Le diagramme compte déjà %(count)s informations, son maximum : retirez-en "
                "avant d’en ajouter."
            )
            % {"count": full.args[0]},
        )
        return _render(request, cooperative, membership, status=409, card_form=form)
    messages.success(request, _("L’information est placée sur le diagramme."))
    return _back(cooperative, f"#carte-{card.pk}")


@require_POST
@login_required
def place_card(request, slug, pk):
    card, _membership = get_info_card_for(request, slug, pk)
    form = PlaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez où placer cette information."))
        return _back(card.cooperative, f"#carte-{card.pk}")
    setattr(card, form.cleaned_data["layer"], form.cleaned_data["quadrant"])
    card.save(update_fields=[form.cleaned_data["layer"]])
    where = diagram.quadrants().get(form.cleaned_data["quadrant"])
    if where is None:
        messages.success(request, _("« %(card)s » n’a plus de cible.") % {"card": card.label})
    elif form.cleaned_data["layer"] == "target":
        messages.success(
            request,
            _("Cible de « %(card)s » : %(where)s.") % {"card": card.label, "where": where.label},
        )
    else:
        messages.success(
            request,
            _("« %(card)s » est dans %(where)s.") % {"card": card.label, "where": where.label},
        )
    return _back(card.cooperative, f"#carte-{card.pk}")


@require_POST
@login_required
def delete_card(request, slug, pk):
    card, _membership = get_info_card_for(request, slug, pk)
    card.delete()
    messages.success(request, _("L’information est retirée du diagramme."))
    return _back(card.cooperative)


@require_POST
@login_required
def send_card(request, slug, pk):
    card, _membership = get_info_card_for(request, slug, pk)
    cooperative = card.cooperative
    form = SendToPlanForm(request.POST)
    names = diagram.quadrants()
    if card.action_id:
        messages.info(request, _("Ce changement est déjà au plan d’action."))
    elif not card.moves:
        messages.error(request, _("Donnez d’abord à cette information une cible différente."))
    elif not form.is_valid():
        messages.error(request, _("Choisissez une étape de la démarche."))
    else:
        title = _("« %(card)s » : passer de %(place)s à %(target)s") % {
            "card": card.label,
            "place": names[card.place].label,
            "target": names[card.target].label,
        }
        try:
            action = services.send_to_plan(
                cooperative,
                theme_code=THEME,
                title=title,
                step=form.cleaned_data["step"],
                description=_("Canal actuel : %(channel)s (diagramme de la fiche 2).")
                % {"channel": card.channel},
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
            card.action = action
            card.save(update_fields=["action"])
            messages.success(request, _("Le changement est ajouté au plan d’action."))
    return _back(cooperative, f"#carte-{card.pk}")

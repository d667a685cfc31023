from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from cooperatives import invitations, members_page, outbox, services
from cooperatives.access import get_cooperative_for
from cooperatives.forms import (
    AddMembersForm,
    CooperativeForm,
    QRSheetForm,
    RoleForm,
)
from cooperatives.qr import qr_svg


@login_required
def create(request):
    form = CooperativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cooperative = services.create_cooperative(request.user, **form.cleaned_data)
        messages.success(request, _("La coopérative « %s » est créée.") % cooperative.name)
        return redirect(cooperative)
    return render(request, "cooperatives/create.html", {"form": form})


@login_required
def members(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    form = AddMembersForm(request.POST or None, sender=request.user)
    if request.method == "POST" and form.is_valid():
        result = invitations.add_and_invite(
            request,
            cooperative,
            form.cleaned_data["emails"],
            role=form.cleaned_data["role"],
            send_email=form.cleaned_data["send_invitation"],
        )
        report_added(request, result)
        return redirect("cooperatives:members", cooperative.slug)
    return render(
        request,
        "cooperatives/members.html",
        {
            "cooperative": cooperative,
            "membership": membership,
            "form": form,
            "memberships": with_last_email(
                cooperative.memberships.select_related("user").annotate(
                    last_invited=Max("invitations__created_at"),
                    last_used=Max("invitations__used_at"),
                )
            ),
            "roles": RoleForm.base_fields["role"].choices,
            "members_extras": members_page.extras(request, cooperative, membership),
        },
    )


def with_last_email(memberships):
    """The members, each with `last_email`: the latest email queued for them (sent, pending
    or failed), in one more query whatever their number."""
    memberships = list(memberships)
    last = outbox.last_email_by_member(memberships)
    for m in memberships:
        m.last_email = last.get(m.pk)
    return memberships


def report_added(request, result):
    count = len(result.added)
    if count:
        messages.success(
            request,
            ngettext("%(count)d personne ajoutée.", "%(count)d personnes ajoutées.", count)
            % {"count": count},
        )
    if result.sent:
        messages.info(
            request,
            ngettext(
                "%(count)d lien personnel part par e-mail : son état est dans la colonne "
                "« Dernier e-mail ».",
                "%(count)d liens personnels partent par e-mail : leur état est dans la colonne "
                "« Dernier e-mail ».",
                result.sent,
            )
            % {"count": result.sent},
        )
    if result.already:
        messages.info(request, _("Déjà membres : %s.") % ", ".join(result.already))
    if result.over_cap:
        messages.warning(
            request,
            _(
                "Plafond quotidien d’e-mails atteint : aucun lien n’a été envoyé à %s. "
                "Ces personnes sont ajoutées ; envoyez-leur leur lien demain, ou imprimez "
                "leurs codes QR."
            )
            % ", ".join(result.over_cap),
        )
    if result.failed:
        messages.error(
            request,
            _(
                "L’envoi a échoué pour %s : ces personnes sont ajoutées, mais sans e-mail. "
                "Réessayez plus tard avec « Envoyer le lien »."
            )
            % ", ".join(result.failed),
        )


def _target(request, slug, pk):
    cooperative, _membership = get_cooperative_for(request, slug, facilitator=True)
    return cooperative, get_object_or_404(cooperative.memberships, pk=pk)


# Lazy: a plain gettext here would be translated once, at import, in the default language.
LAST_FACILITATOR = gettext_lazy(
    "Impossible : la coopérative doit garder au moins un·e animateur·rice."
)


@require_POST
@login_required
def remove_member(request, slug, pk):
    cooperative, target = _target(request, slug, pk)
    try:
        services.remove_member(target)
    except services.LastFacilitatorError:
        messages.error(request, LAST_FACILITATOR)
    else:
        messages.success(request, _("%s a été retiré·e de la coopérative.") % target.email)
    return redirect("cooperatives:members", cooperative.slug)


@require_POST
@login_required
def change_role(request, slug, pk):
    cooperative, target = _target(request, slug, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Rôle inconnu : rien n’a été changé."))
    else:
        try:
            services.change_role(target, form.cleaned_data["role"])
        except services.LastFacilitatorError:
            messages.error(request, LAST_FACILITATOR)
        else:
            messages.success(request, _("Le rôle de %s est enregistré.") % target.email)
    return redirect("cooperatives:members", cooperative.slug)


@require_POST
@login_required
def send_invitation(request, slug, pk):
    cooperative, target = _target(request, slug, pk)
    if not outbox.may_send(request.user):
        messages.error(request, outbox.NOT_VERIFIED)
    elif outbox.member_in_cooldown(target):
        messages.error(
            request,
            _("Un lien a été envoyé à %(email)s il y a moins de %(minutes)d minutes : attendez.")
            % {"email": target.email, "minutes": outbox.MEMBER_COOLDOWN.seconds // 60},
        )
    elif not outbox.emails_left_today(cooperative, request.user):
        messages.error(request, _("Plafond quotidien d’e-mails atteint : réessayez demain."))
    elif invitations.failed_now([invitations.queue_link(request, target, sender=request.user)]):
        messages.error(request, _("L’envoi à %s a échoué : réessayez plus tard.") % target.email)
    else:
        messages.success(
            request,
            _(
                "Un nouveau lien personnel part pour %s : son état est dans la colonne "
                "« Dernier e-mail »."
            )
            % target.email,
        )
    return redirect("cooperatives:members", cooperative.slug)


@require_POST
@login_required
def revoke_invitations(request, slug, pk):
    cooperative, target = _target(request, slug, pk)
    count = invitations.revoke(target)
    messages.success(
        request,
        ngettext("%(count)d lien révoqué.", "%(count)d liens révoqués.", count) % {"count": count},
    )
    return redirect("cooperatives:members", cooperative.slug)


@require_POST
@login_required
def leave(request, slug):
    cooperative, membership = get_cooperative_for(request, slug)
    try:
        services.remove_member(membership)
    except services.LastFacilitatorError:
        messages.error(
            request,
            _("Vous êtes le ou la seule animateur·rice : nommez-en un·e autre avant de partir."),
        )
        return redirect(cooperative)
    messages.success(request, _("Vous avez quitté « %s ».") % cooperative.name)
    return redirect("home")


@login_required
def qr_sheet(request, slug):
    """Printable personal QR codes for teams that meet in person or have no email.

    Printing makes fresh links (earlier unused ones stop working): the sheet is the only copy.
    """
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    form = QRSheetForm(request.POST or None, cooperative=cooperative)
    if request.method == "POST" and form.is_valid():
        cards, show_names = [], form.cleaned_data["show_names"]
        for target in form.cleaned_data["members"]:
            _invitation, token = invitations.issue(
                target, created_by=request.user, channel=invitations.Invitation.Channel.QR
            )
            url = invitations.invitation_url(request, token)
            name = target.display_name
            title = name if show_names else _("Code personnel")
            cards.append({"name": name, "url": url, "svg": qr_svg(url, title)})
        # Eight cards per A4 sheet (2 × 4): each sheet is its own block, so a card is never
        # split across pages whatever the browser does with grids at a page break.
        sheets = [cards[start : start + 8] for start in range(0, len(cards), 8)]
        response = render(
            request,
            "cooperatives/qr_sheet.html",
            {"cooperative": cooperative, "sheets": sheets, "show_names": show_names},
        )
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "cooperatives/qr_form.html",
        {"cooperative": cooperative, "membership": membership, "form": form},
    )

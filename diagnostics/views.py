"""Facilitator and member pages of a diagnostic session."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cooperatives import outbox
from cooperatives.access import get_cooperative_for
from cooperatives.qr import qr_svg, short_code
from diagnostics import publication, quiz, scoring, services, session_invitations, session_page
from diagnostics.access import get_session_for
from diagnostics.forms import OpenSessionForm, SessionForm
from diagnostics.models import DiagnosticSession


def query_int(request, name):
    """A small positive integer from the query string, or None. ASCII digits only: '²' and
    other Unicode digits pass str.isdigit() but not int()."""
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


@login_required
def session_create(request, slug):
    cooperative, membership = get_cooperative_for(request, slug, facilitator=True)
    # Cooperative and questionnaire first: the form offers (and checks) the previous session.
    new_session = DiagnosticSession(
        cooperative=cooperative,
        questionnaire=quiz.guide_questionnaire(),
        created_by=request.user,
    )
    initial = {}
    previous = query_int(request, "suite")
    if previous is not None:
        initial["previous"] = previous
    form = SessionForm(request.POST or None, instance=new_session, initial=initial)
    if request.method == "POST" and form.is_valid():
        session = form.save()
        messages.success(request, _("La session est créée. Ouvrez-la quand l’équipe est prête."))
        return redirect(session)
    return render(
        request,
        "diagnostics/session_form.html",
        {"cooperative": cooperative, "membership": membership, "form": form},
    )


@login_required
def session_edit(request, slug, pk):
    session, membership = get_session_for(request, slug, pk, facilitator=True)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La session est enregistrée."))
        return redirect(session)
    return render(
        request,
        "diagnostics/session_form.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "form": form,
            "session": session,
        },
    )


@login_required
def session_detail(request, slug, pk):
    session, membership = get_session_for(request, slug, pk)
    counts = scoring.participation(session)
    return render(
        request,
        "diagnostics/session_detail.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "session": session,
            "participation": counts,
            "progress": services.progress(session, counts.submitted),
            "join_url": request.build_absolute_uri(session.get_join_url()),
            "emails": (
                session_invitations.invitation_list(session)
                if membership.is_facilitator and not session.is_draft
                else None
            ),
            # The path after the answers (the stepper), drawn by the layers above.
            "session_extras": session_page.extras(request, session, membership),
        },
    )


def _transition(request, slug, pk, action, done_message, refused_message):
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    try:
        action(session)
    except services.SessionStateError:
        messages.error(request, refused_message)
    else:
        messages.success(request, done_message)
    return redirect(session)


@login_required
def session_open(request, slug, pk):
    """The stepper's « Ouvrir la session » leads here: whom to invite (every member ticked),
    then a confirmed POST opens the session and emails them its link."""
    session, membership = get_session_for(request, slug, pk, facilitator=True)
    if not session.is_draft:
        messages.error(request, _("Seule une session en préparation peut être ouverte."))
        return redirect(session)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "1"
    form = OpenSessionForm(request.POST if confirmed else None, session=session)
    if confirmed and form.is_valid():
        try:
            session = services.open_session(session)
        except services.SessionStateError:
            messages.error(request, _("Seule une session en préparation peut être ouverte."))
            return redirect(session)
        messages.success(request, _("La session est ouverte : partagez le lien avec l’équipe."))
        report_invitations(
            request, session_invitations.invite(request, session, form.cleaned_data["invite"])
        )
        return redirect(session)
    if request.method == "POST" and not confirmed:
        return redirect("diagnostics:session_open", slug, pk)
    return render(
        request,
        "diagnostics/session_open.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "session": session,
            "form": form,
        },
    )


def report_invitations(request, result):
    if result.not_verified:
        messages.warning(request, outbox.NOT_VERIFIED)
    elif result.failed:
        messages.error(
            request, _("L’envoi des invitations a échoué : utilisez « Relancer » plus tard.")
        )
    elif result.sent:
        messages.info(
            request,
            ngettext(
                "%(n)s invitation part par e-mail : son état est sous « Invitations et rappels ».",
                "%(n)s invitations partent par e-mail : leur état est sous « Invitations et "
                "rappels ».",
                result.sent,
            )
            % {"n": result.sent},
        )
    if result.over_cap:
        messages.warning(
            request,
            _(
                "Plafond quotidien d’e-mails atteint : %(n)s invitations non envoyées ; "
                "relancez demain."
            )
            % {"n": result.over_cap},
        )


@login_required
def session_close(request, slug, pk):
    """The close button leads here: what closing keeps and drops, then a confirmed POST."""
    session, membership = get_session_for(request, slug, pk, facilitator=True)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        return _transition(
            request,
            slug,
            pk,
            services.close_session,
            _("La session est clôturée : plus aucune réponse n’est acceptée."),
            _("Seule une session ouverte peut être clôturée."),
        )
    if not session.is_open:
        messages.error(request, _("Seule une session ouverte peut être clôturée."))
        return redirect(session)
    if request.method == "POST":
        return redirect("diagnostics:session_close", slug, pk)
    counts = scoring.participation(session)
    return render(
        request,
        "diagnostics/session_close.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "session": session,
            "participation": counts,
            "stays_hidden": not publication.enough_to_show(
                session, counts.submitted, counts.submitted_by_paper
            ),
            "waits_for_online": publication.online_below_threshold(
                session, counts.submitted, counts.submitted_by_paper
            ),
        },
    )


@require_POST
@login_required
def session_reveal(request, slug, pk):
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    again = session.results_snapshot is not None and session.is_open
    try:
        services.reveal_results(session)
    except services.TooFewNewSheetsError:
        messages.error(
            request,
            _(
                "Les résultats publiés ne changent qu’avec au moins %(k)s nouvelles "
                "réponses (et, parmi elles, aucune ou au moins %(k)s en ligne) : avec moins, "
                "la différence montrerait les réponses de ces personnes."
            )
            % {"k": session.anonymity_threshold},
        )
    except services.OnlineBelowThresholdError:
        messages.error(request, online_below_threshold_message(session))
    except services.SessionStateError:
        if again:
            messages.error(request, _("Seule une session ouverte peut être publiée."))
        else:
            messages.error(
                request,
                _(
                    "Les résultats ne peuvent être publiés que pour une session ouverte ayant "
                    "atteint le seuil d’anonymat."
                ),
            )
    else:
        if again:
            messages.success(request, _("Les résultats publiés sont mis à jour."))
        else:
            messages.success(
                request,
                _(
                    "Les résultats sont publiés tels qu’ils sont maintenant ; ils ne changeront "
                    "plus jusqu’à la clôture."
                ),
            )
    return redirect(session)


def online_below_threshold_message(session):
    return _(
        "Les résultats attendent au moins %(k)s réponses en ligne (ou aucune). Les feuilles "
        "papier sont saisies par l’animateur·rice, qui les connaît : avec moins de %(k)s "
        "réponses en ligne, on les retrouverait en retirant les feuilles papier."
    ) % {"k": session.anonymity_threshold}


REMINDER_INTERVAL = timedelta(hours=12)


@require_POST
@login_required
def session_remind(request, slug, pk):
    """Email the join link to members who have not submitted, without telling who they are."""
    session, _membership = get_session_for(request, slug, pk, facilitator=True)
    now = timezone.now()
    emails = [m.email for m in services.members_to_remind(session)] if session.is_open else []
    if not session.is_open:
        messages.error(request, _("Les rappels ne concernent que les sessions ouvertes."))
    elif session.last_reminder_at and now - session.last_reminder_at < REMINDER_INTERVAL:
        messages.error(request, _("Un rappel a déjà été envoyé il y a moins de 12 heures."))
    elif not outbox.may_send(request.user):
        messages.error(request, outbox.NOT_VERIFIED)
    elif len(emails) > outbox.emails_left_today(session.cooperative, request.user):
        messages.error(
            request,
            _("Plafond quotidien d’e-mails atteint : aucun rappel envoyé, réessayez demain."),
        )
    elif not session_invitations.remind(request, session, len(emails)):
        messages.error(request, _("L’envoi du rappel a échoué : réessayez plus tard."))
    else:
        # The interval starts when the reminder is queued: queueing it again would flood.
        session.last_reminder_at = now
        session.save(update_fields=["last_reminder_at"])
        messages.success(
            request,
            _(
                "Le rappel part aux membres qui n’ont pas encore envoyé leurs réponses ; "
                "son état est sous « Invitations et rappels »."
            ),
        )
    return redirect(session)


@login_required
def session_qr(request, slug, pk):
    """The join link as a large QR code, to show on a screen in a meeting."""
    session, membership = get_session_for(request, slug, pk, facilitator=True)
    if not session.is_open:
        raise Http404
    url = request.build_absolute_uri(session.get_join_url())
    return render(
        request,
        "diagnostics/session_qr.html",
        {
            "cooperative": session.cooperative,
            "membership": membership,
            "session": session,
            "join_url": url,
            "qr": qr_svg(url, session.title),
            "short_code": short_code(session.join_key),
            "code_url": request.build_absolute_uri(reverse("answers:by_code")),
        },
    )

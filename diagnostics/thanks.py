"""The end of a member's journey: the thanks page and « m'envoyer ce lien ».

The thanks page shows the session's join link (the way back to one's own answers on this device,
and to the team's results after close), when the results will be shown and the meeting date.
A member may have that link emailed to themselves. The address is used for that one email and
kept nowhere — not with the sheet, not in a log, not in the outbox of the cooperative (this is not
the cooperative writing, and a stored address beside a sent sheet would name it). The subject is
fixed and the body holds only the session's link, which every team member has: no sheet id.

This is the one email sent inside the request rather than queued for the worker (issue 15):
a queued task keeps its arguments in the database, so queueing would store the typed address,
with the time, beside the sheet just sent. Sending here, the address lives only in this
request's memory. The cost is stated in docs/threat-model.md: a slow mail server slows this one
page, and a failure is a message asking to try again, never a 500.
"""

import logging
import smtplib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import throttle
from diagnostics.answer_views import (
    current_respondent,
    join_link,
    join_link_notices,
    join_link_pages,
)

logger = logging.getLogger(__name__)

# Each email sent counts as an attempt of this scope, per client address (accounts.throttle).
LINK_EMAIL = "join-link-email"
SENT_COOKIE = "qvt_e{pk}"  # « sent »: this device has already had the link emailed once


class SendLinkForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Votre adresse e-mail"),
        max_length=254,
        help_text=gettext_lazy("Utilisée pour ce seul envoi, puis oubliée."),
        error_messages={
            "required": gettext_lazy("Indiquez une adresse e-mail."),
            "invalid": gettext_lazy("Cette adresse e-mail n’est pas valide : vérifiez-la."),
        },
    )


def _already_sent(request, session):
    return (
        request.get_signed_cookie(
            SENT_COOKIE.format(pk=session.pk), default=None, salt=f"qvt.link-sent.{session.pk}"
        )
        == "1"
    )


def _thanks_page(request, session, token, form=None, status=200):
    join_url = request.build_absolute_uri(session.get_join_url())
    context = {
        "session": session,
        "token": token,
        "join_url": join_url,
        "join_notices": join_link_notices(session, token),
        "join_pages": join_link_pages(request, session, token),
        "link_sent": _already_sent(request, session),
        "form": form or SendLinkForm(),
    }
    return render(request, "answers/thanks.html", context, status=status)


def _sent_sheet(request, session):
    respondent = current_respondent(request, session)
    return respondent if respondent is not None and respondent.is_submitted else None


@join_link
def thanks(request, session, token):
    if _sent_sheet(request, session) is None:
        return redirect("answers:start", token)
    return _thanks_page(request, session, token)


@require_POST
@join_link
def send_link(request, session, token):
    """Email the join link once to the address typed; the same answer for every valid address."""
    if _sent_sheet(request, session) is None:
        return redirect("answers:start", token)
    if _already_sent(request, session):
        messages.info(request, _("Le lien a déjà été envoyé depuis cet appareil."))
        return redirect("answers:thanks", token)
    form = SendLinkForm(request.POST)
    if not form.is_valid():
        return _thanks_page(request, session, token, form=form, status=400)
    if throttle.is_blocked(request, LINK_EMAIL):
        return throttle.too_many_attempts(request)
    throttle.record_failure(request, LINK_EMAIL)
    body = render_to_string(
        "answers/email/join_link.txt",
        {"session": session, "url": request.build_absolute_uri(session.get_join_url())},
    )
    try:
        # A fixed subject: neither the session's title nor anything of the sheet.
        send_mail(
            _("Votre lien vers le diagnostic QVT et numérique"),
            body,
            None,
            [form.cleaned_data["email"]],
        )
    except (smtplib.SMTPException, OSError):
        logger.warning("join link email failed", exc_info=False)  # never the address
        messages.error(request, _("L’envoi a échoué : réessayez plus tard, ou notez le lien."))
        return redirect("answers:thanks", token)
    messages.success(
        request, _("C’est envoyé. Si le message n’arrive pas, regardez dans les indésirables.")
    )
    response = redirect("answers:thanks", token)
    response.set_signed_cookie(
        SENT_COOKIE.format(pk=session.pk),
        "1",
        salt=f"qvt.link-sent.{session.pk}",
        max_age=120 * 24 * 3600,
        path="/repondre/",
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )
    return response

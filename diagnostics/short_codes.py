"""« PQA-19H »: the short code shown under the meeting QR code, typed on a phone without a
camera at /repondre/code/ to reach the session's join link.

The code is derived from the join key (cooperatives.qr.short_code), so there is no field to
keep in step. Six characters of 32 are about 30 bits: anyone in the meeting may hear it, which
is the point (it opens the same anonymous answer sheet as the QR code, nothing more), and
guesses from outside are throttled like join links (accounts.throttle, 10 failures a minute
per address), with the throttle checked *before* any lookup so a blocked guesser learns nothing.
"""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from cooperatives.qr import SHORT_CODE_ALPHABET, short_code
from diagnostics.models import DiagnosticSession

# What people type for what they read: Crockford's base-32 reading rules.
MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def normalise(text):
    """`pqa 19h`, `PQA-19H`, `pqa19h` → `PQA-19H`; None when it cannot be a code."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum()).translate(MISREAD)
    if len(letters) != 6 or any(ch not in SHORT_CODE_ALPHABET for ch in letters):
        return None
    return f"{letters[:3]}-{letters[3:]}"


def open_session_with(code):
    """The open session whose short code is `code`, or None. Open sessions are few (a handful
    per cooperative at most), and only their keys are read."""
    for session in DiagnosticSession.objects.filter(status=DiagnosticSession.Status.OPEN).only(
        "pk", "join_key"
    ):
        if short_code(session.join_key) == code:
            return session
    return None


class ShortCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code de la session"),
        max_length=20,
        help_text=_("Six lettres ou chiffres, affichés sous le QR code (par exemple ABC-123)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("Un code de session a six lettres ou chiffres, par exemple ABC-123."),
                code="format",
            )
        return code


def join_by_code(request):
    form = ShortCodeForm(request.POST or None)
    if request.method == "POST":
        if throttle.is_blocked(request, throttle.TOKEN):
            return throttle.too_many_attempts(request)
        if form.is_valid():
            session = open_session_with(form.cleaned_data["code"])
            if session is not None:
                return redirect(session.get_join_url())
            throttle.record_failure(request, throttle.TOKEN)
            form.add_error(
                "code",
                _(
                    "Aucune session ouverte n’a ce code. Vérifiez-le auprès de la personne "
                    "qui anime, ou scannez le QR code."
                ),
            )
    return render(
        request, "answers/join_by_code.html", {"form": form}, status=400 if form.errors else 200
    )

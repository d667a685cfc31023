from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts import throttle
from cooperatives import invitations
from cooperatives.forms import NewLinkForm

# Every request for a new link may send an email: each one counts, per client address.
NEW_LINK = "newlink"


def redeem(request, token):
    """GET shows a button, POST uses the link: mail scanners that follow links do not burn it."""
    if throttle.is_blocked(request, throttle.TOKEN):
        return throttle.too_many_attempts(request)
    if request.method != "POST":
        return render(request, "cooperatives/invitation.html", {"token": token})
    result = invitations.redeem(token, request.user)
    if result.outcome == invitations.INVALID:
        throttle.record_failure(request, throttle.TOKEN)
        return render(
            request, "cooperatives/invitation_invalid.html", {"form": NewLinkForm()}, status=404
        )
    if result.outcome in (invitations.USED, invitations.STALE):
        return render(
            request,
            "cooperatives/invitation_spent.html",
            {"form": NewLinkForm(), "used": result.outcome == invitations.USED},
            status=410,
        )
    cooperative = result.membership.cooperative
    if result.outcome == invitations.LOGIN_REQUIRED:
        # The address has an account: only its owner's own login may use the link. Back here
        # afterwards; the link is not used until then.
        messages.info(
            request,
            _("Cette adresse a déjà un compte : connectez-vous pour rejoindre %s.")
            % cooperative.name,
        )
        return redirect_to_login(request.path)
    if result.outcome == invitations.WRONG_ACCOUNT:
        return render(request, "cooperatives/invitation_wrong_account.html", status=403)
    if result.outcome == invitations.NEW_ACCOUNT:
        login(request, result.account, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Bienvenue dans l’espace de %s. Vous pouvez choisir un mot de passe dans "
                "« Mes données »."
            )
            % cooperative.name,
        )
    else:
        messages.success(request, _("Vous avez rejoint %s.") % cooperative.name)
    # Redirect to a URL without the token, so it stays out of history and Referer headers.
    return redirect(cooperative)


class ThenResponse(HttpResponse):
    """A page that runs `then()` once the client has it: WSGI servers (and Django's test
    client) call close() after the body went out. So whether any email is sent leaves no
    trace in the response's time."""

    then = None

    def close(self):
        try:
            if self.then is not None:
                self.then()
        finally:
            super().close()


def new_link(request):
    """« Recevoir un nouveau lien »: the same page, status and synchronous work whether the
    address is a member's or not; the link goes only to a membership's own address."""
    if throttle.is_blocked(request, NEW_LINK):
        return throttle.too_many_attempts(request)
    form = NewLinkForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "cooperatives/new_link.html", {"form": form})
    throttle.record_failure(request, NEW_LINK)
    email = form.cleaned_data["email"]
    response = ThenResponse(render_to_string("cooperatives/new_link_sent.html", {}, request))
    response.then = lambda: invitations.send_requested_links(request, email)
    return response

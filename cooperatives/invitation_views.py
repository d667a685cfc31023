from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import throttle
from cooperatives import invitations


def redeem(request, token):
    """GET shows a button, POST uses the link: mail scanners that follow links do not burn it."""
    if throttle.is_blocked(request, throttle.TOKEN):
        return throttle.too_many_attempts(request)
    if request.method != "POST":
        return render(request, "cooperatives/invitation.html", {"token": token})
    result = invitations.redeem(token, request.user)
    if result.outcome == invitations.INVALID:
        throttle.record_failure(request, throttle.TOKEN)
        return render(request, "cooperatives/invitation_invalid.html", status=404)
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

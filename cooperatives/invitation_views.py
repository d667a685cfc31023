from django.contrib import messages
from django.contrib.auth import login
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
    membership = invitations.redeem(token)
    if membership is None:
        throttle.record_failure(request, throttle.TOKEN)
        return render(request, "cooperatives/invitation_invalid.html", status=404)
    login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request,
        _(
            "Bienvenue dans l’espace de %s. Vous pouvez choisir un mot de passe dans « Mes données »."  # noqa: E501
        )
        % membership.cooperative.name,
    )
    # Redirect to a URL without the token, so it stays out of history and Referer headers.
    return redirect(membership.cooperative)

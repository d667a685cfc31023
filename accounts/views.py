from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import SignupForm
from cooperatives.services import attach_pending_memberships


def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        joined = attach_pending_memberships(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if joined:
            messages.success(
                request,
                _("Bienvenue ! Vous avez rejoint : %s.") % ", ".join(c.name for c in joined),
            )
        else:
            messages.success(request, _("Bienvenue ! Votre compte est créé."))
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})

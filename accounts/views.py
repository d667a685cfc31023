import json

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services, throttle
from accounts.forms import DeleteAccountForm, LoginForm, SignupForm
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


class ThrottledLoginView(LoginView):
    """Throttled by django-axes (settings.AXES_*): its backend refuses a locked-out address
    or account before the password is checked, and its middleware answers 429."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def password(request):
    """Set a first password (people who came by invitation have none) or change it."""
    form_class = PasswordChangeForm if request.user.has_usable_password() else SetPasswordForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Votre mot de passe est enregistré."))
        return redirect("home")
    return render(request, "accounts/password.html", {"form": form})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"form": DeleteAccountForm(user=request.user)})


@login_required
def my_data_download(request):
    data = services.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-qvt.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "accounts/my_data.html", {"form": form}, status=400)
    try:
        services.delete_account(request.user)
    except services.LastFacilitatorOfError as error:
        names = ", ".join(c.name for c in error.cooperatives)
        messages.error(
            request,
            _(
                "Vous êtes le ou la seule animateur·rice de : %s. Nommez une autre personne "
                "animateur·rice (ou supprimez la coopérative) avant de supprimer votre compte."
            )
            % names,
        )
        return redirect("accounts:my_data")
    logout(request)
    messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
    return redirect("home")


def privacy(request):
    return render(request, "accounts/privacy.html")

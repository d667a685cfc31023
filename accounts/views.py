from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.views import LoginView, PasswordResetConfirmView, PasswordResetView
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts import registration, signals, throttle
from accounts.forms import (
    AccountPasswordResetForm,
    ConfirmSignupForm,
    LoginForm,
    SignupForm,
    VerifyingSetPasswordForm,
)


def signup(request):
    """Makes an inactive account and emails a link; a known address gets a note instead. The
    answer is the same page either way, so the form tells nobody which addresses have accounts."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if throttle.is_blocked(request, throttle.SIGNUP):
            return throttle.too_many_attempts(request)
        if form.is_valid():
            throttle.record_failure(request, throttle.SIGNUP)  # every sign-up sends an email
            registration.register(request, form)
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    return render(request, "accounts/signup_done.html")


def verify_email(request, uidb64, token):
    """GET shows the form, POST confirms with the sign-up's password: mail scanners that follow
    links confirm nothing, and nor does a person who receives a link for a sign-up they did not
    make."""
    if throttle.is_blocked(request, throttle.TOKEN):
        return throttle.too_many_attempts(request)
    user = registration.user_from_link(uidb64, token)
    if user is None:
        throttle.record_failure(request, throttle.TOKEN)
        return render(request, "accounts/verify_invalid.html", status=404)
    form = ConfirmSignupForm(request.POST or None, user=user)
    if request.method != "POST" or not form.is_valid():
        if form.errors:
            throttle.record_failure(request, throttle.TOKEN)  # a password guess
        return render(
            request, "accounts/verify.html", {"form": form}, status=400 if form.errors else 200
        )
    registration.verify(user)
    joined = signals.announce_verified(user)  # cooperatives attaches pending memberships
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if joined:
        messages.success(
            request,
            _("Bienvenue ! Vous avez rejoint : %s.") % ", ".join(joined),
        )
    else:
        messages.success(request, _("Bienvenue ! Votre adresse est confirmée."))
    return redirect("home")


class ThrottledPasswordResetView(PasswordResetView):
    """Django's view: the same « email sent » page whether the address has an account."""

    form_class = AccountPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if throttle.is_blocked(request, throttle.PASSWORD_RESET):
            return throttle.too_many_attempts(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        throttle.record_failure(self.request, throttle.PASSWORD_RESET)  # each one may email
        return super().form_valid(form)


class VerifyingPasswordResetConfirmView(PasswordResetConfirmView):
    """A password chosen from the emailed link proves the address: pending memberships join."""

    form_class = VerifyingSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        signals.announce_verified(form.user)
        return response


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


def privacy(request):
    return render(request, "accounts/privacy.html")

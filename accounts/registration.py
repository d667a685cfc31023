"""Sign-up with a verified address, answering the same way whether the address has an account.

The form's author is never told whether the address is known: a new address gets a
verification link, a known one gets a note saying someone tried to open an account with it.
Either way the page says « check your mailbox ».
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.tokens import email_verification_token
from accounts.validators import without_control_characters

logger = logging.getLogger(__name__)

# At most one sign-up or reset email per address in this time, whoever asks and from where:
# a form cannot be used to flood someone's mailbox.
EMAIL_COOLDOWN = timedelta(minutes=5)


SIGNUP, RESET = "signup_email_sent_at", "reset_email_sent_at"  # which clock


def mailbox_recently_written(user, clock):
    sent_at = getattr(user, clock)
    return sent_at is not None and timezone.now() - sent_at < EMAIL_COOLDOWN


def note_mail_sent(user, clock):
    setattr(user, clock, timezone.now())
    User.objects.filter(pk=user.pk).update(**{clock: getattr(user, clock)})


def send_account_email(user, template, context, subject):
    """Send unless the address had one a moment ago; never raises (the page is the same)."""
    if mailbox_recently_written(user, SIGNUP):
        return False
    try:
        send_mail(
            subject=without_control_characters(subject),
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception:  # noqa: BLE001 - SMTP, DNS or header errors: logged, the answer is unchanged
        logger.exception("account email not sent")
        return False
    note_mail_sent(user, SIGNUP)
    return True


def verification_url(request, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    return request.build_absolute_uri(reverse("accounts:verify", args=[uid, token]))


def spend_hashing_time(form):
    """Hash the typed password and drop it: a new account's hashing takes a visible fraction
    of a second, and a quicker answer would tell that the address is known."""
    make_password(form.cleaned_data["password1"])


def register(request, form):
    """Handle a valid sign-up form: a new pending account, or a note to the address's owner."""
    email = form.cleaned_data["email"]
    user = User.objects.filter(email=email).first()
    if user is not None and (user.is_active or user.is_verified):
        # The address has an account: its owner is told, the form's author learns nothing.
        spend_hashing_time(form)
        send_account_email(
            user,
            "accounts/email/signup_existing.txt",
            {
                "login_url": request.build_absolute_uri(reverse("accounts:login")),
                "reset_url": request.build_absolute_uri(reverse("accounts:password_reset")),
            },
            _("Diagnostic QVT et numérique : tentative de création de compte"),
        )
        return
    if user is None:
        user = form.save(commit=False)
        user.is_active = False  # until the link in the mailbox is followed
        user.save()
    elif mailbox_recently_written(user, SIGNUP):
        spend_hashing_time(form)
        return  # the link sent a moment ago still works, with the password given then
    else:
        # An earlier sign-up never confirmed: whoever confirms now gets this form's password.
        # The new password also voids the earlier links (they hash it).
        user.set_password(form.cleaned_data["password1"])
        user.first_name = form.cleaned_data.get("first_name", "")
        user.last_name = form.cleaned_data.get("last_name", "")
        user.save(update_fields=["password", "first_name", "last_name"])
    send_account_email(
        user,
        "accounts/email/verify.txt",
        {
            "url": verification_url(request, user),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
        _("Diagnostic QVT et numérique : confirmez votre adresse"),
    )


def user_from_link(uidb64, token):
    """The pending account this verification link is for, or None."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None or user.is_verified or not email_verification_token.check_token(user, token):
        return None
    return user


def verify(user):
    """The link was followed: the account is active and verified (memberships: the view)."""
    user.mark_verified()
    user.save(update_fields=["is_active", "email_verified_at"])

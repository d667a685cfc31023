"""Sign-up with a verified address, answering the same way whether the address has an account.

The form's author is never told whether the address is known: a new address gets a
verification link, a known one gets a note saying someone tried to open an account with it.
Either way the page says « check your mailbox ».
"""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.http import urlsafe_base64_decode

from accounts import mailqueue, tasks
from accounts.models import User
from accounts.tokens import email_verification_token

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


def send_account_email(request, user, kind):
    """Queue the email unless the address had one a moment ago (the worker sends it, and makes
    its link then: accounts.tasks). Never raises, and the page is the same either way."""
    if mailbox_recently_written(user, SIGNUP):
        return False
    tasks.send_account_email.enqueue(
        user_id=user.pk,
        kind=kind,
        base_url=mailqueue.base_url(request),
        language=mailqueue.language(request),
    )
    note_mail_sent(user, SIGNUP)
    return True


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
        send_account_email(request, user, tasks.EXISTING)
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
    send_account_email(request, user, tasks.VERIFY)


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

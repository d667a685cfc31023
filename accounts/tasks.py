"""Account emails sent by the worker: the sign-up's verification link (or the note to an
address that already has an account) and the password-reset link.

The queue holds ids, the site's address and a language, never a token: the worker makes the
verification or reset token when it sends (both are HMACs of the account's current state, so
one made later is as good, and one stored would be a working link in the database in clear).

A reset request queues the same single task whatever the address typed, known or not, so the
request's work (and time) says nothing about which addresses have accounts; the worker looks
the address up, and erases it from the queue's row once read.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from accounts import mailqueue
from accounts.models import User
from accounts.tokens import email_verification_token

VERIFY, EXISTING = "verify", "existing"


def _uid(user):
    return urlsafe_base64_encode(force_bytes(user.pk))


def _account_email(user, kind, base_url):
    if kind == VERIFY:
        token = email_verification_token.make_token(user)
        return (
            _("Diagnostic QVT et numérique : confirmez votre adresse"),
            render_to_string(
                "accounts/email/verify.txt",
                {
                    "url": base_url + reverse("accounts:verify", args=[_uid(user), token]),
                    "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
                },
            ),
        )
    return (
        _("Diagnostic QVT et numérique : tentative de création de compte"),
        render_to_string(
            "accounts/email/signup_existing.txt",
            {
                "login_url": base_url + reverse("accounts:login"),
                "reset_url": base_url + reverse("accounts:password_reset"),
            },
        ),
    )


@task()
def send_account_email(user_id, kind, base_url, language, attempt=1):
    user = User.objects.filter(pk=user_id).first()
    if user is None or (kind == VERIFY and user.is_verified):
        return  # deleted, or confirmed meanwhile: the link has nothing left to do
    with translation.override(language):
        subject, body = _account_email(user, kind, base_url)
        if mailqueue.deliver(subject, body, user.email):
            return
    mailqueue.retry_later(
        send_account_email,
        attempt,
        user_id=user_id,
        kind=kind,
        base_url=base_url,
        language=language,
    )


@task()
def send_reset_link(user_id, base_url, language, attempt=1):
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    scheme, domain = urlsplit(base_url)[:2]
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": _uid(user),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": scheme,
    }
    with translation.override(language):
        subject = "".join(
            render_to_string("registration/password_reset_subject.txt", context).splitlines()
        )
        body = render_to_string("registration/password_reset_email.txt", context)
        if mailqueue.deliver(subject, body, user.email):
            return
    mailqueue.retry_later(
        send_reset_link, attempt, user_id=user_id, base_url=base_url, language=language
    )


@task(takes_context=True)
def look_up_reset(context, email, base_url, language):
    """The typed address, known or not, reaches only here: each account it may reset gets
    its link (the form's rules: accounts.forms.AccountPasswordResetForm.get_users)."""
    from accounts.forms import AccountPasswordResetForm  # forms import registration

    forget_arguments(context)
    for user in AccountPasswordResetForm().get_users(email):
        send_reset_link.call(user_id=user.pk, base_url=base_url, language=language)


def forget_arguments(context):
    """Erase the typed address from the queue's row (the database backend keeps a finished
    task's arguments): it was needed only to look it up."""
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[context.task_result.backend], DatabaseBackend):
        return  # the immediate backend stores nothing
    DBTaskResult.objects.filter(pk=context.task_result.id).update(
        args_kwargs={"args": [], "kwargs": {}}
    )

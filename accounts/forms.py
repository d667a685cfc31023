from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import mailqueue, tasks
from accounts.models import User
from accounts.registration import RESET, mailbox_recently_written, note_mail_sent
from accounts.validators import refuse_control_characters


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")
        labels = {"first_name": _("Prénom (facultatif)"), "last_name": _("Nom (facultatif)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_control_characters(self, "first_name", "last_name")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # A known address is not an error shown to whoever typed it (that would tell them the
        # address has an account): accounts.registration writes to the address's owner instead.
        pass


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autofocus": True})
    )

    def clean_username(self):
        # Accounts are stored lower-cased (User.save): Lea@Exemple.org is lea@exemple.org.
        return self.cleaned_data["username"].strip().lower()


class AccountPasswordResetForm(PasswordResetForm):
    """Django's reset form, also for the accounts it leaves out that their owner must be able to
    win back: no password yet (made from an invitation), or a sign-up never confirmed. An
    account an administrator deactivated after verification stays out. At most one email per
    address every few minutes (accounts.registration.EMAIL_COOLDOWN)."""

    def get_users(self, email):
        candidates = User.objects.filter(email__iexact=email.strip()).filter(
            Q(is_active=True) | Q(email_verified_at__isnull=True)
        )
        for user in candidates:
            if not mailbox_recently_written(user, RESET):
                note_mail_sent(user, RESET)
                yield user

    def save(self, request=None, **kwargs):
        """Queue one look-up of the typed address, whether it has an account or not: the
        request then does the same work for every address, and no SMTP exchange (the slow
        part, which only a known address caused) happens before the answer. The worker looks
        the address up and sends the links (accounts.tasks)."""
        tasks.look_up_reset.enqueue(
            email=self.cleaned_data["email"],
            base_url=mailqueue.base_url(request),
            language=mailqueue.language(request),
        )


class VerifyingSetPasswordForm(SetPasswordForm):
    """Choosing a password from a reset link proves the address: the account becomes verified
    (and active, if it was a sign-up never confirmed)."""

    def save(self, commit=True):
        self.user.mark_verified()
        return super().save(commit=commit)


class ConfirmSignupForm(forms.Form):
    """The verification link alone proves the mailbox, not who chose the password: someone
    could sign up with another person's address and hope they click. Asking for the sign-up's
    password proves both, so such a link is useless to whoever receives it unasked."""

    password = forms.CharField(
        label=_("Le mot de passe choisi à l’inscription"), strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(
                _(
                    "Ce n’est pas le mot de passe choisi à l’inscription. Si vous n’avez pas "
                    "créé ce compte, ignorez le message : rien ne sera ouvert."
                ),
                code="wrong_password",
            )
        return self.cleaned_data["password"]

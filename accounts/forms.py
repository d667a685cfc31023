from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")
        labels = {"first_name": _("Prénom (facultatif)"), "last_name": _("Nom (facultatif)")}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("Un compte existe déjà avec cette adresse. Connectez-vous."), code="exists"
            )
        return email


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autofocus": True})
    )

    def clean_username(self):
        # Accounts are stored lower-cased (User.save): Lea@Exemple.org is lea@exemple.org.
        return self.cleaned_data["username"].strip().lower()


class DeleteAccountForm(forms.Form):
    """Confirms with the password, or with a typed word for people who never set one."""

    CONFIRMATION_WORD = "SUPPRIMER"

    confirmation = forms.CharField(label=_("Confirmation"), max_length=128, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["confirmation"].label = _("Votre mot de passe")
            self.fields["confirmation"].widget = forms.PasswordInput()
        else:
            self.fields["confirmation"].label = _("Tapez SUPPRIMER pour confirmer")

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(_("Mot de passe incorrect."), code="wrong_password")
        elif value.strip().upper() != self.CONFIRMATION_WORD:
            raise forms.ValidationError(_("Tapez SUPPRIMER pour confirmer."), code="not_confirmed")
        return value

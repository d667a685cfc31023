from django import forms
from django.utils.translation import gettext_lazy as _


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


class DeleteCooperativeForm(forms.Form):
    name = forms.CharField(label=_("Nom de la coopérative, pour confirmer"), max_length=150)

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperative = cooperative

    def clean_name(self):
        if self.cleaned_data["name"].strip() != self.cooperative.name:
            raise forms.ValidationError(
                _("Le nom ne correspond pas : rien n’a été supprimé."), code="mismatch"
            )
        return self.cleaned_data["name"]

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative, Membership


class CooperativeForm(forms.ModelForm):
    class Meta:
        model = Cooperative
        fields = ("name", "legal_form", "departement", "headcount")
        help_texts = {
            "departement": _("Numéro du département du siège, par exemple 34."),
            "headcount": _("Nombre de personnes qui travaillent dans la coopérative."),
        }

    def clean_departement(self):
        return self.cleaned_data["departement"].strip().upper()


class AddMemberForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperative = cooperative

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.cooperative.memberships.filter(email=email).exists():
            raise forms.ValidationError(
                _("Cette personne fait déjà partie de la coopérative."), code="duplicate"
            )
        return email

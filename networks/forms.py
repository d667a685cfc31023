from django import forms
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative


class InviteForm(forms.Form):
    """An adviser invites a cooperative by its identifier, which the cooperative's facilitator
    reads on its members page and gives to the network (no search by name: the list of
    cooperatives on the platform is nobody's to browse)."""

    cooperative = forms.SlugField(
        label=_("Identifiant de la coopérative"),
        max_length=80,
        help_text=_(
            "Son animateur·rice le lit sur la page des membres, par exemple scop-des-oliviers."
        ),
    )

    def clean_cooperative(self):
        slug = self.cleaned_data["cooperative"]
        cooperative = Cooperative.objects.filter(slug=slug).first()
        if cooperative is None:
            raise forms.ValidationError(_("Aucune coopérative n’a cet identifiant."))
        return cooperative

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperatives.forms import AddMembersForm
from cooperatives.models import Cooperative
from cooperatives.outbox import NOT_VERIFIED, may_send


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


class AdviserInviteForm(forms.Form):
    """Addresses to invite as advisers of the network: read as a cooperative reads its
    members' addresses (the same field and the same checks), fewer at once."""

    MAX_AT_ONCE = 10

    emails = AddMembersForm.base_fields["emails"]
    clean_emails = AddMembersForm.clean_emails

    def __init__(self, *args, sender=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sender = sender

    def clean(self):
        cleaned = super().clean()
        if self.sender is not None and not may_send(self.sender):
            raise forms.ValidationError(NOT_VERIFIED, code="unverified")
        return cleaned

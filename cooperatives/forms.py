from django import forms
from django.utils.translation import gettext_lazy as _

from cooperatives.invitations import parse_emails
from cooperatives.models import Cooperative, Membership
from cooperatives.outbox import may_send


class CooperativeForm(forms.ModelForm):
    class Meta:
        model = Cooperative
        fields = ("name", "legal_form", "departement", "headcount")
        help_texts = {
            "departement": _("Numéro du département du siège, par exemple 34."),
            "headcount": _("Nombre de personnes qui travaillent dans la coopérative."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Never Django's « --------- »: the empty choice says what to do (docs/vocabulary.md).
        field = self.fields["legal_form"]
        field.choices = [("", _("— choisir la forme juridique —")), *Cooperative.LegalForm.choices]

    def clean_departement(self):
        return self.cleaned_data["departement"].strip().upper()


NOT_VERIFIED = _(
    "Confirmez d’abord votre adresse e-mail pour envoyer des liens (« Mot de passe oublié ? » "
    "sur la page de connexion vous envoie un lien), ou décochez l’envoi : personne n’a été ajouté."
)


class AddMembersForm(forms.Form):
    MAX_AT_ONCE = 100  # a team pastes its list; more at once is a mailing, not an invitation

    emails = forms.CharField(
        label=_("Adresses e-mail"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Une adresse, ou une liste collée : séparées par des retours à la ligne, "
            "des virgules ou des points-virgules."
        ),
    )
    role = forms.ChoiceField(
        label=_("Rôle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    # Off by default (issue 15): the team is invited when a session opens, with its link; a
    # mail at adding, before any session exists, told members nothing to do. Ticked, it sends
    # the personal link into the cooperative's space, as « Envoyer le lien » does per member.
    send_invitation = forms.BooleanField(
        label=_("Envoyer à chacun son lien personnel par e-mail"),
        required=False,
        initial=False,
        help_text=_(
            "Facultatif : l’équipe reçoit le lien du diagnostic quand vous ouvrez une session."
        ),
    )

    def __init__(self, *args, sender=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sender = sender

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("send_invitation") and self.sender and not may_send(self.sender):
            self.add_error(
                "send_invitation", forms.ValidationError(NOT_VERIFIED, code="unverified")
            )
        return cleaned

    def clean_emails(self):
        valid, invalid = parse_emails(self.cleaned_data["emails"])
        if invalid:
            raise forms.ValidationError(
                _("Adresses non valides : %(list)s. Corrigez-les ; personne n’a été ajouté."),
                params={"list": ", ".join(invalid[:20])},
                code="invalid",
            )
        if not valid:
            raise forms.ValidationError(_("Indiquez au moins une adresse."), code="required")
        if len(valid) > self.MAX_AT_ONCE:
            raise forms.ValidationError(
                _("Au plus %(max)s adresses à la fois : personne n’a été ajouté."),
                params={"max": self.MAX_AT_ONCE},
                code="too_many",
            )
        return valid


class NewLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        max_length=254,
        help_text=_("Celle à laquelle votre coopérative vous a invité·e."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class QRSheetForm(forms.Form):
    members = MemberChoiceField(
        label=_("Membres"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    # Unticked, a card carries no name: a lost card then tells whoever finds it nothing.
    show_names = forms.BooleanField(
        label=_("Imprimer le nom du membre sur sa carte"),
        help_text=_("Sinon, notez vous-même à qui revient chaque carte avant de la découper."),
        required=False,
        initial=True,
    )

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = cooperative.memberships.select_related("user")

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from followup.services import chronological, session_label
from plans.models import Action

PICK_ONE = _("Choisissez une session dans la liste.")


class CompareForm(forms.Form):
    """Two of the cooperative's comparable sessions (GET). The view has already answered 404 for
    an id that is not one of this cooperative's sessions."""

    avant = forms.IntegerField(
        label=_("Session de départ"),
        widget=forms.Select,
        error_messages={"required": PICK_ONE, "invalid": PICK_ONE},
    )
    apres = forms.IntegerField(
        label=_("Session à comparer"),
        widget=forms.Select,
        error_messages={"required": PICK_ONE, "invalid": PICK_ONE},
    )

    def __init__(self, *args, comparable, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.comparable = {session.pk: (session, submitted) for session, submitted in comparable}
        self.sessions = {session.pk: session for session in sessions}
        choices = [(session.pk, session_label(session)) for session, _n in reversed(comparable)]
        for name in ("avant", "apres"):
            self.fields[name].widget.choices = choices

    def _clean_session(self, name):
        pk = self.cleaned_data[name]
        if pk in self.comparable:
            return pk
        session = self.sessions.get(pk)
        if session is None:
            raise ValidationError(PICK_ONE, code="unknown_session")
        raise ValidationError(
            _(
                "Les résultats de « %(title)s » ne sont pas visibles (session pas encore "
                "clôturée, ou moins de réponses que le seuil d’anonymat) : elle ne peut pas "
                "être comparée."
            ),
            params={"title": session.title},
            code="hidden_session",
        )

    def clean_avant(self):
        return self._clean_session("avant")

    def clean_apres(self):
        return self._clean_session("apres")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned["avant"] == cleaned["apres"]:
            raise ValidationError(_("Choisissez deux sessions différentes."), code="same_session")
        return cleaned

    def pair(self):
        """((before, submitted), (after, submitted)), the earlier one first, and whether the
        two were given in the other order."""
        first, second = (
            self.comparable[self.cleaned_data["avant"]],
            self.comparable[self.cleaned_data["apres"]],
        )
        if chronological(first[0]) > chronological(second[0]):
            return (second, first), True
        return (first, second), False


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("État"),
        choices=Action.Status.choices,
        error_messages={"invalid_choice": _("État inconnu : rien n’a été changé.")},
    )

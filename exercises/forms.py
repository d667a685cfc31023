from django import forms
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import refuse_control_characters
from exercises import services
from exercises.models import Arrangement, CharterRule, Discussion, InfoCard, TimeNote
from fiches.content_loader import load_exercises, load_fiches
from plans.models import Action

# A date a team can mean: no typo such as 0202 or 2220 slips into the charter's history.
EARLIEST, LATEST_YEARS = 2000, 1


def _plausible_date(value):
    if value and not (EARLIEST <= value.year <= timezone.localdate().year + LATEST_YEARS):
        raise ValidationError(_("Cette date ne paraît pas juste : vérifiez l’année."), code="year")
    return value


class CharterRuleForm(forms.ModelForm):
    class Meta:
        model = CharterRule
        fields = ["purpose", "tool", "used_for", "response_time", "hours", "never_sent"]
        widgets = {
            "used_for": forms.Textarea(attrs={"rows": 2}),
            "never_sent": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "response_time": _("Par exemple « dans la journée », « sous 48 heures »."),
            "hours": _("Quand on l’utilise, et quand on ne l’attend pas (droit à la déconnexion)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [(p.code, p.label) for p in services.purposes().values()]
        # The empty "add a tool" form must compare unchanged with what its select shows first,
        # or an untouched one would be validated (and refused for its empty tool).
        self.fields["purpose"].initial = self.fields["purpose"].choices[0][0]
        refuse_control_characters(self, "tool", "response_time", "hours")


class BaseRuleFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Retirer cet outil de la charte")

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.is_valid() or not form.cleaned_data or self._should_delete_form(form):
                continue
            key = (form.cleaned_data["purpose"], form.cleaned_data["tool"].strip().casefold())
            if key in seen:
                raise ValidationError(
                    _("Un même outil figure deux fois sous le même objet : gardez-en un seul."),
                    code="duplicate_tool",
                )
            seen.add(key)


RuleFormSet = modelformset_factory(
    CharterRule,
    form=CharterRuleForm,
    formset=BaseRuleFormSet,
    extra=1,
    can_delete=True,
    max_num=40,
    validate_max=True,
    absolute_max=40,
)


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adoptée le"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[_plausible_date],
    )


class TimeNoteForm(forms.ModelForm):
    class Meta:
        model = TimeNote
        fields = ["dimension", "kind", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [
            (d.code, d.label) for d in services.dimensions().values()
        ]
        self.fields["kind"].widget = forms.RadioSelect(choices=TimeNote.Kind.choices)
        refuse_control_characters(self, "text")


class ArrangementForm(forms.ModelForm):
    class Meta:
        model = Arrangement
        fields = ["text", "decided_on"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].validators.append(_plausible_date)
        refuse_control_characters(self, "text")


class SendToPlanForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Étape de la démarche"),
        choices=Action.Step.choices,
        initial=Action.Step.REALISATION,
    )


def question_choices():
    """The discussion's questions, in the content's order, with the fiches' words."""
    texts = {q.statement: q.text for f in load_fiches() for q in f.questions}
    return [(code, texts[code]) for code in load_exercises().discussion.questions]


class DiscussionForm(forms.ModelForm):
    questions = forms.MultipleChoiceField(
        label=_("Questions posées à l’équipe"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Discussion
        fields = ["held_on", "theme", "questions", "record", "decisions"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "record": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "theme": _("Par exemple l’un des enjeux du guide, ou une difficulté du moment."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = question_choices()
        self.fields["held_on"].validators.append(_plausible_date)
        self.fields["theme"].widget.attrs["list"] = "enjeux"
        refuse_control_characters(self, "theme")


def quadrant_choices():
    from exercises.diagram import quadrants

    return [(code, q.label) for code, q in quadrants().items()]


class InfoCardForm(forms.ModelForm):
    class Meta:
        model = InfoCard
        fields = ["label", "channel", "place"]
        help_texts = {
            "label": _("Par exemple « planning des interventions », « comptes de l’année »."),
            "channel": _("Par exemple « mail », « réunion du lundi », « serveur partagé »."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = forms.ChoiceField(
            label=_("Placer dans…"), choices=quadrant_choices()
        )
        refuse_control_characters(self, "label", "channel")


class PlaceForm(forms.Form):
    """« Placer dans… »: the card's current place (the diagnostic) or its target (the second
    pass, « avec une autre couleur »); an empty target takes the card off the target layer."""

    LAYERS = [("place", _("Situation actuelle")), ("target", _("Cible"))]

    layer = forms.ChoiceField(choices=LAYERS)
    quadrant = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quadrant"].choices = [("", _("— pas de cible —")), *quadrant_choices()]

    def clean(self):
        data = super().clean()
        if data.get("layer") == "place" and not data.get("quadrant"):
            raise ValidationError(_("Choisissez où placer cette information."), code="required")
        return data


class CompareForm(forms.Form):
    """Two states of a board to put side by side: recorded ones (their ids) or the board now."""

    avant = forms.ChoiceField(label=_("Avant"))
    apres = forms.ChoiceField(label=_("Après"))

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("avant", "apres"):
            self.fields[name].choices = states
            self.fields[name].error_messages["invalid_choice"] = _(
                "Cet état n’existe pas : choisissez-en un de la liste."
            )

    def clean(self):
        data = super().clean()
        if data.get("avant") and data.get("avant") == data.get("apres"):
            raise ValidationError(_("Choisissez deux états différents."))
        return data

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import refuse_control_characters
from diagnostics.models import Answer, Statement, Theme
from plans.models import Action
from plans.services import consolidation_initial


class ConsolidationForm(forms.Form):
    """One Oui / ? / Non choice and one note per statement of the session's questionnaire."""

    VALUE, NOTE = "value_", "note_"

    def __init__(self, *args, analysis, **kwargs):
        initial = {}
        for sid, (value, note) in consolidation_initial(analysis).items():
            initial[f"{self.VALUE}{sid}"] = value
            initial[f"{self.NOTE}{sid}"] = note
        super().__init__(*args, initial=initial, **kwargs)
        self.analysis = analysis
        for s in analysis.statements:
            sid = s.statement.pk
            self.fields[f"{self.VALUE}{sid}"] = forms.ChoiceField(
                label=_("Réponse de l’équipe"),
                choices=Answer.Value.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choisissez la réponse de l’équipe : Oui, ? ou Non."),
                    "invalid_choice": _("Choisissez Oui, ? ou Non pour cette affirmation."),
                },
            )
            self.fields[f"{self.NOTE}{sid}"] = forms.CharField(
                label=_("Note (facultative)"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        # A field for a statement outside this questionnaire is a forged or stale form: refusing
        # it loudly is better than saving the rest and letting the team believe all went in.
        unknown = [
            key
            for key in self.data
            if key.startswith((self.VALUE, self.NOTE)) and key not in self.fields
        ]
        if unknown:
            raise ValidationError(
                _(
                    "Ce formulaire mentionne une affirmation qui n’appartient pas à ce "
                    "questionnaire. Rien n’a été enregistré : rechargez la page."
                ),
                code="unknown_statement",
            )
        return super().clean()

    def choices(self):
        """{statement_id: (value, note)} for plans.services.save_consolidation."""
        return {
            s.statement.pk: (
                self.cleaned_data[f"{self.VALUE}{s.statement.pk}"],
                self.cleaned_data[f"{self.NOTE}{s.statement.pk}"],
            )
            for s in self.analysis.statements
        }

    def groups(self):
        """[(theme analysis, [(statement analysis, value field, note field)])] for the template."""
        return [
            (
                theme,
                [
                    (s, self[f"{self.VALUE}{s.statement.pk}"], self[f"{self.NOTE}{s.statement.pk}"])
                    for s in theme.statements
                ],
            )
            for theme in self.analysis.themes
        ]


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class StatementChoiceField(forms.ModelChoiceField):
    """The statements grouped by theme, each shown with its code, as the results page reads."""

    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.localized_text}"


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = (
            "theme",
            "step",
            "statement",
            "title",
            "description",
            "owner_membership",
            "owner_name",
            "due_date",
            "status",
            "indicator",
        )
        field_classes = {"owner_membership": MemberChoiceField, "statement": StatementChoiceField}
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": _("Donnez un titre à l’action.")},
            "owner_membership": {
                "invalid_choice": _("Choisissez une personne membre de cette coopérative.")
            },
            "theme": {"invalid_choice": _("Choisissez un thème de ce questionnaire.")},
            "statement": {"invalid_choice": _("Choisissez une affirmation de ce questionnaire.")},
        }

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        refuse_control_characters(self, "title", "owner_name", "indicator")
        # Only this session's themes and this cooperative's members can be chosen, so a forged
        # id of another cooperative fails as an invalid choice, beside its field.
        self.fields["theme"].queryset = Theme.objects.filter(
            questionnaire_id=session.questionnaire_id
        ).order_by("order")
        self.fields["owner_membership"].queryset = session.cooperative.memberships.select_related(
            "user"
        ).order_by("email")
        self.fields["owner_membership"].empty_label = _("— personne de la liste —")
        self.fields["theme"].empty_label = _("— choisir un thème —")
        # The statement the action answers: only this questionnaire's, grouped by theme (the
        # theme of the action when it is known first). clean() checks it is of that theme.
        statements = Statement.objects.filter(
            theme__questionnaire_id=session.questionnaire_id
        ).select_related("theme")
        field = self.fields["statement"]
        field.queryset = statements.order_by("theme__order", "order")
        field.empty_label = _("— le thème dans son ensemble —")
        field.help_text = _("L’affirmation du questionnaire à laquelle l’action répond.")
        field.choices = self._grouped_statements(field)

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        creating = self.instance.pk is None
        # An overdue action stays editable; only a new or newly set date must be in the future.
        if due and due < timezone.localdate() and (creating or "due_date" in self.changed_data):
            raise ValidationError(
                _("L’échéance ne peut pas être dans le passé."), code="past_due_date"
            )
        return due

    def _grouped_statements(self, field):
        groups = {}
        for statement in field.queryset:
            groups.setdefault(statement.theme, []).append(
                (statement.pk, field.label_from_instance(statement))
            )
        return [("", field.empty_label)] + [
            (theme.localized_title, options) for theme, options in groups.items()
        ]

    def clean(self):
        cleaned = super().clean()
        statement, theme = cleaned.get("statement"), cleaned.get("theme")
        if statement and theme and statement.theme_id != theme.pk:
            self.add_error(
                "statement",
                ValidationError(
                    _("Choisissez une affirmation du thème de l’action, ou aucune."),
                    code="statement_of_another_theme",
                ),
            )
        if cleaned.get("owner_membership") and cleaned.get("owner_name", "").strip():
            self.add_error(
                "owner_name",
                ValidationError(
                    _("Choisissez une personne de la liste ou saisissez un nom, pas les deux."),
                    code="two_owners",
                ),
            )
        return cleaned

    def build_action(self):
        """The unsaved action; plans.services.save_action places and stores it."""
        action = super().save(commit=False)
        action.session = self.session
        action.owner_name = action.owner_name.strip()
        return action

from django import forms
from django.utils.translation import gettext_lazy as _

from diagnostics.models import Answer, DiagnosticSession


class SessionForm(forms.ModelForm):
    class Meta:
        model = DiagnosticSession
        fields = ("title", "anonymity_threshold", "open_mode")
        help_texts = {
            "title": _("Par exemple « Diagnostic de printemps 2027 »."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_draft:
            # Opening freezes k: a threshold lowered afterwards could expose early respondents.
            self.fields["anonymity_threshold"].disabled = True
            self.fields["open_mode"].disabled = True


class ThemeAnswersForm(forms.Form):
    """The five statements of one theme, each a Oui / ? / Non choice (none is mandatory here)."""

    PREFIX = "s_"

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[self.field_name(statement)] = forms.ChoiceField(
                label=statement.text,
                choices=Answer.Value.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choisissez Oui, ? ou Non pour cette affirmation.")
                },
            )

    @classmethod
    def field_name(cls, statement):
        return f"{cls.PREFIX}{statement.pk}"

    def unknown_keys(self):
        """Posted statement fields that are not in this theme (forged or stale forms)."""
        return [k for k in self.data if k.startswith(self.PREFIX) and k not in self.fields]

    def answered_values(self):
        return {
            s.pk: self.cleaned_data[self.field_name(s)]
            for s in self.statements
            if self.cleaned_data.get(self.field_name(s))
        }

    def rows(self):
        """(statement, bound field) pairs for the template's fieldsets."""
        return [(s, self[self.field_name(s)]) for s in self.statements]

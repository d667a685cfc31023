from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.validators import refuse_control_characters
from diagnostics.models import Answer, DiagnosticSession, in_english
from diagnostics.session_invitations import MAX_AT_ONCE
from fiches import content_loader


class PreviousSessionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.closed_at:
            return _("%(title)s (clôturée le %(date)s)") % {
                "title": obj.title,
                "date": date_format(timezone.localtime(obj.closed_at), "j F Y"),
            }
        return obj.title


class SessionForm(forms.ModelForm):
    """The instance must carry its cooperative and questionnaire (the views set them), so that
    only that cooperative's closed sessions can be chosen as the previous one."""

    class Meta:
        model = DiagnosticSession
        fields = (
            "title",
            "anonymity_threshold",
            "open_mode",
            "team_size",
            "members_only",
            "previous",
            "deadline",
        )
        field_classes = {"previous": PreviousSessionField}
        help_texts = {
            "title": _("Par exemple « Diagnostic de printemps 2027 »."),
            "deadline": _(
                "Facultative : affichée sur la page de la session et dans les rappels. La "
                "session reste ouverte jusqu’à ce que vous la clôturiez."
            ),
        }
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "previous": {
                "invalid_choice": _(
                    "Choisissez une session clôturée de cette coopérative, antérieure à celle-ci."
                )
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_control_characters(self, "title")  # it goes into reminder email subjects
        if self.instance.pk and not self.instance.is_draft:
            # Opening freezes k: a threshold lowered afterwards could expose early respondents.
            self.fields["anonymity_threshold"].disabled = True
            self.fields["open_mode"].disabled = True
            # The cap and who may answer freeze with k: they are what makes k count people.
            self.fields["team_size"].disabled = True
            self.fields["members_only"].disabled = True
        if self.instance.pk and self.instance.is_closed:
            self.fields["deadline"].disabled = True  # nobody answers a closed session any more
        cooperative = self.instance.cooperative if self.instance.cooperative_id else None
        if cooperative is not None:
            if self.initial.get("team_size") is None:
                self.initial["team_size"] = cooperative.headcount
            self.fields["team_size"].help_text = _(
                "Au plus ce nombre de questionnaires : l’effectif déclaré de la coopérative "
                "(%(headcount)s) ou son nombre de membres inscrits (%(members)s), selon qui "
                "répond. Au moins le seuil d’anonymat, sauf en mode ouvert. Il ne peut plus "
                "changer une fois la session ouverte."
            ) % {"headcount": cooperative.headcount, "members": cooperative.memberships.count()}
        self.fields["previous"].queryset = self.previous_candidates()
        self.fields["previous"].empty_label = _("— aucune : c’est un premier diagnostic —")

    def clean_team_size(self):
        # Left empty, the team is the cooperative's declared headcount (what opening would set).
        value = self.cleaned_data.get("team_size")
        if value is None and not self.fields["team_size"].disabled and self.instance.cooperative_id:
            value = self.instance.cooperative.headcount
        return value

    def clean_deadline(self):
        value = self.cleaned_data.get("deadline")
        unchanged = value == self.initial.get("deadline")
        if value is not None and not unchanged and value < timezone.localdate():
            raise forms.ValidationError(
                _("La date limite ne peut pas être passée : choisissez aujourd’hui ou plus tard."),
                code="past",
            )
        return value

    def previous_candidates(self):
        session = self.instance
        if not session.cooperative_id:
            return DiagnosticSession.objects.none()
        candidates = session.cooperative.sessions.filter(
            status=DiagnosticSession.Status.CLOSED, questionnaire_id=session.questionnaire_id
        )
        if session.pk:
            # Only earlier sessions: a chain of follow-ups can never loop back on itself.
            candidates = candidates.exclude(pk=session.pk).filter(created_at__lt=session.created_at)
        return candidates.order_by("-closed_at", "-created_at")


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class OpenSessionForm(forms.Form):
    """Opening asks whom to invite by email: every member, unless the facilitator unticks some."""

    invite = MemberChoiceField(
        label=_("Inviter par e-mail"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Chacun reçoit le lien de la session. Personne ne saura qui a répondu quoi ; "
            "décochez celles et ceux qui ne participent pas."
        ),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        members = session.cooperative.memberships.select_related("user").order_by("email")
        self.fields["invite"].queryset = members
        self.fields["invite"].initial = [m.pk for m in members]

    def clean_invite(self):
        chosen = self.cleaned_data["invite"]
        if len(chosen) > MAX_AT_ONCE:
            raise forms.ValidationError(
                _("Au plus %(max)s invitations à la fois : la session n’a pas été ouverte."),
                params={"max": MAX_AT_ONCE},
                code="too_many",
            )
        return chosen


class ThemeAnswersForm(forms.Form):
    """The five statements of one theme, each a Oui / ? / Non choice (none is mandatory here)."""

    PREFIX = "s_"
    # The guide prints « ? »; its words are what a screen reader and a hesitant reader need.
    # The template keeps « ? » beside them as the visual mark (hidden from screen readers).
    CHOICES = [
        (Answer.Value.YES, _("Oui")),
        (Answer.Value.UNSURE, _("Je ne sais pas")),
        (Answer.Value.NO, _("Non")),
    ]

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[self.field_name(statement)] = forms.ChoiceField(
                label=statement.text,
                choices=self.CHOICES,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _(
                        "Choisissez Oui, Je ne sais pas ou Non pour cette affirmation."
                    )
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
        """(statement, bound field, explained words) for the template's fieldsets: the guide's
        technical words, explained from its own text, kept with the guide in fiches/content."""
        return [(s, self[self.field_name(s)], explained_words(s.code)) for s in self.statements]


def explained_words(statement_code):
    """[(term, explanation)] under a statement, in the page's language (French by default)."""
    english = in_english()
    return [
        (t.term_en, t.explanation_en) if english and t.term_en else (t.term, t.explanation)
        for t in content_loader.explained_terms(statement_code)
    ]


class PaperSheetForm(ThemeAnswersForm):
    """One paper sheet on the tally page: the questionnaire's statements with the same three
    answers as online, plus « Sans réponse » for a box left empty on the paper (the default)."""

    CHOICES = [*ThemeAnswersForm.CHOICES, ("", _("Sans réponse"))]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].initial = ""

    def by_theme(self, themes):
        """[(theme, [(statement, bound field)])] for one fieldset per statement under the
        theme's heading."""
        fields = {s.pk: self[self.field_name(s)] for s in self.statements}
        return [(t, [(s, fields[s.pk]) for s in t.statement_list]) for t in themes]

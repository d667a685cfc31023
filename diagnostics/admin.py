"""Admin for the questionnaire and sessions only. Respondents and answers are deliberately not
registered: no admin list may show one member's answers (the anonymity promise)."""

from django.contrib import admin

from diagnostics.models import DiagnosticSession, Questionnaire, Statement, Theme


class ReadOnlyAdmin:
    """The guide's quiz is data loaded by migrations (and cached per process): a new edition
    comes as a migration, never as an edit in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatementInline(ReadOnlyAdmin, admin.TabularInline):
    model = Statement
    fields = ("order", "code", "text", "text_en")
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("title", "code")


@admin.register(Theme)
class ThemeAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("title", "questionnaire", "order", "fiche_number")
    inlines = [StatementInline]


@admin.register(DiagnosticSession)
class DiagnosticSessionAdmin(admin.ModelAdmin):
    """Once a session is opened, members answered under its settings (threshold k, open mode,
    team size, cooperative…): changing one afterwards would break what they were promised, so
    only the title stays editable. Status and dates move only through the app's own views
    (opening, closing with its confirmation, publishing), never by editing a field here."""

    list_display = ("title", "cooperative", "status", "anonymity_threshold", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "cooperative__name")
    ALWAYS_READ_ONLY = (
        "status",
        "join_key",
        "results_snapshot",
        "revealed_at",
        "opened_at",
        "closed_at",
        "last_reminder_at",
        "created_by",
    )
    EDITABLE_ONCE_OPENED = ("title",)

    def get_readonly_fields(self, request, obj=None):
        if obj is None or obj.status == DiagnosticSession.Status.DRAFT:
            return self.ALWAYS_READ_ONLY
        # Every field, so a setting added to the model later is protected without a change here.
        return tuple(
            field.name
            for field in obj._meta.get_fields()
            if field.concrete
            and not field.auto_created
            and field.name not in self.EDITABLE_ONCE_OPENED
        )

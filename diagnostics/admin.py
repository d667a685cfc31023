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
    list_display = ("title", "cooperative", "status", "anonymity_threshold", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "cooperative__name")
    readonly_fields = ("join_key", "results_snapshot", "revealed_at")

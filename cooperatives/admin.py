from django.contrib import admin

from cooperatives.models import Cooperative, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("email", "user", "role")
    raw_id_fields = ("user",)
    extra = 0


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_form", "departement", "headcount", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]

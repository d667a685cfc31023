from django.contrib import admin

from networks.models import Adviser, AdviserGrant, Network, NetworkMembership


class AdviserInline(admin.TabularInline):
    model = Adviser
    fields = ("user",)
    raw_id_fields = ("user",)
    extra = 0


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    fields = ("cooperative", "status", "invited_at", "answered_at")
    readonly_fields = ("invited_at", "answered_at")
    raw_id_fields = ("cooperative",)
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    """Creating a network and naming its advisers is the operator's act; what cooperatives share
    is theirs alone, so the shared summaries are not in the admin."""

    list_display = ("name", "kind", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AdviserInline, NetworkMembershipInline]


@admin.register(AdviserGrant)
class AdviserGrantAdmin(admin.ModelAdmin):
    list_display = ("adviser", "cooperative", "created_at")
    raw_id_fields = ("adviser", "cooperative", "granted_by")

from django.contrib import admin

from .models import Body, BodyChange, StaffMembership


class MembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "parent", "code", "ended_on")
    list_filter = ("level",)
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("ended_on", "merged_into")  # set by 撤并 / 撤销 on the tree pages, with history
    inlines = (MembershipInline,)


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "body", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "body__name")
    autocomplete_fields = ("user", "body")


@admin.register(BodyChange)
class BodyChangeAdmin(admin.ModelAdmin):
    """The history is written by the actions only: read-only here."""

    list_display = ("at", "body", "kind", "actor_name", "reason")
    list_filter = ("kind",)
    search_fields = ("body__name", "actor_name", "reason")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

"""The admin shows what actions wrote; it changes none of it (actions check permissions and keep logs)."""

from __future__ import annotations

from django.contrib import admin


class ViewOnly:
    """No add, change or delete in the admin: a mixin for ModelAdmin and inlines."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ViewOnly, admin.ModelAdmin):
    """A ModelAdmin that only shows."""

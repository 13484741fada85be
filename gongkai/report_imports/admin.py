from django.contrib import admin

from gongkai.report_imports.models import ImportedReport


@admin.register(ImportedReport)
class ImportedReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "body", "year", "error_count", "warning_count", "created_by", "created_at")
    list_filter = ("year",)
    search_fields = ("title", "body_name", "body__name", "filename")
    autocomplete_fields = ("body",)
    readonly_fields = ("data", "created_by", "created_at")

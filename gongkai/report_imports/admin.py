"""Imported reports in the admin, to look at only: they are imported, replaced and deleted through the
report pages (``actions/imports.py``)."""

from django.contrib import admin

from gongkai.report_imports.models import ImportedReport
from gongkai.web.admin import ReadOnlyAdmin


@admin.register(ImportedReport)
class ImportedReportAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "body", "year", "error_count", "warning_count", "created_by", "created_at")
    list_filter = ("year",)
    search_fields = ("title", "body_name", "body__name", "filename")
    readonly_fields = ("data", "created_by", "created_at")

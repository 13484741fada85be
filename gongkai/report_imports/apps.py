from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.report_imports"
    label = "reports"  # the database tables and migrations keep the app's first name
    verbose_name = _("年度报告")

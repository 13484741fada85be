from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearbookConfig(AppConfig):
    name = "gongkai.report_workspace"
    label = "yearbook"  # the database tables and migrations keep the app's first name
    verbose_name = _("年度报告工作台")
    default_auto_field = "django.db.models.BigAutoField"

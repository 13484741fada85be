from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearbookConfig(AppConfig):
    name = "gongkai.report_workspace"
    label = "yearbook"  # the database tables and migrations keep the app's first name
    verbose_name = _("年度报告工作台")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.prepared.actions.producers import register
        from gongkai.report_workspace.documents.prepared import PRODUCERS

        for producer in PRODUCERS:
            register(producer)  # the PDF is made in the background (gongkai.prepared)

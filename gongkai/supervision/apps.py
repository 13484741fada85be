from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.supervision"
    verbose_name = "年报监督"

    def ready(self) -> None:
        from gongkai.report_imports.queries.notices import on_report_page
        from gongkai.supervision.queries.worklist import sendback_notices

        on_report_page(sendback_notices)  # a send-back shows on the body's own report page

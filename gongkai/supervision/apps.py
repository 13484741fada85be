from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.supervision"
    verbose_name = "年报监督"

    def ready(self) -> None:
        from gongkai.prepared.actions.producers import register
        from gongkai.report_imports.queries.notices import on_report_page
        from gongkai.supervision.documents.prepared import PRODUCERS
        from gongkai.supervision.queries.worklist import sendback_notices

        on_report_page(sendback_notices)  # a send-back shows on the body's own report page
        for producer in PRODUCERS:
            register(producer)  # the area's data files are made in the background (gongkai.prepared)

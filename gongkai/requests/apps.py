from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "gongkai.requests"
    label = "requests"
    verbose_name = "依申请公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.requests.actions.cases import recompute_after_calendar_change
        from gongkai.workdays.actions.hooks import on_calendar_change

        on_calendar_change(recompute_after_calendar_change)

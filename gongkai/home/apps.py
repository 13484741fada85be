from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.home"
    verbose_name = "首页待办"

    def ready(self) -> None:
        from gongkai.home.actions.demo import reports_in_approval, send_backs
        from gongkai.report_imports.actions.demo import on_demo_loaded

        on_demo_loaded(reports_in_approval)
        on_demo_loaded(send_backs)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    verbose_name = _("主动公开")

    def ready(self) -> None:
        from gongkai.bodies.actions.hooks import on_body_added
        from gongkai.disclosure.actions.setup import start_with_defaults

        on_body_added(start_with_defaults)

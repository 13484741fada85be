from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "政府信息公开专栏"

    def ready(self) -> None:
        from gongkai.bodies.actions.hooks import on_body_changed
        from gongkai.portal.queries.cache import bump_on_commit

        # A body renamed, moved or ended, its catalogue or contact details changed: its pages go stale.
        on_body_changed(bump_on_commit)

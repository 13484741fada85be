from django.apps import AppConfig


class QueueConfig(AppConfig):
    name = "gongkai.queue"
    label = "queue"
    verbose_name = "后台任务"

    def ready(self) -> None:
        # The Celery app becomes the current one, so the apps' shared tasks send through its broker.
        from gongkai.queue.app import app

        app.set_default()

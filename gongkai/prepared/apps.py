from django.apps import AppConfig


class PreparedConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.prepared"
    label = "prepared"
    verbose_name = "后台生成的文件"

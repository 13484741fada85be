from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "gongkai.bodies"
    verbose_name = _("机关与人员")

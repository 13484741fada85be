from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "gongkai.bodies"
    verbose_name = _("机关与人员")

    def ready(self) -> None:
        """The account log listens to every login and every change of a password or a permission."""
        from axes.signals import user_locked_out
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        from gongkai.bodies.actions import accounts
        from gongkai.bodies.models import StaffMembership

        user_model = get_user_model()
        uid = "gongkai.bodies.accounts"
        user_logged_in.connect(accounts.on_logged_in, dispatch_uid=uid)
        user_logged_out.connect(accounts.on_logged_out, dispatch_uid=uid)
        user_login_failed.connect(accounts.on_login_failed, dispatch_uid=uid)
        user_locked_out.connect(accounts.on_locked_out, dispatch_uid=uid)
        pre_save.connect(accounts.on_user_pre_save, sender=user_model, dispatch_uid=uid)
        post_save.connect(accounts.on_user_post_save, sender=user_model, dispatch_uid=uid)
        m2m_changed.connect(accounts.on_user_m2m_changed, sender=user_model.groups.through, dispatch_uid=uid)
        m2m_changed.connect(
            accounts.on_user_m2m_changed, sender=user_model.user_permissions.through, dispatch_uid=uid + ".p"
        )
        m2m_changed.connect(
            accounts.on_user_m2m_changed, sender=Group.permissions.through, dispatch_uid=uid + ".g"
        )
        post_save.connect(accounts.on_membership_saved, sender=StaffMembership, dispatch_uid=uid)
        post_delete.connect(accounts.on_membership_deleted, sender=StaffMembership, dispatch_uid=uid)

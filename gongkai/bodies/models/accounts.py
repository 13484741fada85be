"""The account log: every login, failed login, logout, password change and permission change, with who
did it, to whom, when and from which address. Append-only; kept GONGKAI_ACCOUNT_LOG_DAYS days (at least
183: six months) and then purged by `gongkai purge_account_events`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("登录")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOGOUT = "logout", _("退出")
        LOCKED_OUT = "locked_out", _("登录锁定")
        UNLOCKED = "unlocked", _("解除锁定")
        PASSWORD_CHANGE = "password_change", _("修改密码")
        PASSWORD_RESET = "password_reset", _("重置密码")
        PERMISSION = "permission", _("权限变动")
        ACCESS_ENDED = "access_ended", _("会话与令牌作废")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    # The account concerned: its name is kept too, for a failed login with an unknown name and for an
    # account deleted later.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_events",
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人用户名"), max_length=150, blank=True)
    ip = models.CharField(_("IP 地址"), max_length=45, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("账号记录")
        verbose_name_plural = _("账号记录")
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=["user", "-at"]),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"

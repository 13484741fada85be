"""行政复议 and 行政诉讼 brought over a request's handling: the cases behind table 4.

The kinds are the three blocks of table 4 and the outcomes its four result columns, both taken
from ``gongkai.report_format.layout`` so a case is counted in the cell of the same key.

Counting policy for table 4 (the 2021 format does not say; ``stats.table4`` applies it): a case
counts in the year it was **filed**, with its outcome as decided by 31 December of that year;
a case not decided by then counts as 尚未审结 (``pending``) in that year, and is not counted
again in the year it is decided.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.bodies.models import Body
from gongkai.report_format.layout import TABLE4_BLOCKS, TABLE4_FIELDS, column_label, row_label
from gongkai.requests.models.cases import Request

KIND_CHOICES: list[tuple[str, str]] = [(b.key, row_label("table4", b.key)) for b in TABLE4_BLOCKS]
KIND_KEYS: frozenset[str] = frozenset(k for k, _ in KIND_CHOICES)
# The four result columns of a block (its ``total`` column is their sum, not an outcome).
OUTCOME_CHOICES: list[tuple[str, str]] = [
    (f.key, column_label("table4", f.key)) for f in TABLE4_FIELDS if f.key != "total"
]
PENDING = "pending"
DECIDED_KEYS: frozenset[str] = frozenset(k for k, _ in OUTCOME_CHOICES if k != PENDING)
REVIEW, LITIGATION_AFTER_REVIEW = "review", "litigation_after_review"
assert {REVIEW, LITIGATION_AFTER_REVIEW} <= KIND_KEYS and PENDING in dict(OUTCOME_CHOICES)


class RemedyCase(models.Model):
    """One 行政复议 or 行政诉讼 case about one request (a request may see several)."""

    request = models.ForeignKey(
        Request, verbose_name=_("申请"), on_delete=models.PROTECT, related_name="remedies"
    )
    # Denormalised from the request so table 4 is one GROUP BY without a join.
    body = models.ForeignKey(Body, verbose_name=_("被申请机关"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=30, choices=KIND_CHOICES)
    organ = models.CharField(_("复议机关或人民法院"), max_length=200, blank=True)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("申请或起诉日期"))
    outcome = models.CharField(_("结果"), max_length=20, choices=OUTCOME_CHOICES, default=PENDING)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    follows = models.ForeignKey(
        "self",
        verbose_name=_("所经行政复议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
    )
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼案件")
        verbose_name_plural = _("行政复议、行政诉讼案件")
        ordering = ("filed_on", "pk")
        indexes = (models.Index(fields=["body", "filed_on"]),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"

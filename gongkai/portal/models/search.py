"""The search index: one row per public item, with its title and text pre-segmented by jieba.

The database-specific part lives in migrations: on SQLite an FTS5 table ``portal_fts`` kept in
step by triggers, with each row's body and node as scope tokens (0001, 0007), each day's id bounds
(0006) and its single characters (0008); on PostgreSQL a ``tsv`` column (``simple`` configuration,
title weighted A, text B, single characters D) filled by a trigger and a GIN index. Rows are written only by ``gongkai.portal.actions.indexing``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure.models import Item


class SearchDocument(models.Model):
    item = models.OneToOneField(
        Item, verbose_name=_("信息"), primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    body_id = models.BigIntegerField(_("机关"), db_index=True)
    node_id = models.BigIntegerField(_("目录栏目"))
    published_on = models.DateField(_("发布日期"))
    title_seg = models.TextField(_("标题分词"))
    text_seg = models.TextField(_("正文分词"))
    chars = models.TextField(_("单字"), default="")  # every Chinese character once (migration 0008)

    class Meta:
        verbose_name = _("检索索引")
        verbose_name_plural = _("检索索引")
        indexes = (
            # The id at the end: PostgreSQL's search counts a body's rows below the ids it walked
            # (backends._rows_below) in the index alone.
            models.Index(fields=["body_id", "published_on", "item"], name="portal_doc_body_date"),
            # Narrow: SQLite's search checks the filters of thousands of matches without their texts.
            # On PostgreSQL it also holds each row's lexeme signature for the walk (migration 0004).
            models.Index(fields=["item", "body_id", "published_on", "node_id"], name="portal_doc_filters"),
            # PostgreSQL's search counts and tests the rows of a date range below the ids it walked
            # (backends._postgres): the id in the index spares reading the rows it walked already.
            models.Index(fields=["published_on", "item"], name="portal_doc_published"),
        )

    def __str__(self) -> str:
        return f"检索索引 #{self.item_id}"

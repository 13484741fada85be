"""gongkai reindex rebuilds the index from the published items."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from gongkai.portal.models import SearchDocument
from gongkai.portal.queries.search import search


def test_reindex_rebuilds_a_lost_index(library):
    SearchDocument.objects.all().delete()
    assert search("老旧小区").total == 0

    out = StringIO()
    call_command("reindex", stdout=out)

    assert "已建立检索索引 4 条" in out.getvalue()
    assert search("老旧小区").total == 2


def test_reindex_of_one_body_leaves_the_others(library, street, other_street):
    call_command("reindex", body=other_street.pk, stdout=StringIO())

    assert SearchDocument.objects.count() == 4

"""A 规章/行政规范性文件 item is linked to its entry in the document ledger; its 有效性 comes from there."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.ledger import link_document
from gongkai.disclosure.actions.registers import register_document, repeal_document
from gongkai.disclosure.models import Item, NormativeDocument, RegisterEvent
from gongkai.disclosure.queries.registers import table2
from gongkai.report_format.layout import Cell


def test_publishing_an_item_marked_for_the_ledger_registers_it(published, street):
    item = published(ledger_kind="normative_documents", doc_number="只楚街发〔2025〕3号")

    document = item.document
    assert (document.kind, document.title, document.doc_number) == (
        "normative_documents",
        "关于2025年度低保对象名单的公示",
        "只楚街发〔2025〕3号",
    )
    assert document.issued_on == date(2025, 9, 26)  # 印发日期 = 成文日期
    assert (item.validity, item.get_validity_display()) == ("valid", "有效")
    assert RegisterEvent.objects.get(kind="document_registered").data["item"] == item.pk
    assert item.events.get(kind="ledger_linked").data["created"] is True


def test_an_item_that_is_not_a_normative_document_has_no_ledger_entry(published):
    item = published()

    assert (item.document, item.validity, item.get_validity_display()) == (None, "", "")
    assert not NormativeDocument.objects.exists()


def test_picking_an_existing_entry_links_it_and_no_second_one_is_made(published, street, clerk):
    existing = register_document(
        actor=clerk, body=street, kind="regulations", title="只楚街道管理规定", issued_on=date(2025, 3, 1)
    )

    item = published(document=existing)

    assert (item.document, item.ledger_kind) == (existing, "regulations")
    assert NormativeDocument.objects.count() == 1


def test_the_validity_follows_the_ledger(published, street, clerk, client):
    item = published(ledger_kind="normative_documents")

    repeal_document(actor=clerk, document=item.document, repealed_on=date(2025, 11, 1))

    item = Item.objects.get(pk=item.pk)
    assert item.get_validity_display() == "废止"
    page = client.get(reverse("gk:item", args=[item.body_id, item.pk])).content.decode()
    assert '<th scope="row">有效性</th><td colspan="3">废止</td>' in page


def test_the_ledger_entry_counts_in_table_2(published, street):
    published(ledger_kind="normative_documents")

    cells = table2(street, 2025)
    assert cells[Cell("table2", "normative_documents", "issued")] == 1
    assert cells[Cell("table2", "normative_documents", "in_force")] == 1


def test_a_typed_in_validity_other_than_valid_is_refused(make_item):
    with pytest.raises(DisclosureError, match="有效性以规章和规范性文件台账为准：文件废止请在台账中登记"):
        make_item(validity="repealed")


def test_an_entry_of_another_body_cannot_be_linked(make_item, other_street, other_clerk, published, clerk):
    foreign = register_document(
        actor=other_clerk,
        body=other_street,
        kind="normative_documents",
        title="别处的文件",
        issued_on=date(2025, 1, 2),
    )
    with pytest.raises(DisclosureError, match="所选台账文件不属于该机关"):
        make_item(document=foreign)
    item = published()
    with pytest.raises(DisclosureError, match="所选台账文件不属于该机关"):
        link_document(actor=clerk, item=item, document=foreign)


def test_a_published_item_is_linked_afterwards_by_register_keepers_only(published, street, clerk, reviewer):
    item = published()
    document = register_document(
        actor=clerk, body=street, kind="normative_documents", title="旧文件", issued_on=date(2025, 2, 1)
    )
    with pytest.raises(PermissionDenied):
        link_document(actor=reviewer, item=item, document=document)

    item = link_document(actor=clerk, item=item, document=document)

    assert (item.document, item.get_validity_display()) == (document, "有效")
    with pytest.raises(DisclosureError, match="已关联"):
        link_document(actor=clerk, item=item, document=document)


def test_the_item_form_offers_the_ledger_not_a_validity_field(street, node, clerk):
    c = Client()
    c.force_login(clerk)
    page = c.get(reverse("disclosure:item_new", args=[street.pk])).content.decode()

    assert 'name="ledger_kind"' in page and 'name="document"' in page
    assert 'name="validity"' not in page


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_carries_typed_in_validity_to_the_ledger():
    """Migrate back to 0003 (items still had 有效性), type some in, migrate forward: the ledger has them."""
    executor = MigrationExecutor(connection)
    executor.migrate([("disclosure", "0003_change_rounds_ledger_link_attachment_removal")])
    old = executor.loader.project_state(
        ("disclosure", "0003_change_rounds_ledger_link_attachment_removal")
    ).apps
    try:
        body = old.get_model("bodies", "Body").objects.create(
            name="只楚街道办事处", short_name="只楚街道", level="subdistrict"
        )
        user = old.get_model("auth", "User").objects.create(username="zhichu_clerk")
        node = old.get_model("disclosure", "CatalogueNode").objects.create(
            body=body, name="规范性文件", code="01", basis="art20_1"
        )
        ledger = old.get_model("disclosure", "NormativeDocument").objects.create(
            body=body,
            kind="regulations",
            title="台账里的",
            doc_number="只楚街发〔2025〕1号",
            issued_on=date(2025, 1, 1),
        )
        OldItem = old.get_model("disclosure", "Item")
        for title, validity, number in [
            ("有效的文件", "valid", "只楚街发〔2025〕1号"),
            ("废止的文件", "repealed", ""),
            ("失效的文件", "expired", ""),
            ("普通公告", "", ""),
        ]:
            OldItem.objects.create(
                body=body,
                node=node,
                title=title,
                publisher="只楚街道办事处",
                formed_on=date(2025, 9, 26),
                validity=validity,
                doc_number=number,
                created_by=user,
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    got = {i.title: (i.get_validity_display(), i.document_id, i.ledger_kind) for i in Item.objects.all()}
    assert got["有效的文件"] == ("有效", ledger.pk, "regulations")  # matched by 文号
    assert got["废止的文件"][0::2] == ("废止", "normative_documents")
    assert got["失效的文件"][0::2] == ("失效", "normative_documents")
    assert got["普通公告"] == ("", None, "")
    assert NormativeDocument.objects.count() == 3


def test_a_change_that_marks_the_item_a_normative_document_registers_it_when_published(
    published, clerk, reviewer, leader, node
):
    from gongkai.disclosure.actions.changes import (
        approve_change_step,
        open_change,
        submit_change,
        update_change,
    )
    from gongkai.disclosure.actions.items import Draft

    item = published()
    change = open_change(item, actor=clerk, reason="补登规范性文件", formed_on=date(2025, 10, 20))
    draft = Draft(
        node=node,
        title=item.title,
        formed_on=item.formed_on,
        body_html=item.body_html,
        ledger_kind="normative_documents",
    )
    change = submit_change(update_change(change, actor=clerk, draft=draft), actor=clerk)
    assert NormativeDocument.objects.count() == 0  # nothing is registered while the change is in review
    while change.status == "in_review":
        change = approve_change_step(
            change, actor=leader if change.current_step.role == "leader" else reviewer
        )

    item.refresh_from_db()
    assert (item.document.title, item.get_validity_display()) == (item.title, "有效")
    assert item.document.created_by == leader

"""Carry each item's typed-in 有效性 over to the document ledger (the field goes in 0005)."""

from django.db import migrations


def carry_validity_to_ledger(apps, schema_editor):
    """An item's 有效性 now comes from the document ledger: link every item that had one typed in.

    The entry of the same body with the same 文号 is used when there is one; otherwise an entry is
    made from the item (行政规范性文件, 印发日期 = 成文日期) whose dates give the same 有效性 today:
    废止 → repealed on the 成文日期, 失效 → valid until the 成文日期.
    """
    Item = apps.get_model("disclosure", "Item")
    NormativeDocument = apps.get_model("disclosure", "NormativeDocument")
    for item in Item.objects.exclude(validity="").filter(document__isnull=True).iterator():
        document = None
        if item.doc_number:
            document = NormativeDocument.objects.filter(
                body_id=item.body_id, doc_number=item.doc_number
            ).first()
        if document is None:
            document = NormativeDocument.objects.create(
                body_id=item.body_id,
                kind="normative_documents",
                title=item.title,
                doc_number=item.doc_number,
                issued_on=item.formed_on,
                expires_on=item.formed_on if item.validity == "expired" else None,
                repealed_on=item.formed_on if item.validity == "repealed" else None,
            )
        item.document_id = document.pk
        item.ledger_kind = document.kind
        item.save(update_fields=["document", "ledger_kind"])


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_change_rounds_ledger_link_attachment_removal")]

    operations = [migrations.RunPython(carry_validity_to_ledger, migrations.RunPython.noop)]

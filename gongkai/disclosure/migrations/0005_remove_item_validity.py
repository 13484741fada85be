"""An item's 有效性 is read from its ledger entry; the copy on the item goes (its values moved in 0004).

A separate migration so that PostgreSQL does not alter the table in the transaction that updated it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0004_item_validity_from_ledger")]

    operations = [migrations.RemoveField(model_name="item", name="validity")]

"""A narrow index for the search's filters (body, date, node), read without the texts."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=["item", "body_id", "published_on", "node_id"], name="portal_doc_filters"
            ),
        ),
    ]

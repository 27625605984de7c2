from django.db import migrations, models


def fill_links(apps, schema_editor):
    """Find the links of comments written before links were stored."""
    from parley.previews.links import comment_links

    Comment = apps.get_model("discussion", "Comment")
    rows = Comment.objects.filter(body_html__contains="href").only("pk", "body_html")
    batch = []
    for comment in rows.iterator(chunk_size=500):
        comment.links = comment_links(comment.body_html)
        if comment.links:
            batch.append(comment)
        if len(batch) >= 500:
            Comment.objects.bulk_update(batch, ["links"])
            batch = []
    if batch:
        Comment.objects.bulk_update(batch, ["links"])


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0002_comment_featured"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="links",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(fill_links, migrations.RunPython.noop, elidable=True),
    ]

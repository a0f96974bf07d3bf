"""Rebuild `Recommendation.search_text` the way the site list's is built (portal.text): keyboard variants and
spelling-tolerant keys, so that the register's search finds what the site search finds."""

from django.db import migrations


def rebuild_search_text(apps, schema_editor):
    from portal.text import build_search_text

    Recommendation = apps.get_model("recommendations", "Recommendation")
    for rec in Recommendation.objects.only("pk", "title_en", "title_ru", "title_kk", "text").iterator():
        text = build_search_text([rec.title_en, rec.title_ru, rec.title_kk, rec.text])
        Recommendation.objects.filter(pk=rec.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0003_recommendation_silent_index"),
    ]

    operations = [
        migrations.RunPython(rebuild_search_text, migrations.RunPython.noop),
    ]

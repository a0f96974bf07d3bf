"""Fill `Site.search_text` for existing rows; on PostgreSQL, index it with trigrams so `contains` is fast.

The index is raw SQL guarded by the database vendor: SQLite (the default for a bare checkout) has no
pg_trgm and no GIN, and its search works without an index.
"""

from django.db import migrations

INDEX_NAME = "site_search_text_trgm"


def backfill_search_text(apps, schema_editor):
    from portal.text import build_search_text

    Site = apps.get_model("sites", "Site")
    SiteDesignation = apps.get_model("sites", "SiteDesignation")
    for site in Site.objects.all():
        parts = [site.name_kk, site.name_ru, site.name_en, *site.other_names.split(",")]
        for link in SiteDesignation.objects.filter(site=site).select_related("designation"):
            d = link.designation
            parts += [d.name_kk, d.name_ru, d.name_en, link.component_name]
            if d.unesco_ref:
                parts.append(str(d.unesco_ref))
        Site.objects.filter(pk=site.pk).update(search_text=build_search_text(parts))


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON sites_site USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0002_site_search_text_other_names_and_checks"),
    ]

    operations = [
        migrations.RunPython(backfill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]

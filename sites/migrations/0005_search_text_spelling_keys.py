"""Rebuild `Site.search_text` with the spelling-tolerant search keys of portal.text (same column and index)."""

from django.db import migrations


def rebuild_search_text(apps, schema_editor):
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


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0004_site_sort_name_indexes"),
    ]

    operations = [
        migrations.RunPython(rebuild_search_text, migrations.RunPython.noop),
    ]

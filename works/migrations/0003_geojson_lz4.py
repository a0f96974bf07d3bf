"""The planned works' GeoJSON column compressed with lz4 on PostgreSQL, as the zones' (zones 0002)."""

from django.db import migrations


def lz4_available(connection) -> bool:
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def set_compression(method: str):
    def apply(apps, schema_editor):
        if lz4_available(schema_editor.connection):
            schema_editor.execute(f"ALTER TABLE works_plannedwork ALTER COLUMN geojson SET COMPRESSION {method}")

    return apply


class Migration(migrations.Migration):
    dependencies = [("works", "0002_initial")]

    operations = [migrations.RunPython(set_compression("lz4"), set_compression("pglz"))]

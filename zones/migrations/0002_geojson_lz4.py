"""Compress the GeoJSON columns with lz4 on PostgreSQL 14+ (when the server has it), instead of pglz.

A large boundary is written twice, in the zone and in its version history: pglz took about 0.7 s per copy of a
8 MB boundary, lz4 about 0.15 s. Other databases, and servers built without lz4, keep their default.
"""

from django.db import migrations

TABLES = ("zones_zone", "zones_historicalzone", "zones_corridor", "zones_historicalcorridor")


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
        connection = schema_editor.connection
        if not lz4_available(connection):
            return
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN geojson SET COMPRESSION {method}")

    return apply


class Migration(migrations.Migration):
    dependencies = [("zones", "0001_initial")]

    operations = [migrations.RunPython(set_compression("lz4"), set_compression("pglz"))]

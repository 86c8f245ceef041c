"""Coordinates of the demo's and the synthetic data's home regions and host cities (org.places)."""

from django.db import migrations


def fill(apps, schema_editor):
    from cadreforge.org.services import fill_known_places

    fill_known_places(apps.get_model("org", "Region"))


class Migration(migrations.Migration):
    dependencies = [("org", "0002_region")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

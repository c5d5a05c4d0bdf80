"""Regions and industries from the seeds (see backend/directory/reference.py)."""

from django.db import migrations

from backend.directory.reference import load_reference


def forwards(apps, schema_editor):
    load_reference(apps.get_model("directory", "Region"), apps.get_model("directory", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

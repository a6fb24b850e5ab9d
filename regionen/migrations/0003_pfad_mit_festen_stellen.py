"""Region paths with keys padded to ten digits, so that ordering by the path is tree order."""

from django.db import migrations


def auffuellen(apps, schema_editor):
    Region = apps.get_model("regionen", "Region")
    pfade = {}
    # parents first: a path is its parent's path plus the region's own padded key
    for region in Region.objects.order_by("pfad").only("pk", "oberregion_id"):
        eltern = pfade.get(region.oberregion_id, "/")
        pfade[region.pk] = f"{eltern}{region.pk:010d}/"
    for pk, pfad in pfade.items():
        Region.objects.filter(pk=pk).update(pfad=pfad)


class Migration(migrations.Migration):
    dependencies = [("regionen", "0002_jourfixe")]
    operations = [migrations.RunPython(auffuellen, migrations.RunPython.noop)]

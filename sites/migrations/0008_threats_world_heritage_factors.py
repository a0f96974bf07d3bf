"""Site threats move from the portal's own eight values to the World Heritage list of factors (sites.factors).

Each old value becomes the secondary factor(s) closest to what the form offered it as:
"Infrastructure development" is most often roads at these sites (ground transport); "Climate and water"
becomes drought plus other climate change impacts; "Looting or vandalism" becomes illegal activities plus
deliberate destruction. The historical records keep the old values (the site page shows an unknown code
as it is). The reverse maps each factor back to the old value it came from, where there is one.
"""

from django.db import migrations

FORWARD = {
    "tourism_pressure": ["tourism_impacts"],
    "infrastructure": ["ground_transport"],
    "funding": ["financial_resources"],
    "staff": ["human_resources"],
    "climate_water": ["drought", "other_climate_impacts"],
    "grazing": ["livestock_grazing"],
    "looting": ["illegal_activities", "deliberate_destruction"],
    "other": ["other_factors"],
}
# The codes above in the order of the list of factors (the order a site's threats are stored in).
NEW_ORDER = [
    "ground_transport",
    "livestock_grazing",
    "tourism_impacts",
    "illegal_activities",
    "deliberate_destruction",
    "drought",
    "other_climate_impacts",
    "financial_resources",
    "human_resources",
    "other_factors",
]
OLD_ORDER = ["tourism_pressure", "infrastructure", "funding", "staff", "climate_water", "grazing", "looting", "other"]
BACKWARD = {new: old for old, news in FORWARD.items() for new in news}


def _convert(apps, mapping, order):
    Site = apps.get_model("sites", "Site")
    changed = []
    for site in Site.objects.exclude(threats=[]).only("pk", "threats").iterator(chunk_size=1000):
        wanted = {new for value in site.threats for new in mapping.get(value, [value] if value in order else [])}
        threats = [code for code in order if code in wanted]
        if threats != site.threats:
            site.threats = threats
            changed.append(site)
    Site.objects.bulk_update(changed, ["threats"], batch_size=1000)


def forward(apps, schema_editor):
    _convert(apps, FORWARD, NEW_ORDER)


def backward(apps, schema_editor):
    _convert(apps, {new: [old] for new, old in BACKWARD.items()}, OLD_ORDER)


class Migration(migrations.Migration):
    dependencies = [("sites", "0007_content_in_three_languages")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]

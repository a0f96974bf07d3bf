"""Template tags of the zones app: the map's translated labels, and the zones section of the site page."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

from zones.models import Zone

register = template.Library()


@register.simple_tag
def map_labels(element_id: str):
    """The words zones-map.js shows in pop-ups and the layer control, in the page's language."""
    labels = {
        "designation": _("Designation"),
        "zone": _("Zone"),
        "species": _("Species"),
        "area": _("Area"),
        "length": _("Length"),
        "source": _("Source"),
        "accuracy": _("Accuracy"),
        "ha": _("ha"),
        "km": _("km"),
        "layer_corridor": _("Ecological corridors"),
        "layer_work": _("Planned works"),
        "layer_sites": _("Sites"),
    }
    labels |= {f"layer_{value}": str(label) for value, label in Zone.Kind.choices}
    return json_script(labels, element_id)


@register.inclusion_tag("zones/_site_zones.html")
def site_zones(site):
    """The site page's zones section. It asks no query: site-zones.js lists the zones from the site's
    zones.geojson (the site page's query budget stays what it was before zones existed)."""
    return {"site": site}

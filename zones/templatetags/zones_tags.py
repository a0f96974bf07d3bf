"""Template tags of the zones app: the map's translated labels, and a site's zones on the site page."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

from zones.models import SCHEMATIC_NOTE, Zone

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


@register.inclusion_tag("zones/_site_zones.html", takes_context=True)
def site_zones(context, site):
    """The zones of a site (its own and its designations'), for the site page."""
    from zones.views import site_zones as zones_of

    return {
        "site": site,
        "zones": zones_of(site),
        "schematic_note": SCHEMATIC_NOTE,
        "request": context.get("request"),
    }

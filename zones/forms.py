"""Upload forms for zones and corridors: the file is read, reprojected and validated in clean()."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.models import Site
from zones import geometry as geo
from zones.models import Accuracy, Corridor, Zone

FILE_HELP = _(
    "GeoJSON (.geojson), KML (.kml), KMZ (.kmz) or a zipped Shapefile (.zip with .shp, .shx, .dbf and .prj), "
    "at most %(limit)s MB."
)
EPSG_HELP = _(
    "Leave empty when the file says it (GeoJSON and KML are WGS84; a Shapefile's .prj names its projection). "
    "UTM zones in Kazakhstan: 32641 to 32645."
)


def file_help() -> str:
    from django.conf import settings

    return FILE_HELP % {"limit": settings.ZONES_MAX_UPLOAD_BYTES // (1024 * 1024)}


class GeometryUploadForm(forms.Form):
    """The file and its projection; subclasses say whether they want polygons or accept lines."""

    expect = geo.ANY

    file = forms.FileField(label=_("File"))
    epsg = forms.IntegerField(label=_("EPSG code of the projection"), required=False, min_value=1, max_value=999_999)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()
        self.fields["epsg"].help_text = EPSG_HELP
        self.upload: geo.Upload | None = None

    def clean(self):
        cleaned = super().clean()
        uploaded = cleaned.get("file")
        if uploaded is not None and "epsg" not in self.errors:
            try:
                self.upload = geo.read_upload(uploaded, epsg=cleaned.get("epsg"), expect=self.expect)
            except geo.GeometryError as exc:
                self.add_error("file", str(exc))
        return cleaned


class ZoneUploadForm(GeometryUploadForm):
    expect = geo.POLYGONAL

    designation = forms.ModelChoiceField(label=_("Designation"), queryset=None)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.order_by("name_en"),
        required=False,
        help_text=_("Only for the zone of one component or site; leave empty for the whole designation."),
    )
    kind = forms.ChoiceField(label=_("Zone"), choices=Zone.Kind.choices)
    source = forms.CharField(label=_("Source"), max_length=500, help_text=_("Who drew the boundary, and where from."))
    source_date = forms.DateField(label=_("Date of the boundary"), required=False)
    accuracy = forms.ChoiceField(label=_("Accuracy"), choices=Accuracy.choices)

    field_order = ["designation", "site", "kind", "file", "epsg", "source", "source_date", "accuracy"]

    def __init__(self, *args, designations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["designation"].queryset = designations

    def clean(self):
        cleaned = super().clean()
        designation, site, kind = cleaned.get("designation"), cleaned.get("site"), cleaned.get("kind")
        if designation and kind and kind not in Zone.KINDS_OF[designation.kind]:
            self.add_error(
                "kind",
                _("This kind of zone does not belong to a %(kind)s.") % {"kind": designation.get_kind_display()},
            )
        if designation and site and not site.designation_links.filter(designation=designation).exists():
            self.add_error("site", _("This site is not part of the designation."))
        if self.upload and designation and kind and not self.errors:
            measured = geo.area_ha(self.upload.geometry)
            stated = getattr(designation, Zone.STATED_FIELD[kind])
            if warning := geo.compare_area(measured, stated):
                self.upload.warnings.append(warning)
        return cleaned


class CorridorUploadForm(GeometryUploadForm):
    expect = geo.LINEAR

    name = forms.CharField(label=_("Name"), max_length=255)
    species = forms.CharField(label=_("Species"), max_length=500, help_text=_("The species that use the corridor."))
    source = forms.CharField(label=_("Source"), max_length=500)
    source_date = forms.DateField(label=_("Date"), required=False)
    accuracy = forms.ChoiceField(label=_("Accuracy"), choices=Accuracy.choices)

    field_order = ["name", "species", "file", "epsg", "source", "source_date", "accuracy"]


__all__ = ["Corridor", "CorridorUploadForm", "ZoneUploadForm"]

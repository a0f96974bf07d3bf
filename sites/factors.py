"""The World Heritage standard list of factors affecting properties: what a site's threats are chosen from.

The World Heritage Committee adopted the list in 2008 for Periodic Reporting; the State of Conservation
Information System (https://whc.unesco.org/en/factors/) classifies every threat named in a Committee decision
with it: 14 primary factors, each with its secondary factors (83 entries here, "Other factor(s)" counted once).
English is the official wording (kept as the msgid); the Russian and Kazakh labels are the portal's own,
unofficial translations (locale/), not UNESCO texts: no UNESCO list in Russian or Kazakh was found to check them.

Checked in December 2026, from stored copies of the pages, against UNESCO's World Heritage Policy Compendium,
section 3.5 "Factors affecting properties", whose entries list a group's complete set of secondary factors
under "Threats:":
https://whc.unesco.org/en/compendium/298 (3.5.1), /299 and /300 (3.5.2), /301 and /302 (3.5.3), /303 (3.5.4),
/304 and /305 (3.5.5), /306 (3.5.6), /309 (3.5.7), /113 (3.5.8), /315 and /316 (3.5.9), and for 3.5.10
https://whc.unesco.org/en/compendium/?Decisions=1&action=list&id_faq_themes=1302%2C1318%2C1322%2C1342.
Groups 1-10 match it name for name and in number, and the compendium's theme titles match primary factors
1-6 and 8-13. "Water (extraction)" is UNESCO's wording (it read "Water extraction" here). UNESCO's spacing
around slashes varies ("Forestry /wood production", "Management systems/ management plan"); the labels
here write none. UNESCO's pages spell "Fire (widlfires)"; the label here keeps the correct spelling.
Not fully checked: group 12 has six entries in the French compendium (theme 3.5.12, decisions 39 COM 7 and
41 COM 7), two of them seen in English ("Invasive/alien terrestrial species" in the State of Conservation
list, "Invasive / alien freshwater species" on the factors page); groups 11 and 13 only in part, from State of
Conservation reports ("Earthquake", "Erosion and siltation/ deposition", "Fire"; "Management activities",
"Management systems/ management plan", "Legal framework", "Financial resources", "Human resources"). The
other names of groups 11-13, the number of entries in groups 11 and 13, group 14 and the wording of primary
factor 7 (the English compendium's theme reads "Local conditions affecting the fabric", the French one
"Conditions locales affectant le tissu physique") are as first entered, not verified.

A site stores the codes of secondary factors (``Site.threats``); "Other factor(s)" has no secondary factor
and is stored as itself. Codes are stable: the open data and the API publish them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PrimaryFactor:
    number: int
    label: Promise
    secondary: tuple[tuple[str, Promise], ...]


FACTORS: tuple[PrimaryFactor, ...] = (
    PrimaryFactor(
        1,
        _("Buildings and development"),
        (
            ("housing", _("Housing")),
            ("commercial_development", _("Commercial development")),
            ("industrial_areas", _("Industrial areas")),
            ("visitor_accommodation", _("Major visitor accommodation and associated infrastructure")),
            ("visitation_facilities", _("Interpretative and visitation facilities")),
        ),
    ),
    PrimaryFactor(
        2,
        _("Transportation infrastructure"),
        (
            ("ground_transport", _("Ground transport infrastructure")),
            ("air_transport", _("Air transport infrastructure")),
            ("marine_transport", _("Marine transport infrastructure")),
            ("transport_use_effects", _("Effects arising from use of transportation infrastructure")),
            ("underground_transport", _("Underground transport infrastructure")),
        ),
    ),
    PrimaryFactor(
        3,
        _("Utilities or service infrastructure"),
        (
            ("water_infrastructure", _("Water infrastructure")),
            ("renewable_energy", _("Renewable energy facilities")),
            ("non_renewable_energy", _("Non-renewable energy facilities")),
            ("localised_utilities", _("Localised utilities")),
            ("major_linear_utilities", _("Major linear utilities")),
        ),
    ),
    PrimaryFactor(
        4,
        _("Pollution"),
        (
            ("marine_pollution", _("Pollution of marine waters")),
            ("ground_water_pollution", _("Ground water pollution")),
            ("surface_water_pollution", _("Surface water pollution")),
            ("air_pollution", _("Air pollution")),
            ("solid_waste", _("Solid waste")),
            ("excess_energy", _("Input of excess energy")),
        ),
    ),
    PrimaryFactor(
        5,
        _("Biological resource use/modification"),
        (
            ("fishing", _("Fishing/collecting aquatic resources")),
            ("aquaculture", _("Aquaculture")),
            ("land_conversion", _("Land conversion")),
            ("livestock_grazing", _("Livestock farming/grazing of domesticated animals")),
            ("crop_production", _("Crop production")),
            ("commercial_plant_collection", _("Commercial wild plant collection")),
            ("subsistence_plant_collection", _("Subsistence wild plant collection")),
            ("commercial_hunting", _("Commercial hunting")),
            ("subsistence_hunting", _("Subsistence hunting")),
            ("forestry", _("Forestry/wood production")),
        ),
    ),
    PrimaryFactor(
        6,
        _("Physical resource extraction"),
        (
            ("mining", _("Mining")),
            ("quarrying", _("Quarrying")),
            ("oil_gas", _("Oil and gas")),
            ("water_extraction", _("Water (extraction)")),
        ),
    ),
    PrimaryFactor(
        7,
        _("Local conditions affecting physical fabric"),
        (
            ("wind", _("Wind")),
            ("relative_humidity", _("Relative humidity")),
            ("temperature", _("Temperature")),
            ("radiation_light", _("Radiation/light")),
            ("dust", _("Dust")),
            ("water_rain_table", _("Water (rain/water table)")),
            ("pests", _("Pests")),
            ("micro_organisms", _("Micro-organisms")),
        ),
    ),
    PrimaryFactor(
        8,
        _("Social/cultural uses of heritage"),
        (
            ("ritual_uses", _("Ritual/spiritual/religious and associative uses")),
            ("society_valuing", _("Society's valuing of heritage")),
            ("indigenous_gathering", _("Indigenous hunting, gathering and collecting")),
            ("traditional_ways_change", _("Changes in traditional ways of life and knowledge system")),
            ("identity_community", _("Identity, social cohesion, changes in local population and community")),
            ("tourism_impacts", _("Impacts of tourism/visitor/recreation")),
        ),
    ),
    PrimaryFactor(
        9,
        _("Other human activities"),
        (
            ("illegal_activities", _("Illegal activities")),
            ("deliberate_destruction", _("Deliberate destruction of heritage")),
            ("military_training", _("Military training")),
            ("war", _("War")),
            ("terrorism", _("Terrorism")),
            ("civil_unrest", _("Civil unrest")),
        ),
    ),
    PrimaryFactor(
        10,
        _("Climate change and severe weather events"),
        (
            ("storms", _("Storms")),
            ("flooding", _("Flooding")),
            ("drought", _("Drought")),
            ("desertification", _("Desertification")),
            ("oceanic_waters", _("Changes to oceanic waters")),
            ("temperature_change", _("Temperature change")),
            ("other_climate_impacts", _("Other climate change impacts")),
        ),
    ),
    PrimaryFactor(
        11,
        _("Sudden ecological or geological events"),
        (
            ("volcanic_eruption", _("Volcanic eruption")),
            ("earthquake", _("Earthquake")),
            ("tsunami", _("Tsunami/tidal wave")),
            ("avalanche_landslide", _("Avalanche/landslide")),
            ("erosion_siltation", _("Erosion and siltation/deposition")),
            ("fire", _("Fire (wildfires)")),
        ),
    ),
    PrimaryFactor(
        12,
        _("Invasive/alien species or hyper-abundant species"),
        (
            ("translocated_species", _("Translocated species")),
            ("invasive_terrestrial", _("Invasive/alien terrestrial species")),
            ("invasive_freshwater", _("Invasive/alien freshwater species")),
            ("invasive_marine", _("Invasive/alien marine species")),
            ("hyper_abundant", _("Hyper-abundant species")),
            ("modified_genetic", _("Modified genetic material")),
        ),
    ),
    PrimaryFactor(
        13,
        _("Management and institutional factors"),
        (
            ("low_impact_research", _("Low impact research/monitoring activities")),
            ("high_impact_research", _("High impact research/monitoring activities")),
            ("management_activities", _("Management activities")),
            ("governance", _("Governance")),
            ("legal_framework", _("Legal framework")),
            ("management_system", _("Management systems/management plan")),
            ("financial_resources", _("Financial resources")),
            ("human_resources", _("Human resources")),
        ),
    ),
    PrimaryFactor(14, _("Other factor(s)"), (("other_factors", _("Other factor(s)")),)),
)

# Every code with its label, in the list's order (the order a site's threats are stored and shown in).
FACTOR_CHOICES: list[tuple[str, Promise]] = [choice for primary in FACTORS for choice in primary.secondary]
PRIMARY_OF: dict[str, PrimaryFactor] = {code: primary for primary in FACTORS for code, _label in primary.secondary}


def grouped_choices() -> list[tuple[str, list[tuple[str, Promise]]]]:
    """Choices grouped under their primary factor, e.g. for a form's optgroups."""
    return [(format_lazy("{}. {}", primary.number, primary.label), list(primary.secondary)) for primary in FACTORS]

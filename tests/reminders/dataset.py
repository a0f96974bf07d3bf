"""A known data set and the digests it must produce, shared by the planning tests and the end-to-end ones.

Planned on TODAY (a Thursday; its cycle starts on Monday 17 November 2025) with the default settings:
due soon within 14 days, stale after 60 days without a report, escalation after 30 days overdue.
"""

from __future__ import annotations

import datetime as dt
import email
import re
from dataclasses import dataclass, field
from email import policy

from django.utils import timezone

from recommendations.models import Recommendation
from tests.factories import (
    DesignationFactory,
    ObligationFactory,
    OrganizationFactory,
    RecommendationFactory,
    SiteDesignationFactory,
    SiteFactory,
    UserFactory,
)

TODAY = dt.date(2025, 11, 20)
CYCLE = dt.date(2025, 11, 17)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def moment(n: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(days(n), dt.time(10, 0)))


@dataclass
class Dataset:
    # e-mail -> {item key: escalated}
    expected: dict[str, dict[tuple[str, int], bool]]
    languages: dict[str, str]
    # item key -> the strings that name it in a digest, by language
    names: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)
    organizations_without_email: set[int] = field(default_factory=set)

    def key_of(self, block: str) -> tuple[tuple[str, int], str] | None:
        """The item a digest's text block is about, and the language its name was written in."""
        for key, by_language in self.names.items():
            for language, name in by_language.items():
                if name in block:
                    return key, language
        return None


def build() -> Dataset:
    region = OrganizationFactory(
        slug="akimat-region", name_en="Regional Akimat", preferred_language="ru", emails=["region@example.org"]
    )
    district = OrganizationFactory(
        slug="akimat-district",
        name_en="District Akimat",
        kind="district_akimat",
        parent=region,
        preferred_language="kk",
        emails=["district@example.org", "District-2@Example.org"],
    )
    museum = OrganizationFactory(slug="museum", preferred_language="en", emails=["museum@example.org"])
    ngo = OrganizationFactory(slug="ngo", preferred_language="ru", emails=["ngo@example.org"])
    silent = OrganizationFactory(slug="silent", preferred_language="ru", emails=[])

    aigerim = UserFactory(email="aigerim@example.org", full_name="Aigerim", language="kk")
    john = UserFactory(email="john@example.org", full_name="John", language="en")
    gone = UserFactory(email="gone@example.org", language="ru", is_active=False)

    alpha = SiteFactory(slug="alpha", name_en="Site Alpha", managers=[aigerim, gone])
    beta = SiteFactory(slug="beta", name_en="Site Beta", managers=[john])
    gamma = SiteFactory(slug="gamma", name_en="Site Gamma", managers=[john])

    reserve_due = DesignationFactory(biosphere_reserve=True, name_en="Reserve One", year=2015)
    reserve_later = DesignationFactory(
        biosphere_reserve=True, name_en="Reserve Two", year=2012, last_periodic_review=2022
    )
    property_ = DesignationFactory(name_en="Heritage Property", year=2014)
    SiteDesignationFactory(site=gamma, designation=reserve_due)
    SiteDesignationFactory(site=alpha, designation=reserve_later)
    SiteDesignationFactory(site=beta, designation=property_)
    soc_report = ObligationFactory(designation=property_, title="State of conservation report", due_date=days(73))
    ObligationFactory(designation=property_, title="Far obligation", due_date=days(200))
    ObligationFactory(designation=property_, title="Done obligation", due_date=days(10), completed_on=days(-3))
    late_plan = ObligationFactory(designation=property_, title="Late management plan", due_date=days(-19))

    def rec(**kwargs) -> Recommendation:
        return RecommendationFactory(**kwargs)

    escalated = rec(lead_organization=district, due_date=days(-40), sites=[alpha], supporting_organizations=[museum])
    overdue = rec(lead_organization=museum, due_date=days(-5), sites=[beta])
    due_soon = rec(lead_organization=district, due_date=days(10))
    rec(lead_organization=ngo, due_date=days(30), last_report_at=moment(-10))  # not yet
    stale = rec(lead_organization=ngo, last_report_at=moment(-61))
    stale_never = rec(lead_organization=ngo, due_date=days(200), created_at=moment(-100))
    rec(lead_organization=museum, last_report_at=moment(-59))  # reported recently enough
    rec(lead_organization=district, due_date=days(-100), status=Recommendation.Status.IMPLEMENTED)
    rec(lead_organization=district, due_date=days(-10), status=Recommendation.Status.PROPOSED)
    silent_rec = rec(lead_organization=silent, due_date=days(-3), sites=[alpha])

    def r(obj) -> tuple[str, int]:
        return ("recommendation", obj.pk)

    expected = {
        "district@example.org": {r(escalated): False, r(due_soon): False},
        "district-2@example.org": {r(escalated): False, r(due_soon): False},
        "museum@example.org": {r(escalated): False, r(overdue): False},
        "region@example.org": {r(escalated): True},
        "ngo@example.org": {r(stale): False, r(stale_never): False},
        "aigerim@example.org": {r(escalated): False, r(silent_rec): False},
        "john@example.org": {
            r(overdue): False,
            ("review", reserve_due.pk): False,
            ("obligation", soc_report.pk): False,
            ("obligation", late_plan.pk): False,
        },
    }
    languages = {
        "district@example.org": "kk",
        "district-2@example.org": "kk",
        "museum@example.org": "en",
        "region@example.org": "ru",
        "ngo@example.org": "ru",
        "aigerim@example.org": "kk",
        "john@example.org": "en",
    }
    names = {
        r(obj): {"en": obj.title_en, "ru": obj.title_ru, "kk": obj.title_kk}
        for obj in (escalated, overdue, due_soon, stale, stale_never, silent_rec)
    }
    names["obligation", soc_report.pk] = {"en": soc_report.title}
    names["obligation", late_plan.pk] = {"en": late_plan.title}
    names["review", reserve_due.pk] = {"en": "Reserve One"}
    return Dataset(expected=expected, languages=languages, names=names, organizations_without_email={silent.pk})


def digest_items(message: email.message.EmailMessage, dataset: Dataset) -> dict[tuple[str, int], bool]:
    """The items a digest e-mail lists ({key: escalated}), read from its plain-text part.

    Also checks that each name is written in the recipient's language.
    """
    text = message.get_body(preferencelist=("plain",)).get_content()
    language = message["Content-Language"]
    found = {}
    for block in re.split(r"\n(?=\* )", text)[1:]:
        block = re.split(r"\n\s*\n|\n== ", block)[0]
        match = dataset.key_of(block)
        assert match is not None, f"unknown item in digest:\n{block}"
        key, written_in = match
        if key[0] == "recommendation":
            assert written_in == language, f"{key} written in {written_in}, digest in {language}"
            assert f"/recommendations/{key[1]}/report/" in block, block
        assert key not in found, f"{key} listed twice"
        # "* [ESCALATED] title": the marker is translated, but a title never starts with a bracket.
        found[key] = block.startswith("* [")
    return found


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)

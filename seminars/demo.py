"""Demo seminars: the two 2019 regional seminars of the UNESCO project (facts from shared/data, section E)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from portal.demo import set_m2m, upsert
from portal.models import Organization, Region
from seminars.models import Project, Seminar

ALMATY_TZ = zoneinfo.ZoneInfo("Asia/Almaty")
PROJECT_SLUG = "promoting-sustainable-development-unesco-sites"
TARAZ_SLUG = "taraz-2019-02-27"
TALDYKORGAN_SLUG = "taldykorgan-2019-03-28"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=ALMATY_TZ)


def load_seminars() -> dict[str, Seminar]:
    project = upsert(
        Project,
        {"slug": PROJECT_SLUG},
        {
            "name_en": "Promoting sustainable development in Kazakhstan through UNESCO-designated sites",
            "name_ru": "Содействие устойчивому развитию в Казахстане через объекты, отмеченные ЮНЕСКО",
            "name_kk": "ЮНЕСКО белгілеген нысандар арқылы Қазақстанда тұрақты дамуға жәрдемдесу",
        },
    )
    unesco = Organization.objects.get(slug="unesco-almaty-office")
    seminars = {}
    # Start and end hours are not in the sources: the demo uses a 10:00-17:00 day.
    for slug, day, city_en, region_slug, title_en, title_ru, title_kk in (
        (
            TARAZ_SLUG,
            dt.date(2019, 2, 27),
            "Taraz",
            "zhambyl-region",
            "Managing UNESCO-designated sites in Zhambyl region",
            "Управление объектами ЮНЕСКО в Жамбылской области",
            "Жамбыл облысындағы ЮНЕСКО нысандарын басқару",
        ),
        (
            TALDYKORGAN_SLUG,
            dt.date(2019, 3, 28),
            "Taldykorgan",
            "almaty-region",
            "Managing UNESCO-designated sites in Almaty region",
            "Управление объектами ЮНЕСКО в Алматинской области",
            "Алматы облысындағы ЮНЕСКО нысандарын басқару",
        ),
    ):
        seminar = upsert(
            Seminar,
            {"slug": slug},
            {
                "title_en": title_en,
                "title_ru": title_ru,
                "title_kk": title_kk,
                "kind": Seminar.Kind.SEMINAR,
                "project": project,
                "start": _at(day, 10),
                "end": _at(day, 17),
                "city": city_en,
                "region": Region.objects.get(slug=region_slug),
                "status": Seminar.Status.COMPLETED,
                "registration_state": Seminar.RegistrationState.CLOSED,
            },
        )
        set_m2m(seminar, "organizers", [unesco])
        seminars[slug] = seminar
    return seminars


def load() -> None:
    load_seminars()

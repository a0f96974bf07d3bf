"""Demo data for the directory and the demo accounts. Other apps add theirs in their own `demo.py`.

Every write goes through `upsert`, which saves only when a value differs, so a second run of
`load_demo` changes nothing (not even the audit history).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import models

from portal import roles
from portal.models import District, Organization, OrganizationEmail, Region, User

DEMO_PASSWORD = "mura-demo-2019"


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any] | None = None):
    """Get the row matching ``lookup`` and bring it to ``values``; create it if missing. Returns the row."""
    values = values or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def set_m2m(obj: models.Model, field: str, targets) -> None:
    """Make the many-to-many ``field`` hold exactly ``targets``; touch nothing when it already does."""
    manager = getattr(obj, field)
    wanted = {t.pk for t in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(list(targets))


CITY_NOTE = "A city of republican significance."
# slug: (English, Russian, Kazakh, centre en/ru/kk, notes). Only facts from shared/data are filled in.
REGIONS = {
    "almaty-region": (
        "Almaty region",
        "Алматинская область",
        "Алматы облысы",
        ("Konaev", "Конаев", "Қонаев"),
        "Centre moved from Taldykorgan to Konaev when Zhetisu region was created (decree of 4 May 2022, in force 8 June 2022).",
    ),
    "zhetisu-region": (
        "Zhetisu region",
        "Область Жетісу",
        "Жетісу облысы",
        ("Taldykorgan", "Талдыкорган", "Талдықорған"),
        "Created by the decree of 4 May 2022 (in force 8 June 2022) from the north-east of Almaty region.",
    ),
    "abai-region": (
        "Abai region",
        "Область Абай",
        "Абай облысы",
        ("Semey", "Семей", "Семей"),
        "Created by the decree of 4 May 2022 (in force 8 June 2022) from part of East Kazakhstan region.",
    ),
    "ulytau-region": (
        "Ulytau region",
        "Область Ұлытау",
        "Ұлытау облысы",
        ("", "", ""),
        "Created by the decree of 4 May 2022 (in force 8 June 2022).",
    ),
    "zhambyl-region": ("Zhambyl region", "Жамбылская область", "Жамбыл облысы", ("", "", ""), ""),
    "turkestan-region": (
        "Turkestan region",
        "Туркестанская область",
        "Түркістан облысы",
        ("", "", ""),
        "Named South Kazakhstan region until 19 June 2018.",
    ),
    "kyzylorda-region": ("Kyzylorda region", "Кызылординская область", "Қызылорда облысы", ("", "", ""), ""),
    "akmola-region": ("Akmola region", "Акмолинская область", "Ақмола облысы", ("", "", ""), ""),
    "kostanay-region": ("Kostanay region", "Костанайская область", "Қостанай облысы", ("", "", ""), ""),
    "east-kazakhstan-region": (
        "East Kazakhstan region",
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
        ("", "", ""),
        "",
    ),
    "atyrau-region": ("Atyrau region", "Атырауская область", "Атырау облысы", ("", "", ""), ""),
    # The other six regions and the three cities of republican significance: all 17 regions and 3 cities since
    # the 2022 reform (official names; centres are left to the facts file, which names none of these).
    "aktobe-region": ("Aktobe region", "Актюбинская область", "Ақтөбе облысы", ("", "", ""), ""),
    "west-kazakhstan-region": (
        "West Kazakhstan region",
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
        ("", "", ""),
        "",
    ),
    "karaganda-region": ("Karaganda region", "Карагандинская область", "Қарағанды облысы", ("", "", ""), ""),
    "mangystau-region": ("Mangystau region", "Мангистауская область", "Маңғыстау облысы", ("", "", ""), ""),
    "north-kazakhstan-region": (
        "North Kazakhstan region",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
        ("", "", ""),
        "",
    ),
    "pavlodar-region": ("Pavlodar region", "Павлодарская область", "Павлодар облысы", ("", "", ""), ""),
    "astana-city": ("City of Astana", "Город Астана", "Астана қаласы", ("", "", ""), CITY_NOTE),
    "almaty-city": ("City of Almaty", "Город Алматы", "Алматы қаласы", ("", "", ""), CITY_NOTE),
    "shymkent-city": ("City of Shymkent", "Город Шымкент", "Шымкент қаласы", ("", "", ""), CITY_NOTE),
}
NEW_IN_2022 = {"zhetisu-region", "abai-region", "ulytau-region"}
CITIES = {"astana-city", "almaty-city", "shymkent-city"}

# (region slug, district slug): (English, Russian, Kazakh)
DISTRICTS = {
    ("almaty-region", "zhambyl"): ("Zhambyl district", "Жамбылский район", "Жамбыл ауданы"),
    ("almaty-region", "talgar"): ("Talgar district", "Талгарский район", "Талғар ауданы"),
    ("almaty-region", "balkhash"): ("Balkhash district", "Балхашский район", "Балқаш ауданы"),
    ("almaty-region", "enbekshikazakh"): ("Enbekshikazakh district", "Енбекшиказахский район", "Еңбекшіқазақ ауданы"),
    ("almaty-region", "uygur"): ("Uygur district", "Уйгурский район", "Ұйғыр ауданы"),
    ("almaty-region", "raiymbek"): ("Raiymbek district", "Райымбекский район", "Райымбек ауданы"),
    ("zhetisu-region", "sarkand"): ("Sarkand district", "Саркандский район", "Сарқан ауданы"),
    ("zhetisu-region", "kerbulak"): ("Kerbulak district", "Кербулакский район", "Кербұлақ ауданы"),
    ("zhetisu-region", "panfilov"): ("Panfilov district", "Панфиловский район", "Панфилов ауданы"),
    ("zhetisu-region", "aksu"): ("Aksu district", "Аксуский район", "Ақсу ауданы"),
    ("zhetisu-region", "alakol"): ("Alakol district", "Алакольский район", "Алакөл ауданы"),
    ("abai-region", "urdzhar"): ("Urdzhar district", "Урджарский район", "Үржар ауданы"),
    ("kyzylorda-region", "aral"): ("Aral district", "Аральский район", "Арал ауданы"),
    ("turkestan-region", "tulkubas"): ("Tulkubas district", "Тюлькубасский район", "Түлкібас ауданы"),
    ("turkestan-region", "tolebi"): ("Tolebi district", "Толебийский район", "Төлеби ауданы"),
    ("turkestan-region", "baydibek"): ("Baydibek district", "Байдибекский район", "Бәйдібек ауданы"),
    ("turkestan-region", "kazygurt"): ("Kazygurt district", "Казыгуртский район", "Қазығұрт ауданы"),
    ("zhambyl-region", "zhualy"): ("Zhualy district", "Жуалынский район", "Жуалы ауданы"),
    ("akmola-region", "burabay"): ("Burabay district", "Бурабайский район", "Бурабай ауданы"),
}

K = Organization.Kind
# slug: (English, Russian, Kazakh, kind, region slug, district slug, parent slug, language, [demo e-mails])
ORGANIZATIONS = {
    "ministry-culture-information": (
        "Ministry of Culture and Information of the Republic of Kazakhstan",
        "Министерство культуры и информации Республики Казахстан",
        "Қазақстан Республикасы Мәдениет және ақпарат министрлігі",
        K.MINISTRY,
        None,
        None,
        None,
        "kk",
        ["culture-ministry@example.org"],
    ),
    "natcom-unesco-icesco": (
        "National Commission of the Republic of Kazakhstan for UNESCO and ICESCO",
        "Национальная комиссия Республики Казахстан по делам ЮНЕСКО и ИСЕСКО",
        "Қазақстан Республикасының ЮНЕСКО және ИСЕСКО істері жөніндегі ұлттық комиссиясы",
        K.NATIONAL_COMMISSION,
        None,
        None,
        None,
        "ru",
        ["natcom@example.org"],
    ),
    "unesco-almaty-office": (
        "UNESCO Almaty Office",
        "Бюро ЮНЕСКО в Алматы",
        "ЮНЕСКО-ның Алматыдағы кеңсесі",
        K.UNESCO_OFFICE,
        None,
        None,
        None,
        "en",
        ["almaty-office@example.org"],
    ),
    "forestry-wildlife-committee": (
        "Forestry and Wildlife Committee",
        "Комитет лесного хозяйства и животного мира",
        "Орман шаруашылығы және жануарлар дүниесі комитеті",
        K.MINISTRY,
        None,
        None,
        None,
        "ru",
        ["forestry@example.org"],
    ),
    "akimat-almaty-region": (
        "Akimat of Almaty region",
        "Акимат Алматинской области",
        "Алматы облысының әкімдігі",
        K.REGIONAL_AKIMAT,
        "almaty-region",
        None,
        None,
        "ru",
        ["akimat-almaty-region@example.org"],
    ),
    "akimat-zhetisu-region": (
        "Akimat of Zhetisu region",
        "Акимат области Жетісу",
        "Жетісу облысының әкімдігі",
        K.REGIONAL_AKIMAT,
        "zhetisu-region",
        None,
        None,
        "kk",
        ["akimat-zhetisu-region@example.org"],
    ),
    "akimat-zhambyl-region": (
        "Akimat of Zhambyl region",
        "Акимат Жамбылской области",
        "Жамбыл облысының әкімдігі",
        K.REGIONAL_AKIMAT,
        "zhambyl-region",
        None,
        None,
        "ru",
        ["akimat-zhambyl-region@example.org"],
    ),
    "akimat-abai-region": (
        "Akimat of Abai region",
        "Акимат области Абай",
        "Абай облысының әкімдігі",
        K.REGIONAL_AKIMAT,
        "abai-region",
        None,
        None,
        "kk",
        ["akimat-abai-region@example.org"],
    ),
    "almaty-heritage-centre": (
        "Almaty regional centre for protection of historical-cultural heritage",
        "Алматинский областной центр по охране историко-культурного наследия",
        "Алматы облыстық тарихи-мәдени мұраны қорғау орталығы",
        K.SITE_ADMINISTRATION,
        "almaty-region",
        None,
        None,
        "ru",
        ["heritage-centre@example.org"],
    ),
}
# District Akimats where the sites lie, under their regional Akimat.
for (_region, _district), (_en, _ru, _kk) in DISTRICTS.items():
    _parent = {
        "almaty-region": "akimat-almaty-region",
        "zhetisu-region": "akimat-zhetisu-region",
        "abai-region": "akimat-abai-region",  # Urdzhar district: Alakol's part in Abai region
    }.get(_region)
    if _parent:
        ORGANIZATIONS[f"akimat-{_district}-district"] = (
            f"Akimat of {_en}",
            f"Акимат {_ru.replace('ский район', 'ского района').replace('ий район', 'ого района')}",
            f"{_kk.replace('ауданы', 'ауданының')} әкімдігі",
            K.DISTRICT_AKIMAT,
            _region,
            _district,
            _parent,
            "ru" if _region == "almaty-region" else "kk",
            [f"akimat-{_district}@example.org"],
        )

DEMO_USERS = [
    # e-mail, full name, role, organization slug, language, staff
    ("admin@example.org", "Demo Administrator", roles.ADMIN, "unesco-almaty-office", "en", True),
    ("organizer@example.org", "Demo Organizer", roles.ORGANIZER, "unesco-almaty-office", "ru", False),
    ("manager@example.org", "Demo Site Manager", roles.SITE_MANAGER, None, "ru", False),
    ("focal@example.org", "Demo Focal Point", roles.FOCAL_POINT, "akimat-almaty-region", "kk", False),
    ("official@example.org", "Demo Official", roles.OFFICIAL, "ministry-culture-information", "ru", False),
]


def load_directory() -> None:
    regions = {}
    for slug, (en, ru, kk, (c_en, c_ru, c_kk), notes) in REGIONS.items():
        regions[slug] = upsert(
            Region,
            {"slug": slug},
            {
                "name_en": en,
                "name_ru": ru,
                "name_kk": kk,
                "centre_en": c_en,
                "centre_ru": c_ru,
                "centre_kk": c_kk,
                "notes": notes,
            },
        )
    for (region_slug, slug), (en, ru, kk) in DISTRICTS.items():
        upsert(District, {"region": regions[region_slug], "slug": slug}, {"name_en": en, "name_ru": ru, "name_kk": kk})
    # Parents first: regional Akimats before district ones.
    for slug, row in sorted(ORGANIZATIONS.items(), key=lambda item: item[1][6] is not None):
        en, ru, kk, kind, region_slug, district_slug, parent_slug, lang, emails = row
        region = regions.get(region_slug) if region_slug else None
        district = District.objects.get(region=region, slug=district_slug) if district_slug else None
        parent = Organization.objects.get(slug=parent_slug) if parent_slug else None
        org = upsert(
            Organization,
            {"slug": slug},
            {
                "name_en": en,
                "name_ru": ru,
                "name_kk": kk,
                "kind": kind,
                "region": region,
                "district": district,
                "parent": parent,
                "preferred_language": lang,
            },
        )
        for email in emails:
            upsert(OrganizationEmail, {"organization": org, "email": email})


def load_users(stdout=None) -> list[tuple[str, str]]:
    roles.ensure_roles()
    created = []
    for email, name, role, org_slug, lang, staff in DEMO_USERS:
        org = Organization.objects.get(slug=org_slug) if org_slug else None
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        upsert(
            User,
            {"pk": user.pk},
            {
                "full_name": name,
                "organization": org,
                "language": lang,
                "is_staff": staff,
                "is_superuser": staff,
            },
        )
        group = Group.objects.get(name=role)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        if role == roles.FOCAL_POINT and org and not user.focal_point_for.filter(pk=org.pk).exists():
            user.focal_point_for.add(org)
        created.append((email, role))
    return created


def load() -> None:
    load_directory()
    load_users()

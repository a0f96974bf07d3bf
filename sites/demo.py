"""Seed data: every site and designation in shared/data/kazakhstan-unesco-sites.md, with its source.

Only values that the data file gives are filled in; unverified ones stay empty (NULL), and values that
the file calls "secondary" are said to be so in the designation's notes. Section letters (A, B1, C...)
and source keys (S-W5...) refer to that file. Everything goes through `upsert`/`set_m2m`, so a second
run changes nothing. Kazakh and Russian names are the usual spellings of the English names in the file.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from portal.demo import set_m2m, upsert
from portal.models import District, Organization, OrganizationEmail, Region, User
from sites.models import Designation, Obligation, PeriodicReview, Site, SiteDesignation

WH = Designation.Kind.WORLD_HERITAGE
BR = Designation.Kind.BIOSPHERE_RESERVE
D = Decimal

SRC = {
    "S-W1": "http://whc.unesco.org/pg_friendly_print.cfm?id_decision=720&cid=305",
    "S-W3": "https://atozwiki.com/List_of_World_Heritage_Sites_in_Kazakhstan",
    "S-W5": "http://whc.unesco.org/en/list/1145",
    "S-W6": "http://whc.unesco.org/es/list/1145",
    "S-W8": "https://pl.frwiki.wiki/wiki/Tamgaly",
    "S-W9": "https://whc.unesco.org/en/list/1102/lother=ru",
    "S-W12": "https://goodnames-eth.ipns.dweb.link/wiki/Saryarka_%E2%80%93_Steppe_and_Lakes_of_Northern_Kazakhstan.html",
    "S-W13": "http://whc.unesco.org/en/list/1442",
    "S-W14": "https://iidos.cn/en/PropertiesArchives/info.aspx?itemid=10366",
    "S-W16": "http://agroweb.unesco.kz/the-silk-roads-have-been-inscribed-to-the-unesco-world-heritage-list",
    "S-W19": "https://whc.unesco.org/en/soc/4496/&mode=doc",
    "S-W21": "http://www.nhpfund.org/tentative-list-submissions/western-tien-shan-tentative-list-kz.html",
    "S-W22": "http://www.worldheritagesite.org/sites/site.php?id=1490",
    "S-W24": "https://sagapedia.com/fr/Liste_du_patrimoine_mondial_au_Kazakhstan",
    "S-W25": "https://whc.unesco.org/en/tentativelists/6496/",
    "S-W27": "https://astanatimes.com/2023/09/altyn-emel-national-park-barsakelmes-nature-reserve-inscribed-on-unesco-world-heritage-list/",
    "S-T1": "https://timesca.com/kazakhstan-tourist-zone-opens-at-tanbaly-petroglyphs-site-in-almaty-region/",
    "S-C2": "https://ehistory.kz/en/news/show/7732",
    "S-C4": "https://wildticketasia.com/1308-koylyk-settlement-antonovka.html",
    "S-C6": "https://wildticketasia.com/1126-talgar-settlement-talkhir-talkhiz.html",
    "S-C7": "https://astanatimes.com/2025/07/kazakhstan-to-host-icomos-mission-for-unesco-world-heritage-evaluation/",
    "S-B2": "http://agroweb.unesco.kz/korgalzhin-is-accepted-by-the-world",
    "S-B4": "https://www.dcat.kg/post/alakol-state-nature-reserve",
    "S-B6": "http://kazscinet.unesco.kz/two-new-kazakhstan-biosphere-reserves-were-included-in-the-global-network",
    "S-B7": "https://mongoliaeconomy.blogspot.com/2014/06/kazakhstans-katon-karagai-and-akzhaik.html",
    "S-B8": "http://ww.unesco.kz/altyn-emel-and-karatau-are-included-in-unesco-s-world-network-of-biosphere-reserves",
    "S-B10": "https://341605.710819.cn/the-aksu-zhabagly-kazakhstan-added-to-unesco-s-world-network-of-biosphere-reserves",
    "S-B11": "https://kazmab.kz/index.php/en/biosphere-reserves/2016-01-25-13-17-07/aksu-dzhabagly/description",
    "S-B12": "https://www.inform.kz/en/kazakhstan-s-kolsai-kolderi-national-park-declared-unesco-biosphere-reserve_a3837412/amp",
    "S-B13": "https://qazmonitor.com/lifestyle/475/burabay-and-markakol-included-in-unescos-world-network",
    "S-B15": "https://astanatimes.com/2016/03/91/",
    "S-B16": "https://kazmab.kz/index.php/en/biosphere-reserves/2016-01-25-13-17-07/barsakelmes/description",
    "S-B17": "https://www.kazmab.kz/index.php/en/biosphere-reserves/2016-01-25-13-17-07/pustaya-ssylka/description",
    "S-B18": "https://www.kazmab.kz/index.php/en/biosphere-reserves/transboundary-biosphere-reserves/tbr-great-altai/tbr-great-altai",
    "S-B20": "http://charyn.kz/eng/about-the-park/",
    "S-B21": "https://perceptiofi.com/Чарынский_национальный_парк",
    "S-B22": "https://kazaktourism.com/zhongar_alatau_national_park.html",
    "S-B24": "https://www.kazmab.kz/index.php/en/biosphere-reserves/2016-01-25-13-17-07/almaty/description",
    "S-B25": "http://www.kazmab.kz/index.php/en/biosphere-reserves/2016-01-25-13-17-07/west-altai/description",
    "S-B26": "http://agroweb.unesco.kz/two-new-biosphere-reserves-were-approved-in-central-asia",
}

# --- Designations (sections A and C) ----------------------------------------------------------------
# slug: field values. Missing keys stay empty.
DESIGNATIONS: dict[str, dict[str, Any]] = {
    "khoja-ahmed-yasawi": {
        "kind": WH,
        "name_en": "Mausoleum of Khoja Ahmed Yasawi",
        "name_ru": "Мавзолей Ходжи Ахмеда Ясави",
        "name_kk": "Қожа Ахмет Ясауи кесенесі",
        "unesco_ref": 1103,
        "category": Designation.Category.CULTURAL,
        "criteria": "i,iii,iv",
        "year": 2003,
        "area_ha": D("0.55"),
        "source_url": SRC["S-W1"],
        "notes": "Inscribed at the 27th session, decision 27 COM 8C.25; the first property inscribed for Kazakhstan. "
        "Area 0.55 ha: secondary. Buffer zone 79.4 ha is secondary only (hu.wikipedia mirror) "
        "and not seeded.",
    },
    "tanbaly-petroglyphs": {
        "kind": WH,
        "name_en": "Petroglyphs of the Archaeological Landscape of Tanbaly",
        "name_ru": "Петроглифы археологического ландшафта Танбалы",
        "name_kk": "Таңбалы археологиялық ландшафтының петроглифтері",
        "unesco_ref": 1145,
        "category": Designation.Category.CULTURAL,
        "criteria": "iii",
        "year": 2004,
        "area_ha": D("900"),
        "buffer_zone_ha": D("2900"),
        "source_url": SRC["S-W6"],
        "notes": "Inscribed as “Petroglyphs within the Archaeological Landscape of Tamgaly” (28th session, decision "
        "28 COM 14B.29) as a cultural landscape; UNESCO's page now shows the Tanbaly name. The year of "
        "the renaming is unverified.",
    },
    "saryarka": {
        "kind": WH,
        "name_en": "Saryarka – Steppe and Lakes of Northern Kazakhstan",
        "name_ru": "Сарыарка — степи и озёра Северного Казахстана",
        "name_kk": "Сарыарқа — Солтүстік Қазақстанның даласы мен көлдері",
        "unesco_ref": 1102,
        "category": Designation.Category.NATURAL,
        "criteria": "ix,x",
        "year": 2008,
        "area_ha": D("450344"),
        "is_serial": True,
        "source_url": SRC["S-W9"],
        "notes": "Inscribed at the 32nd session (Québec, 7 July 2008). Area: the two reserves together. "
        "Buffer zone unverified. Two components: Naurzum and Korgalzhyn state nature reserves.",
    },
    "silk-roads-chang-an-tianshan": {
        "kind": WH,
        "name_en": "Silk Roads: the Routes Network of Chang'an-Tianshan Corridor",
        "name_ru": "Шёлковый путь: сеть маршрутов Чанъань-Тяньшаньского коридора",
        "name_kk": "Жібек жолы: Чаньань-Тянь-Шань дәлізінің бағыттар желісі",
        "unesco_ref": 1442,
        "category": Designation.Category.CULTURAL,
        "criteria": "ii,iii,v,vi",
        "year": 2014,
        "area_ha": D("42668.16"),
        "buffer_zone_ha": D("189963.10"),
        "is_serial": True,
        "is_transboundary": True,
        "transboundary_countries": "China, Kyrgyzstan",
        "transboundary_countries_ru": "Китай, Кыргызстан",
        "transboundary_countries_kk": "Қытай, Қырғызстан",
        "source_url": SRC["S-W14"],
        "notes": "Inscribed at the 38th session (Doha, 22 June 2014), decision 38 COM 8B.24; criteria per the decision "
        "text. Area and buffer zone of the whole property are secondary (two non-UNESCO pages agree); the "
        "areas of the components are unverified. 33 components: 22 in China, 8 in Kazakhstan, 3 in Kyrgyzstan.",
    },
    "western-tien-shan": {
        "kind": WH,
        "name_en": "Western Tien-Shan",
        "name_ru": "Западный Тянь-Шань",
        "name_kk": "Батыс Тянь-Шань",
        "unesco_ref": 1490,
        "category": Designation.Category.NATURAL,
        "criteria": "x",
        "year": 2016,
        "is_serial": True,
        "is_transboundary": True,
        "transboundary_countries": "Kyrgyzstan, Uzbekistan",
        "transboundary_countries_ru": "Кыргызстан, Узбекистан",
        "transboundary_countries_kk": "Қырғызстан, Өзбекстан",
        "source_url": SRC["S-W19"],
        "notes": "Inscribed at the 40th session (Istanbul, 2016); IUCN had recommended deferral. The inscribed area "
        "and buffer zone are conflicting between sources and not seeded. 13 locations in total.",
    },
    "cold-winter-deserts-of-turan": {
        "kind": WH,
        "name_en": "Cold Winter Deserts of Turan",
        "name_ru": "Холодные зимние пустыни Турана",
        "name_kk": "Тұранның суық қысты шөлдері",
        "category": Designation.Category.NATURAL,
        "criteria": "ix,x",
        "year": 2023,
        "is_serial": True,
        "is_transboundary": True,
        "transboundary_countries": "Turkmenistan, Uzbekistan",
        "transboundary_countries_ru": "Туркменистан, Узбекистан",
        "transboundary_countries_kk": "Түрікменстан, Өзбекстан",
        "source_url": SRC["S-W27"],
        "notes": "Inscribed at the extended 45th session (Riyadh, 20 September 2023). Criteria (ix)(x) verified on the "
        "tentative list. Reference number 1693 and area 3,368,741 ha are secondary only and not "
        "seeded; about 3.4 million ha as nominated. Buffer zone unverified. 14 components in total.",
    },
    # Biosphere reserves (section C)
    "br-korgalzhyn": {
        "kind": BR,
        "name_en": "Korgalzhyn Biosphere Reserve",
        "name_ru": "Биосферный резерват «Коргалжын»",
        "name_kk": "«Қорғалжын» биосфералық резерваты",
        "year": 2012,
        "area_ha": D("1603171"),
        "source_url": SRC["S-B2"],
        "notes": "24th ICC, Paris, 11 July 2012; Kazakhstan's first biosphere reserve. Area: the total proposed area.",
    },
    "br-alakol": {
        "kind": BR,
        "name_en": "Alakol Biosphere Reserve",
        "name_ru": "Биосферный резерват «Алаколь»",
        "name_kk": "«Алакөл» биосфералық резерваты",
        "year": 2013,
        "source_url": SRC["S-B6"],
        "notes": "Area unverified: 65,672.01 ha (travel site, likely the nature reserve) and 193,089 ha (the Ramsar "
        "site) conflict.",
    },
    "br-ak-zhaiyk": {
        "kind": BR,
        "name_en": "Ak-Zhaiyk Biosphere Reserve",
        "name_ru": "Биосферный резерват «Ак Жайык»",
        "name_kk": "«Ақжайық» биосфералық резерваты",
        "year": 2014,
        "area_ha": D("396346"),
        "source_url": SRC["S-B7"],
        "notes": "26th ICC (Sweden). Area secondary.",
    },
    "br-katon-karagay": {
        "kind": BR,
        "name_en": "Katon-Karagay Biosphere Reserve",
        "name_ru": "Биосферный резерват «Катон-Карагай»",
        "name_kk": "«Катонқарағай» биосфералық резерваты",
        "year": 2014,
        "area_ha": D("1631940"),
        "source_url": SRC["S-B7"],
        "notes": "26th ICC. Area secondary. Part of the Great Altai transboundary biosphere reserve since 2017.",
    },
    "br-aksu-zhabagly": {
        "kind": BR,
        "name_en": "Aksu-Zhabagly Biosphere Reserve",
        "name_ru": "Биосферный резерват «Аксу-Жабаглы»",
        "name_kk": "«Ақсу-Жабағылы» биосфералық резерваты",
        "year": 2015,
        "area_ha": D("357734"),
        "core_area_ha": D("131934"),
        "buffer_zone_ha": D("25800"),
        "source_url": SRC["S-B10"],
        "notes": "ICC, Paris, 8–12 June 2015.",
    },
    "br-barsakelmes": {
        "kind": BR,
        "name_en": "Barsakelmes Biosphere Reserve",
        "name_ru": "Биосферный резерват «Барсакельмес»",
        "name_kk": "«Барсакелмес» биосфералық резерваты",
        "year": 2016,
        "area_ha": D("407132"),
        "core_area_ha": D("160826"),
        "buffer_zone_ha": D("46306.34"),
        "source_url": SRC["S-B16"],
        "notes": "ICC, Lima, 18–19 March 2016.",
    },
    "br-karatau": {
        "kind": BR,
        "name_en": "Karatau Biosphere Reserve",
        "name_ru": "Биосферный резерват «Каратау»",
        "name_kk": "«Қаратау» биосфералық резерваты",
        "year": 2017,
        "area_ha": D("151800"),
        "source_url": SRC["S-B8"],
        "notes": "29th ICC, Paris, 12–15 June 2017.",
    },
    "br-altyn-emel": {
        "kind": BR,
        "name_en": "Altyn-Emel Biosphere Reserve",
        "name_ru": "Биосферный резерват «Алтын-Эмель»",
        "name_kk": "«Алтынемел» биосфералық резерваты",
        "year": 2017,
        "area_ha": D("535909.4"),
        "core_area_ha": D("54767.5"),
        "buffer_zone_ha": D("252885.8"),
        "transition_area_ha": D("228256.1"),
        "source_url": SRC["S-B17"],
        "notes": "29th ICC (2017). The development (transition) area is given as “about” 228,256.1 ha. National-park "
        "area figures conflict between travel and wiki pages and are not used.",
    },
    "br-great-altai": {
        "kind": BR,
        "name_en": "Great Altai Transboundary Biosphere Reserve",
        "name_ru": "Трансграничный биосферный резерват «Большой Алтай»",
        "name_kk": "«Ұлы Алтай» трансшекаралық биосфералық резерваты",
        "year": 2017,
        "is_transboundary": True,
        "transboundary_countries": "Russia",
        "transboundary_countries_ru": "Россия",
        "transboundary_countries_kk": "Ресей",
        "source_url": SRC["S-B18"],
        "notes": "29th ICC (2017). Katon-Karagay BR (Kazakhstan) with Katunskiy BR (Russia). Area “exceeds 1.5 million "
        "ha” (secondary) and is not seeded.",
    },
    "br-charyn": {
        "kind": BR,
        "name_en": "Charyn Biosphere Reserve",
        "name_ru": "Биосферный резерват «Чарын»",
        "name_kk": "«Шарын» биосфералық резерваты",
        "year": 2018,
        "source_url": SRC["S-B6"],
        "notes": "30th ICC, Palembang, 25 July 2018. Area unverified (a news item's “239.7 hectares” is almost "
        "certainly a unit error; the national park itself is 127,050 ha).",
    },
    "br-zhongar-alatau": {
        "kind": BR,
        "name_en": "Zhongar-Alatau Biosphere Reserve",
        "name_ru": "Биосферный резерват «Жонгар-Алатау»",
        "name_kk": "«Жоңғар Алатауы» биосфералық резерваты",
        "year": 2018,
        "source_url": SRC["S-B6"],
        "notes": "30th ICC (2018). Also written “Zhongar”. Area unverified as a biosphere-reserve figure (the national "
        "park is 356,022 ha).",
    },
    "br-almaty": {
        "kind": BR,
        "name_en": "Almaty Biosphere Reserve",
        "name_ru": "Алматинский биосферный резерват",
        "name_kk": "Алматы биосфералық резерваты",
        "area_ha": D("176960"),
        "source_url": SRC["S-B24"],
        "notes": "Year of designation unverified (by inference between April 2019 and September 2021).",
    },
    "br-west-altai": {
        "kind": BR,
        "name_en": "West Altai Biosphere Reserve",
        "name_ru": "Западно-Алтайский биосферный резерват",
        "name_kk": "Батыс Алтай биосфералық резерваты",
        "area_ha": D("189477"),
        "core_area_ha": D("86122"),
        "buffer_zone_ha": D("22475"),
        "transition_area_ha": D("80880"),
        "source_url": SRC["S-B25"],
        "notes": "Year of designation unverified. The development (transition) area is given as “about” 80,880 ha.",
    },
    "br-kolsai-kolderi": {
        "kind": BR,
        "name_en": "Kolsai Kolderi Biosphere Reserve",
        "name_ru": "Биосферный резерват «Кольсай колдери»",
        "name_kk": "«Көлсай көлдері» биосфералық резерваты",
        "year": 2021,
        "area_ha": D("242085"),
        "source_url": SRC["S-B12"],
        "notes": "33rd ICC, September 2021. Borders the Issyk-Kul BR (Kyrgyzstan) but is a national reserve.",
    },
    "br-burabay": {
        "kind": BR,
        "name_en": "Burabay Biosphere Reserve",
        "name_ru": "Биосферный резерват «Бурабай»",
        "name_kk": "«Бурабай» биосфералық резерваты",
        "source_url": SRC["S-B13"],
        "notes": "34th ICC session; the calendar year and the area are unverified.",
    },
    "br-markakol": {
        "kind": BR,
        "name_en": "Markakol Biosphere Reserve",
        "name_ru": "Биосферный резерват «Маркаколь»",
        "name_kk": "«Марқакөл» биосфералық резерваты",
        "source_url": SRC["S-B13"],
        "notes": "34th ICC session; the year and the area are unverified.",
    },
}

# --- Dated obligations ----------------------------------------------------------------------------------
# Decision 41 COM 7B.88 §6 (https://whc.unesco.org/pg_friendly_print.cfm?cid=305&id_decision=7087) asked Kazakhstan
# for a report on the Talgar component by 1 December 2017. Decision 42 COM 7B.5 (42nd session, Manama, ended
# 4 July 2018) welcomed Kazakhstan's detailed report, so it was in by that date; the submission day is unverified.
OBLIGATIONS = [
    {
        "designation": "silk-roads-chang-an-tianshan",
        "title": "Detailed report on reconstruction work at the Talgar component site (decision 41 COM 7B.88)",
        "title_ru": "Подробный доклад о реконструкционных работах на компоненте Талгар (решение 41 COM 7B.88)",
        "title_kk": "Талғар компонентіндегі қайта құру жұмыстары туралы толық баяндама (41 COM 7B.88 шешімі)",
        "due_date": dt.date(2017, 12, 1),
        "completed_on": dt.date(2018, 7, 4),
        "decision_number": "41 COM 7B.88",
        "decision_paragraph": "6",
        "notes": "Requested by decision 41 COM 7B.88, paragraph 6 "
        "(https://whc.unesco.org/pg_friendly_print.cfm?cid=305&id_decision=7087). Welcomed by decision 42 COM 7B.5 "
        "(https://whc.unesco.org/en/decisions/7234/); the completion date recorded is the last day of that session, "
        "the latest date it can have been submitted. The exact submission date is unverified.",
    },
]

# --- Periodic reviews --------------------------------------------------------------------------------------
# Only what the designation year implies: Altyn-Emel (2017, 29th ICC) is due for its first review in 2027. No
# submission or outcome is known for any Kazakh reserve, so none is recorded.
PERIODIC_REVIEWS = [
    (
        "br-altyn-emel",
        2027,
        "Due ten years after designation (2017), as the Statutory Framework (Article 9) sets; no date is set yet.",
    ),
]

# --- Site administrations (section F names the bodies; a protected area is run by its own administration) --
ORG_SA = Organization.Kind.SITE_ADMINISTRATION
SITE_ORGANIZATIONS = {
    # slug: (English, Russian, Kazakh, region slug)
    "altyn-emel-national-park": (
        "Altyn-Emel State National Nature Park",
        "Государственный национальный природный парк «Алтын-Эмель»",
        "«Алтынемел» мемлекеттік ұлттық табиғи паркі",
        "zhetisu-region",
    ),
    "charyn-national-park": (
        "Charyn State National Nature Park",
        "Чарынский государственный национальный природный парк",
        "Шарын мемлекеттік ұлттық табиғи паркі",
        "almaty-region",
    ),
    "zhongar-alatau-national-park": (
        "Zhongar-Alatau State National Nature Park",
        "Жонгар-Алатауский государственный национальный природный парк",
        "Жоңғар Алатауы мемлекеттік ұлттық табиғи паркі",
        "zhetisu-region",
    ),
    "alakol-nature-reserve": (
        "Alakol State Nature Reserve",
        "Алакольский государственный природный заповедник",
        "Алакөл мемлекеттік табиғи қорығы",
        "zhetisu-region",
    ),
    "kolsai-kolderi-national-park": (
        "Kolsai Kolderi State National Nature Park",
        "Государственный национальный природный парк «Кольсай колдери»",
        "«Көлсай көлдері» мемлекеттік ұлттық табиғи паркі",
        "almaty-region",
    ),
    "naurzum-nature-reserve": (
        "Naurzum State Nature Reserve",
        "Наурзумский государственный природный заповедник",
        "Наурызым мемлекеттік табиғи қорығы",
        "kostanay-region",
    ),
    "korgalzhyn-nature-reserve": (
        "Korgalzhyn State Nature Reserve",
        "Коргалжынский государственный природный заповедник",
        "Қорғалжын мемлекеттік табиғи қорығы",
        "akmola-region",
    ),
    "aksu-zhabagly-nature-reserve": (
        "Aksu-Zhabagly State Nature Reserve",
        "Аксу-Жабаглинский государственный природный заповедник",
        "Ақсу-Жабағылы мемлекеттік табиғи қорығы",
        "turkestan-region",
    ),
    "karatau-nature-reserve": (
        "Karatau State Nature Reserve",
        "Каратауский государственный природный заповедник",
        "Қаратау мемлекеттік табиғи қорығы",
        "turkestan-region",
    ),
    "sairam-ugam-national-park": (
        "Sairam-Ugam State National Nature Park",
        "Сайрам-Угамский государственный национальный природный парк",
        "Сайрам-Өгем мемлекеттік ұлттық табиғи паркі",
        "turkestan-region",
    ),
    "barsakelmes-nature-reserve": (
        "Barsakelmes State Nature Reserve",
        "Государственный природный заповедник «Барсакельмес»",
        "«Барсакелмес» мемлекеттік табиғи қорығы",
        "kyzylorda-region",
    ),
}
# Protected areas report to the Forestry and Wildlife Committee (section F): escalations go there.
SITE_ORGANIZATION_PARENT = "forestry-wildlife-committee"

# --- Sites -------------------------------------------------------------------------------------------------
# slug: values; "regions"/"districts" are slugs (districts as (region, district)), "designations" maps a
# designation slug to the component's name as (English, Russian, Kazakh), or "" when the site is the whole
# designation. The Russian and Kazakh descriptions translate the English one, caveats included.
SITES: dict[str, dict[str, Any]] = {
    "yasawi": {
        "name_en": "Mausoleum of Khoja Ahmed Yasawi",
        "name_ru": "Мавзолей Ходжи Ахмеда Ясави",
        "name_kk": "Қожа Ахмет Ясауи кесенесі",
        "other_names": "Yasawi, Yassawi, Ясауи, Яссауи",
        "regions": ["turkestan-region"],
        "coords": ("43.293", "68.274"),
        "source_url": SRC["S-W3"],
        "description_en": "In the city of Turkestan. Coordinates from a secondary source.",
        "description_ru": "В городе Туркестан. Координаты по вторичному источнику.",
        "description_kk": "Түркістан қаласында. Координаттары қайталама дереккөз бойынша.",
        "designations": {"khoja-ahmed-yasawi": ""},
    },
    "tanbaly": {
        "name_en": "Tanbaly petroglyphs",
        "name_ru": "Петроглифы Танбалы",
        "name_kk": "Таңбалы петроглифтері",
        "other_names": "Tamgaly, Тамгалы, Тамғалы",
        "regions": ["almaty-region"],
        "districts": [("almaty-region", "zhambyl")],
        "coords": ("43.803", "75.535"),
        "source_url": SRC["S-T1"],
        "organization": "tanbaly-administration",
        "description_en": "In Zhambyl district of Almaty region, near Karabastau village, about 170 km north-west of "
        "Almaty. The 2019 UNESCO seminar text calls it the Petroglyphs of Tamgaly.",
        "description_ru": "В Жамбылском районе Алматинской области, у села Карабастау, примерно в 170 км к "
        "северо-западу от Алматы. В тексте семинара ЮНЕСКО 2019 года — петроглифы Тамгалы.",
        "description_kk": "Алматы облысының Жамбыл ауданында, Қарабастау ауылының маңында, Алматыдан солтүстік-батысқа қарай "
        "шамамен 170 км жерде. ЮНЕСКО-ның 2019 жылғы семинары туралы мәтінде Тамғалы петроглифтері деп "
        "аталады.",
        "designations": {"tanbaly-petroglyphs": ""},
    },
    "naurzum": {
        "name_en": "Naurzum State Nature Reserve",
        "name_ru": "Наурзумский государственный природный заповедник",
        "name_kk": "Наурызым мемлекеттік табиғи қорығы",
        "regions": ["kostanay-region"],
        "source_url": SRC["S-W12"],
        "organization": "naurzum-nature-reserve",
        "designations": {
            "saryarka": (
                "Naurzum State Nature Reserve",
                "Наурзумский государственный природный заповедник",
                "Наурызым мемлекеттік табиғи қорығы",
            )
        },
    },
    "korgalzhyn": {
        "name_en": "Korgalzhyn State Nature Reserve",
        "name_ru": "Коргалжынский государственный природный заповедник",
        "name_kk": "Қорғалжын мемлекеттік табиғи қорығы",
        "regions": ["akmola-region"],
        "source_url": SRC["S-W12"],
        "organization": "korgalzhyn-nature-reserve",
        "designations": {
            "saryarka": (
                "Korgalzhyn State Nature Reserve",
                "Коргалжынский государственный природный заповедник",
                "Қорғалжын мемлекеттік табиғи қорығы",
            ),
            "br-korgalzhyn": "",
        },
    },
    # Silk Roads components (B1): official names "Site of X" (S-W16).
    "kayalyk": {
        "name_en": "Kayalyk settlement",
        "name_ru": "Городище Каялык",
        "name_kk": "Қаялық қалашығы",
        "other_names": "Koilyk, Koylyk, Antonovka, Kailak, Койлык, Қойлық",
        "regions": ["zhetisu-region"],
        "region_before_2022": "almaty-region",
        "districts": [("zhetisu-region", "sarkand")],
        "coords": ("45.664", "80.260"),
        "source_url": SRC["S-C2"],
        "description_en": "At the east edge of Koilyk village, about 39 km north-east of Sarkand; medieval Kayalyk, "
        "capital of the Karluk jabgu, 8th to 13th/14th century. Coordinates from a tourism site (secondary).",
        "description_ru": "На восточной окраине села Койлык, примерно в 39 км к северо-востоку от Сарканда; средневековый "
        "Каялык, столица карлукского джабгу, VIII–XIII/XIV вв. Координаты по туристическому сайту (вторичный "
        "источник).",
        "description_kk": "Қойлық ауылының шығыс шетінде, Сарқаннан солтүстік-шығысқа қарай шамамен 39 км жерде; ортағасырлық "
        "Қаялық, Қарлұқ жабғуының астанасы, VIII–XIII/XIV ғғ. Координаттары туристік сайт бойынша (қайталама "
        "дереккөз).",
        "designations": {"silk-roads-chang-an-tianshan": ("Site of Kayalyk", "Городище Каялык", "Қаялық қалашығы")},
    },
    "karamergen": {
        "name_en": "Karamergen settlement",
        "name_ru": "Городище Карамерген",
        "name_kk": "Қарамерген қалашығы",
        "other_names": "Gorguz",
        "regions": ["almaty-region"],
        "districts": [("almaty-region", "balkhash")],
        "source_url": SRC["S-C2"],
        "organization": "almaty-heritage-centre",
        "description_en": "In the south Balkhash area, Ili delta; 9th to 13th century. Decision 40 COM 7B.34 noted "
        "that a minor boundary modification might be brought forward for its irrigation system. Coordinates "
        "unverified.",
        "description_ru": "В Южном Прибалхашье, в дельте Или; IX–XIII вв. В решении 40 COM 7B.34 отмечено, что для его "
        "ирригационной системы может быть предложено незначительное изменение границ. Координаты не "
        "проверены.",
        "description_kk": "Оңтүстік Балқаш өңірінде, Іле атырауында; IX–XIII ғғ. 40 COM 7B.34 шешімінде оның суару жүйесі үшін "
        "шекараны шамалы өзгерту ұсынылуы мүмкін екені атап өтілген. Координаттары тексерілмеген.",
        "designations": {
            "silk-roads-chang-an-tianshan": ("Site of Karamergen", "Городище Карамерген", "Қарамерген қалашығы")
        },
    },
    "talgar": {
        "name_en": "Talgar settlement",
        "name_ru": "Городище Талгар",
        "name_kk": "Талғар қалашығы",
        "other_names": "Talkhiz, Talkhir, Тальхиз",
        "regions": ["almaty-region"],
        "districts": [("almaty-region", "talgar")],
        "coords": ("43.278", "77.213"),
        "source_url": SRC["S-C2"],
        "organization": "almaty-heritage-centre",
        "description_en": "At the south edge of Talgar town; 8th to 14th century. Coordinates from a tourism site (secondary).",
        "description_ru": "На южной окраине города Талгар; VIII–XIV вв. Координаты по туристическому сайту (вторичный "
        "источник).",
        "description_kk": "Талғар қаласының оңтүстік шетінде; VIII–XIV ғғ. Координаттары туристік сайт бойынша (қайталама "
        "дереккөз).",
        "designations": {"silk-roads-chang-an-tianshan": ("Site of Talgar", "Городище Талгар", "Талғар қалашығы")},
    },
    "aktobe": {
        "name_en": "Aktobe settlement",
        "name_ru": "Городище Актобе",
        "name_kk": "Ақтөбе қалашығы",
        "other_names": "Stepninskoe, Степнинское",
        "regions": ["zhambyl-region"],
        "source_url": SRC["S-W16"],
        "designations": {"silk-roads-chang-an-tianshan": ("Site of Aktobe", "Городище Актобе", "Ақтөбе қалашығы")},
    },
    "kulan": {
        "name_en": "Kulan settlement",
        "name_ru": "Городище Кулан",
        "name_kk": "Құлан қалашығы",
        "regions": ["zhambyl-region"],
        "source_url": SRC["S-W16"],
        "designations": {"silk-roads-chang-an-tianshan": ("Site of Kulan", "Городище Кулан", "Құлан қалашығы")},
    },
    "ornek": {
        "name_en": "Ornek settlement",
        "name_ru": "Городище Орнек",
        "name_kk": "Өрнек қалашығы",
        "regions": ["zhambyl-region"],
        "source_url": SRC["S-W16"],
        "designations": {"silk-roads-chang-an-tianshan": ("Site of Ornek", "Городище Орнек", "Өрнек қалашығы")},
    },
    "kostobe": {
        "name_en": "Kostobe settlement",
        "name_ru": "Городище Костобе",
        "name_kk": "Қостөбе қалашығы",
        "regions": ["zhambyl-region"],
        "source_url": SRC["S-W16"],
        "designations": {"silk-roads-chang-an-tianshan": ("Site of Kostobe", "Городище Костобе", "Қостөбе қалашығы")},
    },
    "akyrtas": {
        "name_en": "Akyrtas archaeological complex",
        "name_ru": "Археологический комплекс Акыртас",
        "name_kk": "Ақыртас археологиялық кешені",
        "regions": ["zhambyl-region"],
        "source_url": SRC["S-W16"],
        "designations": {
            "silk-roads-chang-an-tianshan": (
                "Site of Akyrtas",
                "Археологический комплекс Акыртас",
                "Ақыртас археологиялық кешені",
            )
        },
    },
    # Western Tien-Shan, Kazakhstan part (B2); figures from the 2010 tentative list.
    "karatau": {
        "name_en": "Karatau State Nature Reserve",
        "name_ru": "Каратауский государственный природный заповедник",
        "name_kk": "Қаратау мемлекеттік табиғи қорығы",
        "regions": ["turkestan-region"],
        "coords": ("43.733", "68.679"),
        "source_url": SRC["S-W21"],
        "organization": "karatau-nature-reserve",
        "description_en": "34,300 ha on the 2010 tentative list.",
        "description_ru": "34 300 га по предварительному списку 2010 года.",
        "description_kk": "2010 жылғы алдын ала тізім бойынша 34 300 га.",
        "designations": {
            "western-tien-shan": (
                "Karatau State Nature Reserve",
                "Каратауский государственный природный заповедник",
                "Қаратау мемлекеттік табиғи қорығы",
            ),
            "br-karatau": "",
        },
    },
    "aksu-zhabagly": {
        "name_en": "Aksu-Zhabagly State Nature Reserve",
        "name_ru": "Аксу-Жабаглинский государственный природный заповедник",
        "name_kk": "Ақсу-Жабағылы мемлекеттік табиғи қорығы",
        "other_names": "Aksu-Jabagly, Aksu-Dzhabagly",
        "regions": ["turkestan-region", "zhambyl-region"],
        "districts": [
            ("turkestan-region", "tulkubas"),
            ("turkestan-region", "tolebi"),
            ("turkestan-region", "baydibek"),
            ("zhambyl-region", "zhualy"),
        ],
        "coords": ("42.276", "70.674"),
        "source_url": SRC["S-W21"],
        "organization": "aksu-zhabagly-nature-reserve",
        "description_en": "131,934 ha on the 2010 tentative list; the UNESCO component includes the Aulie and "
        "Karabastau palaeontological areas (secondary source).",
        "description_ru": "131 934 га по предварительному списку 2010 года; компонент ЮНЕСКО включает палеонтологические "
        "участки Аулие и Карабастау (вторичный источник).",
        "description_kk": "2010 жылғы алдын ала тізім бойынша 131 934 га; ЮНЕСКО компонентіне Әулие және Қарабастау "
        "палеонтологиялық учаскелері кіреді (қайталама дереккөз).",
        "designations": {
            "western-tien-shan": (
                "Aksu-Jabagly (with the Aulie and Karabastau palaeontological areas)",
                "Аксу-Жабаглы (с палеонтологическими участками Аулие и Карабастау)",
                "Ақсу-Жабағылы (Әулие және Қарабастау палеонтологиялық учаскелерімен)",
            ),
            "br-aksu-zhabagly": "",
        },
    },
    "sairam-ugam": {
        "name_en": "Sairam-Ugam State National Nature Park",
        "name_ru": "Сайрам-Угамский государственный национальный природный парк",
        "name_kk": "Сайрам-Өгем мемлекеттік ұлттық табиғи паркі",
        "regions": ["turkestan-region"],
        "districts": [
            ("turkestan-region", "kazygurt"),
            ("turkestan-region", "tolebi"),
            ("turkestan-region", "tulkubas"),
        ],
        "coords": ("41.987", "70.128"),
        "source_url": SRC["S-W21"],
        "organization": "sairam-ugam-national-park",
        "description_en": "149,053 ha on the 2010 tentative list.",
        "description_ru": "149 053 га по предварительному списку 2010 года.",
        "description_kk": "2010 жылғы алдын ала тізім бойынша 149 053 га.",
        "designations": {
            "western-tien-shan": (
                "Sairam-Ugam (with the Irsu-Daubabin and Boraldaitau areas)",
                "Сайрам-Угам (с участками Ирсу-Даубабин и Боралдайтау)",
                "Сайрам-Өгем (Ірсу-Дәубабин және Боралдайтау учаскелерімен)",
            ),
        },
    },
    # Cold Winter Deserts of Turan, Kazakhstan part (B3), and the biosphere reserves they coincide with.
    "altyn-emel": {
        "name_en": "Altyn-Emel",
        "name_ru": "Алтын-Эмель",
        "name_kk": "Алтынемел",
        "other_names": "Altyn Emel, Altyn-Emel National Park",
        "regions": ["zhetisu-region"],
        "region_before_2022": "almaty-region",
        "districts": [("zhetisu-region", "kerbulak"), ("zhetisu-region", "panfilov")],
        "coords": ("44.333", "78.433"),
        "source_url": SRC["S-B17"],
        "organization": "altyn-emel-national-park",
        "description_en": "State national nature park; biosphere reserve since 2017 and, with its East, Central and "
        "West components, part of the Cold Winter Deserts of Turan since 2023. Kerbulak and Panfilov districts "
        "moved to Zhetisu region in June 2022.",
        "description_ru": "Государственный национальный природный парк; биосферный резерват с 2017 года, а с 2023 года своими "
        "Восточным, Центральным и Западным компонентами входит в объект «Холодные зимние пустыни Турана». "
        "Кербулакский и Панфиловский районы в июне 2022 года вошли в область Жетісу.",
        "description_kk": "Мемлекеттік ұлттық табиғи парк; 2017 жылдан бері биосфералық резерват, ал 2023 жылдан бері Шығыс, "
        "Орталық және Батыс компоненттерімен «Тұранның суық қысты шөлдері» нысанының құрамына кіреді. "
        "Кербұлақ және Панфилов аудандары 2022 жылғы маусымда Жетісу облысына өтті.",
        "designations": {
            "br-altyn-emel": "",
            "cold-winter-deserts-of-turan": (
                "Altyn-Emel East, Altyn-Emel Central, Altyn-Emel West",
                "Восточный Алтын-Эмель, Центральный Алтын-Эмель, Западный Алтын-Эмель",
                "Шығыс Алтынемел, Орталық Алтынемел, Батыс Алтынемел",
            ),
        },
    },
    "barsakelmes": {
        "name_en": "Barsakelmes State Nature Reserve",
        "name_ru": "Государственный природный заповедник «Барсакельмес»",
        "name_kk": "«Барсакелмес» мемлекеттік табиғи қорығы",
        "regions": ["kyzylorda-region"],
        "districts": [("kyzylorda-region", "aral")],
        "coords": ("45.654", "59.937"),
        "source_url": SRC["S-B16"],
        "organization": "barsakelmes-nature-reserve",
        "description_en": "Coordinates of the Barsakelmes Island component (secondary source).",
        "description_ru": "Координаты компонента «Остров Барсакельмес» (вторичный источник).",
        "description_kk": "«Барсакелмес аралы» компонентінің координаттары (қайталама дереккөз).",
        "designations": {
            "br-barsakelmes": "",
            "cold-winter-deserts-of-turan": (
                "Barsakelmes Island, Kaskakulan",
                "Остров Барсакельмес, Каскакулан",
                "Барсакелмес аралы, Қасқақұлан",
            ),
        },
    },
    # Biosphere reserves only (C).
    "alakol": {
        "name_en": "Alakol",
        "name_ru": "Алаколь",
        "name_kk": "Алакөл",
        "other_names": "Alakol State Nature Reserve",
        "regions": ["zhetisu-region", "abai-region"],
        "region_before_2022": "almaty-region",
        "districts": [("zhetisu-region", "alakol"), ("abai-region", "urdzhar")],
        "coords": ("46.183", "81.767"),
        "source_url": SRC["S-B4"],
        "organization": "alakol-nature-reserve",
        "description_en": "Alakol district (Almaty region before 2022, now Zhetisu) and Urdzhar district (East "
        "Kazakhstan before 2022, now Abai). The nature reserve was established on 21 April 1998. Coordinates are "
        "those of the Ramsar site (secondary).",
        "description_ru": "Алакольский район (до 2022 года — Алматинская область, ныне область Жетісу) и Урджарский район (до "
        "2022 года — Восточно-Казахстанская область, ныне область Абай). Заповедник создан 21 апреля 1998 "
        "года. Координаты — рамсарского угодья (вторичный источник).",
        "description_kk": "Алакөл ауданы (2022 жылға дейін — Алматы облысы, қазір Жетісу облысы) және Үржар ауданы (2022 жылға "
        "дейін — Шығыс Қазақстан облысы, қазір Абай облысы). Қорық 1998 жылғы 21 сәуірде құрылған. "
        "Координаттары — Рамсар алқабынікі (қайталама дереккөз).",
        "designations": {"br-alakol": ""},
    },
    "ak-zhaiyk": {
        "name_en": "Ak-Zhaiyk",
        "name_ru": "Ак Жайык",
        "name_kk": "Ақжайық",
        "other_names": "Akzhaik",
        "regions": ["atyrau-region"],
        "source_url": SRC["S-B7"],
        "designations": {"br-ak-zhaiyk": ""},
    },
    "katon-karagay": {
        "name_en": "Katon-Karagay",
        "name_ru": "Катон-Карагай",
        "name_kk": "Катонқарағай",
        "regions": ["east-kazakhstan-region"],
        "source_url": SRC["S-B7"],
        "designations": {
            "br-katon-karagay": "",
            "br-great-altai": (
                "Katon-Karagay Biosphere Reserve",
                "Биосферный резерват «Катон-Карагай»",
                "«Катонқарағай» биосфералық резерваты",
            ),
        },
    },
    "charyn": {
        "name_en": "Charyn",
        "name_ru": "Чарын",
        "name_kk": "Шарын",
        "other_names": "Charyn National Park, Sharyn",
        "regions": ["almaty-region"],
        "districts": [
            ("almaty-region", "uygur"),
            ("almaty-region", "enbekshikazakh"),
            ("almaty-region", "raiymbek"),
        ],
        "coords": ("43.350", "79.069"),
        "source_url": SRC["S-B20"],
        "organization": "charyn-national-park",
        "description_en": "The Charyn National Park is 127,050 ha (the park's own site), in Uygur, Enbekshikazakh and "
        "Raiymbek districts; a Russian-language mirror names Kegen instead of Raiymbek (unverified). Coordinates "
        "from a secondary source.",
        "description_ru": "Чарынский национальный парк — 127 050 га (по сайту парка), в Уйгурском, Енбекшиказахском и "
        "Райымбекском районах; одно русскоязычное зеркало называет вместо Райымбекского Кегенский район (не "
        "проверено). Координаты по вторичному источнику.",
        "description_kk": "Шарын ұлттық паркі — 127 050 га (парктің өз сайты бойынша), Ұйғыр, Еңбекшіқазақ және Райымбек "
        "аудандарында; орыс тіліндегі бір айна-сайт Райымбектің орнына Кеген ауданын атайды (тексерілмеген). "
        "Координаттары қайталама дереккөз бойынша.",
        "designations": {"br-charyn": ""},
    },
    "zhongar-alatau": {
        "name_en": "Zhongar-Alatau",
        "name_ru": "Жонгар-Алатау",
        "name_kk": "Жоңғар Алатауы",
        "other_names": "Zhongar, Dzungarian Alatau, Джунгарский Алатау",
        "regions": ["zhetisu-region"],
        "region_before_2022": "almaty-region",
        "districts": [("zhetisu-region", "aksu"), ("zhetisu-region", "sarkand"), ("zhetisu-region", "alakol")],
        "coords": ("45.283", "80.583"),
        "source_url": SRC["S-B22"],
        "organization": "zhongar-alatau-national-park",
        "description_en": "The Zhongar-Alatau National Park (356,022 ha, established 30 April 2010) in Aksu, Sarkand "
        "and Alakol districts. Coordinates from a secondary source.",
        "description_ru": "Жонгар-Алатауский национальный парк (356 022 га, создан 30 апреля 2010 года) в Аксуском, Саркандском"
        " и Алакольском районах. Координаты по вторичному источнику.",
        "description_kk": "Жоңғар Алатауы ұлттық паркі (356 022 га, 2010 жылғы 30 сәуірде құрылған) Ақсу, Сарқан және Алакөл "
        "аудандарында. Координаттары қайталама дереккөз бойынша.",
        "designations": {"br-zhongar-alatau": ""},
    },
    "almaty-reserve": {
        "name_en": "Almaty Biosphere Reserve",
        "name_ru": "Алматинский биосферный резерват",
        "name_kk": "Алматы биосфералық резерваты",
        "regions": ["almaty-region"],
        "districts": [("almaty-region", "talgar"), ("almaty-region", "enbekshikazakh")],
        "source_url": SRC["S-B24"],
        "designations": {"br-almaty": ""},
    },
    "west-altai": {
        "name_en": "West Altai",
        "name_ru": "Западный Алтай",
        "name_kk": "Батыс Алтай",
        "regions": ["east-kazakhstan-region"],
        "source_url": SRC["S-B25"],
        "description_en": "Zyryanovsk district and the city of Ridder, as named by the Kazakh MAB committee.",
        "description_ru": "Зыряновский район и город Риддер — так их называет Казахстанский комитет МАБ.",
        "description_kk": "Зырян ауданы және Риддер қаласы — Қазақстанның МАБ комитеті осылай атайды.",
        "designations": {"br-west-altai": ""},
    },
    "kolsai-kolderi": {
        "name_en": "Kolsai Kolderi",
        "name_ru": "Кольсай колдери",
        "name_kk": "Көлсай көлдері",
        "other_names": "Kolsai Lakes, Кольсайские озёра",
        "regions": ["almaty-region"],
        "source_url": SRC["S-B12"],
        "organization": "kolsai-kolderi-national-park",
        "designations": {"br-kolsai-kolderi": ""},
    },
    "burabay": {
        "name_en": "Burabay",
        "name_ru": "Бурабай",
        "name_kk": "Бурабай",
        "other_names": "Borovoe, Боровое",
        "regions": ["akmola-region"],
        "districts": [("akmola-region", "burabay")],
        "source_url": SRC["S-B13"],
        "designations": {"br-burabay": ""},
    },
    "markakol": {
        "name_en": "Markakol",
        "name_ru": "Маркаколь",
        "name_kk": "Марқакөл",
        "regions": ["east-kazakhstan-region"],
        "source_url": SRC["S-B13"],
        "designations": {"br-markakol": ""},
    },
}

# The 2019 Almaty-region set (seed article, S-P2): other apps refer to these slugs.
ALMATY_2019_SLUGS = ("tanbaly", "talgar", "karamergen", "kayalyk", "alakol", "altyn-emel", "charyn", "zhongar-alatau")
DEMO_MANAGER_EMAIL = "manager@example.org"
DEMO_MANAGER_SITES = ("altyn-emel", "tanbaly")


def load_organizations() -> None:
    parent = Organization.objects.filter(slug=SITE_ORGANIZATION_PARENT).first()
    rows = dict(SITE_ORGANIZATIONS)
    # The data file names no administration for Tanbaly: a clearly generic demo one.
    rows["tanbaly-administration"] = (
        "Tanbaly site administration",
        "Администрация объекта Танбалы",
        "Таңбалы нысанының әкімшілігі",
        "almaty-region",
    )
    for slug, (en, ru, kk, region_slug) in rows.items():
        org = upsert(
            Organization,
            {"slug": slug},
            {
                "name_en": en,
                "name_ru": ru,
                "name_kk": kk,
                "kind": ORG_SA,
                "region": Region.objects.get(slug=region_slug),
                "parent": parent if slug != "tanbaly-administration" else None,
                "preferred_language": "ru",
            },
        )
        upsert(OrganizationEmail, {"organization": org, "email": f"{slug}@example.org"})


def load_designations() -> dict[str, Designation]:
    designations = {}
    for slug, values in DESIGNATIONS.items():
        designation = upsert(Designation, {"slug": slug}, values)
        designation.full_clean()
        designations[slug] = designation
    for row in OBLIGATIONS:
        upsert(
            Obligation,
            {"designation": designations[row["designation"]], "title": row["title"], "due_date": row["due_date"]},
            {
                "title_ru": row["title_ru"],
                "title_kk": row["title_kk"],
                "completed_on": row["completed_on"],
                "notes": row["notes"],
                "decision_number": row.get("decision_number", ""),
                "decision_paragraph": row.get("decision_paragraph", ""),
            },
        )
    for slug, year, note in PERIODIC_REVIEWS:
        upsert(PeriodicReview, {"designation": designations[slug], "year": year}, {"notes": note})
    return designations


def load_sites(designations: dict[str, Designation]) -> dict[str, Site]:
    regions = {region.slug: region for region in Region.objects.all()}
    sites = {}
    for slug, row in SITES.items():
        latitude, longitude = row.get("coords", (None, None))
        values = {
            "name_en": row["name_en"],
            "name_ru": row["name_ru"],
            "name_kk": row["name_kk"],
            "other_names": row.get("other_names", ""),
            "region_before_2022": regions[row["region_before_2022"]] if "region_before_2022" in row else None,
            "latitude": D(latitude) if latitude else None,
            "longitude": D(longitude) if longitude else None,
            "managing_organization": (
                Organization.objects.get(slug=row["organization"]) if "organization" in row else None
            ),
            "description_en": row.get("description_en", ""),
            "description_ru": row.get("description_ru", ""),
            "description_kk": row.get("description_kk", ""),
            "source_url": row["source_url"],
        }
        site = upsert(Site, {"slug": slug}, values)
        set_m2m(site, "regions", [regions[r] for r in row["regions"]])
        set_m2m(
            site,
            "districts",
            [District.objects.get(region=regions[r], slug=d) for r, d in row.get("districts", [])],
        )
        for designation_slug, component in row["designations"].items():
            en, ru, kk = component or ("", "", "")
            upsert(
                SiteDesignation,
                {"site": site, "designation": designations[designation_slug]},
                {"component_name": en, "component_name_ru": ru, "component_name_kk": kk},
            )
        site.full_clean()
        sites[slug] = site
    return sites


def load_managers(sites: dict[str, Site]) -> None:
    manager = User.objects.filter(email=DEMO_MANAGER_EMAIL).first()
    if manager is None:  # portal.demo creates it; tolerate a partial run
        return
    for slug in DEMO_MANAGER_SITES:
        if not sites[slug].managers.filter(pk=manager.pk).exists():
            sites[slug].managers.add(manager)


def site_record_xlsx(site: Site) -> bytes:
    """The site's own catalogue record as a spreadsheet: every value comes from the catalogue above."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Site record"
    rows = [
        ("Name (English)", site.name_en),
        ("Name (Russian)", site.name_ru),
        ("Name (Kazakh)", site.name_kk),
        ("Latitude", float(site.latitude) if site.latitude is not None else ""),
        ("Longitude", float(site.longitude) if site.longitude is not None else ""),
        ("Management plan", str(site.get_management_plan_display())),
        ("Management plan year", site.management_plan_year or ""),
    ]
    rows += [
        ("Designation", f"{d.name_en} ({d.unesco_ref or d.get_kind_display()})")
        for d in site.designations.order_by("pk")
    ]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DEMO_DOCUMENT_TITLE = (
    "Catalogue record (working copy)",
    "Запись каталога (рабочая копия)",
    "Каталог жазбасы (жұмыс көшірмесі)",
)


def load_documents(sites: dict[str, Site]) -> None:
    """One document on the demo manager's first site, for its managers only (so that "who may see it" can be tried
    with the demo accounts): the site's catalogue record, generated from the data above, nothing invented."""
    from django.core.files.base import ContentFile

    from documents import services
    from documents.models import Attachment

    site = sites[DEMO_MANAGER_SITES[0]]
    if site.attachments.filter(title_en=DEMO_DOCUMENT_TITLE[0]).exists():
        return
    services.attach(
        site,
        ContentFile(site_record_xlsx(site), name=f"{site.slug}-catalogue-record.xlsx"),
        title_en=DEMO_DOCUMENT_TITLE[0],
        title_ru=DEMO_DOCUMENT_TITLE[1],
        title_kk=DEMO_DOCUMENT_TITLE[2],
        kind=Attachment.Kind.OTHER,
        language=Attachment.Language.SEVERAL,
        visibility=Attachment.Visibility.OWNERS,
        uploaded_by=User.objects.filter(email=DEMO_MANAGER_EMAIL).first(),
    )


def load() -> None:
    load_organizations()
    designations = load_designations()
    sites = load_sites(designations)
    load_managers(sites)
    load_documents(sites)

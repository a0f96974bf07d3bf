"""Demo seminars: the two 2019 regional seminars of the UNESCO project (facts from shared/data, section E),
their clearly fictional participants, and one upcoming workshop whose waiting list can be tried.

Participants are invented ("Example", "Sample", "Demo" surnames, @example.org addresses); the kinds of
organization they come from are those the UNESCO note on the Taldykorgan seminar names: culture, tourism and
education departments of the Akimat, site managers, tourism organizations, museums and universities.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db.models import Q
from django.utils import timezone

from portal.demo import set_m2m, upsert
from portal.models import Organization, Region, User
from seminars import import_runs, imports
from seminars.models import CONTACT_FIELDS, ImportRun, Person, Project, Registration, Seminar
from sites.models import Site

ALMATY_TZ = zoneinfo.ZoneInfo("Asia/Almaty")
PROJECT_SLUG = "promoting-sustainable-development-unesco-sites"
TARAZ_SLUG = "taraz-2019-02-27"
TALDYKORGAN_SLUG = "taldykorgan-2019-03-28"
UPCOMING_SLUG = "heritage-tourism-workshop-demo"
ALMATY_REGION_SITE_SLUGS = [
    "tanbaly",
    "talgar",
    "karamergen",
    "kayalyk",
    "alakol",
    "altyn-emel",
    "charyn",
    "zhongar-alatau",
]

# Paraphrased from the UNESCO Almaty Office note of 26 April 2019 (shared/seed/unesco-almaty-2019-seminar.txt);
# each text as (English, Russian, Kazakh).
TALDYKORGAN_AGENDA = (
    "Kazakhstan's international commitments for the conservation and management of World Heritage sites and "
    "biosphere reserves; the opportunities these sites offer for local development, including tourism."
)
TALDYKORGAN_AGENDA_RU = (
    "Международные обязательства Казахстана по сохранению объектов Всемирного наследия и биосферных резерватов "
    "и управлению ими; возможности, которые эти объекты открывают для местного развития, в том числе для туризма."
)
TALDYKORGAN_AGENDA_KK = (
    "Қазақстанның Дүниежүзілік мұра нысандары мен биосфералық резерваттарды сақтау және басқару жөніндегі "
    "халықаралық міндеттемелері; бұл нысандардың жергілікті дамуға, оның ішінде туризмге беретін мүмкіндіктері."
)
TALDYKORGAN_OUTCOME = (
    "Participants asked for stronger management of the UNESCO-designated sites of Almaty region, with better "
    "coordination between the regional and district Akimats, the Ministry of Culture and Sport, the National "
    "Commission for UNESCO and ISESCO and other institutions. They noted limited staff and funding, asked the "
    "UNESCO Almaty Office for more training workshops and seminars for local administration and museum staff, "
    "called for working with the media, and asked that ecological corridors for the migration of species be "
    "taken into account when planning infrastructure near the biosphere reserves."
)
TALDYKORGAN_OUTCOME_RU = (
    "Участники призвали усилить управление объектами, отмеченными ЮНЕСКО, в Алматинской области и улучшить "
    "координацию между акиматами области и районов, Министерством культуры и спорта, Национальной комиссией по "
    "делам ЮНЕСКО и ИСЕСКО и другими учреждениями. Они отметили нехватку кадров и финансирования, попросили Бюро "
    "ЮНЕСКО в Алматы проводить больше обучающих семинаров для сотрудников местных администраций и музеев, "
    "призвали к работе со СМИ и попросили учитывать экологические коридоры миграции видов при планировании "
    "инфраструктуры вблизи биосферных резерватов."
)
TALDYKORGAN_OUTCOME_KK = (
    "Қатысушылар Алматы облысындағы ЮНЕСКО белгілеген нысандарды басқаруды күшейтуге және облыс пен аудан "
    "әкімдіктері, Мәдениет және спорт министрлігі, ЮНЕСКО және ИСЕСКО істері жөніндегі ұлттық комиссия және "
    "басқа мекемелер арасындағы үйлестіруді жақсартуға шақырды. Олар кадр мен қаржының жетіспеушілігін атап өтіп, "
    "ЮНЕСКО-ның Алматыдағы кеңсесінен жергілікті әкімшіліктер мен музейлердің қызметкерлеріне арналған оқыту "
    "семинарларын көбірек өткізуді сұрады, БАҚ-пен жұмыс істеуге шақырды және биосфералық резерваттар маңында "
    "инфрақұрылымды жоспарлағанда түрлердің көші-қонына арналған экологиялық дәліздерді ескеруді сұрады."
)

K = Organization.Kind
G = Person.Gender
R = Registration.Status
# e-mail, full name, directory organization slug or None, free-text organization, kind, position, gender, language
PEOPLE = [
    ("aruzhan.example@example.org", "Aruzhan Example", "akimat-almaty-region", "", "", "Culture department specialist", G.FEMALE, "ru"),
    ("bolat.sample@example.org", "Bolat Sample", "akimat-almaty-region", "", "", "Tourism department specialist", G.MALE, "kk"),
    ("dana.demo@example.org", "Dana Demo", "akimat-almaty-region", "", "", "Education department specialist", G.FEMALE, "ru"),
    ("yerlan.example@example.org", "Yerlan Example", "almaty-heritage-centre", "", "", "Site manager", G.MALE, "ru"),
    ("gulnara.sample@example.org", "Gulnara Sample", None, "Demo Regional History Museum", K.MUSEUM, "Curator", G.FEMALE, "kk"),
    ("marat.demo@example.org", "Marat Demo", None, "Demo State University", K.UNIVERSITY, "Lecturer in tourism", G.MALE, "ru"),
    ("saule.example@example.org", "Saule Example", None, "Demo Tourism Association", K.TOURISM, "Guide", G.FEMALE, "en"),
    ("timur.sample@example.org", "Timur Sample", "akimat-talgar-district", "", "", "Chief specialist", G.MALE, "ru"),
    ("zhanna.demo@example.org", "Zhanna Demo", None, "Demo Nature Park Visitor Centre", K.SITE_ADMINISTRATION, "Visitor centre manager", G.FEMALE, "kk"),
    ("nurlan.example@example.org", "Nurlan Example", "akimat-balkhash-district", "", "", "Specialist", G.NOT_STATED, "ru"),
    ("aigul.sample@example.org", "Aigul Sample", "akimat-zhambyl-region", "", "", "Culture department specialist", G.FEMALE, "ru"),
    ("daulet.demo@example.org", "Daulet Demo", "akimat-zhambyl-region", "", "", "Tourism department specialist", G.MALE, "kk"),
    ("kamila.example@example.org", "Kamila Example", None, "Demo Taraz Local History Museum", K.MUSEUM, "Researcher", G.FEMALE, "ru"),
    ("ruslan.sample@example.org", "Ruslan Sample", None, "Demo Taraz University", K.UNIVERSITY, "Associate professor", G.MALE, "ru"),
    ("meruyert.demo@example.org", "Meruyert Demo", None, "Demo Silk Road Tours", K.TOURISM, "Tour operator", G.FEMALE, "en"),
    ("askar.example@example.org", "Askar Example", None, "Demo Nature Reserve Administration", K.SITE_ADMINISTRATION, "Ranger", G.MALE, "kk"),
    ("aliya.sample@example.org", "Aliya Sample", None, "Demo Heritage Volunteers", K.NGO, "Coordinator", G.FEMALE, "en"),
    ("daniyar.demo@example.org", "Daniyar Demo", None, "Demo Travel Agency", K.TOURISM, "Manager", G.MALE, "ru"),
    ("madina.example@example.org", "Madina Example", None, "Demo Regional Newspaper", K.MEDIA, "Journalist", G.FEMALE, "kk"),
]  # fmt: skip

REGISTRATIONS = {
    TALDYKORGAN_SLUG: [
        ("aruzhan.example@example.org", R.ATTENDED),
        ("bolat.sample@example.org", R.ATTENDED),
        ("dana.demo@example.org", R.ATTENDED),
        ("yerlan.example@example.org", R.ATTENDED),
        ("gulnara.sample@example.org", R.ATTENDED),
        ("marat.demo@example.org", R.ATTENDED),
        ("saule.example@example.org", R.NO_SHOW),
        ("timur.sample@example.org", R.ATTENDED),
        ("zhanna.demo@example.org", R.ATTENDED),
        ("nurlan.example@example.org", R.CANCELLED),
    ],
    TARAZ_SLUG: [
        ("aigul.sample@example.org", R.ATTENDED),
        ("daulet.demo@example.org", R.ATTENDED),
        ("kamila.example@example.org", R.ATTENDED),
        ("ruslan.sample@example.org", R.ATTENDED),
        ("meruyert.demo@example.org", R.NO_SHOW),
        ("askar.example@example.org", R.ATTENDED),
    ],
    # Capacity 5: five seats taken, two on the waiting list, in this order.
    UPCOMING_SLUG: [
        ("aruzhan.example@example.org", R.REGISTERED),
        ("yerlan.example@example.org", R.REGISTERED),
        ("gulnara.sample@example.org", R.REGISTERED),
        ("saule.example@example.org", R.REGISTERED),
        ("aliya.sample@example.org", R.REGISTERED),
        ("daniyar.demo@example.org", R.WAITLISTED),
        ("madina.example@example.org", R.WAITLISTED),
    ],
}
UPCOMING_CAPACITY = 5
# Participants of the demo seminar who asked for news of its recommendations (issue 19): a status change or a
# progress report of a published demo recommendation reaches them in the next news digest (reminders.news).
NEWS_OPT_IN = {(TALDYKORGAN_SLUG, "aruzhan.example@example.org"), (TALDYKORGAN_SLUG, "bolat.sample@example.org")}
CONSENT_AT = dt.datetime(2019, 2, 1, 9, 0, tzinfo=ALMATY_TZ)


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
    # city, title, agenda and outcome as (English, Russian, Kazakh)
    for slug, day, city, region_slug, title, agenda, outcome in (
        (
            TARAZ_SLUG,
            dt.date(2019, 2, 27),
            ("Taraz", "Тараз", "Тараз"),
            "zhambyl-region",
            (
                "Managing UNESCO-designated sites in Zhambyl region",
                "Управление объектами ЮНЕСКО в Жамбылской области",
                "Жамбыл облысындағы ЮНЕСКО нысандарын басқару",
            ),
            ("", "", ""),
            ("", "", ""),
        ),
        (
            TALDYKORGAN_SLUG,
            dt.date(2019, 3, 28),
            ("Taldykorgan", "Талдыкорган", "Талдықорған"),
            "almaty-region",
            (
                "Managing UNESCO-designated sites in Almaty region",
                "Управление объектами ЮНЕСКО в Алматинской области",
                "Алматы облысындағы ЮНЕСКО нысандарын басқару",
            ),
            (TALDYKORGAN_AGENDA, TALDYKORGAN_AGENDA_RU, TALDYKORGAN_AGENDA_KK),
            (TALDYKORGAN_OUTCOME, TALDYKORGAN_OUTCOME_RU, TALDYKORGAN_OUTCOME_KK),
        ),
    ):
        seminar = upsert(
            Seminar,
            {"slug": slug},
            {
                "title_en": title[0],
                "title_ru": title[1],
                "title_kk": title[2],
                "kind": Seminar.Kind.SEMINAR,
                "project": project,
                "start": _at(day, 10),
                "end": _at(day, 17),
                "city": city[0],
                "city_ru": city[1],
                "city_kk": city[2],
                "region": Region.objects.get(slug=region_slug),
                "status": Seminar.Status.COMPLETED,
                "registration_state": Seminar.RegistrationState.CLOSED,
                "agenda": agenda[0],
                "agenda_ru": agenda[1],
                "agenda_kk": agenda[2],
                "outcome_summary": outcome[0],
                "outcome_summary_ru": outcome[1],
                "outcome_summary_kk": outcome[2],
            },
        )
        set_m2m(seminar, "organizers", [unesco])
        seminars[slug] = seminar

    # The sites demo loads before this one in the merged portal; alone, the sites may be missing.
    set_m2m(seminars[TALDYKORGAN_SLUG], "sites", Site.objects.filter(slug__in=ALMATY_REGION_SITE_SLUGS))
    zhambyl = Q(regions__slug="zhambyl-region") | Q(region_before_2022__slug="zhambyl-region")
    set_m2m(seminars[TARAZ_SLUG], "sites", Site.objects.filter(zhambyl).distinct())
    seminars[UPCOMING_SLUG] = _load_upcoming(project, unesco)
    return seminars


def _load_upcoming(project: Project, unesco: Organization) -> Seminar:
    """Four weeks ahead when first loaded; moved ahead again only once it has passed (so reruns change nothing)."""
    existing = Seminar.objects.filter(slug=UPCOMING_SLUG).first()
    now = timezone.now()
    if existing is not None and existing.start > now:
        start = existing.start
    else:
        start = _at(timezone.localtime(now, ALMATY_TZ).date() + dt.timedelta(days=28), 10)
    seminar = upsert(
        Seminar,
        {"slug": UPCOMING_SLUG},
        {
            "title_en": "Heritage-based tourism for site staff (demo workshop)",
            "title_ru": "Туризм на основе наследия для сотрудников объектов (демо-семинар)",
            "title_kk": "Нысан қызметкерлеріне арналған мұраға негізделген туризм (демо семинар)",
            "kind": Seminar.Kind.WORKSHOP,
            "project": project,
            "start": start,
            "end": start + dt.timedelta(hours=7),
            "city": "Konaev",
            "city_ru": "Конаев",
            "city_kk": "Қонаев",
            "region": Region.objects.get(slug="almaty-region"),
            "status": Seminar.Status.PUBLISHED,
            "registration_state": Seminar.RegistrationState.OPEN,
            "registration_deadline": start - dt.timedelta(days=2),
            "public_registration": True,
            "capacity": UPCOMING_CAPACITY,
            "agenda": "A demo workshop: register to try the waiting list (the seminar is full).",
            "agenda_ru": "Демонстрационный семинар: зарегистрируйтесь, чтобы попробовать лист ожидания (все места заняты).",
            "agenda_kk": "Демо семинар: күту тізімін сынап көру үшін тіркеліңіз (бос орын қалмады).",
        },
    )
    set_m2m(seminar, "organizers", [unesco])
    set_m2m(seminar, "sites", Site.objects.filter(slug__in=["tanbaly", "talgar"]))
    return seminar


def load_people() -> dict[str, Person]:
    organizations = {o.slug: o for o in Organization.objects.all()}
    people = {}
    for email, name, org_slug, org_name, kind, position, gender, language in PEOPLE:
        organization = organizations.get(org_slug) if org_slug else None
        people[email] = upsert(
            Person,
            {"email": email},
            {
                "full_name": name,
                "organization": organization,
                "organization_name": "" if organization else org_name,
                "organization_kind": "" if organization else kind,
                "position": position,
                "gender": gender,
                "language": language,
                "consent_at": CONSENT_AT,
            },
        )
    return people


CONTACT_ATTNAMES = [name if name != "organization" else "organization_id" for name in CONTACT_FIELDS]


def load_registrations(seminars: dict[str, Seminar], people: dict[str, Person]) -> None:
    for slug, rows in REGISTRATIONS.items():
        seminar = seminars[slug]
        past = seminar.status == Seminar.Status.COMPLETED
        for index, (email, status) in enumerate(rows):
            values = {"status": status, "source": Registration.Source.ORGANIZER}
            if past:
                # Fixed times for the 2019 seminars: registered in the weeks before, checked in on the day.
                values["created_at"] = seminar.start - dt.timedelta(days=14, minutes=-index)
                values["checked_in_at"] = seminar.start if status == R.ATTENDED else None
                values["cancelled_at"] = seminar.start - dt.timedelta(days=2) if status == R.CANCELLED else None
            person = people[email]
            values.update({name: getattr(person, name) for name in CONTACT_ATTNAMES})  # given when registering
            registration = upsert(Registration, {"seminar": seminar, "person": person}, values)
            if (slug, email) in NEWS_OPT_IN and registration.news_opt_in_at is None:
                # From the first load on: the demo's own past story is not news; what testers change next is.
                Registration.objects.filter(pk=registration.pk).update(news_opt_in_at=timezone.now())


# The demo import's two rows with problems (fictional): what the run's rows-not-imported file holds.
DEMO_IMPORT_HEADERS = ["ФИО", "Эл. почта", "Телефон", "Должность"]
DEMO_IMPORT_BAD_ROWS = [
    (5, ["Демо Ерлан Без-Почты", "", "", "Гид"]),
    (9, ["", "demo.noname@example.org", "+7 701 000 00 09", "Методист"]),
]


def load_import_run(seminar: Seminar) -> None:
    """One recorded import into the upcoming seminar by the demo organizer, with its two rows with problems: the
    import page's history and a run's page have something to show. Made once; reruns change nothing."""
    organizer = User.objects.filter(email="organizer@example.org").first()
    if organizer is None or ImportRun.objects.filter(seminar=seminar).exists():
        return
    table = imports.Table(kind="xlsx", headers=DEMO_IMPORT_HEADERS, rows=DEMO_IMPORT_BAD_ROWS)
    mapping = imports.guess_mapping(table.headers)
    validation = imports.validate(table, mapping)
    file_name = "akimat-list-demo.xlsx"
    ImportRun.objects.create(
        seminar=seminar,
        created_by=organizer,
        file_name=file_name,
        mode=ImportRun.Mode.VALID_ROWS,
        rows=12,
        imported=8,
        skipped=2,
        invalid=len(validation.invalid_lines),
        problems_file=import_runs.problems_xlsx(seminar, table, mapping, validation, file_name=file_name),
    )


def load() -> None:
    seminars = load_seminars()
    people = load_people()
    load_registrations(seminars, people)
    load_import_run(seminars[UPCOMING_SLUG])

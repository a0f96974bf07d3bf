"""Demo recommendations: those of the Taldykorgan seminar of 28 March 2019, as the UNESCO Almaty Office's
article of 26 April 2019 states them (shared/seed/unesco-almaty-2019-seminar.txt), with the texts translated
into Russian and Kazakh.

The article gives the recommendations and the bodies concerned, but no due dates, statuses or progress.
Those are demo values, chosen relative to the day the demo is first loaded so that some items are overdue,
some due soon and some implemented; they are written only when a recommendation is created, so a second
`load_demo` changes nothing. Every demo recommendation says so in its notes.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.demo import set_m2m, upsert
from portal.models import Organization, User
from recommendations import action_services, routing, sdg, services
from recommendations.models import Action, Recommendation, SdgTarget
from seminars.models import Seminar
from sites.models import Site

SEMINAR_SLUG = "taldykorgan-2019-03-28"
ARTICLE = "UNESCO Almaty Office, “UNESCO promotes heritage-based tourism in Almaty region”, 26 April 2019"
ALMATY_REGION_SITES = ["tanbaly", "talgar", "karamergen", "kayalyk", "alakol", "altyn-emel", "charyn", "zhongar-alatau"]
BIOSPHERE_RESERVES = ["alakol", "altyn-emel", "charyn", "zhongar-alatau"]
# District Akimats where the sites lie (shared/data, tables B1, C and D).
SITE_DISTRICT_AKIMATS = [
    f"akimat-{district}-district"
    for district in (
        "zhambyl",
        "talgar",
        "balkhash",
        "sarkand",
        "kerbulak",
        "panfilov",
        "aksu",
        "alakol",
        "uygur",
        "enbekshikazakh",
        "raiymbek",
    )
]
BR_DISTRICT_AKIMATS = [
    f"akimat-{d}-district"
    for d in ("alakol", "urdzhar", "kerbulak", "panfilov", "aksu", "sarkand", "uygur", "enbekshikazakh")
]
DEMO_NOTE = (
    "Demo values: the article gives no due date, status or progress. The due date, the status and its history "
    "and any progress report here are invented to show the follow-up; they are not facts."
)
MINISTRY_NOTE = (
    " The article names the Ministry of Culture and Sport (its name in 2019); its heritage functions now sit "
    "with the Ministry of Culture and Information."
)
REGION_NOTE = (
    " Since 8 June 2022 Kayalyk, Alakol, Altyn-Emel and Zhongar-Alatau lie in Zhetisu region, whose Akimat "
    "took over from the Akimat of Almaty region there."
)

ACTIONS_NOTE = " Its actions per district Akimat, their due dates, indicators and progress are demo values too."

S = Recommendation.Status
T = Recommendation.Theme
P = Recommendation.Priority

# Each item: the recommendation, then its demo story: (days from the load date, action, argument).
# Actions: "status" (new status), "report" (what was done). Due dates are days from the load date too.
RECOMMENDATIONS = [
    {
        "title_en": "Strengthen the management of the UNESCO-designated sites in Almaty region",
        "title_ru": "Усилить управление объектами, отмеченными ЮНЕСКО, в Алматинской области",
        "title_kk": "Алматы облысындағы ЮНЕСКО белгілеген нысандарды басқаруды күшейту",
        "text": (
            "Most of the participants emphasized the need to strengthen the management of UNESCO-designated sites "
            "in Almaty region: two World Heritage sites (Petroglyphs of Tamgaly and three components of the "
            "transboundary Chang’an-Tianshan Corridor) and four biosphere reserves (Alakol, Altyn-Emel, Charyn "
            "and Zhongar)."
        ),
        "text_ru": (
            "Большинство участников подчеркнули необходимость усилить управление объектами, отмеченными ЮНЕСКО, в "
            "Алматинской области: двумя объектами Всемирного наследия (петроглифы Тамгалы и три компонента "
            "трансграничного Чанъань-Тяньшаньского коридора) и четырьмя биосферными резерватами («Алаколь», «Алтын-"
            "Эмель», «Чарын» и «Жонгар»)."
        ),
        "text_kk": (
            "Қатысушылардың көпшілігі Алматы облысындағы ЮНЕСКО белгілеген нысандарды: Дүниежүзілік мұраның екі "
            "нысанын (Тамғалы петроглифтері және трансшекаралық Чаньань-Тянь-Шань дәлізінің үш компоненті) және төрт "
            "биосфералық резерватты («Алакөл», «Алтынемел», «Шарын» және «Жоңғар») басқаруды күшейту қажеттігін атап "
            "өтті."
        ),
        "theme": T.SITE_MANAGEMENT,
        "priority": P.HIGH,
        "lead": "akimat-almaty-region",
        "supporting": ["almaty-heritage-centre", "ministry-culture-information"],
        "sites": ALMATY_REGION_SITES,
        "note": MINISTRY_NOTE + REGION_NOTE,
        "due_in": 10,
        "story": [(-300, "status", S.ACCEPTED)],
    },
    {
        "title_en": (
            "Strengthen coordination and communication between the regional and district Akimats, the Ministry, "
            "the National Commission for UNESCO and ISESCO and other institutions"
        ),
        "title_ru": (
            "Укрепить координацию и коммуникацию между акиматами области и районов, министерством, Национальной "
            "комиссией по делам ЮНЕСКО и ИСЕСКО и другими учреждениями"
        ),
        "title_kk": (
            "Облыс пен аудан әкімдіктері, министрлік, ЮНЕСКО және ИСЕСКО істері жөніндегі ұлттық комиссия және "
            "басқа мекемелер арасындағы үйлестіру мен байланысты нығайту"
        ),
        "text": (
            "Strengthen the coordination and communication mechanisms between the Akimats of the region and the "
            "districts, the Ministry of Culture and Sport, the National Commission for UNESCO and ISESCO, and "
            "other relevant institutions."
        ),
        "text_ru": (
            "Укрепить механизмы координации и коммуникации между акиматами области и районов, Министерством культуры "
            "и спорта, Национальной комиссией по делам ЮНЕСКО и ИСЕСКО и другими соответствующими учреждениями."
        ),
        "text_kk": (
            "Облыс пен аудандардың әкімдіктері, Мәдениет және спорт министрлігі, ЮНЕСКО және ИСЕСКО істері жөніндегі "
            "ұлттық комиссия және басқа да тиісті мекемелер арасындағы үйлестіру мен байланыс тетіктерін нығайту."
        ),
        "theme": T.COORDINATION,
        "priority": P.HIGH,
        "lead": "akimat-almaty-region",
        "supporting": ["ministry-culture-information", "natcom-unesco-icesco", *SITE_DISTRICT_AKIMATS],
        "sites": ALMATY_REGION_SITES,
        "note": MINISTRY_NOTE + REGION_NOTE + ACTIONS_NOTE,
        # One action per district Akimat (issue 18): each Akimat's reminder names its own.
        "actions_per_district": SITE_DISTRICT_AKIMATS,
        "due_in": -30,
        "story": [
            (-300, "status", S.ACCEPTED),
            (-200, "status", S.IN_PROGRESS),
            (
                -45,
                "report",
                "Demo report (fictional): a working group of the regional and district Akimats met and agreed "
                "on a contact person for each site.",
            ),
        ],
    },
    {
        "title_en": "Conduct more training workshops and seminars for local administrations and museum staff",
        "title_ru": "Проводить больше обучающих семинаров для местных администраций и сотрудников музеев",
        "title_kk": "Жергілікті әкімшіліктер мен музей қызметкерлері үшін оқыту семинарларын көбірек өткізу",
        "text": (
            "The participants asked the UNESCO Almaty Office to conduct more training workshops and seminars for "
            "local administration and museum staff."
        ),
        "text_ru": (
            "Участники попросили Бюро ЮНЕСКО в Алматы проводить больше обучающих семинаров и практикумов для "
            "сотрудников местных администраций и музеев."
        ),
        "text_kk": (
            "Қатысушылар ЮНЕСКО-ның Алматыдағы кеңсесінен жергілікті әкімшіліктер мен музейлердің қызметкерлеріне "
            "арналған оқыту семинарлары мен практикумдарын көбірек өткізуді сұрады."
        ),
        "theme": T.TRAINING,
        "priority": P.MEDIUM,
        "lead": "unesco-almaty-office",
        "supporting": ["natcom-unesco-icesco", "akimat-almaty-region"],
        "sites": ALMATY_REGION_SITES,
        "note": "",
        "due_in": -60,
        "story": [
            (-300, "status", S.ACCEPTED),
            (-200, "status", S.IN_PROGRESS),
            (
                -100,
                "report",
                "Demo report (fictional): a training workshop for district administrations and museum staff was held.",
            ),
            (-90, "status", S.REPORTED),
            (-80, "status", S.IMPLEMENTED),  # confirmed by a reviewer (the admin)
        ],
    },
    {
        "title_en": "Address the shortage of staff and funding for the management of the sites",
        "title_ru": "Восполнить нехватку кадров и финансирования для управления объектами",
        "title_kk": "Нысандарды басқару үшін кадр мен қаржы тапшылығын жою",
        "text": (
            "The participants highlighted limited human resources and funding for proper management of the "
            "internationally recognized sites in their region."
        ),
        "text_ru": (
            "Участники указали на ограниченность кадровых ресурсов и финансирования для надлежащего управления "
            "международно признанными объектами своего региона."
        ),
        "text_kk": (
            "Қатысушылар өз өңіріндегі халықаралық деңгейде танылған нысандарды тиісінше басқару үшін кадр ресурстары"
            " мен қаржыландырудың шектеулі екенін атап өтті."
        ),
        "theme": T.FUNDING_STAFFING,
        "priority": P.HIGH,
        "lead": "akimat-almaty-region",
        "supporting": ["ministry-culture-information", "forestry-wildlife-committee"],
        "sites": ALMATY_REGION_SITES,
        "note": MINISTRY_NOTE,
        "due_in": -5,
        "story": [(-250, "status", S.ACCEPTED)],
    },
    {
        "title_en": "Involve the media in raising awareness of the management of UNESCO-designated sites",
        "title_ru": "Привлекать СМИ к информированию об управлении объектами, отмеченными ЮНЕСКО",
        "title_kk": "ЮНЕСКО белгілеген нысандарды басқару туралы хабардар етуге БАҚ-ты тарту",
        "text": (
            "The participants noted the need to involve media for better awareness raising on the issue of the "
            "management of UNESCO-designated sites."
        ),
        "text_ru": (
            "Участники отметили необходимость привлекать СМИ для повышения осведомлённости по вопросам управления "
            "объектами, отмеченными ЮНЕСКО."
        ),
        "text_kk": (
            "Қатысушылар ЮНЕСКО белгілеген нысандарды басқару мәселесі бойынша хабардарлықты арттыру үшін БАҚ-ты "
            "тарту қажеттігін атап өтті."
        ),
        "theme": T.MEDIA,
        "priority": P.MEDIUM,
        "lead": "akimat-almaty-region",
        "supporting": ["unesco-almaty-office", "ministry-culture-information"],
        "sites": ALMATY_REGION_SITES,
        "note": "",
        "due_in": 90,
        "story": [],
        # Still only proposed: kept off the public register, to show that publishing is the editor's choice.
        "published": False,
    },
    {
        "title_en": (
            "Take ecological corridors for species migration into account when planning infrastructure near the "
            "biosphere reserves"
        ),
        "title_ru": (
            "Учитывать экологические коридоры миграции видов при планировании инфраструктуры вблизи биосферных "
            "резерватов"
        ),
        "title_kk": (
            "Биосфералық резерваттар маңында инфрақұрылымды жоспарлағанда түрлердің көші-қонына арналған "
            "экологиялық дәліздерді ескеру"
        ),
        "text": (
            "With regard to the natural heritage, ecological corridors for the migration of various species "
            "should be taken into account when planning infrastructure development in Almaty region, especially "
            "in the areas in proximity to the UNESCO biosphere reserves."
        ),
        "text_ru": (
            "Что касается природного наследия, при планировании развития инфраструктуры в Алматинской области, "
            "особенно на территориях вблизи биосферных резерватов ЮНЕСКО, следует учитывать экологические коридоры "
            "миграции различных видов."
        ),
        "text_kk": (
            "Табиғи мұраға келетін болсақ, Алматы облысында, әсіресе ЮНЕСКО-ның биосфералық резерваттарына жақын "
            "аумақтарда, инфрақұрылымды дамытуды жоспарлағанда әр алуан түрлердің көші-қонына арналған экологиялық "
            "дәліздерді ескеру қажет."
        ),
        "theme": T.ECOLOGICAL_CORRIDORS,
        # Also infrastructure planning: the seminar's note asks for the corridors to be "taken into account when
        # planning infrastructure development" (../shared/seed/unesco-almaty-2019-seminar.txt).
        "themes": [T.ECOLOGICAL_CORRIDORS, T.INFRASTRUCTURE],
        "priority": P.HIGH,
        "lead": "akimat-almaty-region",
        "supporting": ["forestry-wildlife-committee", *BR_DISTRICT_AKIMATS],
        "sites": BIOSPHERE_RESERVES,
        "note": REGION_NOTE,
        "due_in": 7,
        "story": [
            (-280, "status", S.ACCEPTED),
            (-150, "status", S.IN_PROGRESS),
            (
                -75,
                "report",
                "Demo report (fictional): the biosphere reserves' administrations sent maps of known migration "
                "routes to the regional planning department.",
            ),
        ],
    },
    {
        "title_en": "Promote heritage-based tourism at the UNESCO-designated sites of Almaty region",
        "title_ru": "Развивать туризм, основанный на наследии, на объектах ЮНЕСКО Алматинской области",
        "title_kk": "Алматы облысындағы ЮНЕСКО нысандарында мұраға негізделген туризмді дамыту",
        "text": (
            "The stakeholders put forward recommendations regarding the management and conservation of "
            "UNESCO-designated sites in the region, as well as the promotion of heritage-based tourism in this "
            "area, including as an opportunity for local development."
        ),
        "text_ru": (
            "Заинтересованные стороны выдвинули рекомендации по управлению объектами, отмеченными ЮНЕСКО, в регионе и"
            " их сохранению, а также по продвижению туризма, основанного на наследии, в том числе как возможности для"
            " местного развития."
        ),
        "text_kk": (
            "Мүдделі тараптар өңірдегі ЮНЕСКО белгілеген нысандарды басқару және сақтау, сондай-ақ осы аумақта мұраға"
            " негізделген туризмді, оның ішінде жергілікті даму мүмкіндігі ретінде, ілгерілету жөнінде ұсыныстар "
            "енгізді."
        ),
        "theme": T.TOURISM,
        "priority": P.MEDIUM,
        "lead": "akimat-almaty-region",
        "supporting": ["unesco-almaty-office", "almaty-heritage-centre"],
        "sites": ALMATY_REGION_SITES,
        "note": REGION_NOTE,
        "due_in": -120,
        "story": [
            (-380, "status", S.ACCEPTED),
            (-300, "status", S.IN_PROGRESS),
            (
                -110,
                "report",
                "Demo report (fictional): visitor information boards were designed for the Tanbaly petroglyphs.",
            ),
            # Reported implemented and not confirmed yet: the dashboard counts it apart (issue 18).
            (-100, "status", S.REPORTED),
        ],
    },
]
RECORDED_DAYS_AGO = 400


def _organizations(slugs: list[str]) -> list[Organization]:
    by_slug = Organization.objects.in_bulk(slugs, field_name="slug")
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def _play_story(rec: Recommendation, item: dict, now: dt.datetime) -> None:
    """The demo history of a new recommendation: accepted by the organizer, reported by the focal point, an
    implementation confirmed by the admin (a reviewer other than the one who reported it)."""
    organizer = User.objects.filter(email="organizer@example.org").first()
    focal = User.objects.filter(email="focal@example.org").first()
    admin = User.objects.filter(email="admin@example.org").first()
    for days, action, argument in item["story"]:
        at = now + dt.timedelta(days=days)
        if action == "status":
            reviewer = rec.status == S.REPORTED
            services.change_status(
                rec,
                argument,
                user=admin if reviewer else organizer,
                comment="Demo status change.",
                at=at,
                check_user=False,  # demo accounts may be missing; the story is written to the rules
            )
        else:
            author = organizer if rec.lead_organization.slug == "unesco-almaty-office" else focal
            services.add_progress_report(
                rec, author=author, text=argument, date=at.date(), organization=rec.lead_organization, at=at
            )


def load_recommendations() -> list[Recommendation]:
    seminar = Seminar.objects.get(slug=SEMINAR_SLUG)
    now = timezone.now()
    today = timezone.localdate(now)
    organizer = User.objects.filter(email="organizer@example.org").first()
    loaded = []
    for item in RECOMMENDATIONS:
        values = {
            "title_ru": item["title_ru"],
            "title_kk": item["title_kk"],
            "text": item["text"],
            "text_ru": item["text_ru"],
            "text_kk": item["text_kk"],
            "theme": item["theme"],
            "priority": item["priority"],
            "source_kind": Recommendation.SourceKind.SEMINAR,
            "source_reference": ARTICLE,
            "lead_organization": Organization.objects.get(slug=item["lead"]),
            "notes": DEMO_NOTE + item["note"],
            "published": item.get("published", True),
        }
        lookup = {"seminar": seminar, "title_en": item["title_en"]}
        rec = Recommendation.objects.filter(**lookup).first()
        created = rec is None
        if created:
            # Dates relative to the first load, written once: a second run leaves them as they are.
            recorded_at = now - dt.timedelta(days=RECORDED_DAYS_AGO)
            rec = Recommendation(
                **lookup,
                **values,
                due_date=today + dt.timedelta(days=item["due_in"]),
                created_at=recorded_at,
                created_by=organizer,
            )
            rec._history_date = recorded_at
            rec._history_user = organizer
            rec.save()
            del rec._history_date
        else:
            rec = upsert(Recommendation, {"pk": rec.pk}, values)
        services.set_themes(rec, item.get("themes", [item["theme"]]))
        set_m2m(rec, "sites", list(Site.objects.filter(slug__in=item["sites"])))  # absent sites are skipped
        # Those the 2022 reform handed it to (recommendations.routing) stay supporting on a second load.
        handed_to = list(rec.handovers.filter(action=None).values_list("to_organization__slug", flat=True))
        lead_slug = rec.lead_organization.slug
        supporting = [*item["supporting"], *(slug for slug in handed_to if slug not in item["supporting"])]
        set_m2m(rec, "supporting_organizations", _organizations([slug for slug in supporting if slug != lead_slug]))
        if created:
            _play_story(rec, item, now)
        if item.get("actions_per_district"):
            _district_actions(rec, item, created=created, now=now)
        if rec.published and rec.published_at is None:
            Recommendation.objects.filter(pk=rec.pk).update(published_at=now)
            rec.published_at = now
        loaded.append(rec)
    return loaded


# --- Recommendations of World Heritage Committee decisions --------------------------------------------------
# The text is the decision's paragraph as the World Heritage Centre publishes it (English; the Committee's
# decisions exist in English and French only). The Russian and Kazakh texts are the portal's translations, and
# say so in their last line, so that a Russian or Kazakh page never shows an English paragraph.
# The titles are the portal's summaries in three languages. Status and due date are demo values.
DECISION_NOTE = (
    "Demo values: the status is invented to show the follow-up. The text is the decision's paragraph, read on "
    "the World Heritage Centre's page given as the source; the titles are summaries, not UNESCO's words."
)
RU_TRANSLATION_NOTE = "(Неофициальный перевод; решения Комитета публикуются на английском и французском языках.)"
KK_TRANSLATION_NOTE = "(Ресми емес аударма; Комитет шешімдері ағылшын және француз тілдерінде жарияланады.)"
DECISION_RECOMMENDATIONS = [
    {
        "decision_number": "41 COM 7B.88",
        "decision_paragraph": "5",
        "source_year": 2017,
        "source_url": "https://whc.unesco.org/pg_friendly_print.cfm?cid=305&id_decision=7087",
        "title_en": "Talgar: find a road route outside the component site and its buffer zone, and dismantle the "
        "half-built bridge",
        "title_ru": "Талгар: разработать варианты трассы дороги за пределами компонента и его буферной зоны и "
        "демонтировать недостроенный мост",
        "title_kk": "Талғар: жолдың компонент пен оның буферлік аймағынан тыс өтетін жаңа нұсқаларын әзірлеу және "
        "жартылай салынған көпірді бөлшектеу",
        "text": (
            "Notes that significant infrastructural road construction at the Talgar component site was halted in "
            "October 2016, after serious damage to the historic structures and archaeological layers of the site "
            "and its overall morphology; also notes that five options for the revised line of the "
            "Birlik-Almalyk-Kazstroy-Ryskulov-Ak-Bulak road were put forward by the State Party of Kazakhstan in "
            "January 2017, cross the Buffer Zone; and therefore requests the State Party of Kazakhstan to develop "
            "new options for an alternative route outside of the territory of the component site and its Buffer "
            "Zone, in line with the request of the Committee, and to dismantle the half-built road bridge;"
        ),
        "text_ru": (
            "Отмечает, что масштабное строительство дорожной инфраструктуры на территории компонента «Талгар» было "
            "остановлено в октябре 2016 года после того, как был нанесён серьёзный ущерб историческим сооружениям и "
            "археологическим слоям объекта и его общей морфологии; также отмечает, что пять вариантов изменённой "
            "трассы дороги Бирлик – Алмалык – Казстрой – Рыскулов – Ак-Булак, предложенные государством-участником "
            "Казахстан в январе 2017 года, пересекают буферную зону; и поэтому просит государство-участника "
            "Казахстан разработать новые варианты альтернативной трассы за пределами территории компонента и его "
            "буферной зоны в соответствии с просьбой Комитета, а также демонтировать недостроенный автомобильный "
            "мост;\n\n" + RU_TRANSLATION_NOTE
        ),
        "text_kk": (
            "Талғар компоненті аумағындағы ауқымды жол инфрақұрылымы құрылысы объектінің тарихи құрылыстарына, "
            "археологиялық қабаттарына және жалпы морфологиясына елеулі зиян келтірілгеннен кейін 2016 жылғы қазанда "
            "тоқтатылғанын атап өтеді; сондай-ақ Қазақстан қатысушы мемлекеті 2017 жылғы қаңтарда ұсынған Бірлік – "
            "Алмалық – Қазстрой – Рысқұлов – Ақбұлақ жолының өзгертілген трассасының бес нұсқасы буферлік аймақты "
            "кесіп өтетінін атап өтеді; сондықтан Қазақстан қатысушы мемлекетінен Комитеттің өтінішіне сәйкес "
            "компонент аумағы мен оның буферлік аймағынан тыс балама трассаның жаңа нұсқаларын әзірлеуді және "
            "жартылай салынған жол көпірін бөлшектеуді сұрайды;\n\n" + KK_TRANSLATION_NOTE
        ),
        "theme": Recommendation.Theme.INFRASTRUCTURE,
        "priority": Recommendation.Priority.HIGH,
        "sites": ["talgar"],
        "lead": "ministry-culture-information",
        "supporting": ["akimat-almaty-region", "akimat-talgar-district"],
        "status": Recommendation.Status.ACCEPTED,
        "note": "",
    },
    {
        "decision_number": "40 COM 7B.34",
        "decision_paragraph": "7",
        "source_year": 2016,
        "source_url": "https://whc.unesco.org/pg_friendly_print.cfm?cid=305&id_decision=6699&",
        "title_en": "Karamergen: consider a minor boundary modification for the irrigation system that supported "
        "the settlement",
        "title_ru": "Карамерген: рассмотреть незначительное изменение границ объекта, охватывающее ирригационную "
        "систему городища",
        "title_kk": "Қарамерген: қалашықты сумен қамтыған суару жүйесін қамту үшін шекараны шамалы өзгертуді қарастыру",
        "text": (
            "Further notes the detailed work undertaken on the remains of elaborate water management systems, and "
            "that a minor boundary modification might be brought forward by the State Party of Kazakhstan for the "
            "irrigation system that supported Karamergen;"
        ),
        "text_ru": (
            "Далее отмечает проведённую детальную работу по изучению остатков сложных систем водопользования, а "
            "также то, что государство-участник Казахстан может предложить незначительное изменение границ, "
            "охватывающее ирригационную систему, которая обеспечивала Карамерген;\n\n" + RU_TRANSLATION_NOTE
        ),
        "text_kk": (
            "Сондай-ақ күрделі су шаруашылығы жүйелерінің қалдықтары бойынша атқарылған егжей-тегжейлі жұмысты және "
            "Қазақстан қатысушы мемлекеті Қарамергенді сумен қамтамасыз еткен суару жүйесі үшін шекараны шамалы "
            "өзгерту туралы ұсыныс енгізуі мүмкін екенін атап өтеді;\n\n" + KK_TRANSLATION_NOTE
        ),
        "theme": Recommendation.Theme.SITE_MANAGEMENT,
        "priority": Recommendation.Priority.MEDIUM,
        "sites": ["karamergen"],
        "lead": "ministry-culture-information",
        "supporting": ["akimat-almaty-region", "akimat-balkhash-district"],
        "status": Recommendation.Status.PROPOSED,
        "note": " The Committee notes that a modification might be brought forward; it does not request one.",
    },
]


def load_decision_recommendations() -> list[Recommendation]:
    """The demo's recommendations from Committee decisions, found again by decision and paragraph."""
    organizer = User.objects.filter(email="organizer@example.org").first()
    now = timezone.now()
    sdg.ensure_targets()  # a flushed database has lost migration 0009's targets
    loaded = []
    for item in DECISION_RECOMMENDATIONS:
        lookup = {
            "source_kind": Recommendation.SourceKind.COMMITTEE_DECISION,
            "decision_number": item["decision_number"],
            "decision_paragraph": item["decision_paragraph"],
        }
        values = {
            **{
                key: item[key]
                for key in ("title_en", "title_ru", "title_kk", "text", "text_ru", "text_kk", "theme", "priority")
            },
            "source_year": item["source_year"],
            "source_url": item["source_url"],
            "source_verified": True,
            "lead_organization": Organization.objects.get(slug=item["lead"]),
            "notes": DECISION_NOTE + item["note"],
            "published": True,
        }
        rec = Recommendation.objects.filter(**lookup).first()
        if rec is None:
            rec = Recommendation(**lookup, **values, created_by=organizer)
            rec._history_user = organizer
            rec.save()
            if item["status"] != Recommendation.Status.PROPOSED:
                services.change_status(rec, item["status"], user=organizer, comment="Demo status change.", at=now)
        else:
            rec = upsert(Recommendation, {"pk": rec.pk}, values)
        services.set_themes(rec, item.get("themes", [item["theme"]]))
        set_m2m(rec, "sites", list(Site.objects.filter(slug__in=item["sites"])))
        set_m2m(rec, "supporting_organizations", _organizations(item["supporting"]))
        # Both protect a World Heritage property: SDG target 11.4 ("… safeguard the world's cultural and natural
        # heritage"); a classification for the demo, not UNESCO's.
        set_m2m(rec, "sdg_targets", list(SdgTarget.objects.filter(code="11.4")))
        if rec.published_at is None:
            Recommendation.objects.filter(pk=rec.pk).update(published_at=now)
            rec.published_at = now
        loaded.append(rec)
    return loaded


def _district_actions(rec: Recommendation, item: dict, *, created: bool, now: dt.datetime) -> None:
    """One action per district Akimat: name a contact person for the sites in the district and attend the
    regional working group (target: four meetings a year). Written once; a second load changes nothing."""
    organizer = User.objects.filter(email="organizer@example.org").first()
    focal = User.objects.filter(email="focal@example.org").first()
    owners = _organizations(item["actions_per_district"])
    existing = set(rec.actions.values_list("owner_id", flat=True))
    today = timezone.localdate(now)
    recorded_at = now - dt.timedelta(days=RECORDED_DAYS_AGO - 100)
    for n, owner in enumerate(owners):
        if owner.pk in existing or owner.district_id is None:
            continue
        district = owner.district
        action = Action(
            recommendation=rec,
            owner=owner,
            title_en=f"Name a contact person for the UNESCO-designated sites in {district.name_en} and attend the "
            "regional working group",
            title_ru=f"Назначить контактное лицо по объектам ЮНЕСКО в "
            f"{district.name_ru.replace('ский район', 'ском районе')} и участвовать в областной рабочей группе",
            title_kk=f"{district.name_kk.replace('ауданы', 'ауданындағы')} ЮНЕСКО нысандары бойынша байланыс "
            "тұлғасын тағайындау және облыстық жұмыс тобына қатысу",
            indicator_en="Meetings of the regional working group attended",
            indicator_ru="Посещённые заседания областной рабочей группы",
            indicator_kk="Облыстық жұмыс тобының қатысқан отырыстары",
            unit="",
            baseline=0,
            target=4,
            # Spread around the load date, every one overdue or due within the reminders' fortnight, so that
            # each district Akimat's digest names its own action.
            due_date=today + dt.timedelta(days=-30 + 4 * n),
        )
        action_services.record_action(action, user=organizer, at=recorded_at)
        if n % 3 == 0:  # a third have started and reported
            at = now - dt.timedelta(days=40 - n)
            action_services.change_status(action, Action.Status.IN_PROGRESS, user=focal, at=at, check_user=False)
            action_services.add_report(
                action,
                author=focal,
                text="Demo report (fictional): a contact person was named and attended the working group.",
                value=1 + n % 2,
                date=at.date(),
                organization=owner,
                at=at + dt.timedelta(hours=1),
            )


def load() -> None:
    load_recommendations()
    load_decision_recommendations()
    # The 2019 recommendations to the Akimat of Almaty region reach the Akimats of the regions their sites now
    # lie in (recommendations.routing); the first addressee stays in their history.
    routing.route_after_reform()

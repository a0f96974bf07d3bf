"""Words the world generator builds names from. Invented names, so no fact about a real site is implied."""

PLACES = (
    "Aral", "Balkhash", "Charyn", "Kolsay", "Altyn", "Zhetysu", "Saryarka", "Kyzyl", "Ulytau", "Karatau",
    "Ili", "Tobol", "Ishim", "Emba", "Ural", "Torgai", "Betpak", "Mangystau", "Ustyurt", "Tarbagatai",
    "Alakol", "Zaisan", "Kaindy", "Turgen", "Issyk", "Talgar", "Koksu", "Lepsy", "Aksu", "Shu",
)  # fmt: skip

FEATURES = (
    "Caravanserai", "Necropolis", "Petroglyphs", "Mausoleum", "Settlement", "Fortress", "Steppe", "Wetlands",
    "Canyon", "Lakes", "Mountains", "Forest", "Valley", "Dunes", "Springs", "Gorge", "Plateau", "Oasis",
    "Monastery", "Mosque",
)  # fmt: skip

FEATURES_RU = {
    "Caravanserai": "Караван-сарай", "Necropolis": "Некрополь", "Petroglyphs": "Петроглифы",
    "Mausoleum": "Мавзолей", "Settlement": "Городище", "Fortress": "Крепость", "Steppe": "Степь",
    "Wetlands": "Водно-болотные угодья", "Canyon": "Каньон", "Lakes": "Озёра", "Mountains": "Горы",
    "Forest": "Лес", "Valley": "Долина", "Dunes": "Барханы", "Springs": "Родники", "Gorge": "Ущелье",
    "Plateau": "Плато", "Oasis": "Оазис", "Monastery": "Монастырь", "Mosque": "Мечеть",
}  # fmt: skip

ADJECTIVES = ("Ancient", "Upper", "Lower", "Great", "Little", "Northern", "Southern", "Eastern", "Western", "Old")

FIRST_NAMES = (
    "Aigerim", "Askar", "Dana", "Yerlan", "Gulnara", "Nurlan", "Saule", "Timur", "Madina", "Bolat",
    "Aliya", "Ruslan", "Zhanna", "Daniyar", "Aizhan", "Serik", "Kamila", "Arman", "Dinara", "Marat",
)  # fmt: skip

LAST_NAMES = (
    "Abenov", "Bekova", "Dzhaksybekov", "Ermekova", "Ismailov", "Kassymova", "Mukanov", "Nurpeisova",
    "Omarov", "Sarsenova", "Tokayev", "Utepova", "Zhumabayev", "Akhmetova", "Baimukhanov", "Seitkali",
)  # fmt: skip

POSITIONS = ("Director", "Chief specialist", "Head of department", "Researcher", "Guide", "Ranger", "Curator")

SEMINAR_TOPICS = (
    "Site management planning", "Heritage-based tourism", "Monitoring and reporting", "Community engagement",
    "Ecological corridors", "Risk preparedness", "Visitor management", "Periodic review preparation",
)  # fmt: skip

RECOMMENDATION_VERBS = ("Prepare", "Adopt", "Update", "Fund", "Train staff for", "Coordinate", "Publish", "Review")

RECOMMENDATION_OBJECTS = (
    "the management plan", "a visitor monitoring scheme", "buffer zone boundaries", "a tourism strategy",
    "the periodic review report", "signage in three languages", "a ranger patrol schedule",
    "the inter-agency working group",
)  # fmt: skip

REPORT_SENTENCES = (
    "A working meeting was held with the regional Akimat.",
    "The draft was sent to the ministry for comments.",
    "Funding was included in next year's budget request.",
    "Staff attended a two-day training course.",
    "Field monitoring was carried out and the results recorded.",
    "The document was published on the Akimat website.",
    "A letter was sent to the national commission.",
    "Work is delayed until the contractor is selected.",
)

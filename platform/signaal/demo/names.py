"""Names and places for demo data: the people Signaal is for, in the languages they read."""

# language -> (first names, family names)
PEOPLE = {
    "pl": (["Marta", "Łucja", "Piotr", "Agnieszka", "Tomasz", "Paweł", "Katarzyna", "Michał"],
           ["Kowalska", "Nowak", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zieliński", "Szymańska"]),
    "bg": (["Стефка", "Иван", "Мария", "Георги", "Десислава", "Николай"],
           ["Йорданова", "Петров", "Иванова", "Димитров", "Георгиева", "Стоянов"]),
    "ro": (["Ioana", "Andrei", "Elena", "Mihai", "Ștefan", "Alexandra"],
           ["Popescu", "Ionescu", "Dumitrescu", "Stănescu", "Constantin", "Munteanu"]),
    "uk": (["Олена", "Андрій", "Наталія", "Олександр", "Ірина"],
           ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Мельник"]),
    "ar": (["فاطمة", "محمد", "أحمد", "مريم", "يوسف"],
           ["حداد", "الخطيب", "منصور", "العلي", "ناصر"]),
    "nl": (["Sanne", "Daan", "Fleur", "Bram", "Eva", "Joris"],
           ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit"]),
    "en": (["Grace", "Samuel", "Ruth", "Daniel"], ["Mensah", "Okafor", "Silva", "Santos"]),
}
# How often each language appears: most migrant workers in Brabant come from Poland.
LANGUAGE_WEIGHTS = {"pl": 40, "bg": 12, "ro": 15, "uk": 8, "ar": 5, "nl": 15, "en": 5}

ORGANISATIONS = [
    "Gemeente Tilburg", "Uitzendbureau Brabant Werkt", "Woonstichting Zuid", "Gemeente Eindhoven",
    "GGD Brabant", "Gemeente 's-Hertogenbosch", "Provincie Noord-Brabant", "Gemeente Breda",
    "Arbeidsinspectie Zuid", "Huisvesting Arbeidsmigranten West",
]
GROUP_NAMES = ["Wijkteam", "Handhaving", "Intake", "Buitendienst", "Nieuwe medewerkers", "Huisvesting", "Planning"]

"""Generate the bundled sample CRM export and the bad-input test fixtures.

Writes, relative to the repository root:

- ``migration_bridge/data/samples/generic/``: ``companies.csv`` (40 rows),
  ``contacts.csv`` (90 rows), ``deals.csv`` (70 rows), ``README.md`` and
  ``expected.json`` (the counts and samples a test can assert, computed here);
- ``migration_bridge/tests/fixtures/bad/``: small broken or tricky inputs
  (encodings, ragged rows, unsafe archives, an XLSX...) and their ``README.md``.

Every file is committed; rerun this script only to change them. It uses the
standard library and openpyxl, draws from ``random.Random(2024)`` and writes
the same bytes on every run (the XLSX and ZIP members get fixed timestamps).

Usage: ``python3 scripts/make_samples.py``
"""

import csv
import io
import json
import random
import unicodedata
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "migration_bridge" / "data" / "samples" / "generic"
BAD_DIR = ROOT / "migration_bridge" / "tests" / "fixtures" / "bad"

SEED = 2024
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"

# --------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------

COMPANY_COLUMNS = [
    "Company ID",
    "Company Name",
    "Parent Company ID",
    "Website",
    "Phone",
    "Email",
    "Street",
    "City",
    "Zip",
    "Country",
    "Industry",
    "Tags",
    "Owner",
    "Created At",
    "Employees",
    "Annual Revenue",
]
CONTACT_COLUMNS = [
    "Contact ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Mobile",
    "Job Title",
    "Company ID",
    "Owner",
    "Tags",
    "Created At",
    "Birthday",
    "Newsletter",
]
DEAL_COLUMNS = [
    "Deal ID",
    "Deal Name",
    "Company ID",
    "Contact ID",
    "Amount",
    "Stage",
    "Pipeline",
    "Owner",
    "Close Date",
    "Probability",
    "Tags",
    "Lost Reason",
    "Created At",
    "Lead Score",
]

# --------------------------------------------------------------------------
# Owners: the Odoo users the tests and the demo create beforehand
# --------------------------------------------------------------------------

OWNERS = [
    {"login": "alice.martin@example.com", "name": "Alice Martin", "active": True},
    {"login": "bob.keller@example.com", "name": "Bob Keller", "active": True},
    {"login": "carla.diaz@example.com", "name": "Carla Diaz", "active": False},
    {"login": "dmitri.volkov@example.com", "name": "Dmitri Volkov", "active": True},
]
# The value written in the Owner columns: Carla is referenced by name, not email.
OWNER_VALUES = [
    "alice.martin@example.com",
    "bob.keller@example.com",
    "Carla Diaz",
    "dmitri.volkov@example.com",
]
# Owners of the 40 companies (shuffled); "" = no owner.
COMPANY_OWNER_POOL = {
    OWNER_VALUES[0]: 11,
    OWNER_VALUES[1]: 10,
    OWNER_VALUES[2]: 8,
    OWNER_VALUES[3]: 8,
    "": 3,
}

# --------------------------------------------------------------------------
# Companies
# --------------------------------------------------------------------------

# How many companies per country (Russian ones sit at fixed IDs, see below).
COUNTRY_COUNTS = {
    "Germany": 9,
    "France": 7,
    "Spain": 6,
    "United States": 6,
    "United Kingdom": 5,
    "Netherlands": 2,
    "Belgium": 2,
    "Russian Federation": 3,
}
RUSSIAN_IDS = ("C1009", "C1022", "C1036")

# child -> parent. A two-level chain C1001 -> C1004 -> C1017; C1008 comes
# before its parent C1025 in the file.
HIERARCHY = {
    "C1004": "C1001",
    "C1017": "C1004",
    "C1008": "C1025",
    "C1013": "C1011",
    "C1030": "C1028",
    "C1039": "C1033",
}

# Per country: language, legal suffixes, (city, zip, phone area), streets,
# phone and mobile templates ("#" = a random digit), label for subsidiaries.
COUNTRIES = {
    "Germany": {
        "lang": "de",
        "suffixes": ["GmbH", "AG", "GmbH & Co. KG"],
        "cities": [
            ("Berlin", "10115", "30"),
            ("Hamburg", "20095", "40"),
            ("München", "80331", "89"),
            ("Köln", "50667", "221"),
            ("Frankfurt am Main", "60311", "69"),
            ("Stuttgart", "70173", "711"),
        ],
        "streets": [
            "Hauptstraße {n}",
            "Industriestraße {n}",
            "Am Hafen {n}",
            "Bahnhofstraße {n}",
            "Gewerbepark Süd {n}",
        ],
        "phone": "+49 {area} #######",
        "mobile": "+49 15# #######",
        "label": "Deutschland",
    },
    "France": {
        "lang": "fr",
        "suffixes": ["SA", "SAS", "SARL"],
        "cities": [
            ("Paris", "75008", "1"),
            ("Lyon", "69002", "4"),
            ("Marseille", "13001", "4"),
            ("Toulouse", "31000", "5"),
            ("Lille", "59000", "3"),
            ("Nantes", "44000", "2"),
        ],
        "streets": [
            "{n} rue de la République",
            "{n} avenue Jean Jaurès",
            "{n} boulevard Voltaire",
            "{n} rue du Commerce",
        ],
        "phone": "+33 {area} ## ## ## ##",
        "mobile": "+33 6 ## ## ## ##",
        "label": "France",
    },
    "Spain": {
        "lang": "es",
        "suffixes": ["S.L.", "S.A."],
        "cities": [
            ("Madrid", "28001", "91"),
            ("Barcelona", "08001", "93"),
            ("Valencia", "46001", "96"),
            ("Sevilla", "41001", "95"),
            ("Bilbao", "48001", "94"),
            ("Málaga", "29001", "95"),
        ],
        "streets": [
            "Calle Mayor {n}",
            "Avenida de la Constitución {n}",
            "Calle de Alcalá {n}",
            "Paseo de la Castellana {n}",
        ],
        "phone": "+34 {area}# ### ###",
        "mobile": "+34 6## ### ###",
        "label": "Iberia",
    },
    "United States": {
        "lang": "en",
        "suffixes": ["Inc.", "LLC", "Corp."],
        "cities": [
            ("New York", "10001", "212"),
            ("Chicago", "60601", "312"),
            ("Austin", "78701", "512"),
            ("Seattle", "98101", "206"),
            ("Boston", "02108", "617"),
            ("Denver", "80202", "303"),
        ],
        "streets": ["{n} Market Street", "{n} Main Street, Suite 200", "{n} Commerce Drive"],
        "phone": "+1 {area}-555-01##",
        "mobile": "+1 {area}-555-01##",
        "label": "USA",
    },
    "United Kingdom": {
        "lang": "en",
        "suffixes": ["Ltd", "plc"],
        "cities": [
            ("London", "EC1A 1BB", "20 7946"),
            ("Manchester", "M1 1AE", "161 496"),
            ("Bristol", "BS1 4DJ", "117 496"),
            ("Leeds", "LS1 4AP", "113 496"),
            ("Edinburgh", "EH1 1YZ", "131 496"),
        ],
        "streets": [
            "{n} High Street",
            "{n} Station Road",
            "{n} King's Road",
            "Unit {n}, Riverside Park",
        ],
        "phone": "+44 {area} 0###",
        "mobile": "+44 7700 900###",
        "label": "UK",
    },
    "Netherlands": {
        "lang": "nl",
        "suffixes": ["B.V."],
        "cities": [
            ("Amsterdam", "1012 AB", "20"),
            ("Rotterdam", "3011 AA", "10"),
            ("Utrecht", "3511 AA", "30"),
        ],
        "streets": ["Keizersgracht {n}", "Stationsplein {n}", "Industrieweg {n}"],
        "phone": "+31 {area} ### ####",
        "mobile": "+31 6 ########",
        "label": "Nederland",
    },
    "Belgium": {
        "lang": "fr",
        "suffixes": ["SA", "SRL"],
        "cities": [("Bruxelles", "1000", "2"), ("Liège", "4000", "4"), ("Namur", "5000", "81")],
        "streets": ["Rue de la Loi {n}", "Avenue Louise {n}", "Chaussée de Namur {n}"],
        "phone": "+32 {area} ### ## ##",
        "mobile": "+32 47# ## ## ##",
        "label": "Belgique",
    },
    "Russian Federation": {
        "lang": "ru",
        "suffixes": ["ООО", "АО"],
        "cities": [
            ("Москва", "101000", "495"),
            ("Санкт-Петербург", "190000", "812"),
            ("Казань", "420111", "843"),
        ],
        "streets": ["ул. Тверская, д. {n}", "Ленинский проспект, д. {n}", "ул. Баумана, д. {n}"],
        "phone": "+7 {area} ###-##-##",
        "mobile": "+7 9## ###-##-##",
        "label": "Россия",
    },
}

# Brand stems per language; each is used once, its slug is the company domain.
STEMS = {
    "en": [
        "Northwind",
        "Bluefield",
        "Harborline",
        "Silverbirch",
        "Ironbridge",
        "Brightwater",
        "Oakridge",
        "Kestrel",
        "Summit Peak",
        "Greystone",
        "Redfern",
        "Westbrook",
        "Cobalt Bay",
    ],
    "de": [
        "Bergmann",
        "Rheinwerk",
        "Alpenblick",
        "Nordstern",
        "Falkenberg",
        "Lindenhof",
        "Sauer & Söhne",
        "Weißdorn",
        "Elbtal",
        "Kranich",
        "Hochwald",
        "Isartal",
    ],
    "fr": [
        "Lumière",
        "Beaulieu",
        "Valmont",
        "Montclair",
        "Bellerive",
        "Saint-Aubin",
        "Côte d'Opale",
        "Vauban",
        "Clairefontaine",
        "Mistral",
        "Bonnefoy",
        "Rochebrune",
    ],
    "es": [
        "Solaria",
        "Costa Verde",
        "Peñalta",
        "Alborán",
        "Mirasol",
        "Vallehermoso",
        "Torrealta",
        "Sierra Nevada",
        "Aguamarina",
        "Olivares",
    ],
    "nl": ["Van Dijk", "Zeewind", "Molenaar", "Polderkracht"],
}
# Russian brand stems: (Cyrillic, Latin slug for the domain).
RU_STEMS = [
    ("Северный Ветер", "severny-veter"),
    ("Берёзка", "beryozka"),
    ("Звезда Софт", "zvezda-soft"),
]

INDUSTRIES = ["Manufacturing", "Software", "Retail", "Logistics", "Consulting", "Healthcare"]
# The sector word some company names carry after their stem.
SECTOR_WORDS = {
    "Manufacturing": {
        "en": "Manufacturing",
        "de": "Maschinenbau",
        "fr": "Industries",
        "es": "Industrial",
        "nl": "Techniek",
        "ru": "",
    },
    "Software": {
        "en": "Software",
        "de": "Software",
        "fr": "Informatique",
        "es": "Software",
        "nl": "Software",
        "ru": "",
    },
    "Retail": {
        "en": "Retail",
        "de": "Handel",
        "fr": "Distribution",
        "es": "Comercial",
        "nl": "Retail",
        "ru": "",
    },
    "Logistics": {
        "en": "Logistics",
        "de": "Logistik",
        "fr": "Transports",
        "es": "Logística",
        "nl": "Logistiek",
        "ru": "",
    },
    "Consulting": {
        "en": "Consulting",
        "de": "Beratung",
        "fr": "Conseil",
        "es": "Consultores",
        "nl": "Advies",
        "ru": "",
    },
    "Healthcare": {
        "en": "Health",
        "de": "Medizintechnik",
        "fr": "Santé",
        "es": "Salud",
        "nl": "Zorg",
        "ru": "",
    },
}
COMPANY_MAILBOXES = {
    "en": ["info", "sales", "hello"],
    "de": ["info", "kontakt", "vertrieb"],
    "fr": ["contact", "info", "commercial"],
    "es": ["info", "hola", "ventas"],
    "nl": ["info", "verkoop"],
    "ru": ["info", "sales"],
}
COMPANY_TAGS = ["VIP", "Partner", "Reseller", "Key Account"]

# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------

FIRST_NAMES = {
    "en": [
        "James",
        "Emily",
        "Oliver",
        "Sophie",
        "Michael",
        "Hannah",
        "Daniel",
        "Grace",
        "Thomas",
        "Olivia",
        "Ryan",
        "Chloe",
        "Nathan",
        "Laura",
    ],
    "de": [
        "Lukas",
        "Anna",
        "Jonas",
        "Lena",
        "Felix",
        "Marie",
        "Tobias",
        "Julia",
        "Matthias",
        "Katrin",
        "Stefan",
        "Sabine",
        "Jürgen",
    ],
    "fr": [
        "Camille",
        "Julien",
        "Léa",
        "Nicolas",
        "Chloé",
        "Mathieu",
        "Manon",
        "Antoine",
        "Élodie",
        "Guillaume",
        "Amélie",
        "François",
        "Jean-Luc",
    ],
    "es": [
        "Javier",
        "Lucía",
        "Carlos",
        "María",
        "Alejandro",
        "Carmen",
        "Pablo",
        "Elena",
        "Sergio",
        "Marta",
        "Raúl",
        "Nuria",
    ],
    "nl": ["Sanne", "Daan", "Femke", "Bram", "Lotte", "Ruben"],
}
LAST_NAMES = {
    "en": [
        "Turner",
        "Hughes",
        "Walker",
        "Bennett",
        "Carter",
        "Mitchell",
        "Foster",
        "Reed",
        "Parker",
        "Collins",
        "Hayes",
        "Brooks",
        "O'Connor",
    ],
    "de": [
        "Müller",
        "Schneider",
        "Fischer",
        "Weber",
        "Wagner",
        "Becker",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Richter",
        "Krüger",
        "Wolf",
        "Groß",
    ],
    "fr": [
        "Dubois",
        "Lefèvre",
        "Moreau",
        "Laurent",
        "Girard",
        "Fontaine",
        "Rousseau",
        "Mercier",
        "Chevalier",
        "Garnier",
        "Lambert",
        "Faure",
    ],
    "es": [
        "García",
        "Fernández",
        "López",
        "Martínez",
        "Sánchez",
        "Romero",
        "Navarro",
        "Torres",
        "Domínguez",
        "Ruiz",
        "Ortega",
        "Castillo",
    ],
    "nl": ["de Vries", "Jansen", "Bakker", "Visser", "van den Berg", "Smit"],
}
# Russian people: (first, last) in Cyrillic, then their Latin spelling for emails.
RU_PEOPLE = [
    ("Алексей", "Смирнов", "aleksey", "smirnov"),
    ("Ольга", "Кузнецова", "olga", "kuznetsova"),
    ("Сергей", "Попов", "sergey", "popov"),
    ("Наталья", "Соколова", "natalya", "sokolova"),
    ("Иван", "Лебедев", "ivan", "lebedev"),
    ("Екатерина", "Новикова", "ekaterina", "novikova"),
    ("Михаил", "Морозов", "mikhail", "morozov"),
    ("Пётр", "Фёдоров", "pyotr", "fyodorov"),
    ("Анна", "Павлова", "anna", "pavlova"),
]
JOB_TITLES = {
    "en": [
        "CEO",
        "CFO",
        "Head of Procurement",
        "IT Manager",
        "Operations Director",
        "Sales Manager",
        "Office Manager",
        "Purchasing Agent",
    ],
    "de": [
        "Geschäftsführer",
        "Einkaufsleiterin",
        "IT-Leiter",
        "Vertriebsleiter",
        "Prokurist",
        "Leiterin Logistik",
    ],
    "fr": [
        "Directeur général",
        "Responsable achats",
        "DSI",
        "Directrice commerciale",
        "Chef de projet",
    ],
    "es": [
        "Director general",
        "Jefe de compras",
        "Responsable de TI",
        "Directora comercial",
        "Gerente de operaciones",
    ],
    "nl": ["Directeur", "Inkoper", "IT-manager", "Accountmanager"],
    "ru": [
        "Генеральный директор",
        "Менеджер по закупкам",
        "ИТ-директор",
        "Руководитель отдела продаж",
    ],
}
FREELANCE_TITLES = [
    "Freelance consultant",
    "Independent IT consultant",
    "Interim manager",
    "Freelance designer",
]
LANG_HOME = {
    "en": "United Kingdom",
    "de": "Germany",
    "fr": "France",
    "es": "Spain",
    "nl": "Netherlands",
    "ru": "Russian Federation",
}
CONTACT_TAGS = ["Decision Maker", "Champion", "Technical"]
FREE_MAIL_DOMAINS = ["example.com", "example.org", "example.net"]

# Letters folded before the generic accent stripping (German style emails).
ASCII_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}

# --------------------------------------------------------------------------
# Deals
# --------------------------------------------------------------------------

OPEN_STAGES = ["Qualification", "Meeting Scheduled", "Proposal Sent", "Negotiation"]
WON, LOST = "Closed Won", "Closed Lost"
STAGE_COUNTS = {
    "Qualification": 14,
    "Meeting Scheduled": 12,
    "Proposal Sent": 12,
    "Negotiation": 10,
    WON: 12,
    LOST: 10,
}
STAGE_PROBABILITY = {
    "Qualification": [10, 20],
    "Meeting Scheduled": [20, 30, 40],
    "Proposal Sent": [40, 50, 60],
    "Negotiation": [60, 70, 80, 90],
    WON: [100],
    LOST: [0],
}
PIPELINE_COUNTS = {"Direct Sales": 50, "Partner Channel": 20}
DEALS_WITHOUT_CONTACT = 18  # of 70, about 25%
# How often each lost reason appears on the 10 lost deals (shuffled).
LOST_REASONS = {"Too expensive": 3, "Chose a competitor": 3, "No budget": 2, "No response": 2}
DEAL_TAGS = ["Upsell", "New Business", "Renewal"]
DEAL_TAG_CHOICES = [
    [],
    [],
    ["New Business"],
    ["New Business"],
    ["Upsell"],
    ["Renewal"],
    ["Upsell", "Renewal"],
    ["Upsell", "New Business"],
]
PROJECTS = [
    "ERP rollout",
    "Fleet renewal",
    "Cloud migration",
    "Support contract 2025",
    "Warehouse scanners",
    "Training package",
    "CRM licences",
    "Data centre refresh",
    "Field service app",
    "Security audit",
    "Label printers",
    "E-commerce platform",
    "Managed print",
    "Payroll outsourcing",
    "Telematics pilot",
    "Consulting retainer",
]

# The export was taken at the end of June 2024.
COMPANY_CREATED = (date(2019, 1, 2), date(2024, 3, 31))
CONTACT_CREATED_UNTIL = date(2024, 5, 31)
CLOSED_CREATED_FROM = date(2021, 1, 1)  # deals won or lost
OPEN_CREATED_FROM = date(2023, 7, 1)  # deals still open
DEAL_CREATED_UNTIL = date(2024, 6, 15)
CLOSED_UNTIL = date(2024, 6, 28)
OPEN_CLOSE = (date(2024, 7, 15), date(2025, 3, 31))
BIRTHDAYS = (date(1962, 1, 1), date(2000, 12, 31))


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def fold(text):
    """Lowercase ASCII letters, digits and hyphens of ``text`` (for emails)."""
    text = text.lower()
    for char, ascii_text in ASCII_FOLD.items():
        text = text.replace(char, ascii_text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c == "-"))


def slug(text):
    """``Côte d'Opale`` -> ``cote-dopale`` (for domains)."""
    return "-".join(part for part in (fold(word) for word in text.split()) if part)


def digits(rng, template):
    return "".join(str(rng.randrange(10)) if c == "#" else c for c in template)


def rand_day(rng, start, end):
    """A date between ``start`` and ``end``, both included."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def office_time(rng, day):
    """A datetime on ``day`` during office hours, whole minutes."""
    return datetime(day.year, day.month, day.day, rng.randint(8, 18), rng.randrange(60))


def fmt_datetime(value):
    return value.strftime(DATETIME_FORMAT)


def fmt_money(value):
    return f"{value:.2f}"


def pick_tags(rng, tags, weights):
    """0..len(weights)-1 distinct tags, in the order of ``tags``."""
    count = rng.choices(range(len(weights)), weights=weights)[0]
    chosen = set(rng.sample(tags, count))
    return ", ".join(tag for tag in tags if tag in chosen)


def pool(counts):
    """A list holding each key ``counts[key]`` times."""
    return [key for key, count in counts.items() for _ in range(count)]


def public(record, columns):
    """The CSV row of a record (which also holds private ``_`` keys)."""
    return {column: record[column] for column in columns}


def csv_text(columns, rows, delimiter=",", lineterminator="\n"):
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL
    )
    if columns:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns] if isinstance(row, dict) else row)
    return buffer.getvalue()


def csv_line(values, delimiter=","):
    return csv_text(None, [values], delimiter=delimiter)


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def zip_bytes(members):
    """A ZIP of ``[(name, bytes)]`` with fixed timestamps and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data)
    return buffer.getvalue()


def tiny_pdf(text):
    """A minimal one-page PDF showing ``text`` (ASCII), with a correct xref."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    size = len(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("ascii")


# --------------------------------------------------------------------------
# The clean sample
# --------------------------------------------------------------------------


def company_ids():
    return [f"C{n}" for n in range(1001, 1041)]


def assign_countries(rng):
    """Company ID -> country; the Russian companies sit at RUSSIAN_IDS."""
    others = [c for c in pool(COUNTRY_COUNTS) if c != "Russian Federation"]
    rng.shuffle(others)
    countries = {}
    for company_id in company_ids():
        countries[company_id] = "Russian Federation" if company_id in RUSSIAN_IDS else others.pop()
    return countries


def make_company(rng, company_id, country, stem, domain, owner):
    spec = COUNTRIES[country]
    lang = spec["lang"]
    city, zip_code, area = rng.choice(spec["cities"])
    industry = rng.choice(INDUSTRIES)
    suffix = rng.choice(spec["suffixes"])
    if lang == "ru":
        name = f"{suffix} «{stem}»"
    elif rng.random() < 0.5:
        name = f"{stem} {SECTOR_WORDS[industry][lang]} {suffix}"
    else:
        name = f"{stem} {suffix}"
    employees = rng.choice([rng.randint(8, 60), rng.randint(40, 400), rng.randint(300, 5000)])
    revenue = employees * rng.randint(80, 260) * 1000
    if rng.random() < 0.25:
        revenue_text = fmt_money(revenue + rng.choice([0.5, 0.25, 0.75]))
    else:
        revenue_text = str(revenue)
    created = office_time(rng, rand_day(rng, *COMPANY_CREATED))
    website = ("https://%s" if rng.random() < 0.7 else "www.%s") % domain
    return {
        "Company ID": company_id,
        "Company Name": name,
        "Parent Company ID": "",
        "Website": website,
        "Phone": digits(rng, spec["phone"].format(area=area)) if rng.random() < 0.88 else "",
        "Email": f"{rng.choice(COMPANY_MAILBOXES[lang])}@{domain}",
        "Street": (
            rng.choice(spec["streets"]).format(n=rng.randint(1, 180)) if rng.random() < 0.9 else ""
        ),
        "City": city,
        "Zip": zip_code,
        "Country": country,
        "Industry": industry if rng.random() < 0.9 else "",
        "Tags": pick_tags(rng, COMPANY_TAGS, [50, 35, 15]),
        "Owner": owner,
        "Created At": fmt_datetime(created),
        "Employees": str(employees),
        "Annual Revenue": revenue_text,
        "_stem": stem,
        "_domain": domain,
        "_lang": lang,
        "_area": area,
        "_created": created,
    }


def make_companies(rng):
    countries = assign_countries(rng)
    stems = {lang: rng.sample(names, len(names)) for lang, names in STEMS.items()}
    ru_stems = list(RU_STEMS)
    owners = pool(COMPANY_OWNER_POOL)
    rng.shuffle(owners)
    companies = {}
    for company_id in company_ids():
        country = countries[company_id]
        lang = COUNTRIES[country]["lang"]
        if lang == "ru":
            stem, domain_slug = ru_stems.pop(0)
        else:
            stem = stems[lang].pop()
            domain_slug = slug(stem)
        companies[company_id] = make_company(
            rng, company_id, country, stem, domain_slug + ".example", owners.pop()
        )
    name_subsidiaries(rng, companies)
    return list(companies.values())


def root_of(company_id):
    while company_id in HIERARCHY:
        company_id = HIERARCHY[company_id]
    return company_id


def name_subsidiaries(rng, companies):
    """Subsidiaries carry their group's brand: ``Bergmann France SAS``."""
    used = {c["Company Name"] for c in companies.values()}
    for child_id in sorted(HIERARCHY):
        child = companies[child_id]
        root = companies[root_of(child_id)]
        spec = COUNTRIES[child["Country"]]
        for label in (spec["label"], "Services", "Digital", "Solutions"):
            stem = f"{root['_stem']} {label}"
            name = f"{stem} {rng.choice(spec['suffixes'])}"
            if name not in used and stem != root["_stem"]:
                break
        used.add(name)
        domain = slug(stem) + ".example"
        child.update(
            {
                "Company Name": name,
                "Parent Company ID": HIERARCHY[child_id],
                "Website": child["Website"].replace(child["_domain"], domain),
                "Email": child["Email"].replace(child["_domain"], domain),
                "Industry": root["Industry"],
                "_stem": stem,
                "_domain": domain,
            }
        )


def person_name(rng, lang):
    """(first, last, email local part)."""
    if lang == "ru":
        first, last, latin_first, latin_last = rng.choice(RU_PEOPLE)
        return first, last, f"{latin_first}.{latin_last}"
    first = rng.choice(FIRST_NAMES[lang])
    last = rng.choice(LAST_NAMES[lang])
    return first, last, f"{fold(first)}.{fold(last)}"


def make_contact(rng, company, used, lang=None):
    """A contact of ``company`` (``None``: a freelancer); no ID yet.

    ``used`` holds the emails and (first, last) names taken so far: both stay unique.
    """
    if company:
        lang = company["_lang"]
        country = company["Country"]
        area = company["_area"]
    else:
        country = LANG_HOME[lang]
        area = COUNTRIES[country]["cities"][0][2]
    domain = company["_domain"] if company else rng.choice(FREE_MAIL_DOMAINS)
    for _attempt in range(1000):
        first, last, local = person_name(rng, lang)
        email = f"{local}@{domain}"
        if email not in used and (first, last) not in used:
            used.update([email, (first, last)])
            break
    else:
        raise RuntimeError(f"no unused {lang} name left: extend the name tables")
    spec = COUNTRIES[country]
    if company:
        title = rng.choice(JOB_TITLES[lang]) if rng.random() < 0.9 else ""
        owner = company["Owner"] if rng.random() < 0.8 else rng.choice(OWNER_VALUES)
        after = company["_created"].date()
    else:
        title = rng.choice(FREELANCE_TITLES)
        owner = rng.choice(OWNER_VALUES + [""])
        after = COMPANY_CREATED[0]
    created = office_time(rng, rand_day(rng, after + timedelta(days=1), CONTACT_CREATED_UNTIL))
    birthday = rand_day(rng, *BIRTHDAYS).isoformat() if rng.random() < 0.6 else ""
    return {
        "Contact ID": "",
        "First Name": first,
        "Last Name": last,
        "Email": email,
        "Phone": digits(rng, spec["phone"].format(area=area)) if rng.random() < 0.7 else "",
        "Mobile": digits(rng, spec["mobile"].format(area=area)) if rng.random() < 0.6 else "",
        "Job Title": title,
        "Company ID": company["Company ID"] if company else "",
        "Owner": owner,
        "Tags": pick_tags(rng, CONTACT_TAGS, [60, 40]),
        "Created At": fmt_datetime(created),
        "Birthday": birthday,
        "Newsletter": "yes" if rng.random() < 0.4 else "no",
        "_created": created,
    }


def make_contacts(rng, companies, used):
    """86 company contacts (each company has one, Russian ones two) + 4 freelancers."""
    employers = list(companies)
    employers += [c for c in companies if c["_lang"] == "ru"]
    employers += [rng.choice(companies) for _ in range(86 - len(employers))]
    contacts = [make_contact(rng, company, used) for company in employers]
    contacts += [make_contact(rng, None, used, lang) for lang in ("de", "en", "fr", "es")]
    rng.shuffle(contacts)
    for number, contact in enumerate(contacts, 2001):
        contact["Contact ID"] = f"P{number}"
    return contacts


def deal_name(rng, company, used_names):
    while True:
        name = f"{company['_stem']} - {rng.choice(PROJECTS)}"
        if name not in used_names:
            used_names.add(name)
            return name


def make_deal(
    rng, deal_id, company, people, stage, pipeline, with_contact, lost_reasons, used_names
):
    contact = rng.choice(people) if with_contact else None
    closed = stage in (WON, LOST)
    after = max(company["_created"].date(), CLOSED_CREATED_FROM if closed else OPEN_CREATED_FROM)
    if contact:
        after = max(after, contact["_created"].date())
    created = office_time(rng, rand_day(rng, after + timedelta(days=1), DEAL_CREATED_UNTIL))
    if closed:
        close = rand_day(rng, created.date() + timedelta(days=7), CLOSED_UNTIL)
    else:
        close = rand_day(rng, *OPEN_CLOSE)
    if rng.random() < 0.8:
        amount = Decimal(rng.randrange(10, 600) * 250)
    else:
        amount = Decimal(rng.randint(300000, 9999999)) / 100
    return {
        "Deal ID": deal_id,
        "Deal Name": deal_name(rng, company, used_names),
        "Company ID": company["Company ID"],
        "Contact ID": contact["Contact ID"] if contact else "",
        "Amount": fmt_money(amount),
        "Stage": stage,
        "Pipeline": pipeline,
        "Owner": company["Owner"] if rng.random() < 0.8 else rng.choice(OWNER_VALUES),
        "Close Date": close.isoformat(),
        "Probability": str(rng.choice(STAGE_PROBABILITY[stage])),
        "Tags": ", ".join(rng.choice(DEAL_TAG_CHOICES)),
        "Lost Reason": lost_reasons.pop() if stage == LOST else "",
        "Created At": fmt_datetime(created),
        "Lead Score": str(rng.randint(1, 100)),
    }


def make_deals(rng, companies, contacts, used_names):
    stages = pool(STAGE_COUNTS)
    pipelines = pool(PIPELINE_COUNTS)
    with_contact = pool({True: 70 - DEALS_WITHOUT_CONTACT, False: DEALS_WITHOUT_CONTACT})
    lost_reasons = pool(LOST_REASONS)
    for column in (stages, pipelines, with_contact, lost_reasons):
        rng.shuffle(column)
    people = {}
    for contact in contacts:
        people.setdefault(contact["Company ID"], []).append(contact)
    deals = []
    for number in range(3001, 3071):
        company = rng.choice(companies)
        deals.append(
            make_deal(
                rng,
                f"D{number}",
                company,
                people[company["Company ID"]],
                stages.pop(),
                pipelines.pop(),
                with_contact.pop(),
                lost_reasons,
                used_names,
            )
        )
    return deals


# --------------------------------------------------------------------------
# expected.json and the sample README
# --------------------------------------------------------------------------


def count_by(rows, key, keys):
    counts = dict.fromkeys(keys, 0)
    for row in rows:
        counts[row[key]] += 1
    return counts


def tag_counts(rows, tags):
    counts = dict.fromkeys(tags, 0)
    for row in rows:
        for tag in filter(None, row["Tags"].split(", ")):
            counts[tag] += 1
    return counts


def is_cyrillic(text):
    return any("CYRILLIC" in unicodedata.name(c, "") for c in text)


def child_before_parent(companies):
    position = {c["Company ID"]: i for i, c in enumerate(companies)}
    return [
        child for child, parent in sorted(HIERARCHY.items()) if position[child] < position[parent]
    ]


def chains():
    """Every grandparent -> parent -> child chain of HIERARCHY."""
    return [
        [HIERARCHY[parent], parent, child]
        for child, parent in sorted(HIERARCHY.items())
        if parent in HIERARCHY
    ]


def expected(companies, contacts, deals):
    won = [d["Deal ID"] for d in deals if d["Stage"] == WON]
    lost = [d["Deal ID"] for d in deals if d["Stage"] == LOST]
    open_deals = [d for d in deals if d["Stage"] in OPEN_STAGES]
    owner_keys = OWNER_VALUES + [""]
    first = deals[0]
    won_sample = next(d for d in deals if d["Stage"] == WON and d is not first)
    lost_sample = next(d for d in deals if d["Stage"] == LOST and d is not first)
    cyrillic = next(c for c in contacts[1:] if is_cyrillic(c["First Name"] + c["Last Name"]))
    early_child = child_before_parent(companies)[0]
    by_id = {c["Company ID"]: c for c in companies}
    return {
        "companies": len(companies),
        "contacts": len(contacts),
        "deals": len(deals),
        "company_children": {child: HIERARCHY[child] for child in sorted(HIERARCHY)},
        "child_before_parent": child_before_parent(companies),
        "chains": chains(),
        "cyrillic_companies": [
            c["Company ID"] for c in companies if is_cyrillic(c["Company Name"])
        ],
        "contacts_without_company": [c["Contact ID"] for c in contacts if not c["Company ID"]],
        "deals_without_contact": [d["Deal ID"] for d in deals if not d["Contact ID"]],
        "won": won,
        "lost": lost,
        "open_by_stage": count_by(open_deals, "Stage", OPEN_STAGES),
        "pipelines": count_by(deals, "Pipeline", PIPELINE_COUNTS),
        "tags": {
            "deals": tag_counts(deals, DEAL_TAGS),
            "companies": tag_counts(companies, COMPANY_TAGS),
            "contacts": tag_counts(contacts, CONTACT_TAGS),
        },
        "owners": OWNERS,
        "by_owner": {
            "deals": count_by(deals, "Owner", owner_keys),
            "companies": count_by(companies, "Owner", owner_keys),
            "contacts": count_by(contacts, "Owner", owner_keys),
        },
        "amount_total_open": float(sum(Decimal(d["Amount"]) for d in open_deals)),
        "deal_samples": {
            d["Deal ID"]: public(d, DEAL_COLUMNS) for d in (first, won_sample, lost_sample)
        },
        "contact_samples": {
            c["Contact ID"]: public(c, CONTACT_COLUMNS) for c in (contacts[0], cyrillic)
        },
        "company_samples": {
            c["Company ID"]: public(c, COMPANY_COLUMNS) for c in (companies[0], by_id[early_child])
        },
    }


def md_table(header, rows):
    lines = [header, ["---"] * len(header)] + [list(map(str, row)) for row in rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines) + "\n"


def sample_readme(facts):
    by_owner = facts["by_owner"]
    kinds = ("companies", "contacts", "deals")
    owner_rows = [
        [f"`{o['login']}`", o["name"], "yes" if o["active"] else "**no** (inactive)", f"`{value}`"]
        + [by_owner[kind][value] for kind in kinds]
        for o, value in zip(OWNERS, OWNER_VALUES, strict=True)
    ]
    owner_rows.append(["(none)", "", "", "empty"] + [by_owner[kind][""] for kind in kinds])
    file_rows = [
        [
            "`companies.csv`",
            facts["companies"],
            "`Company ID` C1001..C1040",
            "`Parent Company ID` -> `Company ID`",
        ],
        [
            "`contacts.csv`",
            facts["contacts"],
            "`Contact ID` P2001..P2090",
            (
                f"`Company ID` (empty for {len(facts['contacts_without_company'])} freelancers: "
                f"{', '.join(facts['contacts_without_company'])})"
            ),
        ],
        [
            "`deals.csv`",
            facts["deals"],
            "`Deal ID` D3001..D3070",
            (
                "`Company ID` (always), `Contact ID` (a contact of the same company; "
                f"empty in {len(facts['deals_without_contact'])} deals)"
            ),
        ],
    ]
    children = ", ".join(
        f"{child} -> {parent}" for child, parent in facts["company_children"].items()
    )
    stages = ", ".join(f"{stage} {n}" for stage, n in facts["open_by_stage"].items())
    pipelines = ", ".join(f"{name} {n}" for name, n in facts["pipelines"].items())
    return "\n".join(
        [
            "# Generic CRM sample export",
            "",
            "A fictional B2B CRM export (companies, contacts, deals) used by the demo and",
            "the tests. Generated by `scripts/make_samples.py` (seeded, deterministic): do",
            "not edit by hand, rerun the script. `expected.json` holds the numbers the",
            "tests assert.",
            "",
            md_table(["file", "rows", "key", "references"], file_rows),
            "UTF-8, comma-delimited, header row, LF line endings, minimal quoting. Company",
            "names mix English, German, French, Spanish and Dutch, plus three Russian",
            f"companies in Cyrillic ({', '.join(facts['cyrillic_companies'])}) whose contacts",
            "have Cyrillic names. Emails and websites use `example.com/.org/.net` or the",
            "`.example` TLD. Phone, Street and Industry are sometimes empty.",
            "",
            f"- Company hierarchy (child -> parent): {children}.",
            f"  {' -> '.join(facts['chains'][0])} is a two-level chain (grandparent first);",
            f"  {', '.join(facts['child_before_parent'])} comes before its parent in the file.",
            f"- Deals: {len(facts['won'])} won, {len(facts['lost'])} lost, open: {stages}.",
            f"  Pipelines: {pipelines}. Open amount total: {facts['amount_total_open']:.2f}.",
            "",
            "## Owners",
            "",
            "The `Owner` column references Odoo users that must exist before the import",
            "(the tests and the demo create them). Carla Diaz is referenced by **name**, not",
            "email, and her user is **inactive**: she must still match.",
            "",
            md_table(
                [
                    "login / email",
                    "name",
                    "active",
                    "value in `Owner`",
                    "companies",
                    "contacts",
                    "deals",
                ],
                owner_rows,
            ),
        ]
    )


# --------------------------------------------------------------------------
# Bad-input fixtures
# --------------------------------------------------------------------------

# Spreadsheet row numbers (header = row 1) of the broken rows of contacts_more.csv.
MORE_BAD_EMAIL_ROW, MORE_ORPHAN_ROW, MORE_LONG_ROW, MORE_SHORT_ROW, MORE_BYTE_ROW = 3, 5, 7, 9, 11
BAD_EMAIL = "jan.novak(at)example.com"
ORPHAN_COMPANY = "C9999"
BAD_BYTE_TITLE = ("Einkaufsleiter", b"Einkaufs\xffleiter")


def contacts_more(rng, companies, used):
    """12 more contacts P2101..P2112 with one problem on rows 3, 5, 7, 9 and 11."""
    employers = [c for c in companies if c["_lang"] != "ru"]
    german = [c for c in employers if c["_lang"] == "de"]
    lines = [csv_line(CONTACT_COLUMNS).encode("utf-8")]
    for index in range(12):
        row_number = index + 2
        company = german[0] if row_number == MORE_BYTE_ROW else rng.choice(employers)
        contact = make_contact(rng, company, used)
        contact["Contact ID"] = f"P{2101 + index}"
        if row_number == MORE_BAD_EMAIL_ROW:
            contact.update({"First Name": "Jan", "Last Name": "Novak", "Email": BAD_EMAIL})
        if row_number == MORE_ORPHAN_ROW:
            contact["Company ID"] = ORPHAN_COMPANY
        if row_number == MORE_BYTE_ROW:
            contact["Job Title"] = BAD_BYTE_TITLE[0]
        values = [contact[c] for c in CONTACT_COLUMNS]
        if row_number == MORE_LONG_ROW:
            values.append("EXTRA")
        if row_number == MORE_SHORT_ROW:
            values.pop()
        line = csv_line(values).encode("utf-8")
        if row_number == MORE_BYTE_ROW:
            line = line.replace(BAD_BYTE_TITLE[0].encode("utf-8"), BAD_BYTE_TITLE[1], 1)
        lines.append(line)
    return b"".join(lines)


def firmen_cp1251():
    rows = [
        ["C1101", "ООО «Ромашка»", "https://romashka.example", "+7 495 123-45-67"],
        ["C1102", "АО «Василёк»", "https://vasilek.example", "+7 495 234-56-78"],
        ["C1103", "ООО «Подсолнух Трейд»", "https://podsolnukh.example", "+7 495 345-67-89"],
        ["C1104", "ЗАО «Одуванчик»", "www.oduvanchik.example", ""],
        ["C1105", "ООО «Колокольчик Логистик»", "https://kolokolchik.example", "+7 495 456-78-90"],
    ]
    rows = [row + ["Москва", "Russian Federation"] for row in rows]
    columns = ["Company ID", "Company Name", "Website", "Phone", "City", "Country"]
    return csv_text(columns, rows, delimiter=";").encode("cp1251")


def companies_utf8_bom():
    rows = [
        ["C1201", "Société Générale des Eaux Test", "Lyon", "France"],
        ["C1202", "Bäckerei Hofmann Test GmbH", "Nürnberg", "Germany"],
        ["C1203", "Harbour Lights Test Ltd", "Bristol", "United Kingdom"],
    ]
    text = csv_text(["Company ID", "Company Name", "City", "Country"], rows, lineterminator="\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def missing_header():
    rows = [
        ["C1301", "Blankfield Test Ltd", "Key account since 2019", "Leeds"],
        ["C1302", "Leerstelle Test GmbH", "Rahmenvertrag bis 2025", "Dresden"],
        ["C1303", "Sans Titre Test SARL", "Client historique", "Nantes"],
    ]
    return csv_text(["Company ID", "Company Name", "", "City"], rows)


def duplicate_header():
    rows = [
        ["C1401", "Twin Phones Test Ltd", "+44 20 7946 0101", "+44 20 7946 0102"],
        ["C1402", "Doppelnummer Test GmbH", "+49 30 5550101", "+49 30 5550102"],
        ["C1403", "Deux Lignes Test SA", "+33 1 55 50 01 01", "+33 1 55 50 01 02"],
    ]
    return csv_text(["Company ID", "Company Name", "Phone", "Phone"], rows)


def no_header():
    rows = [
        ["1501", "info@acme.example", "+49 30 1234567", "2021-03-04"],
        ["1502", "contact@brightline.example", "+33 1 42 68 53 00", "2020-11-19"],
        ["1503", "ventas@solmar.example", "+34 912 345 678", "2022-07-08"],
    ]
    return csv_text(None, rows)


def deals_delta(deals, companies, contacts, used_names):
    by_company = {c["Company ID"]: c for c in companies}
    changed = dict(deals[0])
    changed["Amount"] = fmt_money(Decimal(changed["Amount"]) + Decimal("1000.00"))
    first = by_company["C1001"]
    people = [c["Contact ID"] for c in contacts if c["Company ID"] == "C1001"]
    new = {
        "Deal ID": "D3101",
        "Deal Name": f"{first['_stem']} - Pilot project",
        "Company ID": "C1001",
        "Contact ID": people[0],
        "Amount": "8400.00",
        "Stage": "Qualification",
        "Pipeline": "Direct Sales",
        "Owner": OWNER_VALUES[0],
        "Close Date": "2024-10-31",
        "Probability": "10",
        "Tags": "New Business",
        "Lost Reason": "",
        "Created At": "2024-06-20 10:15:00",
        "Lead Score": "35",
    }
    second = by_company["C1002"]
    unknown = dict(
        new,
        **{
            "Deal ID": "D3102",
            "Deal Name": f"{second['_stem']} - Extended warranty",
            "Company ID": "C1002",
            "Contact ID": "",
            "Amount": "21750.00",
            "Stage": "Verbal Commitment",
            "Pipeline": "Partner Channel",
            "Owner": OWNER_VALUES[1],
            "Close Date": "2024-08-15",
            "Probability": "85",
            "Tags": "Upsell",
            "Created At": "2024-06-21 14:40:00",
            "Lead Score": "77",
        },
    )
    assert new["Deal Name"] not in used_names and unknown["Deal Name"] not in used_names
    return csv_text(DEAL_COLUMNS, [changed, new, unknown])


def companies_xlsx():
    """5 companies with real datetime/int/float cells and an empty second sheet."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Companies"
    sheet.append(["Company ID", "Company Name", "Created At", "Employees", "Annual Revenue"])
    rows = [
        ("C1601", "Tabellenwerk Test GmbH", datetime(2021, 4, 17, 9, 32), 120, 12500000.25),
        ("C1602", "Spreadsheet Works Test Ltd", datetime(2019, 11, 2, 14, 5), 45, 3250000.5),
        ("C1603", "Hoja de Cálculo Test S.L.", datetime(2022, 6, 30, 8, 0), 18, 950000.75),
        ("C1604", "Classeur Test SAS", datetime(2020, 1, 15, 16, 45), 310, 41000000.5),
        ("C1605", "Werkboek Test B.V.", datetime(2023, 9, 8, 11, 20), 7, 480000.25),
    ]
    for row in rows:
        sheet.append(row)
    for cell in sheet["C"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    workbook.create_sheet("Notes")
    workbook.properties.created = workbook.properties.modified = datetime(2024, 1, 1)
    workbook.properties.creator = "make_samples.py"
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with now.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = [(name, archive.read(name)) for name in archive.namelist()]
    return zip_bytes(members)


def sample_zip(companies_csv, contacts_csv):
    return zip_bytes(
        [
            ("companies.csv", companies_csv),
            ("contacts.csv", contacts_csv),
            ("files/brochure.pdf", tiny_pdf("Northwind sample brochure")),
        ]
    )


def evil_archives():
    small = csv_text(["Company ID", "Company Name"], [["C1701", "Archive Test Ltd"]])
    inner = zip_bytes([("companies.csv", small)])
    bomb = b"a,b\n" * (5 * 1024 * 1024 // 4)
    return {
        "evil_slip.zip": zip_bytes([("../evil.csv", small)]),
        "evil_nested.zip": zip_bytes([("companies.csv", small), ("inner.zip", inner)]),
        "evil_bomb.zip": zip_bytes([("big.csv", bomb)]),
    }


def bad_readme(ids, deals):
    first = deals[0]
    raised = fmt_money(Decimal(first["Amount"]) + Decimal("1000.00"))
    more = [
        [
            MORE_BAD_EMAIL_ROW,
            f"invalid email `{BAD_EMAIL}`",
            "column `Email`",
            f"row {MORE_BAD_EMAIL_ROW}, column 'Email': invalid email address `{BAD_EMAIL}`",
        ],
        [
            MORE_ORPHAN_ROW,
            f"orphan: Company ID `{ORPHAN_COMPANY}` is not in the export",
            "column `Company ID`",
            f"row {MORE_ORPHAN_ROW}, column 'Company ID': company `{ORPHAN_COMPANY}` not found",
        ],
        [
            MORE_LONG_ROW,
            "ragged row: 14 values for 13 columns (extra trailing `EXTRA`)",
            "column 14 (no header)",
            f"row {MORE_LONG_ROW}: 14 values, 13 expected",
        ],
        [
            MORE_SHORT_ROW,
            "short row: 12 values, the last column is missing",
            "column `Newsletter` (absent)",
            f"row {MORE_SHORT_ROW}: 12 values, 13 expected",
        ],
        [
            MORE_BYTE_ROW,
            (
                f"raw byte 0xFF inside `{BAD_BYTE_TITLE[0]}` (invalid UTF-8; the "
                "rest of the file is valid UTF-8)"
            ),
            "column `Job Title`",
            (
                f"row {MORE_BYTE_ROW}, column 'Job Title': invalid UTF-8 byte 0xFF (or: file read "
                "in a fallback encoding, with a warning)"
            ),
        ],
    ]
    rows = [
        [
            "`contacts_more.csv`",
            (
                "12 more contacts P2101..P2112 (contacts.csv columns, UTF-8, valid Company IDs "
                "of the sample); five rows broken as below, the others valid"
            ),
            "rows " + ", ".join(str(m[0]) for m in more),
            "one problem per broken row naming file, row and column; the 7 valid rows load",
        ]
    ]
    rows += [
        ["", what, f"row {row} (`{ids[row]}`), {column}", say] for row, what, column, say in more
    ]
    rows += [
        [
            "`firmen_cp1251.csv`",
            (
                "encoded in cp1251 (not UTF-8), `;`-delimited, LF; English header "
                "`Company ID;Company Name;Website;Phone;City;Country`; 5 companies C1101..C1105 "
                "with Cyrillic names, city `Москва`"
            ),
            "whole file",
            (
                "nothing blocking: detect cp1251 and `;`, load 5 companies with the Cyrillic "
                "intact (`ООО «Ромашка»`)"
            ),
        ],
        [
            "`companies_utf8_bom.csv`",
            (
                "UTF-8 with BOM, CRLF line endings; 3 companies C1201..C1203, one with accents "
                "(`Société Générale des Eaux Test`)"
            ),
            "byte 0 (BOM), every line end",
            "nothing: first column is `Company ID` (no `\\ufeff`), no stray `\\r` in values",
        ],
        [
            "`missing_header.csv`",
            (
                "third header cell blank: `Company ID,Company Name,,City`; C1301..C1303 fill "
                "every cell"
            ),
            "row 1, column 3",
            "column 3 has no header: call it `column 3` (map or ignore it), no crash",
        ],
        [
            "`duplicate_header.csv`",
            (
                "header `Phone` twice: `Company ID,Company Name,Phone,Phone`; C1401..C1403 with "
                "two different phones each"
            ),
            "row 1, columns 3 and 4",
            (
                "duplicate column 'Phone' (columns 3 and 4): both kept and told apart (e.g. "
                "`Phone`, `Phone (2)`), no value silently lost"
            ),
        ],
        [
            "`no_header.csv`",
            (
                "no header row: 3 data rows, the first "
                "`1501,info@acme.example,+49 30 1234567,2021-03-04`"
            ),
            "row 1",
            "row 1 looks like data (number, email, phone, date): no header found",
        ],
        ["`empty.csv`", "zero bytes", "whole file", "blocking: the file is empty"],
        [
            "`notes.docx`",
            "unsupported file type (a few bytes of plain text)",
            "whole file",
            "blocking: unsupported file type `.docx` (CSV, XLSX or ZIP expected)",
        ],
        [
            "`deals_delta.csv`",
            (
                f"a later deals export (deals.csv columns, 3 rows): `{first['Deal ID']}` with "
                f"Amount {first['Amount']} -> {raised}, the rest unchanged; new `D3101` (C1001, "
                "`Qualification`, valid); new `D3102` with Stage `Verbal Commitment`"
            ),
            "row 4 (`D3102`), column `Stage`",
            (
                f"{first['Deal ID']} updated, D3101 created; D3102: unknown stage "
                "'Verbal Commitment' (map it or create the stage)"
            ),
        ],
        [
            "`sample.zip`",
            (
                "nothing: `companies.csv`, `contacts.csv` of the clean sample and "
                "`files/brochure.pdf` (a tiny PDF)"
            ),
            "",
            "2 data files (40 companies, 90 contacts); the PDF is an attachment, not data",
        ],
        [
            "`evil_slip.zip`",
            "a member named `../evil.csv` (path traversal, zip slip)",
            "member `../evil.csv`",
            "member refused alone (escapes the folder); nothing else: blocked",
        ],
        [
            "`evil_nested.zip`",
            "a member `inner.zip` (an archive in the archive) next to a valid `companies.csv`",
            "member `inner.zip`",
            "member refused alone (an archive in the archive); `companies.csv` next to it is read",
        ],
        [
            "`evil_bomb.zip`",
            ("member `big.csv`: 5 MiB of `a,b\\n` deflated to ~5 KiB (ratio > 200)"),
            "member `big.csv`",
            "member refused alone (compression ratio of a zip bomb); nothing else: blocked",
        ],
        [
            "`companies.xlsx`",
            (
                "nothing: sheet `Companies` with 5 companies C1601..C1605, real datetime "
                "(`Created At`), integer (`Employees`) and float (`Annual Revenue`) cells; a "
                "second, empty sheet `Notes`"
            ),
            "",
            (
                "5 companies from `Companies`, typed cells read as datetimes/numbers; the empty "
                "`Notes` sheet skipped (or reported as empty, not an error)"
            ),
        ],
    ]
    return "\n".join(
        [
            "# Bad-input fixtures",
            "",
            "Small inputs the readers, the matcher and the importer must handle. Generated by",
            "`scripts/make_samples.py` together with the clean sample in",
            "`data/samples/generic/`: do not edit by hand. Rows are spreadsheet row numbers:",
            "the header is row 1, the first data row is row 2. Each file has one problem",
            "(`contacts_more.csv`: one per broken row); some files are tricky but valid.",
            "",
            md_table(["file", "what is wrong", "where", "what the importer should say"], rows),
        ]
    )


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main():
    rng = random.Random(SEED)
    used_people, used_names = set(), set()
    companies = make_companies(rng)
    contacts = make_contacts(rng, companies, used_people)
    deals = make_deals(rng, companies, contacts, used_names)

    companies_csv = csv_text(COMPANY_COLUMNS, companies).encode("utf-8")
    contacts_csv = csv_text(CONTACT_COLUMNS, contacts).encode("utf-8")
    facts = expected(companies, contacts, deals)
    written = [
        write(SAMPLE_DIR / "companies.csv", companies_csv),
        write(SAMPLE_DIR / "contacts.csv", contacts_csv),
        write(SAMPLE_DIR / "deals.csv", csv_text(DEAL_COLUMNS, deals)),
        write(
            SAMPLE_DIR / "expected.json", json.dumps(facts, indent=2, ensure_ascii=False) + "\n"
        ),
        write(SAMPLE_DIR / "README.md", sample_readme(facts)),
    ]

    more_ids = {row: f"P{2099 + row}" for row in range(2, 14)}
    bad = {
        "contacts_more.csv": contacts_more(rng, companies, used_people),
        "firmen_cp1251.csv": firmen_cp1251(),
        "companies_utf8_bom.csv": companies_utf8_bom(),
        "missing_header.csv": missing_header(),
        "duplicate_header.csv": duplicate_header(),
        "no_header.csv": no_header(),
        "empty.csv": b"",
        "notes.docx": b"Migration notes: this is not a CRM export.\n",
        "deals_delta.csv": deals_delta(deals, companies, contacts, used_names),
        "sample.zip": sample_zip(companies_csv, contacts_csv),
        "companies.xlsx": companies_xlsx(),
        "README.md": bad_readme(more_ids, deals),
    }
    bad.update(evil_archives())
    written += [write(BAD_DIR / name, data) for name, data in sorted(bad.items())]
    for path in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()

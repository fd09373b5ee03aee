"""The words real CRM exports use, as data: what the matcher reads a header and its values with.

Gathered from the standard export headers of HubSpot, Salesforce (API names and
report labels), Pipedrive ("Deal - Value", "Pessoa - Nome"), Zoho ("Mailing Street",
"Created Time"), Microsoft Dynamics ("(Do Not Modify) Contact", "Address 1: City"),
Freshsales, Copper, Insightly, monday.com and the seed platforms, in English,
Portuguese, Spanish, French, German, Italian, Dutch and Russian. Every phrase is
compared normalized (``values.normalize_label``: lowercase, no accents, punctuation
as spaces), so 'E-Mail', 'e_mail' and 'E mail' are one entry.

Nothing here decides: ``services.matcher`` reads these tables, and the profiles
(``profiles/generic.py``) build their synonyms from them.
"""

# ----------------------------------------------------------------------
# How a header names an object: "Deal - Value", "Account Name", "ID da organização"
# ----------------------------------------------------------------------
# Words naming a kind of record, as headers and file names use them (singular; a
# trailing 's' is also read).
OBJECT_WORDS = {
    "company": (
        "company",
        "account",
        "organization",
        "organisation",
        "organizacao",
        "organizacion",
        "organisatie",
        "empresa",
        "societe",
        "entreprise",
        "unternehmen",
        "firma",
        "azienda",
        "bedrijf",
        "kunde",
        "cuenta",
        "customer",
        "client",
        "cliente",
        "conta",
        "compte",
        "konto",
        "potenzieller kunde",
        "potential customer",
        "компания",
        "организация",
        "контрагент",
    ),
    "contact": (
        "contact",
        "person",
        "people",
        "pessoa",
        "persona",
        "personne",
        "kontakt",
        "contatto",
        "contacto",
        "contato",
        "contactpersoon",
        "contact person",
        "pessoa contato",
        # Twenty's 'Point of Contact Id' (the stopword 'of' is dropped when compared)
        "point of contact",
        "point contact",
        "primary contact",
        "контакт",
        "контактное лицо",
    ),
    "deal": (
        "deal",
        "opportunity",
        "negocio",
        "oportunidad",
        "oportunidade",
        "affaire",
        "opportunite",
        "verkaufschance",
        "geschaft",
        "opportunita",
        "trattativa",
        # vtiger's and SugarCRM's module name: 'Potential Name', 'Potential No'
        "potential",
        "сделка",
    ),
    "task": ("task", "activity", "atividade", "actividad", "activite", "aktivitat", "tarea"),
    "call": ("call", "activity", "chamada", "llamada", "appel", "anruf", "звонок"),
    "meeting": ("meeting", "event", "activity", "reuniao", "reunion", "besprechung"),
    "note": ("note", "nota", "notiz"),
    "email": ("email", "e mail"),
    # 'Assigned User ID', 'assigned_user_id', 'Assigned User Name': SuiteCRM's owner
    "user": ("user", "assigned user", "usuario", "utilisateur", "benutzer"),
}
# Words that link a key to its object and mean nothing alone ("ID da organização").
STOPWORDS = frozenset(
    "de da do das dos del della di du des la le of the van von der den het associated "
    "related primary zugeordnetes zugeordnete zugehoriges associado associada asociado "
    "associe associato gekoppelde".split()
)
# What a header names of an object: its id or its name.
ID_WORDS = frozenset(
    "id ids record id number no nr numero nummer key guid uuid codigo code ид".split()
    + ["record id", "datensatz id", "id de registro", "item id"]
)
NAME_WORDS = frozenset(
    "name names nome nombre nom naam namen titel title titulo titre titolo".split()
    + ["название", "наименование"]
)
# Headers of system keys: '(Do Not Modify) Contact' is the record's own id in Dynamics.
SYSTEM_MARKERS = (
    "do not modify",
    "nicht andern",
    "no modificar",
    "ne pas modifier",
    "nao modificar",
)

# How an object given by its id or its name lands, per (kind of the file, kind named):
# (target for ids, target for names, second choice for names).
RELATED = {
    ("contact", "company"): ("parent_id", "company_name", "parent_id"),
    ("deal", "company"): ("partner_id", "partner_id", "partner_name"),
    ("deal", "contact"): ("_contact", "_contact", "contact_name"),
    ("company", "company"): ("parent_id", "parent_id", None),
}
for _kind in ("task", "call", "meeting", "note", "email", "document"):
    RELATED[(_kind, "deal")] = ("_deal", "_deal", None)
    RELATED[(_kind, "contact")] = ("_person", "_person", None)
    RELATED[(_kind, "company")] = ("_company", "_company", None)
# An owner given by its id or its name ('Assigned User ID', 'Assigned User Name') is the
# record's owner, a note's author; an email's author is its sender, never the owner.
for _kind in ("company", "contact", "deal", "task", "call", "meeting"):
    RELATED[(_kind, "user")] = ("user_id", "user_id", None)
RELATED[("note", "user")] = ("author_id", "author_id", None)
# The targets that hold a record's owner.
OWNER_TARGETS = frozenset(
    target for (_kind, other), choices in RELATED.items() if other == "user" for target in choices
) - {None}

# ----------------------------------------------------------------------
# Composite fields: Twenty's '<Label> / <Sub-field>' ('Name / First Name')
# ----------------------------------------------------------------------
# Sub-fields that are their field's value itself: 'Domain / Link URL' is the domain.
MAIN_SUBFIELDS = frozenset(
    ["link url", "url", "primary link url", "value", "primary value", "primary"]
)
# A phone's calling code (+33) in a column of its own beside its number: nothing to
# keep (Odoo formats a phone by its partner's country, which the export also gives).
PHONE_PREFIXES = frozenset(
    [
        "calling code",
        "phone calling code",
        "country calling code",
        "dialing code",
        "dialling code",
        "dial code",
        "phone prefix",
        "international prefix",
    ]
)

# ----------------------------------------------------------------------
# Qualifiers: 'Mailing Street' is the street, 'Other Street' a second address
# ----------------------------------------------------------------------
# Words that say which of the usual values this is, the main one: dropped.
MAIN_QUALIFIERS = frozenset(
    "mailing billing primary main business work office postal postale principal trabalho "
    "correo trabajo travail arbeit geschaftlich lavoro werk 1 address".split()
    + ["address 1", "mailing address", "de correo"]
)
# Words that say this is a second value (a second phone, a shipping address): dropped,
# the proposal is then a second choice a person checks.
SECOND_QUALIFIERS = frozenset(
    "shipping other home secondary alternate alternative personal private residencial "
    "outros otro autre andere altro overig 2 second delivery".split()
)
SECOND_CHOICE = {"phone": "mobile", "email": None}

# ----------------------------------------------------------------------
# Headers of each target, per model; the kinds' own tables are in the profile
# ----------------------------------------------------------------------
OWNER = [
    "owner",
    "owner email",
    "owner name",
    "owned by",
    "assigned to",
    "sales rep",
    "sales agent",
    "sales representative",
    "salesperson",
    "sales owner",
    "sales person",
    "account manager",
    "responsible",
    "responsible user",
    "account owner",
    "record owner",
    "user",
    "contact owner",
    "company owner",
    "deal owner",
    "lead owner",
    "opportunity owner",
    "owner id",
    "ownerid",
    "proprietario",
    "propietario",
    "proprietaire",
    "vendedor",
    "vendeur",
    "commercial",
    "responsable",
    "responsavel",
    "besitzer",
    "inhaber",
    "kontaktinhaber",
    "verantwortlich",
    "vertriebsmitarbeiter",
    "eigenaar",
    "verkoper",
    "titolare",
    "responsabile",
    "venditore",
    "commerciale",
    "ответственный",
    "менеджер",
    "владелец",
]
CREATED = [
    "created",
    "create date",
    "create time",
    "created at",
    "created on",
    "created time",
    "created date",
    "date created",
    "date added",
    "added on",
    "add time",
    "creation date",
    "creation time",
    "date joined",
    "createddate",
    "criado em",
    "criada em",
    # Pipedrive's 'Organização criada', 'Pessoa criada' (without their object's name)
    "criado",
    "criada",
    "data de criacao",
    "hora de creacion",
    "fecha de creacion",
    "creado",
    "date de creation",
    "cree le",
    "creee",
    "cree",
    "erstellt am",
    "erstellungsdatum",
    "erstellt",
    "data creazione",
    "data di creazione",
    "creato il",
    "gemaakt",
    "aangemaakt",
    "aanmaakdatum",
    "дата создания",
    "создано",
]
MODIFIED = [
    "last modified date",
    "last modified",
    "last modified time",
    "modified",
    "modified at",
    "modified on",
    "modified time",
    "updated",
    "updated at",
    "updated on",
    "date updated",
    "date modified",
    "last updated",
    "last update",
    "update time",
    "lastmodifieddate",
    "atualizado em",
    "atualizada em",
    "ultima atualizacao",
    "hora de modificacion",
    "fecha de modificacion",
    "modificado",
    "mise a jour",
    "mis a jour",
    "modifie le",
    "date de modification",
    "geandert am",
    "datum der letzten anderung",
    "zuletzt geandert",
    "data modifica",
    "data ultima modifica",
    "bijgewerkt",
    "gewijzigd",
    "дата изменения",
    "изменено",
]
SOURCE_ID = [
    "id",
    "record id",
    "source id",
    "external id",
    "object id",
    "item id",
    "uuid",
    "__id",
    "key",
    "number",
    "no",
    "id de registro",
    "datensatz id",
    "ид",
    "идентификатор",
]

COMMON_PARTNER = {
    "email": [
        "email",
        "emails",
        "e mail",
        "mail",
        "email address",
        "work email",
        "primary email",
        "correo",
        "correo electronico",
        "courriel",
        "adresse e mail",
        "e mail adresse",
        "indirizzo email",
        "e mailadres",
        "электронная почта",
        "почта",
    ],
    "phone": [
        "phone",
        "phones",
        "phone number",
        "telephone",
        "telephone number",
        "tel",
        "work phone",
        "office phone",
        "business phone",
        "main phone",
        "work",
        "telefone",
        "telefono",
        "telefon",
        "telefonnummer",
        "telefoon",
        "telefoonnummer",
        "numero de telephone",
        "телефон",
    ],
    "mobile": [
        "mobile",
        "mobile phone",
        "mobile phone number",
        "mobilephone",
        "cell",
        "cell phone",
        "cellphone",
        "mobile number",
        "celular",
        "telefone celular",
        "movil",
        "telefono movil",
        "portable",
        "telephone portable",
        "handy",
        "mobiltelefon",
        "mobiltelefonnummer",
        "mobilnummer",
        "cellulare",
        "mobiel",
        "mobiel nummer",
        "мобильный",
        "мобильный телефон",
    ],
    "website": [
        "website",
        "website url",
        "web",
        "url",
        "site",
        "web site",
        "domain",
        "company domain",
        "company domain name",
        "homepage",
        "site web",
        "sitio web",
        "pagina web",
        "sito web",
        "webseite",
        "сайт",
    ],
    "street": [
        "street",
        "billing street",
        "mailing street",
        "address",
        "street address",
        "address line 1",
        "address 1",
        "street 1",
        "address 1 street 1",
        "endereco",
        "rua",
        "logradouro",
        "direccion",
        "calle",
        "adresse",
        "rue",
        "strasse",
        "anschrift",
        "indirizzo",
        "via",
        "adres",
        "straat",
        "адрес",
        "улица",
    ],
    "street2": [
        "street2",
        "street 2",
        "address line 2",
        "address 2",
        "street address 2",
        "address 1 street 2",
        "complemento",
        "adresszusatz",
    ],
    "city": [
        "city",
        "billing city",
        "mailing city",
        "town",
        "suburb",
        "locality",
        "cidade",
        "ciudad",
        "ville",
        "stadt",
        "ort",
        "citta",
        "plaats",
        "woonplaats",
        "город",
    ],
    "zip": [
        "zip",
        "billing postal code",
        "billing zip",
        "mailing postal code",
        "mailing zip",
        "zip code",
        "zipcode",
        "postal code",
        "postcode",
        "post code",
        "zip postal code",
        "codigo de correo",
        "code",
        "cep",
        "codigo postal",
        "code postal",
        "postleitzahl",
        "plz",
        "cap",
        "postcode nl",
        "индекс",
        "почтовый индекс",
    ],
    "state_id": [
        "state",
        "billing state",
        "mailing state",
        "state region",
        "state province",
        "region",
        "province",
        "county",
        "estado",
        "uf",
        "provincia",
        "departement",
        "bundesland",
        "bundesland region",
        "regione",
        "регион",
        "область",
    ],
    "country_id": [
        "country",
        "billing country",
        "mailing country",
        "country region",
        "country name",
        "pais",
        "pays",
        "land",
        "land region",
        "paese",
        "nazione",
        "страна",
    ],
    "vat": [
        "vat",
        "tax id",
        "vat number",
        "vat id",
        "tax number",
        "cnpj",
        "cpf cnpj",
        "nif",
        "cif",
        "siret",
        "tva",
        "ust id",
        "ust idnr",
        "partita iva",
        "btw nummer",
        "инн",
    ],
    "category_id": [
        "tags",
        "tag",
        "labels",
        "label",
        "categories",
        "category",
        "etiquetas",
        "etiqueta",
        "etiquettes",
        "etiquette",
        "schlagworte",
        "etichette",
        "теги",
        "метки",
    ],
    "user_id": OWNER,
    "comment": [
        "notes",
        "note",
        "comment",
        "comments",
        "description",
        "about",
        "details",
        "background",
        "observacoes",
        "notas",
        "descripcion",
        "commentaire",
        "remarques",
        "notizen",
        "beschreibung",
        "descrizione",
        "note interne",
        "opmerkingen",
        "beschrijving",
        "примечание",
        "комментарий",
        "описание",
    ],
    "industry_id": [
        "industry",
        "sector",
        "setor",
        "industria",
        "secteur",
        "secteur d activite",
        "branche",
        "settore",
        "sector nl",
        "отрасль",
    ],
    "ref": ["reference", "ref", "account number", "customer number", "client number"],
    "lang": ["language", "lang", "idioma", "langue", "sprache", "lingua", "taal", "язык"],
}

PARTNER_NAME = [
    "name",
    "full name",
    "nome",
    "nome completo",
    "nombre completo",
    "nom complet",
    "vollstandiger name",
    "nome e cognome",
    "volledige naam",
    "название",
    "наименование",
    "фио",
]
COMPANY_NAME = [
    "company name",
    "account name",
    "organization name",
    "organisation name",
    "company",
    "organization",
    "business name",
    "razao social",
    "raison sociale",
    "razon social",
    "firmenname",
    "ragione sociale",
    "bedrijfsnaam",
    "название компании",
    "firma",
    "empresa",
]
JOB_TITLE = [
    "job title",
    "title",
    "position",
    "role",
    "job",
    "cargo",
    "puesto",
    "fonction",
    "poste",
    "titre",
    "berufsbezeichnung",
    "position de",
    "funktion",
    "titolo",
    "qualifica",
    "ruolo",
    "functie",
    "functietitel",
    "должность",
]
# Beside a column of the first target, a header of these words is the second target:
# Italian 'Nome' beside 'Cognome' is the first name, French 'Nom' beside 'Prénom' the last.
NAME_BESIDE = {
    "nome": ("_last_name", "_first_name"),
    "nombre": ("_last_name", "_first_name"),
    "nom": ("_first_name", "_last_name"),
}
# Likewise a 'Unit' or 'Suite' beside a street is the address's second line ('Suite
# 200'); alone, or as 'Business Unit', it is no address.
BESIDE = dict(
    NAME_BESIDE,
    unit=("street", "street2"),
    suite=("street", "street2"),
    apartment=("street", "street2"),
    apt=("street", "street2"),
)
SALUTATION = [
    "salutation",
    "prefix",
    "saudacao",
    "tratamento",
    "saludo",
    "tratamiento",
    "civilite",
    "anrede",
    "saluto",
    "titolo di cortesia",
    "aanhef",
    "обращение",
]
FIRST_NAME = [
    "first name",
    "firstname",
    "given name",
    "first",
    "primeiro nome",
    "nombre de pila",
    "prenom",
    "vorname",
    "voornaam",
    "имя",
]
LAST_NAME = [
    "last name",
    "lastname",
    "surname",
    "family name",
    "last",
    "sobrenome",
    "apellido",
    "apellidos",
    "nom de famille",
    "nachname",
    "familienname",
    "cognome",
    "achternaam",
    "фамилия",
]
MIDDLE_NAME = ["middle name", "middlename", "nome do meio", "segundo nombre", "отчество"]

LEAD = {
    "name": [
        "deal name",
        "name",
        "title",
        "opportunity name",
        "opportunity",
        "deal",
        "subject",
        "topic",
        "titulo",
        "nome do negocio",
        "nombre del trato",
        "titre",
        "thema",
        "titel",
        "titolo",
        "название сделки",
        "название",
        "сделка",
    ],
    "expected_revenue": [
        "amount",
        "deal value",
        "value",
        "revenue",
        "deal amount",
        "opportunity amount",
        "price",
        "total",
        "est revenue",
        "estimated revenue",
        "valor",
        "valor do negocio",
        "importe",
        "monto",
        "valeur",
        "montant",
        "betrag",
        "wert",
        "geschatzter umsatz",
        "valore",
        "importo",
        "waarde",
        "bedrag",
        "сумма",
        "бюджет",
    ],
    "probability": [
        "probability",
        "win probability",
        "close probability",
        "deal probability",
        "probabilidade",
        "probabilidad",
        "probabilite",
        "wahrscheinlichkeit",
        "probabilita",
        "kans",
        "waarschijnlijkheid",
        "вероятность",
    ],
    "stage_id": [
        "stage",
        "deal stage",
        "pipeline stage",
        "sales stage",
        "stagename",
        "stage name",
        "etapa",
        "fase",
        "etape",
        "phase",
        "verkaufsphase",
        "этап",
        "стадия",
    ],
    "team_id": [
        "pipeline",
        "sales pipeline",
        "deal pipeline",
        "team",
        "sales team",
        "funil",
        "funil de vendas",
        "embudo",
        "pipeline de ventas",
        "pijplijn",
        "vertriebspipeline",
        "воронка",
    ],
    "user_id": OWNER,
    "tag_ids": COMMON_PARTNER["category_id"],
    "date_deadline": [
        "close date",
        "expected close date",
        "closing date",
        "closedate",
        "expected closing",
        "estimated close date",
        "est close date",
        "forecast close date",
        "data de fechamento esperada",
        "previsao de fechamento",
        "fecha de cierre",
        "fecha prevista de cierre",
        "date de cloture prevue",
        "date de conclusion prevue",
        "geschatztes abschlussdatum",
        "abschlussdatum",
        "data di chiusura",
        "data chiusura prevista",
        "verwachte sluitingsdatum",
        "sluitingsdatum",
        "дата закрытия",
        "плановая дата закрытия",
    ],
    "date_closed": [
        "closed",
        "closed date",
        "date closed",
        "actual close date",
        "closed on",
        "won time",
        "close time",
        "negocio fechado em",
        "fechado em",
        "fecha de cierre real",
        "date de cloture",
        "tatsachliches abschlussdatum",
        "data chiusura effettiva",
        "gesloten op",
        "фактическая дата закрытия",
    ],
    "lost_reason_id": [
        "lost reason",
        "loss reason",
        "closed lost reason",
        "reason for loss",
        "reason lost",
        "motivo da perda",
        "motivo de perdida",
        "razon de perdida",
        "raison de la perte",
        "verlustgrund",
        "motivo perdita",
        "reden van verlies",
        "причина проигрыша",
    ],
    "description": [
        "notes",
        "description",
        "deal description",
        "comment",
        "comments",
        "details",
        "observacoes",
        "descripcion",
        "beschreibung",
        "descrizione",
        "beschrijving",
        "описание",
    ],
    "email_from": ["email", "e mail", "contact email", "email address"],
    "phone": ["phone", "phone number", "telephone", "телефон"],
    "mobile": ["mobile", "mobile phone", "cell"],
    "priority": [
        "priority",
        "prioridade",
        "prioridad",
        "priorite",
        "prioritat",
        "prioriteit",
        "приоритет",
    ],
    "referred": ["referred by", "referral"],
    "website": ["website", "url", "domain"],
    "street": ["street", "address"],
    "city": ["city"],
    "zip": ["zip", "postal code"],
    "country_id": ["country"],
    "function": ["job title", "position"],
    "contact_name": ["contact name", "contact person"],
    "partner_name": ["company name", "organization name"],
}

# Words of a deal's status column, besides the profile's won and lost words.
OPEN_WORDS = frozenset(
    "open aberto abierto ouvert offen aperto openstaand in progress открыта".split()
)

# A name an export lacks, made from its columns (a deal with no title column): the
# targets whose columns name its parts, in order; the first found of each group.
NAME_TEMPLATE_PARTS = {
    "deal": (("partner_id", "partner_name"), ("_product",), ("_contact", "contact_name")),
}
# Headers of a product or service column (no standard home: a custom field).
PRODUCT = [
    "product",
    "products",
    "product name",
    "service",
    "produto",
    "produtos",
    "nome do produto",
    "producto",
    "servicio",
    "produit",
    "produkt",
    "prodotto",
    "товар",
    "продукт",
]

# ----------------------------------------------------------------------
# Values
# ----------------------------------------------------------------------
# Salutations: a 'Title' column of these is the partner's title, not its job.
SALUTATIONS = frozenset(
    "mr mrs ms miss mx dr prof sir madam dame mister missus "
    "sr sra srta sres d dna don dona "
    "m mme mlle mmes messrs "
    "herr frau "
    "sig sigra dott dottssa ing avv "
    "dhr mevr mw hr".split()
    + ["sig ra", "dott ssa", "г н", "г жа", "господин", "госпожа"]
)
# Header words saying a column of web addresses is not the website (a social profile).
NOT_WEBSITE = frozenset("linkedin twitter facebook instagram xing skype youtube tiktok x".split())
# The last label of a bare domain that is a website's ('acme.com'), besides any country
# code of two letters: 'megan.holt' (a user's nickname) names no web site.
WEB_TLDS = frozenset(
    """com net org info biz io co ai app dev tech online site website shop store cloud
    digital agency group solutions services systems software media studio design global
    world email today live pro name mobi xyz edu gov mil int eu asia africa lat travel
    health care clinic dental law legal finance capital ventures partners consulting
    company business center network energy build construction auto bank insurance""".split()
)
# A customer's kind as exports write it: a person (False) or a company (True). A column
# of these says whether each partner is a company (``is_company``), as the profiles'
# value maps read it.
PARTY_TYPES = {
    "person": False,
    "individual": False,
    "personal": False,
    "private": False,
    "residential": False,
    "consumer": False,
    "b2c": False,
    "company": True,
    "business": True,
    "commercial": True,
    "organization": True,
    "organisation": True,
    "corporate": True,
    "b2b": True,
    "pessoa fisica": False,
    "pessoa juridica": True,
    "persona fisica": False,
    "persona juridica": True,
    "persona giuridica": True,
    "particular": False,
    "empresa": True,
    "particulier": False,
    "professionnel": True,
    "entreprise": True,
    "privatperson": False,
    "privatkunde": False,
    "geschaftskunde": True,
    "unternehmen": True,
    "privato": False,
    "azienda": True,
    "zakelijk": True,
    "физическое лицо": False,
    "юридическое лицо": True,
}
# Countries as exports write them (names in the eight languages, ISO codes).
COUNTRIES = frozenset(
    """united states usa us united states of america canada mexico brazil brasil argentina chile
    colombia peru united kingdom uk great britain england ireland france germany deutschland
    allemagne alemanha alemania germania duitsland spain espana espagne spanien italy italia
    italie italien portugal netherlands nederland pays bas niederlande belgium belgique belgie
    switzerland schweiz suisse svizzera austria osterreich sweden sverige norway norge denmark
    finland poland polska czech republic russia россия india china japan australia new zealand
    south africa nigeria ghana kenya egypt singapore israel turkey uae saudi arabia
    de fr es it pt nl be ch at se no dk fi pl cz ru in cn jp au nz za ng gh ke eg sg il tr br mx
    ar cl co ca gb ie""".split()
    + [
        "united states",
        "united kingdom",
        "czech republic",
        "new zealand",
        "south africa",
        "saudi arabia",
        "united states of america",
        "pays bas",
        "great britain",
    ]
)
# Header words that say a column holds names of people (never a selection).
PERSON_NAME_HEADERS = frozenset(FIRST_NAME + LAST_NAME + MIDDLE_NAME + PARTNER_NAME)

# ----------------------------------------------------------------------
# Units of a header: 'Call duration (ms)', 'Duration (seconds)'
# ----------------------------------------------------------------------
DURATION_UNITS = {
    0.001: ("ms", "millis", "milliseconds", "millisecondes", "millisekunden", "milisegundos"),
    1.0: (
        "s",
        "sec",
        "secs",
        "seconds",
        "segundos",
        "secondes",
        "sekunden",
        "secondi",
        "seconden",
    ),
    60.0: ("min", "mins", "minutes", "minutos", "minuten", "minuti", "минут", "мин"),
    3600.0: ("h", "hr", "hrs", "hours", "horas", "heures", "stunden", "ore", "uren", "часов"),
}

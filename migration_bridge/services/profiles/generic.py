"""The generic profile: any CRM's export, recognised from file names and headers."""

from .. import vocabulary
from ..transform import XmlId
from .base import CUSTOM_TYPE_FOR, Fold, KindSpec, Link, NotMigrated, ObjectSpec, Profile, Ref

NOTE = XmlId("mail.mt_note")
COMMENT = XmlId("mail.mt_comment")
CALL = XmlId("mail.mail_activity_data_call")
TODO = XmlId("mail.mail_activity_data_todo")
EMAIL = XmlId("mail.mail_activity_data_email")
MEETING = XmlId("mail.mail_activity_data_meeting")

KINDS = {
    "company": KindSpec("res.partner", 10, "Companies", {"is_company": True}),
    "contact": KindSpec("res.partner", 20, "Contacts", {"is_company": False}),
    "deal": KindSpec("crm.lead", 40, "Deals", {"type": "opportunity"}),
    # Engagements: each lands on a record loaded before it, never on another's.
    "task": KindSpec("mail.activity", 50, "Tasks", {"activity_type_id": TODO}, independent=True),
    "call": KindSpec("mail.activity", 51, "Calls", {"activity_type_id": CALL}, independent=True),
    "meeting": KindSpec("calendar.event", 55, "Meetings", independent=True),
    # A meeting's attendees (Salesforce's EventRelation): each row adds a partner to it.
    "attendee": KindSpec("calendar.event", 56, "Meeting attendees", link=True),
    "note": KindSpec(
        "mail.message",
        60,
        "Notes",
        {"message_type": "comment", "subtype_id": NOTE},
        independent=True,
    ),
    "email": KindSpec(
        "mail.message",
        61,
        "Emails",
        {"message_type": "email", "subtype_id": COMMENT},
        independent=True,
    ),
    "document": KindSpec("ir.attachment", 70, "Documents"),
    # A deal's products: no sales order in a CRM migration; kept as text on the deal.
    "deal_line": KindSpec("crm.lead", 45, "Deal line items (kept on their deal)"),
    # The source's users: never written; owners given by id are matched through them.
    "user": KindSpec("res.users", 5, "Users (owners)", custom_fields=False),
    # Association tables (a deal's contact roles, accounts_contacts): rows that only link
    # records of other files by their ids. Recognised by their columns; not loaded.
    "link": KindSpec(None, 90, "Links between records (not loaded)", link=True),
}
# Ranks kept free for what the loader creates or later profiles add:
# 30 teams and stages.

# The header tables live in services/vocabulary.py (data shared by every profile);
# the names below stay importable from here for the other profiles.
OWNER = vocabulary.OWNER
CREATED = vocabulary.CREATED
MODIFIED = vocabulary.MODIFIED
SOURCE_ID = vocabulary.SOURCE_ID
COMMON_PARTNER = vocabulary.COMMON_PARTNER

SYNONYMS = {
    "res.partner": dict(
        COMMON_PARTNER,
        name=vocabulary.PARTNER_NAME,
        function=vocabulary.JOB_TITLE,
        title=vocabulary.SALUTATION,
    ),
    "crm.lead": vocabulary.LEAD,
}

# Columns of the usual exports that carry nothing to keep.
SKIPPED = (
    "row checksum",
    "zeilenprufsumme",
    "isdeleted",
    "is deleted",
    "deleted",
    "systemmodstamp",
    "system modstamp",
    "activityid",
    "bodylength",
    "body length",
)

OBJECTS = [
    ObjectSpec(
        kind="company",
        name_patterns=(
            "compan",
            "account",
            "organi",
            "client",
            "customer",
            "firm",
            "компани",
            "организац",
            "контрагент",
            "клиент",
            "societe",
            "empresa",
            "organisat",
            "organizac",
            "unternehmen",
            "firmen",
            "aziend",
            "bedrijv",
        ),
        header_hints=(
            "company name",
            "company id",
            "industry",
            "website",
            "domain",
            "employees",
            "annual revenue",
            "account name",
            "vat",
            "parent company",
        ),
        references={"parent_id": Ref(("company",))},
        required=("name", "x_source_id"),
        natural_key=("name",),
        skip_columns=SKIPPED,
        # A customers file of companies and people ('Residential' / 'Commercial' beside
        # the customer's name) says which are companies. On a file of contacts (people
        # with first and last names) that type is their customer's, not theirs.
        value_maps={"is_company": vocabulary.PARTY_TYPES},
        synonyms={
            "name": vocabulary.COMPANY_NAME + vocabulary.PARTNER_NAME,
            "x_source_id": SOURCE_ID
            + [
                "company id",
                "account id",
                "organization id",
                "customer id",
                "client id",
                "companyid",
                "accountid",
            ],
            "parent_id": [
                "parent company id",
                "parent company",
                "parent account",
                "parent account id",
                "parent id",
                "parent",
                "parentid",
                "parent organization",
                # vtiger's and SugarCRM's parent account
                "member of",
                "empresa matriz",
                "societe mere",
                "muttergesellschaft",
                "головная компания",
            ],
            "create_date": CREATED,
            "write_date": MODIFIED,
        },
    ),
    ObjectSpec(
        kind="contact",
        name_patterns=(
            "contact",
            "people",
            "person",
            "pessoa",
            "persona",
            "contato",
            "contatt",
            "kontakt",
            "personen",
            "контакт",
            "люди",
            # a field-service CRM's service locations: addresses of their customer
            "location",
        ),
        header_hints=(
            "first name",
            "last name",
            "job title",
            "birthday",
            "title",
            "mobile",
            "salutation",
        ),
        references={
            "parent_id": Ref(("company",), create="company"),
            "company_name": Ref(("company",), by=("name",), create="company", into="parent_id"),
        },
        required=(("name", "_first_name", "_last_name"), "x_source_id"),
        natural_key=("email", "name"),
        skip_columns=SKIPPED,
        targets=("_first_name", "_middle_name", "_last_name"),
        synonyms={
            "x_source_id": SOURCE_ID + ["contact id", "person id", "record id", "contactid"],
            "company_name": ["associated company", "company name (text)"]
            + vocabulary.COMPANY_NAME,
            "parent_id": [
                "company id",
                "account id",
                "associated company id",
                "associated company ids",
                "account",
                "accountid",
                "organisation",
                "компания",
                "организация",
                "societe",
            ],
            "_first_name": vocabulary.FIRST_NAME,
            "_last_name": vocabulary.LAST_NAME,
            "_middle_name": vocabulary.MIDDLE_NAME,
            "name": vocabulary.PARTNER_NAME + ["contact name", "имя контакта"],
            "create_date": CREATED,
            "write_date": MODIFIED,
        },
    ),
    ObjectSpec(
        kind="deal",
        name_patterns=(
            "deal",
            "opportunit",
            "pipeline",
            "сделк",
            "affaire",
            "oportunidad",
            "negocio",
            "verkaufschance",
            "trattativ",
            "potential",
        ),
        header_hints=(
            "stage",
            "amount",
            "deal value",
            "close date",
            "pipeline",
            "probability",
            "deal name",
            "expected revenue",
            "lost reason",
            "stagename",
        ),
        references={
            "partner_id": Ref(("company", "contact"), create="company"),
            "_contact": Ref(("contact",), by=("id", "email", "name")),
        },
        required=("name", "x_source_id"),
        # An export with no id column: a deal is known by its name.
        natural_key=("name",),
        targets=("_status", "_contact"),
        skip_columns=SKIPPED,
        synonyms={
            "x_source_id": SOURCE_ID + ["deal id", "opportunity id", "dealid"],
            "write_date": MODIFIED,
            "partner_id": [
                "associated company ids",
                "associated company id",
                "company id",
                "company",
                "organization",
                "organisation",
                "account",
                "account id",
                "client",
                "customer",
                "customer id",
                "accountid",
                "organization name",
                "associated company",
                "компания",
                "клиент",
            ],
            "_contact": [
                "contact id",
                "contact",
                "person",
                "person id",
                "contactid",
                "associated contact",
                "associated contact ids",
                "associated contact id",
                "primary contact",
                "контакт",
            ],
            "expected_revenue": vocabulary.LEAD["expected_revenue"],
            "_status": [
                "status",
                "deal status",
                "won lost",
                "outcome",
                "situacao",
                "estado",
                "statut",
                "stato",
                "статус",
            ],
            "create_date": CREATED,
        },
    ),
]

# ----------------------------------------------------------------------
# Engagements and documents: HubSpot's and Salesforce's exports, and the like
# ----------------------------------------------------------------------
ACTIVITY_ID = SOURCE_ID + [
    "activity id",
    "engagement id",
    "note id",
    "task id",
    "call id",
    "meeting id",
    "event id",
    "email id",
    "message id",
    "file id",
    "attachment id",
    "document id",
]
ON_RECORD = {
    "_record": [
        "whatid",
        "what id",
        "related to",
        "related to id",
        "relatedtoid",
        "parentid",
        "parent id",
        "regarding",
        "related record",
    ],
    "_person": [
        "whoid",
        "who id",
        "associated contact ids",
        "associated contact id",
        "associated contacts",
        "contact id",
        "contactid",
        "contact",
        "name id",
    ],
    "_deal": [
        "associated deal ids",
        "associated deal id",
        "associated deals",
        "deal id",
        "opportunity id",
        "opportunityid",
    ],
    "_company": [
        "associated company ids",
        "associated company id",
        "associated companies",
        "company id",
        "account id",
        "accountid",
    ],
    "create_date": CREATED + ["create date", "createddate", "created date"],
    "write_date": MODIFIED,
}
ON_RECORD_REFS = {
    "_record": Ref(("deal", "company", "contact"), by=("id",)),
    "_deal": Ref(("deal",), by=("id",)),
    "_person": Ref(("contact",), by=("id", "email")),
    "_company": Ref(("company",), by=("id", "name")),
}
ON_RECORD_TARGETS = ("_deal", "_record", "_person", "_company")
# The kind of the record a polymorphic reference points to (SuiteCRM's 'Parent Type' of
# 'Accounts' beside its 'Parent ID'): the reference finds it by its id alone.
RECORD_TYPES = (
    "parent type",
    "related to type",
    "related type",
    "regarding type",
    "what type",
    "whattype",
    "parent module",
)
ASSIGNED = [
    "activity assigned to",
    "assigned to",
    "assigned to user",
    "ownerid",
    "owner",
    "owner id",
    "assignee",
    "user",
]
DONE = {
    "completed": True,
    "complete": True,
    "done": True,
    "closed": True,
    "held": True,
    "not started": False,
    "in progress": False,
    "waiting on someone else": False,
    "to do": False,
    "deferred": False,
    "scheduled": False,
    "open": False,
    "pending": False,
    "planned": False,
}
ACTIVITY_TYPES = {
    "task": TODO,
    "todo": TODO,
    "to do": TODO,
    "call": CALL,
    "phone call": CALL,
    "email": EMAIL,
    "meeting": MEETING,
}
DIRECTIONS = {
    "incoming email": "incoming",
    "incoming": "incoming",
    "inbound": "incoming",
    "true": "incoming",
    "email": "outgoing",
    "forwarded email": "outgoing",
    "outgoing": "outgoing",
    "outbound": "outgoing",
    "false": "outgoing",
}


def _activity(kind, patterns, hints, synonyms):
    return ObjectSpec(
        kind=kind,
        name_patterns=patterns,
        header_hints=hints,
        references=dict(ON_RECORD_REFS),
        required=("x_source_id",),
        targets=ON_RECORD_TARGETS + ("_done", "_done_on", "_duration", "_outcome", "_direction"),
        value_maps={"_done": DONE, "activity_type_id": ACTIVITY_TYPES, "_direction": DIRECTIONS},
        skip_columns=SKIPPED + RECORD_TYPES,
        synonyms=dict(
            ON_RECORD,
            x_source_id=ACTIVITY_ID,
            summary=["subject", "title", "task title", "call title", "summary", "name"],
            note=["description", "notes", "task notes", "call notes", "body", "comments"],
            date_deadline=[
                "due date",
                "activitydate",
                "activity date",
                "due",
                "deadline",
                "date",
                "date due",
            ],
            user_id=ASSIGNED,
            activity_type_id=["task type", "tasksubtype", "task subtype", "type", "activity type"],
            _done=[
                "status",
                "task status",
                "call status",
                "isclosed",
                "is closed",
                "completed",
                "done",
            ],
            _done_on=["completeddatetime", "completed at", "completed date", "completion date"],
            _duration=[
                "call duration (ms)",
                "calldurationinseconds",
                "call duration in seconds",
                "call duration",
                "duration",
                "duration (ms)",
            ],
            _outcome=["call outcome", "calldisposition", "call disposition", "outcome", "result"],
            _direction=["calltype", "call type", "call direction", "direction"],
            **synonyms,
        ),
    )


DEAL_LINES = ObjectSpec(
    kind="deal_line",
    name_patterns=("lineitem", "line item", "line_item", "deal product", "opportunityproduct"),
    header_hints=("quantity", "unitprice", "unit price", "opportunityid", "product2id"),
    required=("_parent",),
    targets=("_parent",),
    fold=Fold(
        parent="deal",
        field="x_line_items",
        label="Line items",
        template="{Quantity|Qty} x {Name|Product name|Product|ProductCode|Product code} "
        "at {UnitPrice|Unit price|Price|ListPrice}",
    ),
    synonyms={
        "_parent": [
            "opportunityid",
            "opportunity id",
            "deal id",
            "associated deal ids",
            "associated deal id",
            "associated deal",
            "deal",
        ],
    },
)

ATTENDEES = ObjectSpec(
    kind="attendee",
    name_patterns=("eventrelation", "event relation", "attendee", "invitee", "participant"),
    header_hints=("eventid", "relationid", "event id", "attendee id", "invitee id"),
    references={
        "_parent": Ref(("meeting",), by=("id",)),
        "_member": Ref(("contact", "company"), by=("id", "email")),
    },
    required=("_parent", "_member"),
    targets=("_parent", "_member"),
    link=Link(
        parent="meeting",
        members=("contact", "company", "user"),
        field="partner_ids",
        label="Attendees",
    ),
    skip_columns=SKIPPED,
    synonyms={
        "x_source_id": SOURCE_ID,
        "_parent": ["eventid", "event id", "meeting id", "event", "meeting"],
        "_member": [
            "relationid",
            "relation id",
            "attendee id",
            "attendee",
            "attendee email",
            "invitee id",
            "invitee",
            "contact id",
            "contactid",
            "participant",
            "email",
        ],
    },
)

USERS = ObjectSpec(
    kind="user",
    name_patterns=(
        "user",
        "owner",
        "staff",
        "employee",
        "reps",
        "sales rep",
        "salesrep",
        "sales agent",
        "salespe",
        "пользовател",
        "сотрудник",
    ),
    header_hints=("username", "user name", "login", "isactive", "is active", "profileid"),
    required=("x_source_id",),
    # A directory with no id column: owners are given by email or by name.
    natural_key=("email", "name"),
    skip_columns=SKIPPED,
    synonyms={
        "x_source_id": SOURCE_ID + ["user id", "owner id", "userid", "ownerid"],
        "email": ["email", "e mail", "email address", "user email"],
        "login": ["username", "user name", "login"],
        "name": ["name", "full name", "user name (full)"],
        "active": ["isactive", "is active", "active"],
    },
    targets=("_first_name", "_last_name"),
)

ENGAGEMENTS = [
    _activity(
        "task",
        (
            "task",
            "todo",
            "задач",
            "activit",
            "atividad",
            "actividad",
            "tarefa",
            "tarea",
            "aufgabe",
        ),
        ("task title", "task status", "due date", "tasksubtype", "whoid", "whatid"),
        {},
    ),
    _activity(
        "call",
        ("call", "звонк"),
        ("call title", "call duration (ms)", "call outcome", "call status", "calldisposition"),
        {},
    ),
    ObjectSpec(
        kind="meeting",
        name_patterns=("meeting", "event", "встреч", "appointment"),
        header_hints=(
            "meeting name",
            "meeting start time",
            "startdatetime",
            "enddatetime",
            "isalldayevent",
            "location",
        ),
        references=dict(ON_RECORD_REFS),
        required=("x_source_id", "name", "start"),
        targets=ON_RECORD_TARGETS,
        skip_columns=SKIPPED + RECORD_TYPES,
        synonyms=dict(
            ON_RECORD,
            x_source_id=ACTIVITY_ID,
            name=["meeting name", "subject", "title", "meeting title", "name"],
            start=[
                "meeting start time",
                "startdatetime",
                "start date time",
                "start",
                "start time",
                "activitydatetime",
                "activity date",
                "date start",
            ],
            stop=[
                "meeting end time",
                "enddatetime",
                "end date time",
                "end",
                "end time",
                "date end",
            ],
            allday=["isalldayevent", "all day", "all day event", "allday"],
            location=["meeting location", "location", "place"],
            description=["meeting description", "description", "notes", "body", "agenda"],
            partner_ids=["meeting attendees", "attendees", "attendee emails", "participants"],
            user_id=ASSIGNED + ["organizer", "organiser", "meeting organizer"],
        ),
    ),
    ObjectSpec(
        kind="note",
        name_patterns=("note", "comment", "заметк", "примечан"),
        header_hints=("note body", "body", "parentid", "title"),
        references=dict(ON_RECORD_REFS),
        required=("x_source_id", "body"),
        targets=ON_RECORD_TARGETS,
        skip_columns=SKIPPED + RECORD_TYPES,
        synonyms=dict(
            ON_RECORD,
            x_source_id=ACTIVITY_ID,
            # SuiteCRM's note 'Name' is its title
            subject=["title", "subject", "name"],
            body=["note body", "body", "note", "content", "text", "description"],
            date=["activity date", "date", "note date"],
            author_id=ASSIGNED + ["created by", "author", "createdbyid"],
        ),
    ),
    ObjectSpec(
        kind="email",
        name_patterns=("emailmessage", "email", "mail", "письм"),
        header_hints=(
            "email subject",
            "email body",
            "fromaddress",
            "toaddress",
            "email from address",
            "messagedate",
        ),
        references=dict(ON_RECORD_REFS),
        required=("x_source_id",),
        targets=ON_RECORD_TARGETS + ("_to", "_direction", "_opens", "_clicks"),
        value_maps={"_direction": DIRECTIONS},
        # An email's author is its sender (email_from), not the owner of the record.
        skip_columns=SKIPPED
        + RECORD_TYPES
        + ("htmlbody", "html body", "ccaddress", "bccaddress", "status", "parentid")
        + ("activity assigned to", "ownerid", "owner", "owner id", "assigned to"),
        synonyms=dict(
            ON_RECORD,
            x_source_id=ACTIVITY_ID,
            subject=["email subject", "subject", "title"],
            body=["email body", "textbody", "text body", "body", "content", "message"],
            email_from=[
                "email from address",
                "fromaddress",
                "from address",
                "from",
                "sender",
                "sender email",
            ],
            _to=["email to address", "toaddress", "to address", "to", "recipients", "recipient"],
            _record=["relatedtoid", "related to id", "related to", "whatid", "regarding"],
            _direction=["email direction", "incoming", "direction"],
            _opens=["email opens", "opens", "open count", "number of opens", "opened"],
            _clicks=["email clicks", "clicks", "click count", "number of clicks", "clicked"],
            date=["messagedate", "message date", "activity date", "sent at", "date", "sent"],
        ),
    ),
    ObjectSpec(
        kind="document",
        name_patterns=("attachment", "document", "file", "вложен", "документ"),
        header_hints=("file name", "file path", "contenttype", "content type", "parentid"),
        references=dict(ON_RECORD_REFS, _message=Ref(("note", "email"), by=("id",))),
        required=("x_source_id", "name"),
        targets=ON_RECORD_TARGETS + ("_file", "_message"),
        skip_columns=SKIPPED + RECORD_TYPES,
        synonyms=dict(
            ON_RECORD,
            x_source_id=ACTIVITY_ID,
            name=["file name", "name", "filename", "title", "document name"],
            mimetype=["contenttype", "content type", "mime type", "mimetype", "type"],
            _file=["file path", "path", "pathonclient", "location", "file"],
            _message=["note id", "email id", "attached to note"],
            description=["description"],
        ),
    ),
]

# Inferred type -> Odoo ttype of a new custom field: the format's defaults.
CUSTOM_TYPES = dict(CUSTOM_TYPE_FOR)

PROFILE = Profile(
    code="generic",
    label="Generic CRM export",
    objects=OBJECTS + ENGAGEMENTS + [DEAL_LINES, ATTENDEES, USERS],
    kinds=KINDS,
    synonyms=SYNONYMS,
    won_values=(
        "won",
        "closed won",
        "closed-won",
        "closedwon",
        "win",
        "deal won",
        "выиграна",
        "успешно",
        "успешно реализовано",
        "gagne",
        "ganado",
        "gewonnen",
    ),
    lost_values=(
        "lost",
        "closed lost",
        "closed-lost",
        "closedlost",
        "lose",
        "dead",
        "deal lost",
        "проиграна",
        "неуспешно",
        "закрыто и не реализовано",
        "perdu",
        "perdido",
        "verloren",
    ),
    dedupe_keys={"company": ["name"], "contact": ["email"], "deal": []},
    not_migrated=[
        NotMigrated(
            "Workflows and automations",
            "Automation rules (Settings > Technical > Automation Rules) or Studio",
            name_patterns=("workflow", "automation", "process builder"),
        ),
        NotMigrated(
            "Reports and dashboards",
            "Odoo reporting views, spreadsheets (Enterprise) or Studio reports",
            name_patterns=("report", "dashboard"),
        ),
        # Objects with no home in CRM: the app that would take them
        NotMigrated(
            "Products and price books",
            "Products of the Sales app (install Sales, then Sales > Products > Import)",
            "a deal's line items are kept on the deal",
            name_patterns=("product", "pricebook", "price book", "price list", "catalog"),
        ),
        NotMigrated(
            "Quotes and orders",
            "Quotations and sales orders of the Sales app",
            name_patterns=("quote", "quotation", "salesorder", "sales order", "order"),
        ),
        NotMigrated(
            "Invoices and payments",
            "Invoicing (install Invoicing / Accounting)",
            name_patterns=("invoice", "payment"),
        ),
        NotMigrated(
            "Sales teams and territories",
            "CRM > Configuration > Sales Teams (teams are created from the deals' pipelines)",
            name_patterns=("salesteam", "sales team", "territor"),
        ),
        NotMigrated(
            "Cases and tickets",
            "Helpdesk tickets (Enterprise) or project tasks",
            name_patterns=("case", "ticket"),
        ),
        NotMigrated(
            "Campaigns",
            "Email Marketing campaigns, UTM campaigns",
            name_patterns=("campaign",),
        ),
    ],
    custom_type_for=CUSTOM_TYPES,
)

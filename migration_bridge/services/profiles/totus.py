"""TOTUS Marketing: a marketing CRM with no published schema, read from what discovery finds.

TOTUS publishes no object model, API reference or export format (shared/PLATFORMS.md).
This profile recognises the CSV files a TOTUS instance exports, one per object with
human column names (the shape of ``data/samples/totus/``, written by
``scripts/samples/totus.py``): users, companies, contacts, deals, the five kinds of
engagements (emails, calls, meetings, tasks, notes), attachments, and the objects that
do not migrate (workflows and automations, email templates, landing pages, forms...),
which are listed with their Odoo equivalent.

Where each object lands (the seed page's mapping table, row by row):

- Contact: ``res.partner`` (a person). Its TOTUS type (customer, vendor, employee) becomes
  a partner tag (``category_id``, ``res.partner.category`` "Customer", "Vendor",
  "Employee") next to its TOTUS tags: Odoo 17 without Accounting has no customer or
  supplier flag, and the partner's ``type`` is its address type (contact, invoice,
  delivery, other), which the loader itself sets to "other" for a child with its own
  address. Its company by id (``Company ID``) or by name (``Company``, created when it
  is nowhere: *Create missing*).
- Company / Account: ``res.partner`` with ``is_company``; its domain is its website, its
  parent company (a subsidiary) its ``parent_id``.
- Deal / Opportunity: ``crm.lead`` of type opportunity; pipeline to a sales team
  (``crm.team``), stage through the stage map (won and lost included), amount to
  ``expected_revenue``, probability kept as given. Currency: ``crm.lead`` has no
  currency field in Odoo 17 (``company_currency`` is the company's); the ``Currency``
  column is therefore not mapped here and discovery proposes it as the custom field
  ``x_currency`` (a selection of the codes found), so every amount keeps the currency it
  was written in.
- Pipeline: teams and stages, created by the loader before the first deal.
- Engagement: Email: a message of type email on its deal, contact or company; its opens and clicks
  are kept as lines of the message (details, like a call's duration).
- Engagement: Call: an activity of type Call when open; logged in the chatter when done, with its
  duration (seconds or hh:mm:ss) and outcome as details.
- Engagement: Meeting: a calendar event with its attendees (partners found by email).
- Engagement: Task: an activity (To-Do, Call, Email...) with its due date when open; a logged
  message when its status says done.
- Engagement: Note: a logged note, its HTML kept (inline ``data:image`` pictures included).
- Custom Field (TOTUS): any column no synonym claims becomes a custom ``x_`` field of the
  type discovery infers (text, number, date, yes/no, dropdown as a selection of the
  values found, a multi-select as text).
- Owner / User: owners are matched to Odoo users by email, archived users included; the
  users file is read, never written.
- Tag / Label: ``crm.tag`` on deals, ``res.partner.category`` on companies and contacts,
  found or created by name (case-insensitively: "VIP" and "vip" are one tag).
- Document / Attachment: an attachment on its record, its file taken from the upload.
"""

from .base import Join, NotMigrated, ObjectSpec, Profile, Ref
from .generic import (
    ACTIVITY_ID,
    ACTIVITY_TYPES,
    ASSIGNED,
    CALL,
    CREATED,
    CUSTOM_TYPES,
    DIRECTIONS,
    DONE,
    MEETING,
    MODIFIED,
    ON_RECORD,
    ON_RECORD_REFS,
    ON_RECORD_TARGETS,
    SKIPPED,
    SOURCE_ID,
    SYNONYMS,
    TODO,
)
from .generic import KINDS as GENERIC_KINDS
from .generic import PROFILE as GENERIC

# A contact's TOTUS type and its TOTUS tags both become partner tags, joined into one
# list of tag names (two columns mapped to one many2many would overwrite each other).
CONTACT_TAGS = Join(
    "category_id",
    ("Contact Type", "Tags"),
    sep="; ",
    target_type=("many2many", "res.partner.category"),
)


# The generic kinds (models, load ranks, defaults), without deal line items and
# association tables: TOTUS exports neither.
KINDS = {
    kind: spec
    for kind, spec in GENERIC_KINDS.items()
    if kind not in ("deal_line", "link", "attendee")
}

# ----------------------------------------------------------------------
# Companies, contacts, deals, users
# ----------------------------------------------------------------------
COMPANIES = ObjectSpec(
    kind="company",
    name_patterns=("compan", "account", "organi"),
    header_hints=("company name", "company id", "domain", "industry", "annual revenue"),
    references={"parent_id": Ref(("company",))},
    required=("name", "x_source_id"),
    natural_key=("name",),
    skip_columns=SKIPPED,
    synonyms={
        "x_source_id": SOURCE_ID + ["company id", "account id"],
        "name": ["company name", "account name", "company", "name"],
        "parent_id": ["parent company id", "parent company", "parent account id", "parent id"],
        # TOTUS gives a company its domain ('northpeak-outdoor.example'): its website.
        "website": ["domain", "company domain", "domain name", "website"],
        "create_date": CREATED,
        "write_date": MODIFIED,
    },
)

CONTACTS = ObjectSpec(
    kind="contact",
    name_patterns=("contact", "people", "person"),
    header_hints=("first name", "last name", "contact type", "lifecycle", "job title"),
    references={
        "parent_id": Ref(("company",), create="company"),
        # The company's name when no id is given: found by name, created when it is
        # nowhere (confirmed per column as Create missing).
        "company_name": Ref(("company",), by=("name",), create="company", into="parent_id"),
    },
    required=(("name", "_first_name", "_last_name"), "x_source_id"),
    natural_key=("email", "name"),
    targets=("_first_name", "_middle_name", "_last_name"),
    # Contact type -> partner tags (res.partner.category), joined with the TOTUS tags:
    # 'Customer', 'Vendor', 'Employee' are tags of those names. Not the partner's
    # ``type`` (an address type in Odoo 17), not a custom selection (a tag is what
    # Odoo's contact lists filter and group by).
    transforms=(CONTACT_TAGS,),
    skip_columns=SKIPPED,
    synonyms={
        "x_source_id": SOURCE_ID + ["contact id", "person id"],
        # 'Company ID' is the contact's company, 'Company' its name (not its own id).
        "parent_id": ["company id", "account id", "associated company id", "parent company id"],
        "company_name": ["company", "company name", "associated company", "organization"],
        "_first_name": ["first name", "firstname", "given name"],
        "_last_name": ["last name", "lastname", "surname", "family name"],
        "_middle_name": ["middle name"],
        "name": ["full name", "name", "contact name"],
        "function": ["job title", "title", "position", "role"],
        "create_date": CREATED,
        "write_date": MODIFIED,
    },
)

DEALS = ObjectSpec(
    kind="deal",
    name_patterns=("deal", "opportunit"),
    header_hints=("deal name", "deal stage", "pipeline", "amount", "currency", "close date"),
    references={
        "partner_id": Ref(("company", "contact"), create="company"),
        "_contact": Ref(("contact",), by=("id", "email", "name")),
    },
    required=("name", "x_source_id"),
    targets=("_status", "_contact"),
    skip_columns=SKIPPED,
    # 'Currency' is deliberately absent: crm.lead has no currency field in Odoo 17, the
    # column becomes the custom field x_currency (see the module's docstring).
    synonyms={
        "x_source_id": SOURCE_ID + ["deal id", "opportunity id"],
        "name": ["deal name", "name", "title", "opportunity name"],
        "team_id": ["pipeline", "pipeline name", "sales pipeline"],
        "stage_id": ["deal stage", "stage", "pipeline stage"],
        "_status": ["deal status", "status", "won lost"],
        "expected_revenue": ["amount", "deal amount", "deal value", "value"],
        "probability": ["probability", "probability %", "win probability"],
        "date_deadline": ["close date", "expected close date", "closing date"],
        "lost_reason_id": ["lost reason", "loss reason", "closed lost reason"],
        "partner_id": ["company id", "account id", "company", "company name"],
        "_contact": ["primary contact id", "primary contact", "contact id", "contact email"],
        "tag_ids": ["tags", "tag", "labels"],
        "create_date": CREATED,
        "write_date": MODIFIED,
    },
)

USERS = ObjectSpec(
    kind="user",
    name_patterns=("user", "owner", "team member", "seat"),
    header_hints=("user id", "role", "active", "last login"),
    required=("x_source_id",),
    skip_columns=SKIPPED,
    targets=("_first_name", "_last_name"),
    synonyms={
        "x_source_id": SOURCE_ID + ["user id", "owner id"],
        "email": ["email", "email address", "user email"],
        "login": ["username", "user name", "login"],
        "name": ["name", "full name"],
        "_first_name": ["first name"],
        "_last_name": ["last name"],
        # 'No' for an owner who left the company: matched all the same (archived users).
        "active": ["active", "is active", "enabled"],
    },
)

# ----------------------------------------------------------------------
# Engagements and attachments: on the deal, else the contact, else the company
# ----------------------------------------------------------------------
# TOTUS statuses of tasks and calls, besides the usual ones.
TOTUS_DONE = dict(
    DONE,
    **{"waiting": False, "scheduled": False, "no show": True, "missed": True, "logged": True},
)
TOTUS_ACTIVITY_TYPES = dict(
    ACTIVITY_TYPES, **{"follow up": TODO, "reminder": TODO, "call back": CALL, "demo": MEETING}
)
# TOTUS writes an email's direction as Sent / Received.
TOTUS_DIRECTIONS = dict(DIRECTIONS, **{"sent": "outgoing", "received": "incoming"})
RECORD_COLUMNS = dict(
    ON_RECORD,
    _deal=ON_RECORD["_deal"] + ["deal"],
    _person=ON_RECORD["_person"] + ["contact email"],
    _company=ON_RECORD["_company"] + ["company"],
)


def engagement_synonyms(**synonyms):
    """The columns naming the record an engagement is on, its id, and ``synonyms``."""
    return dict(RECORD_COLUMNS, x_source_id=ACTIVITY_ID, **synonyms)


TASKS = ObjectSpec(
    kind="task",
    name_patterns=("task", "todo", "to do"),
    header_hints=("task title", "due date", "task status", "completed at", "task type"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id",),
    targets=ON_RECORD_TARGETS + ("_done", "_done_on"),
    value_maps={"_done": TOTUS_DONE, "activity_type_id": TOTUS_ACTIVITY_TYPES},
    skip_columns=SKIPPED,
    synonyms=engagement_synonyms(
        summary=["title", "task title", "subject", "name"],
        note=["description", "notes", "task notes", "body"],
        date_deadline=["due date", "due", "deadline", "due at"],
        user_id=ASSIGNED + ["assigned to email", "assignee email"],
        activity_type_id=["type", "task type", "activity type"],
        _done=["status", "task status", "completed"],
        _done_on=["completed at", "completed date", "completion date", "done at"],
    ),
)

CALLS = ObjectSpec(
    kind="call",
    name_patterns=("call", "phone"),
    header_hints=("call date", "duration (seconds)", "outcome", "call status", "direction"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id",),
    targets=ON_RECORD_TARGETS + ("_done", "_done_on", "_duration", "_outcome", "_direction"),
    value_maps={"_done": TOTUS_DONE, "_direction": DIRECTIONS},
    skip_columns=SKIPPED,
    synonyms=engagement_synonyms(
        summary=["title", "call title", "subject", "name"],
        note=["notes", "call notes", "description", "body"],
        # The time the call took place (or is planned): a done call is dated by it.
        date_deadline=["call date", "call time", "scheduled at", "date", "activity date"],
        user_id=ASSIGNED + ["assigned to email", "caller email"],
        _done=["status", "call status"],
        _done_on=["completed at", "ended at"],
        # Seconds unless the header says otherwise; '00:07:45' reads as h:m:s.
        _duration=["duration (seconds)", "duration seconds", "call duration", "duration"],
        _outcome=["outcome", "call outcome", "disposition", "call disposition", "result"],
        _direction=["direction", "call direction", "call type"],
    ),
)

MEETINGS = ObjectSpec(
    kind="meeting",
    name_patterns=("meeting", "appointment"),
    header_hints=("start time", "end time", "attendees", "location", "organizer email"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id", "name", "start"),
    targets=ON_RECORD_TARGETS,
    skip_columns=SKIPPED,
    # A meeting's outcome has no place on calendar.event (its adapter keeps no
    # details): discovery proposes it as a custom field of the event.
    synonyms=engagement_synonyms(
        name=["title", "meeting title", "meeting name", "subject"],
        start=["start time", "start", "starts at", "meeting start time"],
        stop=["end time", "end", "ends at", "meeting end time"],
        allday=["all day", "all day event"],
        location=["location", "meeting location", "place"],
        description=["description", "notes", "agenda", "meeting notes"],
        partner_ids=["attendees", "attendee emails", "participants", "guests"],
        user_id=ASSIGNED + ["organizer email", "organizer", "organiser", "host email"],
    ),
)

NOTES = ObjectSpec(
    kind="note",
    name_patterns=("note",),
    header_hints=("note body", "body", "author email"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id", "body"),
    targets=ON_RECORD_TARGETS,
    skip_columns=SKIPPED,
    # A note is dated by its creation (the message's date when no date column is mapped).
    synonyms=engagement_synonyms(
        subject=["title", "subject"],
        body=["body", "note body", "body (html)", "content", "text"],
        date=["note date", "date"],
        author_id=ASSIGNED + ["author email", "author", "created by", "created by email"],
    ),
)

# An email's opens and clicks: TOTUS's engagement metrics, kept as lines of the message.
EMAILS = ObjectSpec(
    kind="email",
    # Not 'email' nor 'mail': 'email_templates' is an object that does not migrate.
    name_patterns=("emails", "email engagement", "email activit", "emailmessage", "sent email"),
    header_hints=("subject", "from", "to", "sent at", "opens", "clicks"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id",),
    targets=ON_RECORD_TARGETS + ("_to", "_direction", "_opens", "_clicks"),
    value_maps={"_direction": TOTUS_DIRECTIONS},
    # An email's author is its sender, not the owner of the record.
    skip_columns=SKIPPED + ("owner email", "owner", "assigned to"),
    synonyms=engagement_synonyms(
        subject=["subject", "email subject"],
        body=["body", "email body", "body (html)", "content", "message"],
        email_from=["from", "from email", "from address", "sender", "sender email"],
        _to=["to", "to emails", "to address", "recipients", "recipient"],
        _direction=["direction", "email direction"],
        _opens=["opens", "email opens", "open count"],
        _clicks=["clicks", "email clicks", "click count"],
        date=["sent at", "sent", "sent date", "date", "received at"],
    ),
)

ATTACHMENTS = ObjectSpec(
    kind="document",
    name_patterns=("attachment", "document", "file", "upload"),
    header_hints=("file name", "file path", "content type", "uploaded at"),
    references=dict(ON_RECORD_REFS, _message=Ref(("note", "email"), by=("id",))),
    required=("x_source_id", "name"),
    targets=ON_RECORD_TARGETS + ("_file", "_message"),
    # Odoo computes a file's size from its content.
    skip_columns=SKIPPED + ("size (bytes)", "size bytes", "size", "file size"),
    synonyms=engagement_synonyms(
        name=["file name", "name", "filename", "title"],
        mimetype=["content type", "mime type", "mimetype"],
        _file=["file path", "path", "file"],
        description=["description"],
        create_date=CREATED + ["uploaded at", "upload date"],
        _message=["note id", "email id", "attached to note"],
    ),
)

# ----------------------------------------------------------------------
# What does not migrate: listed in the project's inventory with its Odoo equivalent
# ----------------------------------------------------------------------
NOT_MIGRATED = [
    NotMigrated(
        "Workflows and automations",
        "Automation rules (Settings > Technical > Automation Rules) or Studio; Marketing "
        "Automation (Enterprise) for nurture flows",
        "rebuilt from the inventory: each row's trigger, conditions and steps",
        name_patterns=("workflow", "automation"),
    ),
    NotMigrated(
        "Email templates",
        "Email templates (mail.template) or Email Marketing templates",
        "TOTUS's distributed template hierarchy (a master and its local variants) is "
        "flattened: one Odoo template per variant",
        name_patterns=("email template", "emailtemplate", "template"),
    ),
    NotMigrated(
        "Landing pages",
        "Website pages (Website app)",
        name_patterns=("landing page", "landingpage"),
    ),
    NotMigrated(
        "Forms",
        "Website forms (Website app) creating leads",
        "the contacts a form created are migrated as contacts",
        name_patterns=("forms", "form submission", "web form", "webform"),
    ),
    NotMigrated(
        "Campaigns",
        "UTM campaigns and Email Marketing mailings",
        "the emails a campaign sent to a contact are migrated as its emails",
        name_patterns=("campaign",),
    ),
    NotMigrated(
        "Lists and segments",
        "Saved filters (favorites) or Email Marketing mailing lists",
        name_patterns=("segment", "smart list", "static list"),
    ),
    NotMigrated(
        "Lead scoring rules",
        "Predictive lead scoring (CRM settings) or automation rules",
        "a contact's score itself is migrated as a custom field",
        name_patterns=("scoring",),
    ),
    NotMigrated(
        "Sequences",
        "Marketing Automation (Enterprise) or activity plans",
        name_patterns=("sequence", "cadence"),
    ),
    NotMigrated(
        "Reports and dashboards",
        "CRM reporting views, spreadsheets (Enterprise) or Studio reports",
        name_patterns=("report", "dashboard"),
    ),
]

PROFILE = Profile(
    code="totus",
    label="TOTUS Marketing",
    objects=[
        COMPANIES,
        CONTACTS,
        DEALS,
        USERS,
        TASKS,
        CALLS,
        MEETINGS,
        NOTES,
        EMAILS,
        ATTACHMENTS,
    ],
    kinds=KINDS,
    synonyms=SYNONYMS,
    # TOTUS's deal stages: 'Closed Won' / 'Closed Lost' in a sales pipeline, 'Renewed'
    # / 'Churned' in a renewals pipeline.
    won_values=tuple(GENERIC.won_values) + ("renewed", "renewal won"),
    lost_values=tuple(GENERIC.lost_values) + ("churned", "renewal lost", "cancelled"),
    # Companies by name (legal form set aside), contacts by email.
    dedupe_keys={"company": ["name"], "contact": ["email"], "deal": []},
    not_migrated=NOT_MIGRATED,
    custom_type_for=CUSTOM_TYPES,
    # No published schema: a file the profile does not know is proposed as a new custom
    # object, never left out.
    custom_objects=True,
)

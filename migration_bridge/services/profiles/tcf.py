"""The Customer Factor: a service-business CRM (customers, prospects, estimates, jobs,
invoices) read from its manual CSV export.

The Customer Factor has no public API: its data leaves as CSV files exported by hand
from its screens, one per object. Its column list is published nowhere
(shared/PLATFORMS.md: "Column list: not found"), so the shape this profile reads is the
one of ``data/samples/tcf/`` (written by ``scripts/samples/tcf.py``, whose README says
what is taken from the seed page and what is invented): flat records with numeric ids,
US dates (``06/30/2026``, ``06/30/2026 02:15 PM``), amounts as ``$1,250.00``, owners
given by their email, and the tenant's custom fields stored per record, either as
extra columns (one per key) or as key-value pairs in one ``Custom Fields`` cell
(``Lot Size (sq ft): 6400; Referral Source: Yard Sign``).

Where each object lands (the seed page's mapping table, row by row):

- Customer: ``res.partner``; ``Customer Type`` Commercial is a company (``is_company``),
  Residential a person; its name is the customer's name (a commercial customer's is
  its company name); email, phones, address, notes, salesperson (owner by email); its
  category (industry vertical) and tags are partner tags (``res.partner.category``);
  the contact person's first and last name and every custom field column become ``x_``
  fields. Email is the dedupe key.
- Prospect: ``crm.lead`` of type lead, named after the person, the company as
  ``partner_name``; status through the stage map (Not Interested is lost), owner by
  email, tags as ``crm.tag``. A prospect that became a customer keeps its link to that
  customer: ``Converted To Customer ID`` is the lead's customer (``partner_id``), found
  by its source id; its conversion date is an ``x_`` field.
- Estimate: with Sales, a ``sale.order`` of its customer (accepted ``sale``,
  declined ``cancel``, sent, draft and expired quotations), its estimate and
  expiration dates, owner, and its line items as order lines (the price book's
  product, else a service created by name; quantity, unit price, description; a tax
  rate no sale tax has is reported). Without Sales every estimate is a readable line
  on its customer (``x_estimates``: number, title, status, dates, amounts, who
  prepared it), and every line item too (``x_estimate_lines``), and the proposal says
  "install Sales to migrate the estimates". Either way an accepted estimate's job
  names it (``x_estimate``, from its ``Estimate #`` column).
- Job / Work Order: ``crm.lead`` opportunity (the deal) with its customer, title,
  scheduled date as expected closing, total as expected revenue, status through the
  stage map (Completed and Invoiced won, Cancelled lost, closed on the completed
  date), owner by email, service address; its job type (service category) and tags
  are ``crm.tag``; start and end time, assigned technician and crew size are ``x_``
  fields of the opportunity. The seed's ``project.task`` half: with the Project app,
  each job's deal also gets a task in the project *Jobs / work orders*, assigned to its
  technicians (the ``Companion`` word, read beside the mapping), due on the scheduled date, its
  stage the status, linked to its deal on its record link
  (``loader/targets/project_task.py``); without Project the deal is all there is.
- Invoice: with Invoicing, an ``account.move`` customer invoice of its customer and
  its lines, posted unless draft, void ones cancelled, its number as reference, its
  invoice and due dates. A paid invoice is not reconciled: the export has no
  payments. Without Invoicing every invoice is a readable line on its customer
  (``x_invoices``: number, status, job, dates, totals, paid, balance) and every line
  item too (``x_invoice_lines``), the proposal naming the app.
- Custom Field (per record): a key given as an extra column becomes one ``x_`` field
  of the type its values show (discovery), on the object's model; keys of one model
  are one field by their normalised name (``Lot Size (sq ft)`` on one file and
  ``lot size (sq. ft.)`` on another are both ``x_lot_size_sq_ft``, created once). A
  ``Custom Fields`` cell of key-value pairs is spread into a column per key before
  the rows are staged (the ``Properties`` word), so that each key is typed and
  proposed as a column is, by the same rule; what is no pair is kept in ``Custom
  Fields (other)``.
- Attachment / File: ``ir.attachment`` on its job, else its prospect, else its
  customer; the content taken from the upload (``files/...``).
- Owner / User: owners are matched to Odoo users by email, archived users included;
  the users file is read, never written; an owner with no Odoo user is flagged.
- Tag / Category: ``crm.tag`` on prospects and jobs (a job's type included),
  ``res.partner.category`` on customers (their category included); found or created
  by name.
- Activity / Note: ``mail.message`` logged notes with their author and original date,
  on the job, else the prospect, else the customer; an activity's type heads its
  subject ("Call: Spring cleanup quote").

Does not migrate (each listed on the project's *Does not migrate* tab with its Odoo
equivalent): automated follow-up sequences (automation rules, activity plans) and,
without Sales, the products and services price book (with Sales: service products,
``product.product``).

Not expressed here because the format has no word for it: a commercial customer's
contact person as a child contact of the company (a row making two records of one
model); the contact's first and last name stay ``x_`` fields of the company.
"""

from .. import vocabulary
from ..transform import XmlId
from . import generic
from .base import (
    Fold,
    Join,
    KindSpec,
    NotMigrated,
    ObjectSpec,
    Profile,
    Properties,
    Ref,
    Template,
    task_beside,
)

NOTE = XmlId("mail.mt_note")

# The cell that holds a record's custom fields as key-value pairs, and how it is written:
# 'Lot Size (sq ft): 6400; Referral Source: Yard Sign'.
PROPERTIES_COLUMN = "Custom Fields"
PAIR_SEP = ";"
KEY_SEP = ":"

KINDS = {
    # The account's users: read, never written; owners are matched through them.
    "user": KindSpec("res.users", 5, "Users (owners)", custom_fields=False),
    # Residential and commercial customers in one file: is_company from Customer Type.
    "customer": KindSpec("res.partner", 10, "Customers"),
    "prospect": KindSpec("crm.lead", 38, "Prospects", {"type": "lead"}),
    "job": KindSpec("crm.lead", 40, "Jobs / work orders", {"type": "opportunity"}),
    # Waiting for the sale.order and account.move adapters: kept as text on the customer.
    "estimate": KindSpec("res.partner", 44, "Estimates (kept on their customer)"),
    "estimate_line": KindSpec("res.partner", 45, "Estimate line items (kept on their customer)"),
    "invoice": KindSpec("res.partner", 46, "Invoices (kept on their customer)"),
    "invoice_line": KindSpec("res.partner", 47, "Invoice line items (kept on their customer)"),
    "note": KindSpec(
        "mail.message",
        60,
        "Notes",
        {"message_type": "comment", "subtype_id": NOTE},
        independent=True,
    ),
    "activity": KindSpec(
        "mail.message",
        61,
        "Activities (logged)",
        {"message_type": "comment", "subtype_id": NOTE},
        independent=True,
    ),
    "document": KindSpec("ir.attachment", 70, "Attachments"),
    # With the Sales and Invoicing apps: the price book, estimates and invoices (and
    # their line items) as Odoo's own records; without them, the text kinds above.
    "product": KindSpec(
        "product.product",
        8,
        "Products and services",
        {"type": "service"},
        app="sale_management",
        app_label="Sales",
    ),
    "sale_estimate": KindSpec(
        "sale.order", 44, "Estimates", app="sale_management", app_label="Sales"
    ),
    "sale_estimate_line": KindSpec(
        "sale.order.line", 45, "Estimate line items", app="sale_management", app_label="Sales"
    ),
    "invoice_move": KindSpec(
        "account.move",
        46,
        "Invoices",
        {"move_type": "out_invoice"},
        app="account",
        app_label="Invoicing",
    ),
    "invoice_move_line": KindSpec(
        "account.move.line", 47, "Invoice line items", app="account", app_label="Invoicing"
    ),
}

OWNER = ["owner email", "owner", "assigned to"]
CUSTOMER_ID = ["customer id", "customer #"]
ADDRESS = {
    "street": ["street address", "address"],
    "city": ["city"],
    "state_id": ["state"],
    "zip": ["zip code", "zip"],
    "country_id": ["country"],
}
# The Customer Factor's user status.
USER_STATUS = {"active": True, "inactive": False, "disabled": False, "deactivated": False}

# A customer's category (its industry vertical) and its tags are both partner tags,
# joined into one list (two columns mapped to one many2many would overwrite each other).
CUSTOMER_TAGS = Join(
    "category_id",
    ("Category", "Tags"),
    sep="; ",
    target_type=("many2many", "res.partner.category"),
)
# A job's type (its service category) and its tags are both CRM tags.
JOB_TAGS = Join("tag_ids", ("Job Type", "Tags"), sep="; ", target_type=("many2many", "crm.tag"))

# ----------------------------------------------------------------------
# Users, customers, prospects, jobs
# ----------------------------------------------------------------------
USERS = ObjectSpec(
    kind="user",
    name_patterns=("users", "team members", "employees"),
    header_hints=("user id", "role", "last login", "status"),
    required=("x_source_id",),
    targets=("_first_name", "_last_name"),
    value_maps={"active": USER_STATUS},
    synonyms={
        "x_source_id": ["user id"],
        "_first_name": ["first name"],
        "_last_name": ["last name"],
        "email": ["email", "email address"],
        # 'Inactive' for a user who left: matched all the same (archived users).
        "active": ["status", "active"],
    },
)

CUSTOMERS = ObjectSpec(
    kind="customer",
    name_patterns=("customers",),
    header_hints=("customer id", "customer type", "customer name", "date added", "category"),
    required=("name", "x_source_id"),
    natural_key=("email", "name"),
    value_maps={"is_company": vocabulary.PARTY_TYPES},
    transforms=(CUSTOMER_TAGS,),
    # The contact person's names repeat (a family's surname): text, not a selection.
    custom_types={"First Name": "char", "Last Name": "char"},
    synonyms=dict(
        ADDRESS,
        x_source_id=CUSTOMER_ID,
        is_company=["customer type"],
        # The customer's name as The Customer Factor lists it: a commercial customer's
        # company name, a residential customer's full name. First and last name (a
        # company's contact person) stay custom fields: nothing of them is lost.
        name=["customer name", "display name"],
        email=["email"],
        phone=["phone"],
        user_id=OWNER,
        comment=["notes"],
        create_date=["date added"],
        write_date=["last updated"],
    ),
)

PROSPECTS = ObjectSpec(
    kind="prospect",
    name_patterns=("prospects", "leads"),
    header_hints=("prospect id", "lead source", "converted to customer id", "converted date"),
    # The customer a converted prospect became: the lead's customer, by its source id.
    references={"partner_id": Ref(("customer",), by=("id",))},
    required=("name", "x_source_id"),
    targets=("_first_name", "_last_name"),
    synonyms=dict(
        ADDRESS,
        x_source_id=["prospect id"],
        _first_name=["first name"],
        _last_name=["last name"],
        partner_name=["company name", "company"],
        email_from=["email"],
        phone=["phone"],
        stage_id=["status", "prospect status"],
        user_id=OWNER,
        tag_ids=["tags"],
        partner_id=["converted to customer id", "converted customer id", "customer id"],
        description=["notes"],
        create_date=["date added"],
        write_date=["last updated"],
    ),
)

JOBS = ObjectSpec(
    kind="job",
    name_patterns=("jobs", "work orders", "workorders"),
    header_hints=("job id", "job type", "scheduled date", "assigned tech", "crew size"),
    references={"partner_id": Ref(("customer",), by=("id",))},
    required=("name", "x_source_id"),
    transforms=(JOB_TAGS,),
    # Times of day are text (local, no time zone to convert); the technicians who did
    # the job are names, not owners: the owner is the job's salesperson.
    custom_types={
        "Start Time": "char",
        "End Time": "char",
        "Assigned Tech": "char",
        "Estimate #": "char",
    },
    synonyms={
        "x_source_id": ["job id", "work order id"],
        "name": ["job title", "job name", "work order title"],
        "partner_id": CUSTOMER_ID,
        "stage_id": ["status", "job status"],
        "date_deadline": ["scheduled date"],
        "date_closed": ["completed date"],
        "user_id": OWNER,
        "expected_revenue": ["job total", "total"],
        "street": ["service address"],
        "city": ["service city"],
        "state_id": ["service state"],
        "zip": ["service zip"],
        "country_id": ["service country"],
        "description": ["description", "job description"],
        "create_date": ["date created"],
        "write_date": ["last updated"],
    },
    # With the Project app, each job is also a task of the project *Jobs / work
    # orders*, assigned to its technicians (the column stays a field of the deal too).
    companions=(task_beside(["assigned tech", "assigned technician", "technicians"]),),
)


# ----------------------------------------------------------------------
# Estimates and invoices: readable lines on their customer until their adapters exist
# ----------------------------------------------------------------------
def _folded(kind, patterns, hints, field, label, template):
    """Rows kept as readable lines of a text field of their customer."""
    return ObjectSpec(
        kind=kind,
        name_patterns=patterns,
        header_hints=hints,
        required=("_parent",),
        targets=("_parent",),
        fold=Fold(parent="customer", field=field, label=label, template=template),
        synonyms={"_parent": CUSTOMER_ID},
    )


ESTIMATES = _folded(
    "estimate",
    ("estimates",),
    ("estimate #", "expiration date", "estimate date"),
    "x_estimates",
    "Estimates",
    "Estimate #{Estimate #} {Title} ({Status}) dated {Estimate Date}, expires "
    "{Expiration Date}: subtotal {Subtotal}, tax {Tax}, total {Total}; by {Owner Email}",
)
ESTIMATE_LINES = _folded(
    "estimate_line",
    ("estimate item", "estimate line"),
    ("estimate #", "item", "quantity", "unit price"),
    "x_estimate_lines",
    "Estimate lines",
    "#{Estimate #}: {Quantity} x {Item} ({Description}) at {Unit Price} = {Amount}",
)
INVOICES = _folded(
    "invoice",
    ("invoices",),
    ("invoice #", "due date", "amount paid", "balance due"),
    "x_invoices",
    "Invoices",
    "Invoice #{Invoice #} ({Status}) for job {Job ID} dated {Invoice Date}, due {Due Date}: "
    "subtotal {Subtotal}, tax {Tax}, total {Total}, paid {Amount Paid}, balance {Balance Due}",
)
INVOICE_LINES = _folded(
    "invoice_line",
    ("invoice item", "invoice line"),
    ("invoice #", "item", "quantity", "unit price"),
    "x_invoice_lines",
    "Invoice lines",
    "#{Invoice #}: {Quantity} x {Item} ({Description}) at {Unit Price} = {Amount}",
)

# ----------------------------------------------------------------------
# With Sales and Invoicing: the price book as products, estimates as sale orders and
# invoices as customer invoices, each with its line items; without them, the text above
# ----------------------------------------------------------------------
PRICE_BOOK = NotMigrated(
    "Products and services (price book)",
    "Products of the Sales app (product.product with the list price); with Sales "
    "installed, the price book loads as service products",
    "estimate and invoice lines keep each item's name, description and price as text",
    name_patterns=("products", "price book", "pricebook", "services list"),
)
PRODUCTS = ObjectSpec(
    kind="product",
    name_patterns=("products", "price book", "pricebook", "services list"),
    header_hints=("unit price", "unit", "taxable"),
    required=("name",),
    # no id column: a product is known by its name, as the line items name it
    natural_key=("name",),
    synonyms={
        "name": ["name", "item"],
        "description_sale": ["description"],
        "list_price": ["unit price", "price"],
        "active": ["active"],
    },
    fallback=PRICE_BOOK,
)
# A line item's product: the price book's, else created as a service by its name.
ITEM = Ref(("product",), by=("name",), create="product")
# Line item statuses: an estimate's as Odoo's sale order states, an invoice's as its
# journal entry's (posted when issued or paid, void cancelled).
ESTIMATE_STATES = {
    "draft": "draft",
    "sent": "sent",
    "expired": "sent",
    "accepted": "sale",
    "approved": "sale",
    "declined": "cancel",
    "rejected": "cancel",
    "cancelled": "cancel",
}
INVOICE_STATES = {
    "draft": "draft",
    "sent": "posted",
    "unpaid": "posted",
    "overdue": "posted",
    "partially paid": "posted",
    "paid": "posted",
    "void": "cancel",
    "voided": "cancel",
    "cancelled": "cancel",
}
SALE_ESTIMATES = ObjectSpec(
    kind="sale_estimate",
    name_patterns=("estimates",),
    header_hints=("estimate #", "expiration date", "estimate date"),
    references={"partner_id": Ref(("customer",), by=("id",))},
    required=("x_source_id", "partner_id"),
    targets=("_untaxed", "_tax_amount"),
    value_maps={"state": ESTIMATE_STATES},
    synonyms={
        "x_source_id": ["estimate #", "estimate number"],
        "partner_id": CUSTOMER_ID,
        "state": ["status"],
        "date_order": ["estimate date"],
        "validity_date": ["expiration date"],
        "_untaxed": ["subtotal"],
        "_tax_amount": ["tax"],
        "user_id": OWNER,
    },
    fallback=ESTIMATES,
)
SALE_ESTIMATE_LINES = ObjectSpec(
    kind="sale_estimate_line",
    name_patterns=("estimate item", "estimate line"),
    header_hints=("estimate #", "item", "quantity", "unit price"),
    references={"order_id": Ref(("sale_estimate",), by=("id",)), "product_id": ITEM},
    required=("order_id",),
    # no id column: a line is known by its estimate, item and description
    natural_key=("order_id+product_id+name",),
    # the estimate gives the customer; Odoo computes the amount
    skip_columns=("customer id", "amount"),
    synonyms={
        "order_id": ["estimate #", "estimate number"],
        "product_id": ["item"],
        "name": ["description"],
        "product_uom_qty": ["quantity"],
        "price_unit": ["unit price"],
    },
    fallback=ESTIMATE_LINES,
)
INVOICE_MOVES = ObjectSpec(
    kind="invoice_move",
    name_patterns=("invoices",),
    header_hints=("invoice #", "due date", "amount paid", "balance due"),
    references={"partner_id": Ref(("customer",), by=("id",))},
    required=("x_source_id", "partner_id"),
    targets=("_untaxed", "_tax_amount"),
    value_maps={"state": INVOICE_STATES},
    synonyms={
        "x_source_id": ["invoice #", "invoice number"],
        "partner_id": CUSTOMER_ID,
        "state": ["status"],
        "invoice_date": ["invoice date"],
        "invoice_date_due": ["due date"],
        "_untaxed": ["subtotal"],
        "_tax_amount": ["tax"],
    },
    fallback=INVOICES,
)
INVOICE_MOVE_LINES = ObjectSpec(
    kind="invoice_move_line",
    name_patterns=("invoice item", "invoice line"),
    header_hints=("invoice #", "item", "quantity", "unit price"),
    references={"move_id": Ref(("invoice_move",), by=("id",)), "product_id": ITEM},
    required=("move_id",),
    natural_key=("move_id+product_id+name",),
    skip_columns=("customer id", "amount"),
    synonyms={
        "move_id": ["invoice #", "invoice number"],
        "product_id": ["item"],
        "name": ["description"],
        "quantity": ["quantity"],
        "price_unit": ["unit price"],
    },
    fallback=INVOICE_LINES,
)

# ----------------------------------------------------------------------
# Notes, activities and attachments: on the job, else the prospect, else the customer
# ----------------------------------------------------------------------
# The attach targets in the order they are preferred: a job (_deal), a prospect
# (_record: the related record), a customer (_person).
ON_RECORD_REFS = {
    "_deal": Ref(("job",), by=("id",)),
    "_record": Ref(("prospect",), by=("id",)),
    "_person": Ref(("customer",), by=("id",)),
}
ON_RECORD_TARGETS = ("_deal", "_record", "_person")
ON_RECORD = {"_deal": ["job id"], "_record": ["prospect id"], "_person": CUSTOMER_ID}

NOTES = ObjectSpec(
    kind="note",
    name_patterns=("notes",),
    header_hints=("note id", "note", "created by"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id", "body"),
    targets=ON_RECORD_TARGETS,
    synonyms=dict(
        ON_RECORD,
        x_source_id=["note id"],
        body=["note", "note text", "body"],
        author_id=["created by", "author"],
        create_date=["date created", "created"],
    ),
)

ACTIVITIES = ObjectSpec(
    kind="activity",
    name_patterns=("activities", "activity log"),
    header_hints=("activity id", "activity type", "activity date", "completed by"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id", "body"),
    targets=ON_RECORD_TARGETS,
    # The message's subject: the activity's type, then its own subject.
    transforms=(Template("subject", "{Activity Type}: {Subject}"),),
    synonyms=dict(
        ON_RECORD,
        x_source_id=["activity id"],
        body=["details", "description", "notes"],
        author_id=["completed by", "created by"],
        create_date=["activity date", "date"],
    ),
)

ATTACHMENTS = ObjectSpec(
    kind="document",
    name_patterns=("attachments", "files", "documents", "photos"),
    header_hints=("attachment id", "file name", "file path", "file type"),
    references=dict(ON_RECORD_REFS),
    required=("x_source_id", "name"),
    targets=ON_RECORD_TARGETS + ("_file",),
    # Odoo computes a file's size from its content.
    skip_columns=("size (bytes)", "size bytes", "file size"),
    synonyms=dict(
        ON_RECORD,
        x_source_id=["attachment id", "file id"],
        name=["file name"],
        _file=["file path"],
        mimetype=["file type", "content type"],
        description=["description"],
        create_date=["date uploaded", "uploaded"],
    ),
)

# ----------------------------------------------------------------------
# What does not migrate: listed in the project's inventory with its Odoo equivalent
# ----------------------------------------------------------------------
NOT_MIGRATED = [
    NotMigrated(
        "Automated follow-up sequences",
        "Automation rules (Settings > Technical > Automation Rules) or activity plans",
        "The Customer Factor's follow-up emails and texts are rebuilt from the inventory: "
        "each sequence's trigger, steps, delays and templates",
        name_patterns=("follow up sequence", "followup sequence", "sequence", "drip"),
    ),
    PRICE_BOOK,
]

PROFILE = Profile(
    code="tcf",
    label="The Customer Factor",
    objects=[
        USERS,
        CUSTOMERS,
        PROSPECTS,
        JOBS,
        PRODUCTS,
        SALE_ESTIMATES,
        SALE_ESTIMATE_LINES,
        INVOICE_MOVES,
        INVOICE_MOVE_LINES,
        NOTES,
        ACTIVITIES,
        ATTACHMENTS,
    ],
    kinds=KINDS,
    synonyms=generic.SYNONYMS,
    # A completed job is a won deal (invoiced or not); a prospect who said no is lost.
    won_values=("completed", "invoiced", "paid", "closed won", "won"),
    lost_values=("cancelled", "canceled", "not interested", "lost", "declined", "closed lost"),
    dedupe_keys={"customer": ["email"], "prospect": [], "job": []},
    id_field="x_tcf_id",
    id_label="The Customer Factor ID",
    not_migrated=NOT_MIGRATED,
    custom_type_for=generic.CUSTOM_TYPES,
    # A record's custom fields given as key-value pairs in one cell: a column per key.
    properties=Properties(PROPERTIES_COLUMN, PAIR_SEP, KEY_SEP),
    # No published schema: a file the profile does not know is proposed as a new
    # custom object, never left out.
    custom_objects=True,
)

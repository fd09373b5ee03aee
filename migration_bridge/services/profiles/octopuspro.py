"""OctopusPro: a field-service platform (bookings, field workers, quotes, invoices) read
from its support-assisted CSV export.

OctopusPro documents no public API: the export is requested from its support, one CSV
per object (the shape of ``data/samples/octopuspro/``, written by
``scripts/samples/octopuspro.py``). Customers keep the columns of OctopusPro's
customer import template (``customer_type`` Personal or Business, ``business_name``,
``title``, secondary ``email2``/``mobile2``/``phone2`` values of the same contact,
``date_joined`` as YYYY/MM/DD) and the tenant's custom fields under their labels.

Where each object lands (the seed page's mapping table, row by row):

- Customer: ``res.partner``; ``customer_type`` Business is a company (``is_company``),
  Personal a person; the business a person is linked to is its *Company Name*
  (``company_name``); address, phones, email, notes, title; custom fields and the
  secondary contact values become ``x_`` fields. Email is the dedupe key: two customers
  with one email (a person who is also a business's contact, a customer imported
  twice) are both loaded and flagged for review.
- Booking: ``crm.lead`` opportunity named "<service> - <customer>"; its customer, the
  service address (the opportunity's own address), the booking date as the expected
  closing, the booking total as expected revenue, the status through the stage map
  (Cancelled and Declined lost); an invoice status means the completed booking was
  invoiced: won, closed on the invoice date. Service type, start and end time,
  assigned field workers, completion date, quote and invoice numbers and the tenant's
  booking fields are custom ``x_`` fields. Every record keeps its OctopusPro id
  (``x_octopuspro_id``, ``Profile.id_field``): a booking's id stays searchable. With the
  Project app, each booking's deal also gets a ``project.task`` in the project
  *Bookings* (the ``Companion`` word): its field workers as assignees (several owners,
  read beside the mapping: the column stays ``x_assigned_fieldworkers``), the booking date
  as deadline, its status as a stage of that project, linked to its deal on its record
  link (``loader/targets/project_task.py``).
- Field worker / staff: with the Employees app, each is an ``hr.employee`` (first and
  last name, email as work email, mobile, role as job title, archived when it left),
  linked to the Odoo user of its email when it has one (``loader/targets/
  hr_employee.py``); its pay rate, pay type, location tracking and date joined are
  custom fields of the employee. Without Employees the file is the owners' only, read
  and never written, and keeps no custom fields. Either way users are never created: a
  booking's owner is matched to an Odoo user by email (archived users included); one
  with no Odoo user is flagged for provisioning.
- Invoice: with Sales and Invoicing, a posted customer invoice (``account.move``) of
  one line (the subtotal, with the sale tax whose rate the GST gives), keyed and
  referenced by its number, void ones cancelled; without them, readable lines on
  their booking (``x_invoices``: number, dates, status, totals).
- Payment: with Invoicing, an ``account.payment`` registered on the invoice it names,
  on its date, reconciled (a refund is money sent back, not reconciled); without it,
  readable lines on their booking (``x_payments``).
- Quote / Estimate: with Sales, a ``sale.order`` of one line (the service, the total),
  confirmed when accepted, cancelled when rejected, sent otherwise (``origin`` the
  quote number); without it, readable lines on their customer (``x_quotes``). The
  booking an accepted quote became names it (``x_quote_number``).
- Service: with Sales, the catalogue is service products (``product.product``: name,
  price, description), the quotes' and invoices' lines finding theirs by name; without
  it, listed on *Does not migrate*, each booking keeping its service as ``x_service``.
- Custom Field: the columns the export fills become ``x_`` fields of the type discovery
  infers; the field inventory support sends is listed, so that a field no row fills
  can be recreated.
- Forms & Checklists: a booking's intake form is fields of its opportunity
  (``x_form_<column>``, ``Onto``); photos and documents are attachments.
- Booking notes (discussion) and the booking history log: logged notes in the
  opportunity's chatter, with their author and original date.
- Customer Portal, Automations, Workflows, GPS tracking: do not migrate; each row is
  listed on the project's *Does not migrate* tab with its Odoo equivalent.

Not expressed here because the format has no word for it: a Business customer's
contact person as a child contact of the company (a row making two records); a
Personal customer's ``business_name`` as its Related Company (a reference by name that
a Business row, naming itself, must not follow); the service both in the
opportunity's name and as a field (a ``Template`` owns its columns). The matcher also
proposes ``customer_type`` for ``is_company`` at low confidence (its values are no
yes/no) although the value map reads each of them.
"""

from ..transform import XmlId
from . import generic
from .base import (
    Fold,
    KindSpec,
    NotMigrated,
    ObjectSpec,
    Onto,
    Profile,
    Ref,
    Template,
    task_beside,
)

# An invoice's, quote's or payment's status as Odoo's state.
INVOICE_STATES = {
    "paid": "posted",
    "partially paid": "posted",
    "unpaid": "posted",
    "overdue": "posted",
    "issued": "posted",
    "sent": "posted",
    "draft": "draft",
    "void": "cancel",
    "voided": "cancel",
    "cancelled": "cancel",
    "canceled": "cancel",
}
QUOTE_STATES = {
    "draft": "draft",
    "sent": "sent",
    # an expired quotation stays one: its validity date says it expired
    "expired": "sent",
    "accepted": "sale",
    "approved": "sale",
    "rejected": "cancel",
    "declined": "cancel",
    "cancelled": "cancel",
}

NOTE = generic.NOTE

KINDS = {
    # The export's field workers and office staff: read, never written.
    "field_worker": KindSpec(
        "res.users", 5, "Field workers and staff (owners)", custom_fields=False
    ),
    # With the Employees app (hr): the field workers and staff are employees too, their
    # pay rate and location tracking kept as fields of the employee; without it the
    # file is read for the owners only (``field_worker``).
    "employee": KindSpec(
        "hr.employee", 6, "Field workers and staff (employees)", app="hr", app_label="Employees"
    ),
    # Personal and Business customers in one file: is_company comes from customer_type.
    "customer": KindSpec("res.partner", 10, "Customers"),
    "booking": KindSpec("crm.lead", 40, "Bookings", {"type": "opportunity"}),
    "booking_form": KindSpec(
        "crm.lead", 42, "Booking forms and checklists (fields of their booking)"
    ),
    "invoice": KindSpec("crm.lead", 44, "Invoices (kept on their booking)"),
    "payment": KindSpec("crm.lead", 45, "Payments (kept on their booking)"),
    "quote": KindSpec("res.partner", 46, "Quotes (kept on their customer)"),
    "booking_note": KindSpec(
        "mail.message", 60, "Booking notes", {"message_type": "comment", "subtype_id": NOTE}
    ),
    "booking_event": KindSpec(
        "mail.message", 62, "Booking history", {"message_type": "comment", "subtype_id": NOTE}
    ),
    "document": KindSpec("ir.attachment", 70, "Booking attachments and photos"),
    # With the Sales and Invoicing apps: the catalogue, quotes, invoices and payments
    # as Odoo's own records; without them, the text lines and inventory entry above.
    "service": KindSpec(
        "product.product",
        8,
        "Services",
        {"type": "service"},
        app="sale_management",
        app_label="Sales",
    ),
    "sale_quote": KindSpec("sale.order", 46, "Quotes", app="sale_management", app_label="Sales"),
    "invoice_move": KindSpec(
        "account.move",
        47,
        "Invoices",
        {"move_type": "out_invoice"},
        app="account",
        app_label="Invoicing",
    ),
    "payment_entry": KindSpec(
        "account.payment",
        48,
        "Payments",
        {"partner_type": "customer"},
        app="account",
        app_label="Invoicing",
    ),
}

CREATED = ["created_at", "created at", "date_joined", "date joined"]
MODIFIED = ["updated_at", "updated at", "last_updated", "last updated"]
BOOKING_ID = ["booking_id", "booking id", "booking"]
CUSTOMER_ID = ["customer_id", "customer id"]

# The customer template's types; a Business customer is a company.
CUSTOMER_TYPES = {
    "personal": False,
    "individual": False,
    "residential": False,
    "business": True,
    "company": True,
    "commercial": True,
}
# The template's titles (Dr, Mr, Mrs, Miss, Ms) are Odoo's own partner titles.
TITLES = {
    "dr": XmlId("base.res_partner_title_doctor"),
    "mr": XmlId("base.res_partner_title_mister"),
    "mrs": XmlId("base.res_partner_title_madam"),
    "ms": XmlId("base.res_partner_title_madam"),
    "miss": XmlId("base.res_partner_title_miss"),
    "prof": XmlId("base.res_partner_title_prof"),
}

CUSTOMERS = ObjectSpec(
    kind="customer",
    name_patterns=("customers", "clients"),
    header_hints=("customer_type", "business_name", "date_joined", "first_name2", "suburb"),
    required=("name", "x_source_id"),
    natural_key=("email", "name"),
    value_maps={"is_company": CUSTOMER_TYPES, "title": TITLES},
    # Names repeat (a family's surname): text, not a selection of the names found.
    custom_types={"first_name": "char", "last_name": "char"},
    synonyms={
        "x_source_id": CUSTOMER_ID + ["id"],
        # OctopusPro's display name: the business name of a Business customer, the
        # person's full name of a Personal one. first_name / last_name (a business's
        # contact person) stay as custom fields, nothing of them is lost.
        "name": ["customer_name", "customer name", "display name"],
        "is_company": ["customer_type", "customer type"],
        "company_name": ["business_name", "business name"],
        "title": ["title", "customer title"],
        "email": ["email"],
        "mobile": ["mobile"],
        "phone": ["phone"],
        "street": ["address", "street address"],
        "street2": ["address2", "address line 2"],
        "city": ["suburb", "city"],
        "state_id": ["state"],
        "zip": ["postcode", "post code"],
        "country_id": ["country"],
        "comment": ["notes", "customer notes"],
        "create_date": CREATED,
        "write_date": MODIFIED,
    },
)

FIELD_WORKERS = ObjectSpec(
    kind="field_worker",
    name_patterns=("fieldworker", "field worker", "staff", "users"),
    header_hints=("fieldworker_id", "role", "pay_rate", "location_tracking", "active"),
    required=("x_source_id",),
    targets=("_first_name", "_last_name"),
    synonyms={
        "x_source_id": ["fieldworker_id", "staff_id", "user_id", "id"],
        "_first_name": ["first_name", "first name"],
        "_last_name": ["last_name", "last name"],
        "email": ["email"],
        # 'No' for a field worker who left: matched all the same (archived users).
        "active": ["active", "is active"],
    },
)

# With Employees: each field worker or staff member an hr.employee, linked to the Odoo
# user of its email (the adapter), its pay rate, pay type, location tracking and date
# joined custom fields of the employee; without it, the owners file above.
FIELD_EMPLOYEES = ObjectSpec(
    kind="employee",
    name_patterns=FIELD_WORKERS.name_patterns,
    header_hints=FIELD_WORKERS.header_hints,
    required=("name", "x_source_id"),
    transforms=(Template("name", "{first_name} {last_name}"),),
    synonyms={
        "x_source_id": ["fieldworker_id", "staff_id", "user_id", "id"],
        "work_email": ["email"],
        "mobile_phone": ["mobile"],
        "job_title": ["role"],
        # 'No' for a field worker who left: an archived employee
        "active": ["active", "is active"],
    },
    fallback=FIELD_WORKERS,
)

BOOKINGS = ObjectSpec(
    kind="booking",
    name_patterns=("bookings", "jobs"),
    header_hints=("booking_id", "booking_date", "assigned_fieldworkers", "invoice_status"),
    references={"partner_id": Ref(("customer",), by=("id",))},
    required=("name", "x_source_id"),
    targets=("_status",),
    # The opportunity's name: what was booked, for whom. The template owns both columns;
    # the service's type (its category) is a field of its own.
    transforms=(Template("name", "{service} - {customer_name}"),),
    # Several field workers' names are one text (not a selection of every combination
    # found); times of day are text (a local time, no time zone to convert).
    custom_types={
        "assigned_fieldworkers": "char",
        "start_time": "char",
        "end_time": "char",
        "service_type": "selection",
    },
    synonyms={
        "x_source_id": BOOKING_ID,
        "partner_id": CUSTOMER_ID,
        "stage_id": ["status", "booking status"],
        # Any invoice status says the completed booking was invoiced: won.
        "_status": ["invoice_status", "invoice status"],
        "expected_revenue": ["total", "booking total"],
        "date_deadline": ["booking_date", "booking date", "scheduled date"],
        "date_closed": ["invoice_date", "invoice date"],
        "user_id": ["owner_email", "booking owner", "owner"],
        "lost_reason_id": ["cancellation_reason", "cancellation reason"],
        "description": ["job_description", "job description", "booking notes"],
        "street": ["service_address", "service address"],
        "city": ["service_suburb", "service suburb"],
        "state_id": ["service_state", "service state"],
        "zip": ["service_postcode", "service postcode"],
        "country_id": ["service_country", "service country"],
        "create_date": CREATED,
        "write_date": MODIFIED,
    },
    # With the Project app, each booking is also a task of the project *Bookings*,
    # assigned to its field workers (the column stays a field of the deal too).
    companions=(task_beside(["assigned_fieldworkers", "assigned field workers", "fieldworkers"]),),
)

# A booking's intake form or checklist: its answers become fields of the booking's
# opportunity (x_form_<column>), of the types discovery finds; one form per booking.
BOOKING_FORMS = ObjectSpec(
    kind="booking_form",
    name_patterns=("form", "checklist"),
    header_hints=("form_template", "signed_off_by", "booking_id"),
    required=("_parent",),
    targets=("_parent",),
    onto=Onto(parent="booking", prefix="form"),
    # Free text, however few distinct values one export has.
    custom_types={"access_notes": "char", "signed_off_by": "char"},
    skip_columns=("form_id",),
    synonyms={"_parent": BOOKING_ID},
)


def _folded(kind, patterns, hints, parent, field, label, template, parent_ids):
    """Rows kept as readable lines of a text field of their parent record."""
    return ObjectSpec(
        kind=kind,
        name_patterns=patterns,
        header_hints=hints,
        required=("_parent",),
        targets=("_parent",),
        fold=Fold(parent=parent, field=field, label=label, template=template),
        synonyms={"_parent": parent_ids},
    )


INVOICES = _folded(
    "invoice",
    ("invoice",),
    ("invoice_number", "due_date", "amount_paid"),
    "booking",
    "x_invoices",
    "Invoices",
    "{invoice_number} ({status}) issued {issue_date}, due {due_date}: total {total}, "
    "paid {amount_paid}",
    BOOKING_ID,
)
PAYMENTS = _folded(
    "payment",
    ("payment",),
    ("payment_id", "method", "paid_at"),
    "booking",
    "x_payments",
    "Payments",
    "{paid_at} {method} {amount} ({status}) for {invoice_number}",
    BOOKING_ID,
)
QUOTES = _folded(
    "quote",
    ("quote", "estimate"),
    ("quote_number", "valid_until"),
    "customer",
    "x_quotes",
    "Quotes",
    "{quote_number} {service} ({status}) sent {sent_date}, valid until {valid_until}: {total}",
    CUSTOMER_ID,
)

SERVICE_CATALOGUE = NotMigrated(
    "Service catalogue",
    "Products (Sales or Field Service): product.product with the list price and a "
    "duration field; variants for options and zone pricing",
    "each booking keeps its service as x_service and its price as expected revenue",
    name_patterns=("services", "service catalog", "servicecatalog"),
)
# With Sales: the catalogue's services are products, found by name or created.
SERVICES = ObjectSpec(
    kind="service",
    name_patterns=("services", "service catalog", "servicecatalog"),
    header_hints=("service_id", "base_price", "duration_minutes", "pricing_type"),
    required=("name", "x_source_id"),
    custom_types={"zone_pricing": "char"},
    synonyms={
        "x_source_id": ["service_id"],
        "name": ["name", "service", "service name"],
        "list_price": ["base_price", "base price", "price"],
        "active": ["active"],
        "description_sale": ["description"],
    },
    fallback=SERVICE_CATALOGUE,
)
# With Sales: a quote is a sale order of one line (its service, its total), confirmed
# when accepted, cancelled when rejected.
SALE_QUOTES = ObjectSpec(
    kind="sale_quote",
    name_patterns=("quote", "estimate"),
    header_hints=("quote_number", "valid_until"),
    references={"partner_id": Ref(("customer",), by=("id",))},
    required=("partner_id", "x_source_id"),
    targets=("_one_line", "_line_product"),
    value_maps={"state": QUOTE_STATES},
    synonyms={
        "x_source_id": ["quote_id"],
        "origin": ["quote_number", "quote number"],
        "partner_id": CUSTOMER_ID,
        "date_order": ["sent_date", "sent date"],
        "validity_date": ["valid_until", "valid until"],
        "state": ["status"],
        "_one_line": ["total"],
        "_line_product": ["service"],
    },
    fallback=QUOTES,
)
# With Invoicing: a customer invoice of one line (its subtotal, with the sale tax its
# GST's rate matches), posted unless void; its number is its source key (payments name
# it) and so its reference.
INVOICE_MOVES = ObjectSpec(
    kind="invoice_move",
    name_patterns=("invoice",),
    header_hints=("invoice_number", "due_date", "amount_paid"),
    references={"partner_id": Ref(("customer",), by=("id",))},
    required=("partner_id", "x_source_id"),
    targets=("_one_line", "_tax_amount"),
    value_maps={"state": INVOICE_STATES},
    synonyms={
        "x_source_id": ["invoice_number", "invoice number"],
        "partner_id": CUSTOMER_ID,
        "invoice_date": ["issue_date", "issue date", "invoice_date"],
        "invoice_date_due": ["due_date", "due date"],
        "state": ["status"],
        "_one_line": ["subtotal"],
        "_tax_amount": ["gst", "tax"],
    },
    fallback=INVOICES,
)
# With Invoicing: a payment of the invoice it names, reconciled with it on its date; a
# refund (a negative amount) is money sent back.
PAYMENT_ENTRIES = ObjectSpec(
    kind="payment_entry",
    name_patterns=("payment",),
    header_hints=("payment_id", "method", "paid_at"),
    references={"_invoice": Ref(("invoice_move",), by=("id",))},
    required=("x_source_id", "amount"),
    targets=("_invoice",),
    synonyms={
        "x_source_id": ["payment_id"],
        "_invoice": ["invoice_number", "invoice number"],
        "date": ["paid_at", "paid at", "payment date"],
        "amount": ["amount"],
    },
    fallback=PAYMENTS,
)

ON_BOOKING = {"_deal": Ref(("booking",), by=("id",))}
BOOKING_NOTES = ObjectSpec(
    kind="booking_note",
    name_patterns=("note", "discussion", "comment"),
    header_hints=("note_id", "added_by", "note"),
    references=dict(ON_BOOKING),
    required=("x_source_id", "body"),
    targets=("_deal",),
    synonyms={
        "x_source_id": ["note_id", "comment_id"],
        "_deal": BOOKING_ID,
        "body": ["note", "comment", "body"],
        "author_id": ["added_by", "author", "author email"],
        "create_date": CREATED + ["added_at"],
    },
)
BOOKING_HISTORY = ObjectSpec(
    kind="booking_event",
    name_patterns=("history", "timeline", "activity log"),
    header_hints=("history_id", "event", "performed_by", "performed_at"),
    references=dict(ON_BOOKING),
    required=("x_source_id", "body"),
    targets=("_deal",),
    synonyms={
        "x_source_id": ["history_id", "event_id"],
        "_deal": BOOKING_ID,
        "body": ["event", "description"],
        "author_id": ["performed_by", "user"],
        "create_date": ["performed_at", "at"] + CREATED,
    },
)
ATTACHMENTS = ObjectSpec(
    kind="document",
    name_patterns=("attachment", "photo", "image", "document", "file"),
    header_hints=("attachment_id", "file_name", "file_path", "content_type"),
    references=dict(ON_BOOKING, _person=Ref(("customer",), by=("id",))),
    required=("x_source_id", "name"),
    targets=("_deal", "_person", "_file"),
    skip_columns=("size_bytes",),
    synonyms={
        "x_source_id": ["attachment_id", "file_id"],
        "_deal": BOOKING_ID,
        "_person": CUSTOMER_ID,
        "name": ["file_name", "file name"],
        "_file": ["file_path", "file path"],
        "mimetype": ["content_type", "content type"],
        "description": ["caption", "description"],
        "create_date": ["uploaded_at", "uploaded at"],
    },
)

NOT_MIGRATED = [
    SERVICE_CATALOGUE,
    NotMigrated(
        "Custom field definitions",
        "Custom fields (x_) created at confirmation from the columns they fill; a field no "
        "row fills is recreated with Studio or Settings > Technical > Fields",
        "the tenant's schema, as support lists it",
        name_patterns=("custom field", "customfield"),
    ),
    NotMigrated(
        "Booking workflows",
        "CRM stages (the project's stage map) and automation rules",
        "a booking's status lands as its stage; the transitions are rebuilt",
        name_patterns=("workflow",),
    ),
    NotMigrated(
        "Automations",
        "Automation rules (Settings > Technical > Automation Rules), server actions or "
        "Studio automations",
        "rebuilt from the inventory: each rule's trigger, conditions and actions",
        name_patterns=("automation", "reminder rule", "notification rule"),
    ),
    NotMigrated(
        "Customer Portal settings",
        "Odoo portal access (Contacts > Action > Grant portal access) and Website pages",
        "the bookings, quotes and invoices the portal showed are migrated",
        name_patterns=("portal",),
    ),
    NotMigrated(
        "GPS tracking and location data",
        "Field Service mobile app (Enterprise) location tracking, set up anew",
        "runtime location history has no lasting value and no home in Odoo CRM",
        name_patterns=("gps", "location tracking", "tracking"),
    ),
]

PROFILE = Profile(
    code="octopuspro",
    label="OctopusPro",
    # Patterns are plural or specific ('bookings', 'customers'): 'booking_notes' is no
    # booking, 'customer_portal_settings' no customer file.
    objects=[
        FIELD_EMPLOYEES,
        CUSTOMERS,
        BOOKINGS,
        BOOKING_FORMS,
        SERVICES,
        INVOICE_MOVES,
        PAYMENT_ENTRIES,
        SALE_QUOTES,
        BOOKING_NOTES,
        BOOKING_HISTORY,
        ATTACHMENTS,
    ],
    kinds=KINDS,
    synonyms=generic.SYNONYMS,
    # The invoice status of a completed booking: invoiced, paid or not, is won.
    won_values=("paid", "partially paid", "unpaid", "overdue", "invoiced"),
    lost_values=("cancelled", "canceled", "declined", "lost"),
    dedupe_keys={"customer": ["email"], "booking": []},
    id_field="x_octopuspro_id",
    id_label="OctopusPro ID",
    not_migrated=NOT_MIGRATED,
    custom_type_for=generic.CUSTOM_TYPES,
    # The tenant's schema is discovered: a file no object fits (customer properties:
    # pets, vehicles, sites) is proposed as a new custom object.
    custom_objects=True,
)

"""The D-Tools profile: a D-Tools Cloud export, as its API returns it (JSON).

``GetClient`` objects read as a ``clients`` table (the billing address as dotted
columns, ``billingAddress.city``) and its child tables ``clients.contacts``,
``clients.siteAddresses`` and ``clients.files``, each row carrying its client's
id in ``_parent_id``; ``GetOpportunities`` as ``opportunities``; projects and
their locations, product lines, service plans, change orders and tasks as one
table each, every row naming its project by ``projectId``.

Where each lands:

- clients: companies (billing address, phone, website, type as a tag, owner by
  email, parent client by ``parentId``, archived when ``isActive`` is false);
- contacts: persons, children of their client; ``isPrimary`` is kept on the
  contact (a custom field from discovery);
- site addresses: *Other Address* children of their client;
- opportunities and projects: opportunities (``price`` as expected revenue,
  ``stage`` as stage; ``systemState`` Won/Lost and a project's ``status``
  Completed/Cancelled as won/lost through the stage map; probability; expected
  and actual close dates; ``isArchived`` archives);
- locations, product lines, service plans, change orders and tasks: readable
  text on their project's deal (``Fold``);
- files: attachments on their client, the content taken from the upload's
  ``files/<id>``;
- workflow rules and report definitions: not migrated, listed with their Odoo
  equivalent.

Every record keeps its D-Tools id in ``x_dtools_id`` (``Profile.id_field``).

Not expressed here because the format has no word for it: the primary contact
of a deal's client as the deal's customer (the deal's customer is the client;
see ``PRIMARY_CONTACT_NOTE``), a key made of a site's client and its name,
typed fields filled from a folded row (service plan cost, billing frequency).
"""

from . import generic
from .base import Fold, KindSpec, NotMigrated, ObjectSpec, Onto, Profile, Ref

PRIMARY_CONTACT_NOTE = (
    "D-Tools marks one contact of a client isPrimary; the deal's customer should be "
    "that contact (its company then follows as the commercial partner). The format "
    "has no word that resolves a deal's partner through its company to the company's "
    "child whose flag column is true, so the deal's customer is the client company "
    "and the flag is kept on the contact (x_isprimary)."
)

KINDS = {
    "company": KindSpec("res.partner", 10, "Clients", {"is_company": True}),
    "contact": KindSpec("res.partner", 20, "Contacts", {"is_company": False}),
    # A client's work sites: addresses that differ from its billing address.
    "site": KindSpec(
        "res.partner", 25, "Client sites (other addresses)", {"is_company": False, "type": "other"}
    ),
    "opportunity": KindSpec("crm.lead", 40, "Opportunities", {"type": "opportunity"}),
    # D-Tools makes a project of a won opportunity: it lands as a deal of its own.
    "project": KindSpec("crm.lead", 41, "Projects", {"type": "opportunity"}),
    # A project's rows, kept as text on its deal.
    "location": KindSpec("crm.lead", 43, "Project locations (kept on their project)"),
    "product_line": KindSpec("crm.lead", 44, "Product lines (kept on their project)"),
    "service_plan": KindSpec("crm.lead", 45, "Service plans (fields of their project)"),
    "change_order": KindSpec("crm.lead", 46, "Change orders (kept on their project)"),
    "task": KindSpec("crm.lead", 47, "Tasks and checklists (kept on their project)"),
    "document": KindSpec("ir.attachment", 70, "Client files"),
}

PARENT_ID = ["_parent_id", "parent id"]  # the reader's column on a child table's rows
CREATED = generic.CREATED + ["createddate"]
MODIFIED = generic.MODIFIED + ["modifieddate", "modified date"]
ACTIVE = ["isactive", "is active", "active"]
ARCHIVED = ["isarchived", "is archived", "archived"]
# isArchived says the opposite of Odoo's active.
NOT_ARCHIVED = {"true": False, "yes": False, "1": False, "false": True, "no": True, "0": True}
# D-Tools priorities -> crm.lead priority ('0' low .. '3' very high).
PRIORITIES = {"low": "0", "normal": "1", "medium": "1", "high": "2", "urgent": "3"}

# Columns that repeat what another column or a child table already gives.
SKIPPED = (
    "contactName",  # the primary contact's name: clients.contacts has the contact
    "hasSubaccounts",  # the sub-accounts point to their parent by parentId
    "parentName",  # parentId gives the parent
    "billingAddress.name",  # a label of the address ('Head office')
    "address.name",
    "company",  # a contact's client name: _parent_id gives the client
    "clientName",  # a deal's client name: clientId gives the client
    "clientNumber",
)


def _address(prefix):
    """Synonyms of a D-Tools address object's columns ('billingAddress.city'), per target."""
    dotted = (prefix + ".") if prefix else ""
    return {
        "street": [dotted + "addressLine1"],
        "street2": [dotted + "addressLine2"],
        "city": [dotted + "city"],
        "state_id": [dotted + "state"],
        "zip": [dotted + "postalCode"],
        "country_id": [dotted + "country"],
    }


CLIENTS = ObjectSpec(
    kind="company",
    name_patterns=("client", "customer", "account", "compan"),
    header_hints=(
        "billingAddress.city",
        "billingAddress.addressLine1",
        "hasSubaccounts",
        "parentId",
        "isExemptFromTax",
        "contactName",
        "website",
    ),
    references={"parent_id": Ref(("company",), by=("id",))},
    required=("name", "x_source_id"),
    natural_key=("name",),
    skip_columns=SKIPPED,
    synonyms=dict(
        _address("billingAddress"),
        x_source_id=["id", "client id", "clientid"],
        name=["name", "client name"],
        ref=["number", "client number"],
        category_id=["type", "client type"],
        parent_id=["parentId", "parent id", "parent client id"],
        active=ACTIVE,
        user_id=["owner", "owner email"],
        create_date=CREATED,
        write_date=MODIFIED,
    ),
)

CONTACTS = ObjectSpec(
    kind="contact",
    name_patterns=("contact", "people", "person"),
    header_hints=("isPrimary", "firstName", "lastName", "title", "address.city"),
    references={"parent_id": Ref(("company",), by=("id",))},
    required=(("name", "_first_name", "_last_name"), "x_source_id"),
    natural_key=("email", "name"),
    targets=("_first_name", "_last_name"),
    skip_columns=SKIPPED,
    synonyms=dict(
        _address("address"),
        x_source_id=["id", "contact id", "contactid"],
        parent_id=PARENT_ID + ["client id", "clientid"],
        name=["name", "full name"],
        _first_name=["firstName", "first name"],
        _last_name=["lastName", "last name"],
        function=["title", "job title"],
        comment=["notes", "note"],
        active=ACTIVE,
        create_date=CREATED,
        write_date=MODIFIED,
    ),
)

SITES = ObjectSpec(
    kind="site",
    name_patterns=("siteaddress", "site address", "worksite"),
    header_hints=("addressLine1", "addressLine2", "postalCode", "_parent_id"),
    references={"parent_id": Ref(("company",), by=("id",))},
    required=(("name", "street"), "x_source_id"),
    # A site has no id of its own: its street (else its name) identifies it.
    natural_key=("street", "name"),
    synonyms=dict(
        _address(""),
        parent_id=PARENT_ID + ["client id", "clientid"],
        name=["name", "site name"],
    ),
)

DEAL_COMMON = {
    "partner_id": ["clientId", "client id", "client"],
    "name": ["name", "opportunity name", "project name"],
    "expected_revenue": ["price", "value"],
    "stage_id": ["stage"],
    "probability": ["probability"],
    "priority": ["priority"],
    "user_id": ["owner", "owner email"],
    "active": ARCHIVED,
    "create_date": CREATED,
    "write_date": MODIFIED,
}

OPPORTUNITIES = ObjectSpec(
    kind="opportunity",
    name_patterns=("opportunit",),
    header_hints=(
        "systemState",
        "stageGroup",
        "estimatedCloseDate",
        "actualCloseDate",
        "clientId",
        "isArchived",
    ),
    # The client's primary contact (isPrimary) is the deal's partner, else the client.
    references={"partner_id": Ref(("company",), by=("id",), primary=("contact", "isPrimary"))},
    required=("name", "x_source_id"),
    targets=("_status",),
    value_maps={"active": NOT_ARCHIVED, "priority": PRIORITIES},
    skip_columns=SKIPPED,
    synonyms=dict(
        DEAL_COMMON,
        x_source_id=["id", "opportunity id"],
        _status=["systemState", "system state"],
        date_deadline=["estimatedCloseDate", "estimated close date"],
        date_closed=["actualCloseDate", "actual close date"],
        lost_reason_id=["lostReason", "lost reason"],
    ),
)

PROJECTS = ObjectSpec(
    kind="project",
    name_patterns=("project",),
    header_hints=("opportunityId", "startDate", "endDate", "clientId", "isArchived"),
    # The client's primary contact (isPrimary) is the deal's partner, else the client.
    references={"partner_id": Ref(("company",), by=("id",), primary=("contact", "isPrimary"))},
    required=("name", "x_source_id"),
    targets=("_status",),
    value_maps={"active": NOT_ARCHIVED, "priority": PRIORITIES},
    skip_columns=SKIPPED,
    synonyms=dict(
        DEAL_COMMON,
        x_source_id=["id", "project id"],
        # Completed and Cancelled mean won and lost (Profile.won_values, lost_values).
        _status=["status", "project status"],
        # The project's planned end: its expected closing (and its close date once won).
        date_deadline=["endDate", "end date"],
    ),
)

PROJECT_ID = ["projectId", "project id"]


def _folded(kind, patterns, hints, field, label, template):
    return ObjectSpec(
        kind=kind,
        name_patterns=patterns,
        header_hints=hints + ("projectId",),
        required=("_parent",),
        targets=("_parent",),
        fold=Fold(parent="project", field=field, label=label, template=template),
        synonyms={"_parent": PROJECT_ID},
    )


LOCATIONS = _folded(
    "location",
    ("location",),
    ("addressLine1", "postalCode"),
    "x_project_locations",
    "Project locations",
    "{name}: {addressLine1}, {city}, {state} {postalCode}, {country}",
)
PRODUCT_LINES = _folded(
    "product_line",
    ("productline", "lineitem", "product"),
    ("sku", "dealerPrice", "unitPrice", "manufacturer"),
    "x_product_lines",
    "Product lines",
    "{quantity} x {manufacturer} {sku}: {description}, dealer price {dealerPrice}, "
    "unit price {unitPrice}",
)
# A project's service plan: its own fields on the project's deal (x_service_plan_name,
# x_service_plan_cost, x_service_plan_billingfrequency as a selection...), not text.
SERVICE_PLANS = ObjectSpec(
    kind="service_plan",
    name_patterns=("serviceplan", "servicecontract"),
    header_hints=("billingFrequency", "pricingType", "cost", "projectId"),
    required=("_parent",),
    targets=("_parent",),
    onto=Onto(parent="project", prefix="service_plan"),
    custom_types={"billingFrequency": "selection", "pricingType": "selection"},
    skip_columns=("clientId", "id"),
    synonyms={"_parent": PROJECT_ID},
)
CHANGE_ORDERS = _folded(
    "change_order",
    ("changeorder",),
    ("requestedDate", "approvedDate", "amount"),
    "x_change_orders",
    "Change orders",
    "{number} {name} ({status}, requested {requestedDate}): {amount}",
)
TASKS = _folded(
    "task",
    ("task", "checklist"),
    ("assignedTo", "dueDate", "completedDate"),
    "x_task_list",
    "Task list",
    "[{status}] {name}, {assignedTo}, due {dueDate}",
)

FILES = ObjectSpec(
    kind="document",
    name_patterns=("files", "file", "attachment", "document"),
    header_hints=("url", "_parent_id"),
    references={"_company": Ref(("company",), by=("id",))},
    required=("x_source_id", "name"),
    # No path column: the upload holds each file as files/<id> (found by the row's id).
    targets=("_company",),
    synonyms={
        "x_source_id": ["id", "file id"],
        "_company": PARENT_ID + ["client id", "clientid"],
        "name": ["name", "file name"],
        "description": ["url"],  # where D-Tools served it, kept for traceability
    },
)

NOT_MIGRATED = [
    NotMigrated(
        "Workflow rules",
        "Automation rules (Settings > Technical > Automation Rules) or Studio automations",
        note="rebuild each from its trigger, conditions and actions",
        name_patterns=("workflow", "automation"),
    ),
    NotMigrated(
        "Report definitions",
        "CRM reporting views (pivot, graph), Studio reports or spreadsheets (Enterprise)",
        note="D-Tools report definitions do not transfer between instances",
        name_patterns=("report", "dashboard"),
    ),
    NotMigrated(
        "Integrated product library (i3 catalog)",
        "Products (Sales or Inventory); each project's lines are kept as text",
        note="the catalog is platform data, not the tenant's",
        name_patterns=("productlibrary", "catalog"),
    ),
    NotMigrated(
        "Service plan pricing rules",
        "Subscriptions (recurring plans and pricing)",
        note="dynamic pricing rules are rebuilt by hand",
        name_patterns=("pricingrule",),
    ),
]

PROFILE = Profile(
    code="dtools",
    label="D-Tools",
    # The specific child tables first: 'clients.contacts' names a client too.
    objects=[
        CONTACTS,
        SITES,
        FILES,
        CLIENTS,
        OPPORTUNITIES,
        PRODUCT_LINES,
        PROJECTS,
        LOCATIONS,
        SERVICE_PLANS,
        CHANGE_ORDERS,
        TASKS,
    ],
    kinds=KINDS,
    synonyms=generic.SYNONYMS,
    won_values=("won", "signed contract", "completed", "complete"),
    lost_values=("lost", "cancelled", "canceled"),
    dedupe_keys={"company": ["name"], "contact": ["email"], "opportunity": [], "project": []},
    id_field="x_dtools_id",
    id_label="D-Tools ID",
    not_migrated=NOT_MIGRATED,
    custom_type_for=generic.CUSTOM_TYPES,
)

"""The D-Tools profile: a D-Tools Cloud export, as its API returns it (JSON).

``GetClient`` objects read as a ``clients`` table (the billing address as dotted
columns, ``billingAddress.city``) and its child tables ``clients.contacts``,
``clients.siteAddresses`` and ``clients.files``, each row carrying its client's
id in ``_parent_id``; ``GetOpportunities`` as ``opportunities``; projects and
their locations, product lines, service plans, change orders and tasks as one
table each, every row naming its project by ``projectId``.

Where each object lands (the seed page's mapping table, row by row):

- Client: ``res.partner`` company (billing address, phone, website, type as a tag,
  owner by email, parent client by ``parentId``, archived when ``isActive`` is false).
- Contact: ``res.partner`` person, a child of its client; ``isPrimary`` is kept on the
  contact, and the client's primary contact is the customer of its deals
  (``Ref(primary=("contact", "isPrimary"))``: the client then follows as the
  commercial partner).
- Project: ``crm.lead`` opportunity, as the opportunities are (``price`` as expected
  revenue, ``stage`` through the stage map, ``systemState`` Won/Lost and a project's
  ``status`` Completed/Cancelled as won/lost, probability, expected and actual close
  dates, ``isArchived`` archives); a project's other columns are custom fields.
- Location: a client's site addresses are *Other Address* children of it (the
  ``res.partner`` address); a project's locations are readable text on its deal
  (``x_project_locations``, the seed's "crm.lead custom field").
- Integrated Product Library (i3): not supported (the seed says so): the catalog is
  listed on *Does not migrate*; each project's product lines are readable text on its
  deal (``x_product_lines``: SKU, manufacturer, dealer and unit price).
- Service Plan: fields of its project's deal (``Onto``: ``x_service_plan_name``,
  ``x_service_plan_cost``, billing frequency and pricing type as selections...).
- Workflow Rule: does not migrate: listed with its trigger, conditions and actions and
  its Odoo equivalent (automation rules).
- Task / Checklist: ``mail.activity`` on its project's deal, assigned by email, due on
  its due date; a completed one is logged in the deal's chatter on its completed date.
- Change Order: readable text on its project's deal (``x_change_orders``).
- Attachment / File: ``ir.attachment`` on its client, the content taken from the
  upload's ``files/<id>``.
- D-Tools User / Owner: owners are matched to Odoo users by email (archived users
  too); users are never created.
- D-Tools API ID: every record keeps its D-Tools id in ``x_dtools_id``
  (``Profile.id_field``).

Report definitions and service-plan pricing rules are listed on *Does not migrate*
too. Not expressed here because the format has no word for it: a key made of a site's
client and its name; typed fields filled from a folded row (a location's address as
fields of the deal).
"""

from . import generic
from .base import Fold, KindSpec, NotMigrated, ObjectSpec, Onto, Profile, Ref

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
    # A project's tasks: activities on its deal (open), logged in its chatter (done).
    "task": KindSpec(
        "mail.activity",
        50,
        "Tasks and checklists",
        {"activity_type_id": generic.TODO},
        independent=True,
    ),
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
# A project's task: an activity on its deal assigned to its owner (by email) and due on
# its due date; a completed one is logged in the deal's chatter on its completed date.
TASKS = ObjectSpec(
    kind="task",
    name_patterns=("task", "checklist"),
    header_hints=("assignedTo", "dueDate", "completedDate"),
    references={"_deal": Ref(("project",), by=("id",))},
    required=("x_source_id", "_deal"),
    targets=("_deal", "_done", "_done_on"),
    value_maps={"_done": generic.DONE},
    synonyms={
        "x_source_id": ["id"],
        "_deal": PROJECT_ID,
        "summary": ["name"],
        "date_deadline": ["dueDate", "due date"],
        "user_id": ["assignedTo", "assigned to"],
        "_done": ["status"],
        "_done_on": ["completedDate", "completed date"],
    },
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

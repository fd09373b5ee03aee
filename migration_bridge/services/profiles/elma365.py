"""ELMA365: a BPM platform whose CRM data lives in apps, tasks, projects and process
instances, read from its ``/pub/v1`` list answers (one or several HUB tenants).

The input is what ELMA365's public API lists (shared/PLATFORMS.md, and the connector
``services/connectors/elma365.py``, whose extraction reads the same): one JSON answer
per app and page, ``{"success": true, "error": "", "result": {"result": [...],
"total": n}}``, saved as files (``companies_1.json``, ``companies_2.json``: the pages
of one list are one object, the staging merges them), or the connector's own spool
(objects ``companies``, ``contacts``... prefixed by their tenant, ``hub-a.companies``,
when there are several). Field values keep ELMA365's JSON shapes, which the JSON
reader flattens: system fields ``__id``, ``__name``, ``__createdAt``,
``__updatedAt``, ``__createdBy`` (a user's id), ``__status.status``; a full name
``_fullname.lastname`` / ``.firstname`` / ``.middlename``; money ``{cents,
currency}`` as ``_budget.cents`` and ``_budget.currency`` (``Money(scale=100)``);
links to items as lists of UUIDs (``_companies``, ``_contacts``: the first one is
the record linked); typed phone and email lists ``[{type, tel}]`` and ``[{type,
email}]``, which the reader makes child tables (``companies._phone``). Labels and
values are often Russian and stay as they are: nothing here transliterates.

Where each object lands (the seed page's mapping table, row by row):

- Contact (within Tasks and Projects): ``res.partner`` person, from the CRM app
  ``_clients/_contacts`` when the tenant has it: its ``__name``, its company
  (``parent_id``, by the first id ``_companies`` holds), the name parts as ``x_`` fields,
  the creator as salesperson. Contacts nested inside tasks, projects and process
  instances (``tasks._participants``, no directory) are child objects recognised as
  contacts (records of their own kind, one per row; a child row carries its item's
  ``__id`` as ``_parent_id``). A contact nested in several items of one tenant
  repeats its ``__id``: one record named again (``ObjectSpec.repeats``), its later
  rows skipped with that reason. Typed email and phone lists are ``Typed`` folds onto
  their record (the first email into ``email``, the first work phone into ``phone``,
  the first mobile into ``mobile``, the rest readable in ``x_emails`` /
  ``x_phones``); their emails are compared by the audit as their record's, across
  files and tenants, so a person in two tenants with one email is one possible
  duplicate listing both rows (both load; a person merges them in Odoo).
- Company (organization within Tasks or Projects): ``res.partner`` company
  (``is_company``) from ``_clients/_companies`` and the organisations nested in tasks
  (``tasks._organisation``): ``__name``, INN as ``vat``, website, address, the
  creator as salesperson; loaded before the contacts, whose ``parent_id`` points to
  it.
- Task: ``crm.lead`` of type lead (a business task: title, description, due date as
  ``date_deadline``, deal value in cents as ``expected_revenue``, its company or
  contact as the customer, its status through the stage map, the creator as owner);
  ``_clients/_leads`` land the same way. Internal tasks are left out (``Only``: counted
  skipped, with the reason).
- Project: ``crm.lead`` opportunity (the deal half: name, client, budget, dates,
  status as its stage) and, with the Project app, its ``project.project`` (the
  ``Companion`` word: name, customer, manager, start and end dates, linked to the deal
  on its record link) with the project's tasks (``projects._tasks``, ``Children``) as
  ``project.task`` (name, deadline, status as a stage of it). The tasks stay readable
  on the deal (``x_project_tasks``, a ``Fold``) either way; without Project, *Does not
  migrate* says "install Project to migrate the projects' project and tasks".
- Process Instance: ``crm.lead`` opportunity named by the instance, the current step
  (``_current_step``) as its stage through the stage map (the last steps won or
  lost), the amount in cents as expected revenue, the deadline as expected closing.
  Its step history (``process_instances._history``) is one note per step in the
  opportunity's chatter (``mail.message``, a logged note), dated when the step
  started: step, performer, end and comment.
- Custom Application: a list the profile does not know is proposed as a new custom
  model (``custom_objects``), a field per column, typed by discovery; a column of
  another file's ids is a many2one to that file's records (``services/
  custom_models.py``). Its model is named without the tenant (``tenant_prefix``): one
  application of several tenants is one model (``hub-a.equipment`` and
  ``hub-b.equipment`` are ``x_equipment``).
- User and Role: users (``/pub/v1/user/list``) are read, never written: owners
  (``__createdBy``) are matched to Odoo users through them by email, archived users
  included; one with no Odoo user is flagged. Roles are mapped to groups by a person.
- Document: ``ir.attachment`` named with its folder path (``{_folder_path}/{__name}``),
  its content from the upload (``_file``), on its process instance, else its project,
  else its task.
- HR Documents (КЭДО): with the Employees app (``hr``), the КЭДО employees are
  ``hr.employee`` records (name, position as job title, personnel number as badge,
  their Odoo user: the ELMA365 user they are, matched as an owner is) and each HR
  document an ``ir.attachment`` on its employee, its e-signature's metadata (signed
  at, signer, certificate, valid to) as the attachment's description; the legal
  validity of the signature is re-established by the customer's legal team. Without
  Employees both files are listed on *Does not migrate*, naming the app.
- BPMN Workflow (definition), RPA Robot, Report and Dashboard: do not migrate; each
  row is listed on the project's *Does not migrate* tab with its Odoo equivalent.

Not honoured:

- a link list of several ids (``_companies: [a, b]``) links its first only (a
  reference by id takes the first id of a cell): custom models have no many2many;
- a typed list's phones are not compared by the audit (only its emails);
- a document with both an instance and a project link lands on one of them.
"""

from ..transform import XmlId
from . import generic
from .base import (
    Children,
    Companion,
    Fold,
    KindSpec,
    Money,
    NotMigrated,
    ObjectSpec,
    Only,
    Profile,
    Ref,
    Template,
    Typed,
)

NOTE = XmlId("mail.mt_note")

# Money in cents: ``{cents, currency}``. crm.lead has no currency field of its own (its
# amounts are in the company's currency): the currency stays an ``x_`` field, never
# ``currency_id`` (Money's currency column writes it, which Odoo refuses on a lead).
KINDS = {
    # The tenant's users: read, never written; owners are matched through them.
    "user": KindSpec("res.users", 5, "Users (owners)", custom_fields=False),
    "company": KindSpec("res.partner", 10, "Companies", {"is_company": True}),
    "contact": KindSpec("res.partner", 20, "Contacts", {"is_company": False}),
    "lead": KindSpec("crm.lead", 38, "Leads (business tasks and CRM leads)", {"type": "lead"}),
    "project": KindSpec("crm.lead", 40, "Projects (their deal)", {"type": "opportunity"}),
    "instance": KindSpec("crm.lead", 41, "Process instances", {"type": "opportunity"}),
    "document": KindSpec("ir.attachment", 70, "Documents"),
    # With the Employees app (hr): the КЭДО employees, and their HR documents as
    # attachments on them; without it, both on the Does not migrate tab.
    "employee": KindSpec("hr.employee", 12, "Employees (КЭДО)", app="hr", app_label="Employees"),
    "hr_document": KindSpec(
        "ir.attachment", 71, "HR documents (КЭДО)", app="hr", app_label="Employees"
    ),
    # Child rows kept on their record (Fold, Typed): typed lists, a project's tasks;
    # an instance's steps are notes on it.
    "company_email": KindSpec("res.partner", 21, "Company emails (on their company)"),
    "company_phone": KindSpec("res.partner", 22, "Company phones (on their company)"),
    "contact_email": KindSpec("res.partner", 23, "Contact emails (on their contact)"),
    "contact_phone": KindSpec("res.partner", 24, "Contact phones (on their contact)"),
    "step": KindSpec(
        "mail.message",
        62,
        "Process steps (dated notes on their instance)",
        {"message_type": "comment", "subtype_id": NOTE},
        independent=True,
    ),
    "project_task": KindSpec("crm.lead", 46, "Project tasks (kept on their project)"),
}

ID = ["__id"]
OWNER = ["__createdby", "_responsible", "responsible"]
DATES = {"create_date": ["__createdat"], "write_date": ["__updatedat"]}
# A record's client: the first id of the links to companies, else to contacts.
CLIENT = Ref(("company", "contact"), by=("id",))
# The name parts of a person, kept beside the name ELMA365 computes from them.
NAME_PARTS = {
    "_fullname.lastname": "char",
    "_fullname.firstname": "char",
    "_fullname.middlename": "char",
}

# ----------------------------------------------------------------------
# Users, companies, contacts
# ----------------------------------------------------------------------
USERS = ObjectSpec(
    kind="user",
    name_patterns=("users", "user list"),
    header_hints=("fullname.firstname", "fullname.lastname", "email"),
    required=("x_source_id",),
    targets=("_first_name", "_last_name", "_middle_name"),
    synonyms={
        "x_source_id": ID,
        "email": ["email"],
        "_first_name": ["fullname.firstname"],
        "_last_name": ["fullname.lastname"],
        "_middle_name": ["fullname.middlename"],
    },
)

COMPANIES = ObjectSpec(
    kind="company",
    # also the organisations nested in tasks (``hub-b.tasks._organisation``)
    name_patterns=("companies", "organisation", "organization", "компании"),
    header_hints=("_inn", "_kpp", "_ogrn", "_legal_address"),
    required=("name", "x_source_id"),
    natural_key=("vat", "name"),
    skip_columns=("_parent_id",),  # nested: the task it was named in
    repeats="_parent_id",  # nested in each task naming it: one record named again
    synonyms=dict(
        DATES,
        x_source_id=ID,
        name=["__name"],
        vat=["_inn"],
        website=["_website", "_site"],
        street=["_address", "_legal_address"],
        user_id=OWNER,
        comment=["_description", "_comment"],
    ),
)

CONTACTS = ObjectSpec(
    kind="contact",
    # also the participants nested in tasks, projects and instances
    name_patterns=("contacts", "participants", "контакты"),
    header_hints=("_fullname.lastname", "_fullname.firstname", "_companies"),
    # '_companies' reads as a company's name to the matcher: its values are ids, so
    # the company name's reference finds by id too (into the company, parent_id).
    references={
        "parent_id": Ref(("company",), by=("id",)),
        "company_name": Ref(("company",), by=("id",), into="parent_id"),
    },
    required=("name", "x_source_id"),
    custom_types=dict(NAME_PARTS),
    skip_columns=("_parent_id",),
    repeats="_parent_id",  # a participant of several tasks: one record named again
    synonyms=dict(
        DATES,
        x_source_id=ID,
        name=["__name"],
        parent_id=["_companies", "_company"],
        function=["_position", "_job_title"],
        user_id=OWNER,
        comment=["_description", "_comment"],
    ),
)

# ----------------------------------------------------------------------
# Business tasks and CRM leads, projects, process instances
# ----------------------------------------------------------------------
LEADS = ObjectSpec(
    kind="lead",
    name_patterns=("leads", "tasks", "лиды", "задачи"),
    header_hints=("_budget.cents", "__status.status", "_deadline", "_contacts"),
    references={"partner_id": CLIENT},
    required=("name", "x_source_id"),
    # internal tasks are no leads: skipped, with the reason
    only=Only("_type", ("business",), "an internal task, not a lead"),
    transforms=(Money("expected_revenue", "_budget.cents", scale=100),),
    synonyms=dict(
        DATES,
        x_source_id=ID,
        name=["__name", "_subject"],
        partner_id=["_companies", "_company", "_contacts"],
        description=["_description", "description"],
        date_deadline=["_deadline", "duedate", "_due_date"],
        stage_id=["__status.status", "_stage"],
        user_id=OWNER,
    ),
)

PROJECTS = ObjectSpec(
    kind="project",
    name_patterns=("projects", "проекты"),
    header_hints=("_start_date", "_end_date", "_milestones", "_budget.cents"),
    references={"partner_id": CLIENT},
    required=("name", "x_source_id"),
    transforms=(Money("expected_revenue", "_budget.cents", scale=100),),
    synonyms=dict(
        DATES,
        x_source_id=ID,
        name=["__name"],
        partner_id=["_client", "_companies", "_contacts"],
        description=["_description"],
        date_deadline=["_end_date", "_deadline"],
        stage_id=["__status.status", "_stage"],
        user_id=OWNER,
    ),
    # One row making two records: with the Project app, each project's deal also gets
    # its project.project (name, customer, dates, its owner as manager), and the
    # project's tasks (``projects._tasks``, still folded as text on the deal) become
    # its project.task records.
    companions=(
        Companion(
            "project.project",
            "project",
            "Project",
            "project and tasks",
            key="project",
            synonyms={"date_start": ["_start_date"]},
            children=Children(
                "project_task",
                "project.task",
                key="task",
                synonyms={
                    "_parent": ["_parent_id"],
                    "x_source_id": ["__id"],
                    "name": ["__name"],
                    "date_deadline": ["_deadline"],
                    "stage_id": ["__status.status"],
                    "description": ["_description"],
                },
            ),
        ),
    ),
)

INSTANCES = ObjectSpec(
    kind="instance",
    name_patterns=("process instances", "instances", "processes", "процессы"),
    header_hints=("_current_step", "__template", "__state"),
    references={"partner_id": CLIENT},
    required=("name", "x_source_id"),
    # the process it runs: text; its run state (exec, done) is not kept: the current
    # step says where it is, and 'state' would read as an address's
    custom_types={"__template": "char"},
    skip_columns=("__state",),
    transforms=(Money("expected_revenue", "_amount.cents", scale=100),),
    synonyms=dict(
        DATES,
        x_source_id=ID,
        name=["__name"],
        partner_id=["_companies", "_company", "_contacts"],
        stage_id=["_current_step", "current step"],
        date_deadline=["_deadline", "_planned_close"],
        description=["_description"],
        user_id=OWNER,
    ),
)

# ----------------------------------------------------------------------
# Child rows: typed lists and a project's tasks kept on their record, steps as notes
# ----------------------------------------------------------------------
EMAIL_FIRST = (("email", ("*",)),)
PHONE_FIRST = (("phone", ("work", "home", "main")), ("mobile", ("mobile",)))


def typed(kind, parent, patterns, column, first, field, label, compared=None):
    """A typed list (``[{type, email}]``) of a company or contact: the first of each
    type into its field, the rest readable in ``field``. ``compared``: the field its
    values are also given as, for the audit to compare (``dedupe_keys``) across files
    and tenants: each row is its record's (its source id is the record's, ``_parent``),
    so a record listing one address twice, or named in two items, is never its own
    duplicate. The fold writes only what ``Typed`` picks: the value is never written."""
    return ObjectSpec(
        kind=kind,
        name_patterns=patterns,
        header_hints=("_parent_id", "type", column),
        required=("_parent",),
        targets=("_parent",),
        natural_key=("_parent",),
        skip_columns=("type",) + (() if compared else (column,)),
        synonyms={"_parent": ["_parent_id"]},
        transforms=(Template(compared, "{%s}" % column, owns=False),) if compared else (),
        fold=Typed(parent, field, label, "{type}: {%s}" % column, value=column, first=first),
    )


TYPED = [
    typed(
        "company_email",
        "company",
        ("companies._email", "organisation._email"),
        "email",
        EMAIL_FIRST,
        "x_emails",
        "Other emails",
        compared="email",
    ),
    typed(
        "company_phone",
        "company",
        ("companies._phone", "organisation._phone"),
        "tel",
        PHONE_FIRST,
        "x_phones",
        "Other phones",
    ),
    typed(
        "contact_email",
        "contact",
        ("contacts._email", "participants._email"),
        "email",
        EMAIL_FIRST,
        "x_emails",
        "Other emails",
        compared="email",
    ),
    typed(
        "contact_phone",
        "contact",
        ("contacts._phone", "participants._phone"),
        "tel",
        PHONE_FIRST,
        "x_phones",
        "Other phones",
    ),
]

STEPS = ObjectSpec(
    kind="step",
    name_patterns=("instances._history", "history"),
    header_hints=("_parent_id", "_step", "_started_at", "_finished_at"),
    # Each step of an instance's history is a note in its opportunity's chatter, dated
    # when the step started: the history reads in order among the deal's messages.
    references={"_deal": Ref(("instance",), by=("id",))},
    required=("x_source_id", "body", "_deal"),
    targets=("_deal",),
    transforms=(
        Template(
            "body",
            "Step: {_step}[ ({_performer})][, finished {_finished_at}][. {_comment}]",
        ),
    ),
    synonyms={"x_source_id": ID, "_deal": ["_parent_id"], "create_date": ["_started_at"]},
)

PROJECT_TASKS = ObjectSpec(
    kind="project_task",
    name_patterns=("projects._tasks",),
    header_hints=("_parent_id", "_deadline", "__status.status"),
    required=("_parent",),
    targets=("_parent",),
    synonyms={"_parent": ["_parent_id"]},
    fold=Fold(
        "project", "x_project_tasks", "Project tasks", "{__name}, {_deadline}, {__status.status}"
    ),
)

# ----------------------------------------------------------------------
# Documents: named with their folder path, on their instance, project or task
# ----------------------------------------------------------------------
DOCUMENTS = ObjectSpec(
    kind="document",
    name_patterns=("documents", "files", "документы"),
    header_hints=("_folder_path", "__directory", "_file"),
    references={
        "_deal": Ref(("instance", "project"), by=("id",)),
        "_record": Ref(("lead",), by=("id",)),
    },
    required=("x_source_id", "name"),
    targets=("_deal", "_record", "_file"),
    transforms=(Template("name", "{_folder_path}/{__name}"),),
    synonyms=dict(
        DATES,
        x_source_id=ID,
        _deal=["_instance", "_project"],
        _record=["_task", "_lead"],
        _file=["_file"],
        mimetype=["_mimetype", "_content_type"],
        description=["_description"],
    ),
)

# ----------------------------------------------------------------------
# КЭДО (electronic HR documents): employees and their documents, with the Employees app
# ----------------------------------------------------------------------
EMPLOYEES = ObjectSpec(
    kind="employee",
    name_patterns=("employees", "сотрудники"),
    header_hints=("_position", "_department", "_user", "_personnel_number"),
    required=("name", "x_source_id"),
    # the employee's Odoo user: the ELMA365 user it is, matched as an owner is (by email)
    synonyms=dict(
        DATES,
        x_source_id=ID,
        name=["__name"],
        job_title=["_position"],
        user_id=["_user"],
        barcode=["_personnel_number"],
    ),
    fallback=NotMigrated(
        "Employees (КЭДО)",
        "Employees (hr.employee) with the Employees app",
        "install Employees to migrate them, with their HR documents",
        name_patterns=("employees", "сотрудники"),
    ),
)

HR_DOCUMENTS = ObjectSpec(
    kind="hr_document",
    name_patterns=("hr_documents", "kedo", "кэдо", "hr documents"),
    header_hints=("_employee", "_signed_at", "_document_type", "_signature.signer"),
    references={"_record": Ref(("employee",), by=("id",))},
    required=("x_source_id", "name", "_record"),
    targets=("_record", "_file"),
    # The e-signature's metadata is kept as the attachment's description: its legal
    # validity is re-established in Odoo's jurisdiction by the customer's legal team.
    transforms=(
        Template(
            "description",
            "{_document_type}[, signed {_signed_at}][ by {_signature.signer}]"
            "[, certificate {_signature.certificate}][, valid to {_signature.valid_to}]",
        ),
    ),
    synonyms=dict(
        DATES,
        x_source_id=ID,
        name=["__name"],
        _record=["_employee"],
        _file=["_file"],
        mimetype=["_mimetype", "_content_type"],
    ),
    fallback=NotMigrated(
        "HR documents (КЭДО)",
        "Attachments on employees (hr.employee) with the Employees app",
        "e-signature validity is re-established per the customer's legal team",
        name_patterns=("hr_documents", "kedo", "кэдо", "hr documents"),
    ),
)

# ----------------------------------------------------------------------
# What does not migrate: listed in the project's inventory with its Odoo equivalent
# ----------------------------------------------------------------------
NOT_MIGRATED = [
    NotMigrated(
        "BPMN workflows (process templates)",
        "Automation rules (Settings > Technical > Automation Rules), Studio approvals, "
        "activity plans",
        "each workflow is listed with its trigger, steps, conditions and assignees, to be "
        "rebuilt by the customer's admin",
        name_patterns=("workflows", "process templates", "bpm", "бизнес-процессы"),
    ),
    NotMigrated(
        "RPA robots",
        "Odoo RPA (a separate app) or scheduled actions; else manual re-entry",
        "each robot is listed with its purpose (data entry, screen scraping, form fill)",
        name_patterns=("rpa", "robots", "роботы"),
    ),
    NotMigrated(
        "Reports and dashboards",
        "Odoo pivot and graph views, dashboards, or a BI tool (Metabase, Power BI)",
        "their data migrates with the records; each report is rebuilt from the inventory",
        name_patterns=("reports", "dashboards", "отчеты", "отчёты"),
    ),
]

PROFILE = Profile(
    code="elma365",
    label="ELMA365",
    # child rows first: their names also hold their parent's ('tasks._participants')
    objects=[
        *TYPED,
        STEPS,
        PROJECT_TASKS,
        USERS,
        COMPANIES,
        CONTACTS,
        LEADS,
        PROJECTS,
        INSTANCES,
        EMPLOYEES,
        HR_DOCUMENTS,
        DOCUMENTS,
    ],
    kinds=KINDS,
    synonyms=generic.SYNONYMS,
    # The last steps of a sales process (Russian as the tenant names them, or English).
    won_values=("won", "closed won", "успешно", "сделка заключена", "выиграна", "завершено"),
    lost_values=("lost", "closed lost", "отказ", "проиграна", "сделка сорвана", "отменено"),
    # a contact's emails are its typed list's rows: compared across tenants there
    dedupe_keys={
        "company": ["vat", "name"],
        "contact": ["email"],
        "lead": [],
        "company_email": ["email"],
        "contact_email": ["email"],
    },
    id_field="x_elma365_id",
    id_label="ELMA365 ID",
    not_migrated=NOT_MIGRATED,
    custom_type_for=generic.CUSTOM_TYPES,
    # Custom applications: a list the profile does not know is proposed as a new custom
    # model, never left out; one application of several tenants is one model.
    custom_objects=True,
    tenant_prefix=True,
)

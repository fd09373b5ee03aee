"""The ELMA365 profile against its ``/pub/v1`` list answers, no Odoo.

The answers are built here, in the shapes PLATFORMS.md gives and the connector's
stand-in serves (tests/connectors/elma365_server.py): system fields ``__id`` and
``__name``, money ``{cents, currency}``, typed phone and email lists, full name parts,
links as lists of UUIDs, Russian values. They are read as the project reads an upload:
as the connector's spool (JSON Lines, one object per app, ``hub-a.companies``) and as
the list answers saved as files (``{"success", "result": {"result", "total"}}``).
Each app is recognised as its kind (BPM workflows, RPA robots and reports listed as
not migrated, an unknown custom application proposed as a custom model), its columns
get their intended targets, and rows transform to what the seed page's table asks:
companies and contacts linked by id, leads and process instances with their amount
from cents, the current step as the stage, documents named with their folder path,
Russian text intact.
"""

import json
import uuid
from functools import cache
from pathlib import Path

import pytest
from fields import by_name
from profile_words import unknown_words

from migration_bridge.services import (
    audit,
    inference,
    matcher,
    planner,
    readers,
    targets,
    transform,
)
from migration_bridge.services.profiles import base, elma365, get_profile, profile_selection

PROFILE = elma365.PROFILE
CRM_ONLY = {"base", "mail", "crm"}
FIELDS = by_name()
BY_MODEL = {model: list(named.values()) for model, named in FIELDS.items()}
NS = uuid.UUID("2f9a4c1e-7d3b-4e8a-9c55-1b2d3e4f5a6b")


def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(parts)))


USER = uid("user", "1")
COMPANY = uid("company", "1")
CONTACT = uid("contact", "1")
INSTANCE = uid("instance", "1")
APPS = {
    "users": [
        {
            "__id": USER,
            "__name": "Иванова Анна",
            "email": "a.ivanova@romashka.example",
            "fullname": {"lastname": "Иванова", "firstname": "Анна", "middlename": "Сергеевна"},
        }
    ],
    "companies": [
        {
            "__id": COMPANY,
            "__name": "ООО «Ромашка»",
            "__createdAt": "2026-01-12T09:30:00Z",
            "__updatedAt": "2026-03-02T14:00:00Z",
            "__createdBy": USER,
            "_inn": "7701234567",
            "_website": "romashka.example",
            "_address": "Москва, ул. Лесная, д. 5",
            "_phone": [{"type": "work", "tel": "+7 495 123-45-67"}],
            "_email": [{"type": "work", "email": "info@romashka.example"}],
        }
    ],
    "contacts": [
        {
            "__id": CONTACT,
            "__name": "Петров Пётр Сергеевич",
            "__createdBy": USER,
            "__createdAt": "2026-01-12T10:00:00Z",
            "_fullname": {"lastname": "Петров", "firstname": "Пётр", "middlename": "Сергеевич"},
            "_companies": [COMPANY],
            "_position": "Генеральный директор",
            "_phone": [{"type": "mobile", "tel": "+7 916 555-01-02"}],
            "_email": [{"type": "work", "email": "petrov@romashka.example"}],
        }
    ],
    "leads": [
        {
            "__id": uid("lead", "1"),
            "__name": "Поставка оборудования",
            "__createdBy": USER,
            "_budget": {"cents": 150_000_050, "currency": "RUB"},
            "_companies": [COMPANY],
            "_deadline": "2026-07-01T00:00:00Z",
            "_description": "Заявка с сайта: 12 стоек",
            "__status": {"order": 0, "status": 2},
        }
    ],
    "projects": [
        {
            "__id": uid("project", "1"),
            "__name": "Внедрение CRM для «Ромашки»",
            "__createdBy": USER,
            "_client": [COMPANY],
            "_budget": {"cents": 90_000_000, "currency": "RUB"},
            "_start_date": "2026-02-01",
            "_end_date": "2026-09-30",
        }
    ],
    "process_instances": [
        {
            "__id": INSTANCE,
            "__name": "Продажа: ООО «Ромашка»",
            "__createdBy": USER,
            "__template": "sales_process",
            "__state": "exec",
            "_current_step": "Согласование договора",
            "_amount": {"cents": 250_000_000, "currency": "RUB"},
            "_companies": [COMPANY],
            "_deadline": "2026-08-01",
        }
    ],
    "documents": [
        {
            "__id": uid("document", "1"),
            "__name": "Договор №15.pdf",
            "__createdAt": "2026-03-01T10:00:00Z",
            "_folder_path": "Клиенты/Ромашка/Договоры",
            "_file": "files/dogovor-15.pdf",
            "_instance": [INSTANCE],
        }
    ],
}
KINDS = {
    "users": "user",
    "companies": "company",
    "contacts": "contact",
    "leads": "lead",
    "projects": "project",
    "process_instances": "instance",
    "documents": "document",
}


def answer(items):
    """A ``/pub/v1/app/<ns>/<code>/list`` answer, as ELMA365 sends it."""
    body = {"success": True, "error": "", "result": {"result": items, "total": len(items)}}
    return json.dumps(body, ensure_ascii=False).encode()


def spool(items):
    """The connector's spool of one object: JSON Lines, one item a line."""
    return "\n".join(json.dumps(i, ensure_ascii=False) for i in items).encode()


@cache
def table(name, shape="spool"):
    """(object name, headers, rows, field profiles) of one app's main table."""
    if shape == "spool":
        tables = readers.read_sources("hub-a.%s.jsonl" % name, spool(APPS[name]))
    else:
        tables = readers.read_sources("%s_1.json" % name, answer(APPS[name]))
    main = tables[0]
    rows = [row.values for row in main.rows()]
    return main.object_name, main.headers, rows, inference.profile_rows(main.headers, rows)


@cache
def proposed(name, shape="spool"):
    object_name, headers, _rows, profiles = table(name, shape)
    proposal, fields = matcher.propose(PROFILE, object_name, headers, profiles, BY_MODEL)
    return proposal, {f.source: f for f in fields}


def targets_of(name):
    return {source: f.target for source, f in proposed(name)[1].items()}


def row_of(name):
    """The first row of an app, transformed with its proposed mapping confirmed."""
    return transform.transform_row(plan_of(name), 2, table(name)[2][0])


def plan_of(name):
    """An app's object plan, its proposed mapping confirmed."""
    proposal, fields = proposed(name)
    columns = []
    for f in fields.values():
        if f.target:
            composed = targets.get(f.target)
            if composed:
                columns.append(transform.Column(f.source, f.target, composed.type))
            else:
                field = FIELDS[proposal.model][f.target]
                columns.append(transform.Column(f.source, f.target, field.type, field.relation))
        elif f.custom_name:
            columns.append(transform.Column(f.source, f.custom_name, f.custom_type))
    return transform.object_plan(PROFILE, proposal.kind, proposal.model, columns, name)


def lookup_of(row, target):
    [found] = [lk for lk in row.lookups if lk.target == target]
    return found


# ----------------------------------------------------------------------
# The profile itself
# ----------------------------------------------------------------------
def test_the_profile_is_registered_by_its_module_alone():
    assert get_profile("elma365") is PROFILE
    assert ("elma365", "ELMA365") in profile_selection()


def test_kinds_models_and_load_order():
    assert {spec.kind for spec in PROFILE.objects} == set(PROFILE.kinds)
    assert {kind: PROFILE.model_for(kind) for kind in PROFILE.kinds} == {
        "user": "res.users",
        "company": "res.partner",
        "contact": "res.partner",
        "lead": "crm.lead",
        "project": "crm.lead",
        "instance": "crm.lead",
        "document": "ir.attachment",
        "company_email": "res.partner",
        "company_phone": "res.partner",
        "contact_email": "res.partner",
        "contact_phone": "res.partner",
        "step": "mail.message",
        "employee": "hr.employee",
        "hr_document": "ir.attachment",
        "project_task": "crm.lead",
    }
    assert PROFILE.kind_spec("company").defaults == {"is_company": True}
    assert PROFILE.kind_spec("lead").defaults == {"type": "lead"}
    assert PROFILE.kind_spec("instance").defaults == {"type": "opportunity"}
    order = [KINDS[n] for n in planner.plan_objects(PROFILE, list(KINDS.items()))]
    assert order.index("user") < order.index("company") < order.index("contact")
    assert order.index("contact") < order.index("lead") < order.index("document")
    assert order.index("instance") < order.index("document")
    assert PROFILE.id_field == "x_elma365_id" and PROFILE.custom_objects


def test_profile_words_are_all_known():
    assert not unknown_words(PROFILE)


def test_the_docstring_states_every_row_of_the_seed_table():
    doc = elma365.__doc__
    for row in (
        "Contact (within Tasks and Projects)",
        "Company (organization within Tasks or Projects)",
        "Task",
        "Project",
        "Process Instance",
        "Custom Application",
        "User and Role",
        "Document",
        "HR Documents (КЭДО)",
        "BPMN Workflow (definition), RPA Robot, Report and Dashboard",
    ):
        assert "\n- %s: " % row in doc, row
    assert "\nNot honoured:\n" in doc


# ----------------------------------------------------------------------
# Apps recognised
# ----------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_app_of_the_spool_is_recognised_as_its_kind(name):
    proposal, fields = proposed(name)
    assert table(name)[0] == "hub-a.%s" % name
    assert proposal.kind == KINDS[name], proposal.reason
    assert proposal.confidence >= 0.9, proposal.reason
    assert matcher.missing_required(PROFILE, proposal.kind, list(fields.values())) == []


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_saved_list_answer_is_named_after_its_file(name):
    """A list answer (``result.result``) is named after its file, its page number
    dropped: recognised as its app surely, with the spool's columns."""
    proposal, _fields = proposed(name, "answer")
    assert table(name, "answer")[0] == name
    assert proposal.kind == KINDS[name], proposal.reason
    assert table(name, "answer")[1] == table(name)[1]  # the same columns as the spool's


@pytest.mark.parametrize(
    "name, entry",
    [
        ("hub-a.rpa_robots", "RPA robots"),
        ("hub-b.bpm_workflows", "BPMN workflows (process templates)"),
        ("reports", "Reports and dashboards"),
        ("кэдо", "HR documents (КЭДО)"),
        ("hub-a.employees", "Employees (КЭДО)"),
        ("hub-a.hr_documents", "HR documents (КЭДО)"),
    ],
)
def test_automation_and_reports_are_listed_with_their_equivalent(name, entry):
    """Without the Employees app, КЭДО is listed too (with it, see below)."""
    profile = PROFILE.for_apps(CRM_ONLY)
    proposal = matcher.propose_object(profile, name, ["__id", "__name"])
    assert (proposal.kind, proposal.model) == (None, None), proposal.reason
    listed = profile.not_migrated_for(name)
    assert listed.object == entry
    assert "do not migrate" in proposal.reason and listed.equivalent in proposal.reason


def test_a_custom_application_is_proposed_as_a_custom_model():
    proposal = matcher.propose_object(
        PROFILE, "hub-a.equipment", ["__id", "__name", "_serial", "_purchased"]
    )
    assert (proposal.kind, proposal.model) == (matcher.CUSTOM_KIND, "x_equipment")
    # one application of several tenants is one model; a child table keeps its parent's
    other = matcher.propose_object(PROFILE, "hub-b.equipment", ["__id", "__name", "_serial"])
    assert other.model == "x_equipment"
    assert PROFILE.custom_object_name("equipment._items") == "equipment._items"
    assert PROFILE.custom_object_name("hub-a.equipment._items") == "equipment._items"
    assert PROFILE.custom_object_name("equipment") == "equipment"


# ----------------------------------------------------------------------
# Columns and rows
# ----------------------------------------------------------------------
def test_company_columns_and_row():
    assert targets_of("companies") == {
        "__id": "x_source_id",
        "__name": "name",
        "__createdAt": "create_date",
        "__updatedAt": "write_date",
        "__createdBy": "user_id",
        "_inn": "vat",
        "_website": "website",
        "_address": "street",
    }
    row = row_of("companies")
    assert row.vals["is_company"] is True
    assert row.vals["name"] == "ООО «Ромашка»"
    assert row.vals["street"] == "Москва, ул. Лесная, д. 5"
    assert lookup_of(row, "user_id").tokens == (USER,)


def test_contact_points_to_its_company_by_id_and_keeps_its_name_parts():
    found = targets_of("contacts")
    assert found["__id"] == "x_source_id" and found["__name"] == "name"
    assert found["_companies"] == "parent_id"
    assert found["_position"] == "function"
    fields = proposed("contacts")[1]
    for part in ("lastname", "firstname", "middlename"):
        assert fields["_fullname.%s" % part].custom_type == "char", part
    row = row_of("contacts")
    assert row.vals["is_company"] is False
    assert row.vals["name"] == "Петров Пётр Сергеевич"
    assert row.vals["x_fullname_middlename"] == "Сергеевич"
    company = lookup_of(row, "parent_id")
    assert (company.kinds, company.tokens) == (("company",), (COMPANY,))


def test_a_link_list_of_several_ids_links_its_first():
    """``_companies: [a, b]`` (the reader keeps a list of ids as one cell): the
    contact's company is the first."""
    other = uid("company", "2")
    contact = dict(APPS["contacts"][0], _companies=[COMPANY, other])
    main = readers.read_sources("hub-a.contacts.jsonl", spool([contact]))[0]
    [payload] = [row.values for row in main.rows()]
    row = transform.transform_row(plan_of("contacts"), 2, payload)
    assert lookup_of(row, "parent_id").tokens == (COMPANY,)


def test_a_lead_s_amount_is_cents_and_its_text_stays_russian():
    found = targets_of("leads")
    assert found["__status.status"] == "stage_id"
    assert found["_deadline"] == "date_deadline"
    row = row_of("leads")
    assert row.vals["type"] == "lead"
    assert float(row.vals["expected_revenue"]) == 1_500_000.5
    # a lead has no currency field: the currency stays text, never currency_id
    assert row.vals["x_budget_currency"] == "RUB" and "currency_id" not in row.vals
    assert not [lk for lk in row.lookups if lk.target == "currency_id"]
    assert row.vals["name"] == "Поставка оборудования"
    assert row.vals["description"] == "<p>Заявка с сайта: 12 стоек</p>"  # html


def test_a_process_instance_is_an_opportunity_staged_at_its_current_step():
    found = targets_of("process_instances")
    assert found["_current_step"] == "stage_id"
    assert found.get("__state") is None  # never an address's state
    row = row_of("process_instances")
    assert row.vals["type"] == "opportunity"
    assert float(row.vals["expected_revenue"]) == 2_500_000.0
    [(status, column)] = row.status
    assert (status, column) == ("Согласование договора", "_current_step")
    assert not PROFILE.is_won(status) and not PROFILE.is_lost(status)
    assert PROFILE.is_won("Сделка заключена") and PROFILE.is_lost("Отказ")
    client = lookup_of(row, "partner_id")
    assert client.tokens == (COMPANY,) and "company" in client.kinds


def test_an_instance_s_step_history_is_dated_notes_on_its_opportunity():
    """Each step of ``_history`` is a note (mail.message) on its instance's opportunity,
    dated when the step started, its text the step, performer, end and comment (the
    segments without a value left out)."""
    steps = [
        {
            "__id": uid("step", "1"),
            "_step": "Квалификация",
            "_started_at": "2026-03-10T09:00:00Z",
            "_finished_at": "2026-03-12T17:00:00Z",
            "_performer": "Иванова Анна",
            "_comment": "Бюджет подтверждён",
        },
        {
            "__id": uid("step", "2"),
            "_step": "Согласование договора",
            "_started_at": "2026-04-20T09:00:00Z",
            "_finished_at": "",
            "_performer": "Смирнов Дмитрий",
            "_comment": "",
        },
    ]
    item = dict(APPS["process_instances"][0], _history=steps)
    tables = readers.read_sources("process_instances_1.json", answer([item]))
    [history] = [t for t in tables if t.object_name.endswith("._history")]
    rows = [row.values for row in history.rows()]
    profiles = inference.profile_rows(history.headers, rows)
    proposal, fields = matcher.propose(
        PROFILE, history.object_name, history.headers, profiles, BY_MODEL
    )
    assert (proposal.kind, proposal.model) == ("step", "mail.message")
    found = {f.source: f.target for f in fields}
    assert (found["_parent_id"], found["_started_at"], found["__id"]) == (
        "_deal",
        "create_date",
        "x_source_id",
    )
    assert not [f for f in fields if f.custom_name], "the step's columns are its note's text"
    columns = []
    for f in fields:
        if f.target:
            composed = targets.get(f.target)
            kind = composed.type if composed else FIELDS["mail.message"][f.target].type
            columns.append(transform.Column(f.source, f.target, kind))
    plan = transform.object_plan(PROFILE, "step", "mail.message", columns, "history")
    first, last = (transform.transform_row(plan, n + 2, r) for n, r in enumerate(rows))
    assert first.vals["body"] == (
        "Step: Квалификация (Иванова Анна), finished 2026-03-12T17:00:00Z. Бюджет подтверждён"
    )
    assert last.vals["body"] == "Step: Согласование договора (Смирнов Дмитрий)"
    assert first.vals["message_type"] == "comment"
    assert str(first.dates["create_date"]) == "2026-03-10 09:00:00"
    assert lookup_of(first, "_deal").tokens == (INSTANCE,)
    assert "instance" in lookup_of(first, "_deal").kinds


def test_a_project_is_an_opportunity_its_dates_kept():
    found = targets_of("projects")
    assert found["_client"] == "partner_id" and found["_end_date"] == "date_deadline"
    row = row_of("projects")
    assert row.vals["type"] == "opportunity"
    assert float(row.vals["expected_revenue"]) == 900_000.0


def test_a_document_is_named_with_its_folder_path_on_its_instance():
    found = targets_of("documents")
    assert found["_file"] == "_file" and found["_instance"] == "_deal"
    row = row_of("documents")
    assert row.vals["name"] == "Клиенты/Ромашка/Договоры/Договор №15.pdf"


def test_typed_email_lists_are_kept_on_their_record_by_its_id():
    """A contact's ``[{type, email}]`` list is a child table whose rows carry the
    contact's ``__id``: a ``Typed`` fold onto the contact, the first email into
    ``email``, the others readable in ``x_emails``."""
    tables = readers.read_sources("hub-a.contacts.jsonl", spool(APPS["contacts"]))
    emails = next(t for t in tables if t.object_name == "hub-a.contacts._email")
    [row] = [r.values for r in emails.rows()]
    assert (row["email"], row["_parent_id"]) == ("petrov@romashka.example", CONTACT)
    proposal, fields = matcher.propose(PROFILE, emails.object_name, emails.headers, {}, BY_MODEL)
    assert proposal.kind == "contact_email"
    assert {f.source: f.target for f in fields}["_parent_id"] == "_parent"
    fold = PROFILE.object_spec("contact_email").fold
    payloads = [
        {"type": "home", "email": "petr@mail.example"},
        {"type": "work", "email": "petrov@romashka.example"},
    ]
    assert fold.values(payloads) == {
        "email": "petr@mail.example",
        "x_emails": "work: petrov@romashka.example",
    }
    phones = PROFILE.object_spec("contact_phone").fold
    assert phones.values(
        [
            {"type": "mobile", "tel": "+7 916 555-01-02"},
            {"type": "work", "tel": "+7 495 123-45-69"},
            {"type": "mobile", "tel": "+7 916 555-09-09"},
        ]
    ) == {
        "phone": "+7 495 123-45-69",
        "mobile": "+7 916 555-01-02",
        "x_phones": "mobile: +7 916 555-09-09",
    }


def test_internal_tasks_are_left_out_with_their_reason():
    only = PROFILE.object_spec("lead").only
    assert only.keeps({"_type": "business"}) and only.keeps({"__name": "a CRM lead"})
    assert not only.keeps({"_type": "internal"})
    assert "internal" in only.reason


# ----------------------------------------------------------------------
# The sample (data/samples/elma365), audited as the project audits an upload
# ----------------------------------------------------------------------
SAMPLE = Path(__file__).resolve().parent.parent / "migration_bridge/data/samples/elma365"


@cache
def sample_tables():
    """The sample's objects as the audit reads them: each file read as uploaded (pages
    of one list are one object), proposed, its mapping confirmed as proposed, in load
    order; ``repeats`` as the loader sets it (``Profile.named_again``). As a database
    with CRM alone reads it (the recorded fields are CRM's): КЭДО does not migrate."""
    profile = PROFILE.for_apps(CRM_ONLY)
    objects = {}
    for path in sorted(SAMPLE.glob("hub-*/*.json")):
        name = str(path.relative_to(SAMPLE))
        for source in readers.read_sources(name, path.read_bytes()):
            headers, rows = objects.setdefault(source.object_name, ([], []))
            headers += [h for h in source.headers if h not in headers]
            rows += [audit.Row(name, i + 1, r.values) for i, r in enumerate(source.rows())]
    tables, kinds = {}, {}
    for name, (headers, rows) in objects.items():
        profiles = inference.profile_rows(headers, [r.payload for r in rows])
        proposal, fields = matcher.propose(profile, name, headers, profiles, BY_MODEL)
        if proposal.kind in (None, matcher.CUSTOM_KIND):
            continue
        columns = []
        for f in fields:
            composed = targets.get(f.target) if f.target else None
            if composed:
                columns.append(transform.Column(f.source, f.target, composed.type))
            elif f.target:
                field = FIELDS[proposal.model][f.target]
                columns.append(transform.Column(f.source, f.target, field.type, field.relation))
            elif f.custom_name:
                selection = tuple((v, v) for v in profiles[f.source].values)
                columns.append(
                    transform.Column(f.source, f.custom_name, f.custom_type, selection=selection)
                )
        plan = transform.object_plan(profile, proposal.kind, proposal.model, columns, name)
        dedupe = tuple(
            k for k in profile.dedupe_keys.get(proposal.kind, []) if k in FIELDS[proposal.model]
        )
        repeats = bool(profile.named_again(proposal.kind, headers))
        tables[name] = audit.Table(name, proposal.kind, plan, rows, dedupe, repeats=repeats)
        kinds[name] = proposal.kind
    return [tables[n] for n in planner.plan_objects(profile, list(kinds.items()))]


def sample_findings():
    return audit.audit(sample_tables(), audit.Odoo())


def test_the_cross_tenant_contact_is_one_possible_duplicate_listing_both_rows():
    """Соколов is hub-a's contact and a hub-b task's participant, with one email: the
    typed lists' emails are compared as their contact's, across tenants (one finding,
    both rows, each named by its contact's id), never blocking."""
    expected = json.loads((SAMPLE / "expected.json").read_text())
    [finding] = [f for f in sample_findings() if f.code == "possible_duplicate"]
    assert not finding.blocking
    assert finding.count == 2
    assert expected["duplicate_email"] in finding.message
    assert "hub-a.contacts._email" in finding.message
    assert "hub-b.tasks._participants._email" in finding.message
    assert [r[0].split("/")[0] for r in finding.rows] == ["hub-a", "hub-b"]
    for row, record in zip(finding.rows, expected["duplicates"], strict=True):
        assert row[3] == expected["duplicate_email"]
        assert row[2].replace(" ", "-").endswith(record.split(":", 1)[1])


def test_a_contact_named_in_two_tasks_is_no_duplicate_of_itself():
    """Кузнецов is nested in two hub-a tasks with one ``__id``: a record named again
    (``ObjectSpec.repeats``), not the audit's blocking duplicate; his email, listed
    under each task, is not a possible duplicate of himself either."""
    expected = json.loads((SAMPLE / "expected.json").read_text())
    [(name, named)] = expected["named_again"].items()
    [(record, times)] = named.items()
    table = next(t for t in sample_tables() if t.name == name)
    assert table.repeats and times == 2
    assert table.plan.kind == "contact"
    findings = sample_findings()
    assert not [f for f in findings if f.code in ("duplicate_source_id", "blank_source_id")]
    shared = [f for f in findings if f.code == "possible_duplicate"]
    assert not [f for f in shared if "kuznetsov" in f.message]
    # the directory's rows are no record named again: an id twice there blocks
    directory = next(t for t in sample_tables() if t.name == "hub-a.contacts")
    assert not directory.repeats
    assert PROFILE.named_again("contact", ["__id", "_parent_id"]) == base.NAMED_AGAIN
    assert PROFILE.named_again("contact", ["__id", "__name"]) is None
    assert PROFILE.named_again("lead", ["__id", "_parent_id"]) is None


def test_the_sample_audits_with_no_blocking_finding():
    """What blocks the sample's load: nothing (the orphan company, the unmatched owner
    and the cross-tenant duplicate only warn)."""
    findings = sample_findings()
    assert [f.message for f in findings if f.blocking] == []
    codes = {f.code for f in findings}
    assert {"possible_duplicate", "unmatched_owner", "orphan_reference"} <= codes


def test_a_typed_list_named_twice_gives_each_entry_once():
    """A contact nested in two items gives its typed list once per item: on the
    contact, each entry once."""
    fold = PROFILE.object_spec("contact_email").fold
    work = {"type": "work", "email": "kuznetsov@romashka.example", "_parent_id": "x"}
    home = {"type": "home", "email": "ivan@mail.example", "_parent_id": "x"}
    assert fold.values([work, home, dict(work), dict(home)]) == {
        "email": "kuznetsov@romashka.example",
        "x_emails": "home: ivan@mail.example",
    }

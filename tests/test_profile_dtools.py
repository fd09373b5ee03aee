"""The D-Tools profile on the bundled D-Tools sample (migration_bridge/data/samples/dtools).

Each table of the export, as the JSON reader flattens it, is recognised as its kind,
each column gets its target, rows transform to the values the loader writes, and the
rows kept on a project render as ``expected.json`` says.
"""

import importlib.util
import json
from collections import defaultdict

import pytest
from conftest import ROOT, SAMPLES
from fields import PRIMARY_SERIES, by_name, target_fields

from migration_bridge.services import matcher, planner, readers, targets, transform
from migration_bridge.services.inference import profile_rows
from migration_bridge.services.profiles import dtools

PROFILE = dtools.PROFILE
SAMPLE = SAMPLES / "dtools"
EXPECTED = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
FIELDS = by_name()  # the primary series' fields
EXPORT_FILES = sorted(
    p.name for p in SAMPLE.glob("*.json") if p.name != "expected.json"
)  # the export, as uploaded


# ----------------------------------------------------------------------
# The export as flattened tables
# ----------------------------------------------------------------------
def _text(value):
    """A JSON value as the reader gives it: true/false, null empty, numbers as written."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value).strip()


def _flatten(record, object_name, tables, prefix=""):
    """One record's columns; its lists of objects appended to child tables."""
    flat = {}
    for key, value in record.items():
        column = prefix + key
        if isinstance(value, dict):
            flat.update(_flatten(value, object_name, tables, column + "."))
        elif isinstance(value, list) and not value:
            continue  # the other records' items make it a child table
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            child = "%s.%s" % (object_name, key.lower())
            for item in value:
                row = {"_parent_id": _text(record.get("id"))}
                row.update(_flatten(item, child, tables))
                tables[child].append(row)
        else:
            flat[column] = _text(value)
    return flat


def local_tables(path):
    """{object name: (headers, rows)}: what the JSON reader makes of a Cloud API file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    key = next(k for k, v in data.items() if isinstance(v, list))
    tables = defaultdict(list)
    name = key.lower()
    rows = [_flatten(record, name, tables) for record in data[key]]
    tables = {name: rows, **tables}
    out = {}
    for object_name, table_rows in tables.items():
        headers = []
        for row in table_rows:
            headers += [h for h in row if h not in headers]
        # A null object in one record is the dotted columns of the others, not a column.
        headers = [h for h in headers if not any(o.startswith(h + ".") for o in headers)]
        out[object_name] = (headers, [{h: row.get(h, "") for h in headers} for row in table_rows])
    return out


def reader_tables(path):
    out = {}
    for table in readers.read_sources(path.name, str(path)):
        out[table.object_name] = (list(table.headers), [dict(r.values) for r in table.rows()])
    return out


HAS_JSON_READER = ".json" in getattr(readers, "READERS", {})


def load_tables():
    tables, files = {}, {}
    for name in EXPORT_FILES:
        read = reader_tables if HAS_JSON_READER else local_tables
        for object_name, table in read(SAMPLE / name).items():
            tables[object_name] = table
            files[object_name] = name
    return tables, files


TABLES, FILE_OF = load_tables()

KIND_OF = {
    "clients": "company",
    "clients.contacts": "contact",
    "clients.siteaddresses": "site",
    "clients.files": "document",
    "opportunities": "opportunity",
    "projects": "project",
    "locations": "location",
    "productlines": "product_line",
    "serviceplans": "service_plan",
    "changeorders": "change_order",
    "tasks": "task",
}
NOT_MIGRATED = {
    "workflowrules": "Workflow rules",
    "workflowrules.conditions": "Workflow rules",
    "workflowrules.actions": "Workflow rules",
    "reportdefinitions": "Report definitions",
    "reportdefinitions.filters": "Report definitions",
}
FOLDS = {
    "locations": "x_project_locations",
    "productlines": "x_product_lines",
    "changeorders": "x_change_orders",
}


def propose(object_name, series=PRIMARY_SERIES):
    headers, rows = TABLES[object_name]
    fps = profile_rows(headers, rows)
    proposal, fields = matcher.propose(PROFILE, object_name, headers, fps, target_fields(series))
    return proposal, {f.source: f for f in fields}, fps


def targets_of(object_name, series=PRIMARY_SERIES):
    _proposal, fields, _fps = propose(object_name, series)
    return {source: (f.target or f.custom_name) for source, f in fields.items()}


def plan_for(object_name):
    """The ObjectPlan the loader builds once the proposed mapping is confirmed."""
    proposal, fields, fps = propose(object_name)
    columns = []
    for source, field in fields.items():
        if field.target:
            composed = targets.get(field.target)
            if composed:
                columns.append(transform.Column(source, field.target, composed.type))
            else:
                odoo = FIELDS[proposal.model][field.target]
                columns.append(transform.Column(source, field.target, odoo.type, odoo.relation))
        elif field.custom_name:
            choices = tuple((v, v) for v in fps[source].values)
            columns.append(
                transform.Column(source, field.custom_name, field.custom_type, selection=choices)
            )
    return transform.object_plan(PROFILE, proposal.kind, proposal.model, columns, object_name)


def rows_of(object_name):
    return TABLES[object_name][1]


def row_by_id(object_name, source_id):
    return next(r for r in rows_of(object_name) if r["id"] == str(source_id))


def transformed(object_name, source_id):
    plan = plan_for(object_name)
    rows = rows_of(object_name)
    index = next(i for i, r in enumerate(rows) if r["id"] == str(source_id))
    return transform.transform_row(plan, index + 2, rows[index])


def lookups(row_plan):
    return {lk.target: lk for lk in row_plan.lookups}


# ----------------------------------------------------------------------
# The profile and the sample
# ----------------------------------------------------------------------
def test_profile_declares_the_dtools_id_on_every_record():
    assert (PROFILE.code, PROFILE.label) == ("dtools", "D-Tools")
    assert (PROFILE.id_field, PROFILE.id_label) == ("x_dtools_id", "D-Tools ID")
    assert {spec.kind for spec in PROFILE.objects} == set(PROFILE.kinds)
    for kind, spec in PROFILE.kinds.items():
        assert spec.model in FIELDS, kind


def test_sample_tables_are_those_expected_json_counts():
    counts = {name: len(rows) for name, (_headers, rows) in TABLES.items()}
    assert counts == EXPECTED["tables"]
    assert set(counts) == set(KIND_OF) | set(NOT_MIGRATED)


@pytest.mark.skipif(not HAS_JSON_READER, reason="the JSON reader is not there yet")
def test_reader_flattens_as_the_local_helper_does():
    for name in EXPORT_FILES:
        ours = local_tables(SAMPLE / name)
        theirs = reader_tables(SAMPLE / name)
        assert set(theirs) == set(ours), name
        for object_name, (headers, rows) in ours.items():
            assert sorted(theirs[object_name][0]) == sorted(headers), object_name
            assert theirs[object_name][1] == rows, object_name


def test_sample_has_the_cloud_api_paging_shape():
    for name, paging in EXPECTED["paging"].items():
        data = json.loads((SAMPLE / name).read_text(encoding="utf-8"))
        (key,) = [k for k, v in data.items() if isinstance(v, list)]
        total = next(k for k in data if k.startswith("total"))
        assert data["page"] == 1 and data["pageSize"] == 500, name
        assert data[total] == len(data[key]) == paging[total], name


def test_sample_covers_the_dtools_gotchas():
    clients = {r["id"]: r for r in rows_of("clients")}
    assert [i for i, r in clients.items() if r["isActive"] == "false"] != []
    parents = {i: r["parentId"] for i, r in clients.items() if r["parentId"]}
    assert parents == EXPECTED["companies"]["parents"] and len(parents) >= 2
    order = list(clients)
    assert any(order.index(child) < order.index(parent) for child, parent in parents.items())
    sites = defaultdict(int)
    for row in rows_of("clients.siteaddresses"):
        sites[row["_parent_id"]] += 1
    assert max(sites.values()) >= 3
    assert any(r["isArchived"] == "true" for r in rows_of("opportunities"))
    assert any(not info["odoo_user"] for info in EXPECTED["owners"].values())
    assert EXPECTED["companies"]["without_contacts"]


def test_sample_is_small():
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 150 * 1024


def test_generator_writes_the_committed_bytes(tmp_path):
    path = ROOT / "scripts" / "samples" / "dtools.py"
    spec = importlib.util.spec_from_file_location("dtools_sample_generator", path)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.main(tmp_path / "dtools")
    written = sorted(p.relative_to(tmp_path / "dtools") for p in (tmp_path / "dtools").rglob("*"))
    committed = sorted(p.relative_to(SAMPLE) for p in SAMPLE.rglob("*"))
    assert written == committed
    for relative in written:
        if (SAMPLE / relative).is_file():
            assert (tmp_path / "dtools" / relative).read_bytes() == (
                SAMPLE / relative
            ).read_bytes(), relative


# ----------------------------------------------------------------------
# Objects: each table recognised as its kind
# ----------------------------------------------------------------------
@pytest.mark.parametrize("object_name", sorted(KIND_OF))
def test_table_is_recognised_as_its_kind(object_name):
    proposal, _fields, _fps = propose(object_name)
    kind = KIND_OF[object_name]
    assert (proposal.kind, proposal.model) == (kind, PROFILE.model_for(kind))
    assert proposal.confidence >= 0.9, proposal.reason


@pytest.mark.parametrize("object_name", sorted(KIND_OF))
def test_nothing_mandatory_is_missing(object_name):
    proposal, fields, _fps = propose(object_name)
    assert matcher.missing_required(PROFILE, proposal.kind, list(fields.values())) == []


@pytest.mark.parametrize("object_name", sorted(NOT_MIGRATED))
def test_not_migrated_tables_name_their_equivalent(object_name):
    headers, _rows = TABLES[object_name]
    proposal, fields = matcher.propose(PROFILE, object_name, headers, {}, target_fields())
    entry = PROFILE.not_migrated_for(object_name)
    assert entry is not None and entry.object == NOT_MIGRATED[object_name]
    assert (proposal.kind, proposal.model, fields) == (None, None, [])
    assert entry.equivalent in proposal.reason


def test_not_migrated_equivalents_are_automation_and_studio():
    by_object = {entry.object: entry for entry in PROFILE.not_migrated}
    assert "Automation rules" in by_object["Workflow rules"].equivalent
    assert "Studio" in by_object["Workflow rules"].equivalent
    assert "Studio" in by_object["Report definitions"].equivalent
    listed = EXPECTED["not_migrated"]
    assert set(listed) == {"workflow_rules.json", "report_definitions.json"}
    for rule in listed["workflow_rules.json"]["items"]:
        assert rule["trigger"] and rule["conditions"] and rule["actions"]


def test_load_order_puts_parents_first():
    objects = list(KIND_OF.items())
    order = planner.plan_objects(PROFILE, objects)
    assert order.index("clients") < order.index("clients.contacts")
    assert order.index("clients") < order.index("clients.siteaddresses")
    assert order.index("clients") < order.index("opportunities")
    for folded in [*FOLDS, "tasks"]:
        assert order.index("projects") < order.index(folded)
    assert order[-1] == "clients.files"


# ----------------------------------------------------------------------
# Columns: each column's target
# ----------------------------------------------------------------------
@pytest.mark.parametrize("series", ["17.0", "18.0", "19.0"])
def test_client_columns(series):
    assert targets_of("clients", series) == {
        "id": "x_source_id",
        "type": "category_id",
        "name": "name",
        "number": "ref",
        "contactName": None,
        "email": "email",
        # 19.0 has no partner mobile: a custom field keeps it
        "mobile": "x_mobile" if series == "19.0" else "mobile",
        "phone": "phone",
        "owner": "user_id",
        "hasSubaccounts": None,
        "createdDate": "create_date",
        "modifiedDate": "write_date",
        "isActive": "active",
        "secondaryEmail": "x_secondaryemail",
        "fax": "x_fax",
        "website": "website",
        "isExemptFromTax": "x_isexemptfromtax",
        "parentId": "parent_id",
        "parentName": None,
        "billingAddress.name": None,
        "billingAddress.addressLine1": "street",
        "billingAddress.addressLine2": "street2",
        "billingAddress.city": "city",
        "billingAddress.state": "state_id",
        "billingAddress.postalCode": "zip",
        "billingAddress.country": "country_id",
    }


@pytest.mark.parametrize("series", ["17.0", "18.0", "19.0"])
def test_contact_columns(series):
    mapped = targets_of("clients.contacts", series)
    assert mapped == {
        "_parent_id": "parent_id",
        "id": "x_source_id",
        "name": "name",
        "firstName": "_first_name",
        "lastName": "_last_name",
        "company": None,
        "title": "function",
        "email": "email",
        "secondaryEmail": "x_secondaryemail",
        # 19.0 has no partner mobile: a custom field keeps it
        "mobile": "x_mobile" if series == "19.0" else "mobile",
        "phone": "phone",
        "fax": "x_fax",
        "notes": "comment",
        "isActive": "active",
        "isPrimary": "x_isprimary",
        "address.name": None,
        "address.addressLine1": "street",
        "address.addressLine2": "street2",
        "address.city": "city",
        "address.state": "state_id",
        "address.postalCode": "zip",
        "address.country": "country_id",
    }
    _proposal, fields, _fps = propose("clients.contacts")
    assert fields["isPrimary"].custom_type == "boolean"


def test_site_columns():
    assert targets_of("clients.siteaddresses") == {
        "_parent_id": "parent_id",
        "name": "name",
        "addressLine1": "street",
        "addressLine2": "street2",
        "city": "city",
        "state": "state_id",
        "postalCode": "zip",
        "country": "country_id",
    }


def test_file_columns():
    assert targets_of("clients.files") == {
        "_parent_id": "_company",
        "id": "x_source_id",
        "name": "name",
        "url": "description",
    }


def test_opportunity_columns():
    assert targets_of("opportunities") == {
        "id": "x_source_id",
        "clientId": "partner_id",
        "clientName": None,
        "clientNumber": None,
        "name": "name",
        "number": "x_number",
        "systemState": "_status",
        "stageGroup": "x_stagegroup",
        "stage": "stage_id",
        "priority": "priority",
        "price": "expected_revenue",
        "total": "x_total",
        "budget": "x_budget",
        "probability": "probability",
        "owner": "user_id",
        "estimatedCloseDate": "date_deadline",
        "actualCloseDate": "date_closed",
        "createdDate": "create_date",
        "modifiedDate": "write_date",
        "isArchived": "active",
        "leadSource": "x_leadsource",
        "lostReason": "lost_reason_id",
        "lostDescription": "x_lostdescription",
    }


def test_project_columns_and_their_custom_fields():
    assert targets_of("projects") == {
        "id": "x_source_id",
        "opportunityId": "x_opportunityid",
        "clientId": "partner_id",
        "clientName": None,
        "name": "name",
        "number": "x_number",
        "stage": "stage_id",
        "status": "_status",
        "price": "expected_revenue",
        "total": "x_total",
        "owner": "user_id",
        "startDate": "x_startdate",
        "endDate": "date_deadline",
        "createdDate": "create_date",
        "modifiedDate": "write_date",
        "isArchived": "active",
    }
    _proposal, fields, _fps = propose("projects")
    assert fields["startDate"].custom_type == "date"
    assert fields["total"].custom_type == "float"


@pytest.mark.parametrize("object_name", sorted(FOLDS))
def test_folded_tables_map_only_their_project(object_name):
    _proposal, fields, _fps = propose(object_name)
    assert {s: f.target for s, f in fields.items() if f.target} == {"projectId": "_parent"}
    spec = PROFILE.object_spec(KIND_OF[object_name])
    assert (spec.fold.parent, spec.fold.field) == ("project", FOLDS[object_name])
    for source, field in fields.items():
        if source != "projectId":
            assert field.custom_name is None and "kept as text" in field.reason


# ----------------------------------------------------------------------
# Rows: what the transform gives
# ----------------------------------------------------------------------
def test_every_record_keeps_its_dtools_id():
    for object_name in ("clients", "clients.contacts", "clients.files", "opportunities"):
        plan = plan_for(object_name)
        for number, row in enumerate(rows_of(object_name), 2):
            result = transform.transform_row(plan, number, row)
            assert result.source_id == row["id"] != ""
            assert result.vals["x_dtools_id"] == row["id"]
    plan = plan_for("projects")
    for number, row in enumerate(rows_of("projects"), 2):
        assert transform.transform_row(plan, number, row).vals["x_dtools_id"] == row["id"]


def test_client_row():
    row = transformed("clients", 1001)
    assert row.vals["x_dtools_id"] == "1001"
    assert row.vals["is_company"] is True and row.vals["active"] is True
    assert (row.vals["name"], row.vals["ref"]) == ("Harbor Hotel Group", "C-1001")
    assert (row.vals["street"], row.vals["street2"]) == ("200 Biscayne Blvd", "Suite 1200")
    assert row.vals["website"] == "https://www.harborhotel.example"
    found = lookups(row)
    assert (found["user_id"].mode, found["user_id"].tokens) == (
        "user",
        ("sam.ortiz@bluewire-av.example",),
    )
    assert (found["state_id"].tokens, found["state_id"].country) == (("FL",), "United States")
    assert (found["category_id"].tokens, found["category_id"].create) == (("Commercial",), "1")
    assert str(row.dates["create_date"]) == "2024-07-10 10:41:00"


def test_sub_account_and_inactive_client_row():
    row = transformed("clients", 1002)
    assert row.vals["active"] is False
    parent = lookups(row)["parent_id"]
    assert (parent.tokens, parent.kinds, parent.by, parent.deferred) == (
        ("1001",),
        ("company",),
        ("id",),
        True,
    )


def test_contact_row_is_a_child_of_its_client():
    row = transformed("clients.contacts", 5001)
    assert row.vals["name"] == "Maria Lopez" and row.vals["is_company"] is False
    assert row.vals["function"] == "Facilities Director"
    assert row.vals["x_isprimary"] is True and row.vals["x_dtools_id"] == "5001"
    parent = lookups(row)["parent_id"]
    assert (parent.tokens, parent.kinds, parent.deferred) == (("1001",), ("company",), False)
    inactive = transformed("clients.contacts", EXPECTED["contacts"]["inactive"][0])
    assert inactive.vals["active"] is False


def test_site_row_is_an_other_address_of_its_client():
    plan = plan_for("clients.siteaddresses")
    results = [
        transform.transform_row(plan, n, r) for n, r in enumerate(rows_of("clients.siteaddresses"))
    ]
    first = results[0]
    assert first.vals["type"] == "other" and first.vals["is_company"] is False
    assert lookups(first)["parent_id"].kinds == ("company",)
    keys = [r.source_id for r in results]
    assert all(key.startswith("street=") for key in keys)
    assert len(set(keys)) == len(keys) == EXPECTED["records"]["sites"]


def test_won_opportunity_row():
    row = transformed("opportunities", 7001)
    source = row_by_id("opportunities", 7001)
    assert sorted(row.status) == [("Signed Contract", "stage"), ("Won", "systemState")]
    assert all(PROFILE.is_won(value) for value, _column in row.status)
    assert row.vals["expected_revenue"] == float(source["price"])
    assert row.vals["probability"] == 100.0
    assert str(row.vals["date_deadline"]) == source["estimatedCloseDate"]
    assert str(row.vals["date_closed"]).startswith(source["actualCloseDate"])
    assert row.vals["active"] is True and row.vals["type"] == "opportunity"
    assert row.vals["x_dtools_id"] == "7001"
    partner = lookups(row)["partner_id"]
    assert (partner.tokens, partner.kinds) == (("1001",), ("company",))


def test_archived_and_lost_opportunity_row():
    row = transformed("opportunities", 7002)
    assert row.vals["active"] is False  # isArchived: true
    assert any(PROFILE.is_lost(value) for value, _column in row.status)
    assert lookups(row)["lost_reason_id"].tokens == ("Budget",)
    archived_open = transformed("opportunities", 7014)
    assert archived_open.vals["active"] is False
    assert not any(PROFILE.is_lost(v) or PROFILE.is_won(v) for v, _c in archived_open.status)
    assert "user_id" not in lookups(archived_open)  # no owner in the source


@pytest.mark.parametrize(
    "value, priority", [("Low", "0"), ("Normal", "1"), ("High", "2"), ("Urgent", "3")]
)
def test_priority_values(value, priority):
    plan = plan_for("opportunities")
    row = dict(rows_of("opportunities")[0], priority=value)
    assert transform.transform_row(plan, 2, row).vals["priority"] == priority


def test_completed_project_row_is_won():
    row = transformed("projects", 8002)
    source = row_by_id("projects", 8002)
    assert ("Completed", "status") in row.status and PROFILE.is_won("Completed")
    assert str(row.vals["date_deadline"]) == source["endDate"]
    assert str(row.vals["x_startdate"]) == source["startDate"]
    assert row.vals["x_opportunityid"] == 7003
    assert row.vals["expected_revenue"] == float(source["price"])


@pytest.mark.parametrize(
    "value, outcome",
    [
        ("Won", "won"),
        ("Signed Contract", "won"),
        ("Completed", "won"),
        ("Lost", "lost"),
        ("Cancelled", "lost"),
        ("Open", None),
        ("On Hold", None),
        ("Active", None),
        ("Engineering", None),
    ],
)
def test_won_and_lost_values(value, outcome):
    assert PROFILE.is_won(value) == (outcome == "won")
    assert PROFILE.is_lost(value) == (outcome == "lost")


def test_every_deal_outcome_is_what_expected_json_says():
    for kind, object_name in (("opportunity", "opportunities"), ("project", "projects")):
        plan = plan_for(object_name)
        for number, source in enumerate(rows_of(object_name), 2):
            row = transform.transform_row(plan, number, source)
            values = [value for value, _column in row.status]
            outcome = (
                "won"
                if any(PROFILE.is_won(v) for v in values)
                else "lost"
                if any(PROFILE.is_lost(v) for v in values)
                else "open"
            )
            expected = EXPECTED["deals"]["%s:%s" % (kind, source["id"])]
            assert outcome == expected["outcome"], source["id"]
            assert lookups(row)["partner_id"].tokens == (expected["partner"],)
            if outcome != "lost":
                assert row.vals["active"] is expected["active"], source["id"]


def test_owners_are_matched_by_email():
    owners = EXPECTED["owners"]
    for object_name in ("clients", "opportunities", "projects"):
        plan = plan_for(object_name)
        for number, source in enumerate(rows_of(object_name), 2):
            found = lookups(transform.transform_row(plan, number, source)).get("user_id")
            if not source["owner"]:
                assert found is None
                continue
            assert (found.mode, found.tokens) == ("user", (source["owner"],))
            assert source["owner"] in owners
    assert [e for e, info in owners.items() if not info["odoo_user"]] == [
        "max.weber@bluewire-av.example"
    ]


def test_primary_contacts_are_those_flagged():
    contacts = rows_of("clients.contacts")
    primary = {c["_parent_id"]: c["id"] for c in contacts if c["isPrimary"] == "true"}
    assert primary == EXPECTED["contacts"]["primary"]
    for deal in EXPECTED["deals"].values():
        assert deal["primary_contact"] == primary.get(deal["partner"])
    # the deal's customer is its client's primary contact (Ref's primary word)
    ref = PROFILE.references("opportunity")["partner_id"]
    assert (ref.kinds, ref.primary) == (("company",), ("contact", "isPrimary"))


def test_the_docstring_states_every_row_of_the_seed_table():
    for row in (
        "Client",
        "Contact",
        "Project",
        "Location",
        "Integrated Product Library (i3)",
        "Service Plan",
        "Workflow Rule",
        "Task / Checklist",
        "Change Order",
        "Attachment / File",
        "D-Tools User / Owner",
        "D-Tools API ID",
    ):
        assert "\n- %s: " % row in dtools.__doc__, row


def test_files_land_on_their_client_with_their_content():
    plan = plan_for("clients.files")
    expected = {f["id"]: f for f in EXPECTED["files"]}
    for number, source in enumerate(rows_of("clients.files"), 2):
        row = transform.transform_row(plan, number, source)
        facts = expected[row.source_id]
        assert row.vals["name"] == source["name"] == facts["name"]
        assert row.vals["description"] == source["url"]
        assert row.vals["x_dtools_id"] == source["id"]
        company = lookups(row)["_company"]
        assert "company:%s" % company.tokens[0] == facts["record"]
        # No path column: the document is found in the upload by its id (files/<id>).
        assert row.file is None and facts["path"] == "files/%s" % row.source_id
        data = (SAMPLE / facts["path"]).read_bytes()
        assert len(data) == facts["size"]
        assert data[:4] == (b"\x89PNG" if facts["mimetype"] == "image/png" else b"%PDF")
    names = [f["name"] for f in EXPECTED["files"]]
    assert len(names) > len(set(names))  # names repeat across clients, ids do not


# ----------------------------------------------------------------------
# Rows kept on their project as text
# ----------------------------------------------------------------------
@pytest.mark.parametrize("object_name", sorted(FOLDS))
def test_fold_renders_as_expected(object_name):
    fold = PROFILE.object_spec(KIND_OF[object_name]).fold
    by_project = defaultdict(list)
    for row in rows_of(object_name):
        by_project[row["projectId"]].append(row)
    projects = [r["id"] for r in rows_of("projects")]
    assert set(by_project) <= set(projects)
    for project in projects:
        expected = EXPECTED["deals"]["project:%s" % project][fold.field]
        assert fold.render_all(by_project.get(project, [])) == expected, project


def test_tasks_are_activities_on_their_project_s_deal():
    """A task is an activity on its project's deal (the seed's 'crm.lead activity'),
    assigned by email, due on its due date; a completed one is done, on its date."""
    proposal, fields, _fps = propose("tasks")
    assert (proposal.kind, proposal.model) == ("task", "mail.activity")
    assert {s: f.target for s, f in fields.items() if f.target} == {
        "id": "x_source_id",
        "projectId": "_deal",
        "name": "summary",
        "assignedTo": "user_id",
        "dueDate": "date_deadline",
        "status": "_done",
        "completedDate": "_done_on",
    }
    plan = plan_for("tasks")
    for number, row in enumerate(rows_of("tasks"), 2):
        want = EXPECTED["tasks"]["task:%s" % row["id"]]
        result = transform.transform_row(plan, number, row)
        assert result.vals["summary"] == want["summary"]
        assert str(result.vals["date_deadline"]) == want["deadline"]
        assert result.flags.get("_done", False) is want["done"], row["id"]
        deal = [lk for lk in result.lookups if lk.target == "_deal"][0]
        assert (deal.kinds, deal.tokens) == (("project",), (str(row["projectId"]),))
    assert any(t["done"] for t in EXPECTED["tasks"].values())
    assert not all(t["done"] for t in EXPECTED["tasks"].values())


def test_service_plans_are_fields_of_their_project():
    """A service plan is no text: each column a custom field of the project's deal,
    named after the plan, billing frequency a selection; keyed by its project."""
    proposal, fields, _fps = propose("serviceplans")
    assert proposal.kind == "service_plan"
    assert fields["projectId"].target == "_parent"
    assert fields["name"].custom_name == "x_service_plan_name"
    assert fields["cost"].custom_name == "x_service_plan_cost"
    assert fields["billingFrequency"].custom_name == "x_service_plan_billingfrequency"
    assert fields["billingFrequency"].custom_type == "selection"
    assert fields["id"].target is None and fields["id"].custom_name is None
    spec = PROFILE.object_spec("service_plan")
    assert (spec.onto.parent, spec.fold) == ("project", None)
    plan = plan_for("serviceplans")
    assert plan.key_kind == "project"
    for row in rows_of("serviceplans"):
        assert transform.source_key(plan, row) == str(row["projectId"])
        assert "service_plan" in EXPECTED["deals"]["project:%s" % row["projectId"]]


def test_project_locations_and_product_lines_read_as_lines():
    deal = EXPECTED["deals"]["project:8001"]
    locations = deal["x_project_locations"].split("\n")
    assert len(locations) >= 2
    assert locations[0].startswith("Conference wing: 200 Biscayne Blvd, Miami, FL 33131")
    first = deal["x_product_lines"].split("\n")[0]
    assert " x " in first and "dealer price" in first
    fold = PROFILE.object_spec("product_line").fold
    line = fold.render(
        {
            "quantity": "2",
            "manufacturer": "Sonos",
            "sku": "SON-AMP",
            "description": "Sonos Amp",
            "dealerPrice": "449.5",
            "unitPrice": "699.0",
        }
    )
    assert line == "2 x Sonos SON-AMP: Sonos Amp, dealer price 449.5, unit price 699.0"

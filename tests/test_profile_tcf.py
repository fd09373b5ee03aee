"""The Customer Factor profile against its sample export (data/samples/tcf), no Odoo.

Each sample file is recognised as its kind (or listed as not migrated, with its
equivalent), each column gets the intended target or the custom field of the intended
type, and sample rows transform to what the seed page's mapping table asks for:
customers as companies or persons with their tags, prospects as leads (the converted
one linked to its customer), jobs as opportunities won, lost or open, estimates and
invoices kept as text on their customer until their adapters exist, notes, activities
and attachments on their record, the orphan reported; the custom fields' keys are one
field per normalised name, of the type their values show; and the generator writes
the committed sample byte for byte.
"""

import datetime
import json
import random
from functools import cache

import pytest
import sample_reading
from conftest import ROOT, SAMPLES
from fields import PRIMARY_SERIES, by_name
from profile_words import unknown_words

from migration_bridge.services import matcher, planner, readers, transform
from migration_bridge.services import values as values_
from migration_bridge.services.profiles import get_profile, profile_selection, tcf

# The profile as a database with CRM alone reads it (what expected.json describes):
# estimates and invoices are text lines, the price book does not migrate.
PROFILE = tcf.PROFILE.for_apps({"base", "mail", "crm"})
FOLDER = SAMPLES / "tcf"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
FIELDS = by_name()  # the primary series' fields
TABLE_FILES = [name for name, kind in EXPECTED["kinds"].items() if kind]
SERIES = ["17.0", "18.0", "19.0"]
MODELS = {"customer": "res.partner", "prospect": "crm.lead", "job": "crm.lead"}


# ----------------------------------------------------------------------
# Reading the sample as the project reads an upload
# ----------------------------------------------------------------------
READINGS = {
    series: sample_reading.sample_reading(PROFILE, FOLDER, by_name(series)) for series in SERIES
}
table, proposed, targets_of, column_for = READINGS[PRIMARY_SERIES]


@cache
def plan(name, series=PRIMARY_SERIES):
    """The object plan of a sample file, its proposed mapping confirmed as it is."""
    _table, proposed_, _targets_of, column_for_ = READINGS[series]
    profiles = table(name)[3]
    proposal, fields = proposed_(name)
    columns = [
        column_for_(proposal.model, f, profiles)
        for f in fields.values()
        if f.target or f.custom_name
    ]
    return transform.object_plan(PROFILE, proposal.kind, proposal.model, columns, name)


def rows(name):
    return table(name)[2]


def row_plan(name, source_id, series=PRIMARY_SERIES):
    file_plan = plan(name, series)
    key = file_plan.key_columns[0]
    index, payload = next((i, r) for i, r in enumerate(rows(name)) if r[key] == source_id)
    return transform.transform_row(file_plan, index + 2, payload)


def lookup_of(row, target):
    found = [lk for lk in row.lookups if lk.target == target]
    assert len(found) == 1, "expected one lookup for %s, got %r" % (target, found)
    return found[0]


# ----------------------------------------------------------------------
# The profile itself
# ----------------------------------------------------------------------
def test_the_profile_is_registered_by_its_module_alone():
    assert get_profile("tcf") is tcf.PROFILE
    assert ("tcf", "The Customer Factor") in profile_selection()


def test_profile_code_label_kinds_and_load_order():
    assert (PROFILE.code, PROFILE.label) == ("tcf", "The Customer Factor")
    assert {spec.kind for spec in PROFILE.objects} == set(PROFILE.kinds)
    assert {kind: PROFILE.model_for(kind) for kind in PROFILE.kinds} == {
        "user": "res.users",
        "customer": "res.partner",
        "prospect": "crm.lead",
        "job": "crm.lead",
        "estimate": "res.partner",
        "estimate_line": "res.partner",
        "invoice": "res.partner",
        "invoice_line": "res.partner",
        "note": "mail.message",
        "activity": "mail.message",
        "document": "ir.attachment",
    }
    assert PROFILE.kind_spec("prospect").defaults == {"type": "lead"}
    assert PROFILE.kind_spec("job").defaults == {"type": "opportunity"}
    objects = [(name, kind) for name, kind in EXPECTED["kinds"].items() if kind]
    order = [EXPECTED["kinds"][name] for name in planner.plan_objects(PROFILE, objects)]
    assert order.index("user") < order.index("customer") < order.index("prospect")
    assert order.index("customer") < order.index("job")
    for kind in ("estimate", "estimate_line", "invoice", "invoice_line"):
        assert order.index("customer") < order.index(kind), kind
    for kind in ("note", "activity", "document"):
        assert order.index("prospect") < order.index(kind), kind
        assert order.index("job") < order.index(kind), kind
    assert PROFILE.id_field == "x_tcf_id"


def test_profile_words_are_all_known():
    """Every target, reference, value map and transform names something real: a field of
    a series (a partner's and a lead's mobile are 17.0's and 18.0's), a composed target."""
    assert not unknown_words(PROFILE)


def test_the_docstring_states_every_row_of_the_seed_table():
    """Each object of the seed page's mapping table says where it lands, or why not."""
    doc = tcf.__doc__
    for row in (
        "Customer",
        "Prospect",
        "Estimate",
        "Job / Work Order",
        "Invoice",
        "Custom Field (per record)",
        "Attachment / File",
        "Owner / User",
        "Tag / Category",
        "Activity / Note",
    ):
        assert "\n- %s: " % row in doc, row
    for model in ("``sale.order``", "``account.move``", "``project.task``", "``Properties``"):
        assert model in doc, model
    assert "Not expressed here because the format has no word for it" in doc


# ----------------------------------------------------------------------
# Files recognised
# ----------------------------------------------------------------------
@pytest.mark.parametrize("name", TABLE_FILES)
def test_every_sample_file_is_recognised_as_its_kind(name):
    proposal, fields = proposed(name)
    assert proposal.kind == EXPECTED["kinds"][name], proposal.reason
    assert proposal.model == PROFILE.model_for(proposal.kind)
    assert proposal.confidence >= 0.9, proposal.reason
    assert matcher.missing_required(PROFILE, proposal.kind, list(fields.values())) == []


@pytest.mark.parametrize("item", EXPECTED["not_migrated"], ids=lambda item: item["file"])
def test_files_that_do_not_migrate_are_listed_with_their_equivalent(item):
    object_name, headers, _rows, _profiles = table(item["file"])
    proposal = matcher.propose_object(PROFILE, object_name, headers)
    assert (proposal.kind, proposal.model) == (None, None), proposal.reason
    entry = PROFILE.not_migrated_for(object_name)
    assert entry.object == item["object"]
    assert "do not migrate" in proposal.reason and entry.equivalent in proposal.reason
    assert "Name" in headers  # the inventory names each item by it


def test_an_unknown_file_is_proposed_as_a_custom_object():
    """The tenant's schema is discovered: a list the profile does not know (equipment)."""
    headers = ["Equipment ID", "Name", "Serial Number", "Purchased"]
    proposal = matcher.propose_object(PROFILE, "equipment", headers)
    assert (proposal.kind, proposal.model) == (matcher.CUSTOM_KIND, "x_equipment")


# ----------------------------------------------------------------------
# Columns: each to its intended target
# ----------------------------------------------------------------------
ADDRESS = {
    "Street Address": "street",
    "City": "city",
    "State": "state_id",
    "Zip Code": "zip",
    "Country": "country_id",
}


@pytest.mark.parametrize("series", SERIES)
def test_customer_columns(series):
    _proposal, fields = READINGS[series][1]("customers.csv")
    expected = dict(
        ADDRESS,
        **{
            "Customer ID": "x_source_id",
            "Customer Type": "is_company",
            "Customer Name": "name",
            "Email": "email",
            "Phone": "phone",
            "Mobile": "mobile",
            "Owner Email": "user_id",
            "Date Added": "create_date",
            "Last Updated": "write_date",
            "Notes": "comment",
        },
    )
    if series == "19.0":  # no partner mobile: the column becomes a custom field
        del expected["Mobile"]
        assert fields["Mobile"].custom_name == "x_mobile"
    assert {k: f.target for k, f in fields.items() if f.target} == expected
    for header in ("Category", "Tags"):  # joined into the partner's tags
        assert fields[header].target is None and "join" in fields[header].reason


def test_prospect_columns():
    assert {k: v for k, v in targets_of("prospects.csv").items() if v} == dict(
        ADDRESS,
        **{
            "Prospect ID": "x_source_id",
            "First Name": "_first_name",
            "Last Name": "_last_name",
            "Company Name": "partner_name",
            "Email": "email_from",
            "Phone": "phone",
            "Status": "stage_id",
            "Owner Email": "user_id",
            "Tags": "tag_ids",
            "Converted To Customer ID": "partner_id",
            "Notes": "description",
            "Date Added": "create_date",
            "Last Updated": "write_date",
        },
    )


def test_job_columns():
    assert {k: v for k, v in targets_of("jobs.csv").items() if v} == {
        "Job ID": "x_source_id",
        "Customer ID": "partner_id",
        "Job Title": "name",
        "Status": "stage_id",
        "Scheduled Date": "date_deadline",
        "Completed Date": "date_closed",
        "Owner Email": "user_id",
        "Job Total": "expected_revenue",
        "Service Address": "street",
        "Service City": "city",
        "Service State": "state_id",
        "Service Zip": "zip",
        "Description": "description",
        "Date Created": "create_date",
        "Last Updated": "write_date",
    }
    fields = proposed("jobs.csv")[1]
    for header in ("Job Type", "Tags"):  # joined into the job's CRM tags
        assert fields[header].target is None and "join" in fields[header].reason


def test_user_columns_keep_no_custom_fields():
    fields = proposed("users.csv")[1]
    assert {k: f.target for k, f in fields.items() if f.target} == {
        "User ID": "x_source_id",
        "First Name": "_first_name",
        "Last Name": "_last_name",
        "Email": "email",
        "Status": "active",
    }
    assert not any(f.custom_name for f in fields.values())


@pytest.mark.parametrize("name", ["notes.csv", "activities.csv", "attachments.csv"])
def test_engagement_columns_point_to_job_prospect_and_customer(name):
    got = targets_of(name)
    assert (got["Job ID"], got["Prospect ID"], got["Customer ID"]) == (
        "_deal",
        "_record",
        "_person",
    )
    assert not any(f.custom_name for f in proposed(name)[1].values())


def test_engagement_columns():
    assert targets_of("notes.csv") == {
        "Note ID": "x_source_id",
        "Customer ID": "_person",
        "Prospect ID": "_record",
        "Job ID": "_deal",
        "Note": "body",
        "Created By": "author_id",
        "Date Created": "create_date",
    }
    assert targets_of("activities.csv") == {
        "Activity ID": "x_source_id",
        "Activity Type": None,  # with the subject, the message's subject (a template)
        "Subject": None,
        "Details": "body",
        "Customer ID": "_person",
        "Prospect ID": "_record",
        "Job ID": "_deal",
        "Activity Date": "create_date",
        "Completed By": "author_id",
    }
    assert targets_of("attachments.csv") == {
        "Attachment ID": "x_source_id",
        "Customer ID": "_person",
        "Prospect ID": "_record",
        "Job ID": "_deal",
        "File Name": "name",
        "File Path": "_file",
        "File Type": "mimetype",
        "Size (bytes)": None,
        "Description": "description",
        "Date Uploaded": "create_date",
    }


@pytest.mark.parametrize(
    "name", ["estimates.csv", "estimate_items.csv", "invoices.csv", "invoice_items.csv"]
)
def test_estimates_and_invoices_are_text_of_their_customer(name):
    fields = proposed(name)[1]
    assert {k: f.target for k, f in fields.items() if f.target} == {"Customer ID": "_parent"}
    assert not any(f.custom_name for f in fields.values())
    fold = PROFILE.object_spec(EXPECTED["kinds"][name]).fold
    for header, field in fields.items():
        if header != "Customer ID":
            assert "kept as text in %s" % fold.label in field.reason, header


# ----------------------------------------------------------------------
# Custom fields: one field per key, of the type its values show
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, header",
    [(name, header) for name, columns in EXPECTED["custom_fields"].items() for header in columns],
)
def test_custom_field_columns_of_their_type(name, header):
    field = proposed(name)[1][header]
    assert field.target is None, field.reason
    assert field.custom_name == values_.slugify_field_name(header)
    assert field.custom_type == EXPECTED["custom_fields"][name][header], field.reason


def test_no_synonym_swallows_a_custom_field_column():
    meant_custom = {
        values_.normalize_label(header)
        for columns in EXPECTED["custom_fields"].values()
        for header in columns
    }
    meant_custom -= {"first name", "last name"}  # a prospect's name parts
    words = set()
    for spec in PROFILE.objects:
        for synonyms in spec.synonyms.values():
            words |= {values_.normalize_label(w) for w in synonyms}
    assert not meant_custom & words


def raw_cells():
    """The prospects' Custom Fields cells as the file has them (before the profile)."""
    [source] = readers.read_csv("prospects.csv", (FOLDER / "prospects.csv").read_bytes())
    return {row.values["Prospect ID"]: row.values[tcf.PROPERTIES_COLUMN] for row in source.rows()}


def test_the_cell_is_a_column_per_key_before_staging():
    """Reading the file as the project does (``Profile.read_table``), the cell is gone
    and each key, by its normalised name, is a column named by its first spelling; each
    row's values are those of its cell's pairs, and nothing else of the cell is left."""
    _name, headers, staged, _profiles = table("prospects.csv")
    keys = EXPECTED["properties"]["keys"]
    assert tcf.PROPERTIES_COLUMN not in headers
    assert PROFILE.properties.other not in headers, "every fragment of the sample is a pair"
    columns = [entry["spellings"][0] for entry in keys.values()]
    assert set(columns) <= set(headers)
    by_name = {values_.normalize_label(c): c for c in columns}
    cells = raw_cells()
    assert len(cells) == len(staged)
    filled = 0
    for payload in staged:
        pairs, rest = PROFILE.properties.split(cells[payload["Prospect ID"]])
        assert not rest
        expected = {by_name[values_.normalize_label(k)]: v for k, v in pairs}
        assert {c: payload[c] for c in columns if payload[c] != ""} == {
            c: v for c, v in expected.items() if v != ""
        }
        filled += len(expected)
    assert filled > len(staged)


def test_the_cell_s_keys_are_one_field_each_by_normalised_name_of_their_values_type():
    expected = EXPECTED["properties"]
    assert (expected["file"], expected["column"]) == ("prospects.csv", tcf.PROPERTIES_COLUMN)
    assert (expected["pair_separator"], expected["key_separator"]) == (
        PROFILE.properties.pair_sep,
        PROFILE.properties.key_sep,
    )
    fields = proposed("prospects.csv")[1]
    for entry in expected["keys"].values():
        field = fields[entry["spellings"][0]]
        assert (field.custom_name, field.custom_type) == (entry["field"], entry["type"])
        # every spelling of a key makes the same field
        assert {values_.slugify_field_name(s) for s in entry["spellings"]} == {entry["field"]}
    assert any(len(entry["spellings"]) > 2 for entry in expected["keys"].values())


def test_a_cell_key_and_a_column_of_one_model_are_one_field():
    """The jobs' 'Lot Size (Sq. Ft.)' column and the prospects' 'lot size (sq. ft.)' key
    (both crm.lead) are one field, created once at confirmation."""
    fields = proposed("jobs.csv")[1]
    keys = {entry["field"] for entry in EXPECTED["properties"]["keys"].values()}
    shared = EXPECTED["properties"]["shared_with_columns"]["jobs.csv"]
    assert shared
    for header, field in shared.items():
        assert fields[header].custom_name == field and field in keys
    # customers (res.partner) have a field of that name of their own
    assert proposed("customers.csv")[1]["Lot Size (sq ft)"].custom_name == "x_lot_size_sq_ft"


def test_a_prospect_s_cell_values_land_in_their_fields():
    """Each prospect's cell ('HOA: Yes; Lot Size (sq ft): 4900; ...', keys spelled as
    the tenant typed them) gives its lead those fields, typed by their values."""
    keys = EXPECTED["properties"]["keys"]
    field_of = {values_.normalize_label(e["spellings"][0]): e["field"] for e in keys.values()}
    cells = raw_cells()
    checked = 0
    for source_id, cell in cells.items():
        row = row_plan("prospects.csv", source_id)
        assert "x_custom_fields" not in row.vals
        for key, value in PROFILE.properties.split(cell)[0]:
            field = field_of[values_.normalize_label(key)]
            kind = keys[values_.normalize_label(key)]["type"]
            if kind == "integer" and value:
                assert row.vals[field] == int(value), (source_id, key)
                checked += 1
            elif kind == "boolean" and value:
                assert row.vals[field] is values_.parse_bool(value), (source_id, key)
            elif value:
                assert row.vals.get(field) not in (None, False, ""), (source_id, key)
    assert checked


# ----------------------------------------------------------------------
# Rows: customers, prospects, jobs
# ----------------------------------------------------------------------
def test_customer_type_is_is_company_and_tags_are_partner_tags():
    counts = {True: 0, False: 0}
    for payload in rows("customers.csv"):
        row = row_plan("customers.csv", payload["Customer ID"])
        counts[row.vals["is_company"]] += 1
        assert row.vals["is_company"] is (payload["Customer Type"] == "Commercial")
        assert row.vals["name"] == payload["Customer Name"]
        assert row.vals["x_tcf_id"] == payload["Customer ID"]
        assert row.vals["x_first_name"] == payload["First Name"]
        tags = lookup_of(row, "category_id")
        assert (tags.comodel, tags.multi) == ("res.partner.category", True)
        assert list(tags.tokens) == EXPECTED["customer_tags"][payload["Customer ID"]]
        assert lookup_of(row, "user_id").tokens == (payload["Owner Email"],)
    records = EXPECTED["records"]
    assert counts == {True: records["commercial"], False: records["residential"]}


def test_customer_custom_values_of_their_type():
    payload = rows("customers.csv")[-1]
    row = row_plan("customers.csv", payload["Customer ID"])
    assert row.vals["x_lot_size_sq_ft"] == int(payload["Lot Size (sq ft)"])
    assert row.vals["x_pets_on_site"] is (payload["Pets On Site"] == "Yes")
    assert row.vals["x_customer_since"] == values_.parse_date(payload["Customer Since"])
    assert row.vals["x_service_frequency"] == payload["Service Frequency"]
    assert row.vals["x_gate_code"] == payload["Gate Code"]


def test_the_converted_prospect_keeps_its_link_to_its_customer():
    [(prospect_id, customer_id)] = EXPECTED["converted"].items()
    assert EXPECTED["records"]["converted"] == 1
    customers = {r["Customer ID"]: r for r in rows("customers.csv")}
    row = row_plan("prospects.csv", prospect_id)
    link = lookup_of(row, "partner_id")
    assert (link.mode, link.kinds, link.by, link.tokens) == (
        transform.LOOKUP_RECORD,
        ("customer",),
        ("id",),
        (customer_id,),
    )
    prospect = next(r for r in rows("prospects.csv") if r["Prospect ID"] == prospect_id)
    customer = customers[customer_id]
    assert prospect["Status"] == "Converted"
    assert row.vals["name"] == customer["Customer Name"]
    assert row.vals["email_from"] == customer["Email"]
    assert row.vals["type"] == "lead"
    assert row.vals["x_converted_date"] == values_.parse_date(prospect["Converted Date"])
    # The lead found by the customer's source id is the customer written before it.
    assert transform.record_key("customer", customer_id) == "customer:%s" % customer_id
    others = [r for r in rows("prospects.csv") if r["Prospect ID"] != prospect_id]
    for payload in others:
        assert not [
            lk
            for lk in row_plan("prospects.csv", payload["Prospect ID"]).lookups
            if lk.target == "partner_id"
        ]


def test_prospects_are_leads_with_their_status_and_the_lost_ones_lost():
    lost = 0
    for payload in rows("prospects.csv"):
        row = row_plan("prospects.csv", payload["Prospect ID"])
        assert row.vals["type"] == "lead"
        assert row.vals["name"] == "%s %s" % (payload["First Name"], payload["Last Name"])
        assert row.vals.get("partner_name", "") == payload["Company Name"]
        [(status, column)] = row.status
        assert (status, column) == (payload["Status"], "Status")
        assert not PROFILE.is_won(status)
        lost += PROFILE.is_lost(status)
        if payload["Tags"]:
            assert lookup_of(row, "tag_ids").comodel == "crm.tag"
    assert lost == EXPECTED["records"]["prospects_lost"]


@pytest.mark.parametrize("job_id", sorted(EXPECTED["jobs"]))
def test_job_becomes_an_opportunity_with_its_metadata(job_id):
    facts = EXPECTED["jobs"][job_id]
    row = row_plan("jobs.csv", job_id)
    assert row.vals["type"] == "opportunity"
    assert row.vals["name"] == facts["name"]
    assert row.vals["expected_revenue"] == facts["expected_revenue"]
    assert row.vals["date_deadline"] == datetime.date.fromisoformat(facts["date_deadline"])
    assert row.vals["x_tcf_id"] == job_id
    for field in ("x_assigned_tech", "x_crew_size", "x_lot_size_sq_ft"):
        assert row.vals[field] == facts[field], field
    assert row.vals.get("x_estimate") == facts.get("x_estimate")
    customer = lookup_of(row, "partner_id")
    assert (customer.kinds, customer.tokens) == (("customer",), (facts["customer"],))
    assert lookup_of(row, "user_id").tokens == (facts["owner"],)
    tags = lookup_of(row, "tag_ids")
    assert (tags.comodel, list(tags.tokens)) == ("crm.tag", facts["tags"])
    [(status, _column)] = row.status
    assert status == facts["status"]
    assert {"won": (True, False), "lost": (False, True), "open": (False, False)}[
        facts["outcome"]
    ] == (PROFILE.is_won(status), PROFILE.is_lost(status))
    if "date_closed" in facts:
        assert row.vals["date_closed"] == datetime.datetime.fromisoformat(facts["date_closed"])


def test_won_lost_and_open_jobs_reconcile():
    outcomes = [facts["outcome"] for facts in EXPECTED["jobs"].values()]
    records = EXPECTED["records"]
    assert (outcomes.count("won"), outcomes.count("lost"), outcomes.count("open")) == (
        records["won"],
        records["lost"],
        records["open"],
    )
    assert sum(EXPECTED["statuses"]["jobs.csv"].values()) == records["jobs"]


def test_owners_are_matched_by_email_the_one_who_left_inactive():
    users = {r["Email"]: r for r in rows("users.csv")}
    assert set(EXPECTED["owners"]) | set(EXPECTED["unmatched_owners"]) == set(users)
    for email in EXPECTED["inactive_owners"]:
        row = row_plan("users.csv", users[email]["User ID"])
        assert row.vals["active"] is False and row.vals["email"] == email
    owners = {r["Owner Email"] for name in ("jobs.csv", "prospects.csv") for r in rows(name)}
    assert set(EXPECTED["unmatched_owners"]) <= owners
    assert set(EXPECTED["inactive_owners"]) <= owners


# ----------------------------------------------------------------------
# Estimates and invoices: text of their customer
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["estimates.csv", "estimate_items.csv", "invoices.csv", "invoice_items.csv"]
)
def test_estimates_invoices_and_their_lines_are_lines_of_their_customer(name):
    fold = PROFILE.object_spec(EXPECTED["kinds"][name]).fold
    assert fold.parent == "customer"
    assert plan(name).column_of("_parent") == "Customer ID"
    groups = {}
    for payload in rows(name):
        groups.setdefault(payload["Customer ID"], []).append(payload)
    customers = {r["Customer ID"] for r in rows("customers.csv")}
    for customer, payloads in groups.items():
        assert customer in customers
        assert fold.render_all(payloads) == EXPECTED["folded"][customer][fold.field]


def test_an_accepted_estimate_is_named_by_its_job():
    accepted = {r["Estimate #"] for r in rows("estimates.csv") if r["Status"] == "Accepted"}
    named = {facts.get("x_estimate") for facts in EXPECTED["jobs"].values()} - {None}
    assert accepted == named
    invoiced = {r["Job ID"] for r in rows("invoices.csv")}
    completed = {j for j, facts in EXPECTED["jobs"].items() if facts["status"] == "Completed"}
    assert invoiced == completed


# ----------------------------------------------------------------------
# Notes, activities and attachments: on their record, the orphan reported
# ----------------------------------------------------------------------
def known_records():
    return {
        "job": {r["Job ID"] for r in rows("jobs.csv")},
        "prospect": {r["Prospect ID"] for r in rows("prospects.csv")},
        "customer": {r["Customer ID"] for r in rows("customers.csv")},
    }


def resolve_all(row):
    """A Resolved finding every sample record by id, as the loader would after loading."""
    known = known_records()
    found = {}
    for lookup in row.lookups:
        if lookup.mode != transform.LOOKUP_RECORD:
            continue
        for token in lookup.tokens:
            kind = next((k for k in lookup.kinds if token in known.get(k, ())), None)
            if kind:
                found[lookup.key(token)] = (MODELS[kind], "%s:%s" % (kind, token))
    return transform.Resolved(found=found)


@pytest.mark.parametrize("item", EXPECTED["engagements"], ids=lambda item: item["source_id"])
def test_engagement_lands_on_its_record_with_its_date(item):
    row = row_plan(item["file"], item["source_id"])
    assembled = transform.assemble(plan(item["file"]), row, resolve_all(row))
    assert row.dates["create_date"] == datetime.datetime.fromisoformat(item["date"])
    if item["lands_as"] == "orphan":
        assert assembled.attach is None
        orphan = next(o for o in EXPECTED["orphans"] if o["source_id"] == item["source_id"])
        assert (orphan["column"], orphan["missing_id"]) in [
            (lk.column, token) for lk, token in assembled.missing
        ]
        return
    on = item["on"]
    assert assembled.attach == (MODELS[on["kind"]], "%s:%s" % (on["kind"], on["source_id"]))
    if item["type"] == "document":
        assert row.file and (FOLDER / row.file[0]).is_file()
    else:
        assert row.vals["message_type"] == "comment" and row.vals["body"]
    if item["type"] == "activity":
        assert row.vals["subject"] == item["subject"]


def test_engagements_land_on_jobs_prospects_and_customers():
    kinds = {item["on"]["kind"] for item in EXPECTED["engagements"] if item.get("on")}
    assert kinds == {"job", "prospect", "customer"}
    [(prospect_id, customer_id)] = EXPECTED["converted"].items()
    on = [item["on"] for item in EXPECTED["engagements"] if item.get("on")]
    assert {"kind": "prospect", "source_id": prospect_id} in on
    assert {"kind": "customer", "source_id": customer_id} in on


def test_the_orphan_is_the_row_the_expectations_name():
    [orphan] = EXPECTED["orphans"]
    assert orphan["missing_id"] not in known_records()["job"]
    [entry] = [e for e in EXPECTED["engagements"] if e["lands_as"] == "orphan"]
    [source] = readers.read_csv(entry["file"], (FOLDER / entry["file"]).read_bytes())
    numbered = {r.values["Note ID"]: r.row for r in source.rows()}
    assert numbered[orphan["source_id"]] == entry["row"]


# ----------------------------------------------------------------------
# The sample and its generator
# ----------------------------------------------------------------------
def load_generator():
    return sample_reading.load_generator(ROOT / "scripts" / "samples" / "tcf.py")


def test_the_generator_writes_the_committed_sample_byte_for_byte():
    generator = load_generator()
    first, _facts = generator.export_files(random.Random(generator.SEED))
    second, _facts = generator.export_files(random.Random(generator.SEED))
    assert first == second
    for path, data in first.items():
        assert (FOLDER / path).read_bytes() == data, path
    on_disk = {p.relative_to(FOLDER).as_posix() for p in FOLDER.rglob("*") if p.is_file()}
    assert on_disk == set(first)


def test_the_generator_s_fold_templates_are_the_profile_s():
    generator = load_generator()
    for name, (field, template) in generator.FOLDS.items():
        fold = PROFILE.object_spec(EXPECTED["kinds"][name]).fold
        assert (fold.field, fold.template) == (field, template), name


def test_the_sample_is_small_and_its_counts_are_the_files():
    total = sum(p.stat().st_size for p in FOLDER.rglob("*") if p.is_file())
    assert total < 120 * 1024
    for name, count in EXPECTED["files"].items():
        assert len(rows(name)) == count, name
        assert count <= 150, name
    assert sorted(EXPECTED["documents"]) == sorted(r["File Path"] for r in rows("attachments.csv"))
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == "# The Customer Factor sample export"
    for name in EXPECTED["files"]:
        assert "`%s`" % name in readme, name
    # scripts/demo.sh --check reads a platform's sample by its files and engagements
    assert EXPECTED["profile"] == "tcf" and EXPECTED["engagements"]

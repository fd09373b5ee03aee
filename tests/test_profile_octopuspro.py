"""The OctopusPro profile against its sample export (data/samples/octopuspro), no Odoo.

Each sample file is recognised as its kind (or listed as not migrated, with its
equivalent), each column gets the intended target or the custom field of the intended
type, and sample rows transform to what the seed page's mapping table asks for: a
customer's type as ``is_company``, bookings as opportunities with their metadata,
invoiced bookings won and cancelled ones lost, invoices, payments and quotes kept as
text, a booking's form as its fields, notes and history on their booking, the orphan
reported; and the generator writes the committed sample byte for byte.
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
from migration_bridge.services.profiles import octopuspro

# The profile as a database with CRM alone reads it (what expected.json describes):
# quotes, invoices and payments are text lines, the catalogue does not migrate.
PROFILE = octopuspro.PROFILE.for_apps({"base", "mail", "crm"})
FOLDER = SAMPLES / "octopuspro"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
FIELDS = by_name()  # the primary series' fields
TABLE_FILES = [name for name, kind in EXPECTED["kinds"].items() if kind]
# 17.0 and 18.0 have a partner's title (Mr, Dr) and mobile; 19.0 has neither.
SERIES = ["17.0", "18.0", "19.0"]


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
def test_profile_code_label_kinds_and_load_order():
    assert (PROFILE.code, PROFILE.label) == ("octopuspro", "OctopusPro")
    assert {spec.kind for spec in PROFILE.objects} == set(PROFILE.kinds)
    assert {kind: PROFILE.model_for(kind) for kind in PROFILE.kinds} == {
        "field_worker": "res.users",
        "customer": "res.partner",
        "booking": "crm.lead",
        "booking_form": "crm.lead",
        "invoice": "crm.lead",
        "payment": "crm.lead",
        "quote": "res.partner",
        "booking_note": "mail.message",
        "booking_event": "mail.message",
        "document": "ir.attachment",
    }
    objects = [(name, kind) for name, kind in EXPECTED["kinds"].items() if kind]
    order = [EXPECTED["kinds"][name] for name in planner.plan_objects(PROFILE, objects)]
    assert order.index("customer") < order.index("booking") < order.index("booking_note")
    for kind in ("booking_form", "invoice", "payment"):
        assert order.index("booking") < order.index(kind), kind
    assert order.index("customer") < order.index("quote")
    assert PROFILE.id_field == "x_octopuspro_id"


def test_profile_words_are_all_known():
    """Every target, reference, value map and transform names something real: a field of
    a series (a partner's title and mobile are 17.0's and 18.0's), a composed target."""
    assert not unknown_words(PROFILE)


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
    assert "name" in headers  # the inventory names each item by it


def test_an_unknown_file_is_proposed_as_a_custom_object():
    """The tenant's schema is discovered: customer properties (pets, vehicles, sites)."""
    headers = ["property_id", "customer_id", "property_type", "name"]
    proposal = matcher.propose_object(PROFILE, "customer_properties", headers)
    assert (proposal.kind, proposal.model) == (matcher.CUSTOM_KIND, "x_customer_properties")


# ----------------------------------------------------------------------
# Columns: each to its intended target
# ----------------------------------------------------------------------
@pytest.mark.parametrize("series", SERIES)
def test_customer_columns(series):
    _proposal, fields = READINGS[series][1]("customers.csv")
    expected = {
        "customer_id": "x_source_id",
        "customer_type": "is_company",
        "customer_name": "name",
        "title": "title",
        "business_name": "company_name",
        "email": "email",
        "mobile": "mobile",
        "phone": "phone",
        "address": "street",
        "suburb": "city",
        "state": "state_id",
        "postcode": "zip",
        "country": "country_id",
        "date_joined": "create_date",
        "last_updated": "write_date",
        "notes": "comment",
    }
    if series == "19.0":  # no partner title nor mobile: both columns become custom fields
        del expected["title"], expected["mobile"]
        assert (fields["title"].custom_name, fields["mobile"].custom_name) == (
            "x_title",
            "x_mobile",
        )
    assert {k: f.target for k, f in fields.items() if f.target} == expected


def test_booking_columns():
    got = targets_of("bookings.csv")
    assert {k: v for k, v in got.items() if v} == {
        "booking_id": "x_source_id",
        "customer_id": "partner_id",
        "booking_date": "date_deadline",
        "status": "stage_id",
        "owner_email": "user_id",
        "service_address": "street",
        "service_suburb": "city",
        "service_state": "state_id",
        "service_postcode": "zip",
        "service_country": "country_id",
        "total": "expected_revenue",
        "invoice_status": "_status",
        "invoice_date": "date_closed",
        "cancellation_reason": "lost_reason_id",
        "job_description": "description",
        "created_at": "create_date",
        "updated_at": "write_date",
    }
    fields = proposed("bookings.csv")[1]
    for header in ("service", "customer_name"):  # the opportunity's name
        assert fields[header].custom_name is None and "template" in fields[header].reason


def test_engagement_columns():
    note = {"note_id": "x_source_id", "booking_id": "_deal", "note": "body"}
    assert targets_of("booking_notes.csv") == dict(
        note, added_by="author_id", created_at="create_date"
    )
    assert targets_of("booking_history.csv") == {
        "history_id": "x_source_id",
        "booking_id": "_deal",
        "event": "body",
        "performed_by": "author_id",
        "performed_at": "create_date",
    }
    assert targets_of("booking_attachments.csv") == {
        "attachment_id": "x_source_id",
        "booking_id": "_deal",
        "customer_id": "_person",
        "file_name": "name",
        "file_path": "_file",
        "content_type": "mimetype",
        "size_bytes": None,
        "caption": "description",
        "uploaded_at": "create_date",
    }


def test_with_employees_field_workers_are_employees():
    """With the Employees app the field workers file is hr.employee records; without
    it, the owners' file (read, never written)."""
    headers = table("fieldworkers.csv")[1]
    with_hr = octopuspro.PROFILE.for_apps({"base", "mail", "crm", "hr"})
    proposal = matcher.propose_object(with_hr, "fieldworkers", headers)
    assert (proposal.kind, proposal.model) == ("employee", "hr.employee")
    assert with_hr.object_spec("employee").transforms[0].template == "{first_name} {last_name}"
    proposal = matcher.propose_object(PROFILE, "fieldworkers", headers)
    assert (proposal.kind, proposal.model) == ("field_worker", "res.users")


def test_field_workers_are_owners_with_no_custom_fields():
    fields = proposed("fieldworkers.csv")[1]
    assert not any(f.custom_name for f in fields.values())
    for header in ("pay_rate", "location_tracking"):
        assert fields[header].target is None and "no custom fields" in fields[header].reason
    workers = {r["email"]: r for r in rows("fieldworkers.csv")}
    for email in EXPECTED["inactive_fieldworkers"]:
        row = row_plan("fieldworkers.csv", workers[email]["fieldworker_id"])
        assert row.vals["active"] is False and row.vals["email"] == email
    assert set(EXPECTED["owners"]) | set(EXPECTED["unmatched_owners"]) == set(workers)


@pytest.mark.parametrize(
    "name, header",
    [(name, header) for name, columns in EXPECTED["custom_fields"].items() for header in columns],
)
def test_custom_fields_of_their_type(name, header):
    field = proposed(name)[1][header]
    prefix = "x_form_" if PROFILE.object_spec(EXPECTED["kinds"][name]).onto else "x_"
    assert field.target is None, field.reason
    assert field.custom_name == values_.slugify_field_name(header, prefix=prefix)
    assert field.custom_type == EXPECTED["custom_fields"][name][header], field.reason


# ----------------------------------------------------------------------
# Rows: customers
# ----------------------------------------------------------------------
@pytest.mark.parametrize("series", SERIES)
def test_customer_type_is_is_company_and_title_is_odoo_s(series):
    titles = {
        "Dr": "base.res_partner_title_doctor",
        "Mr": "base.res_partner_title_mister",
        "Mrs": "base.res_partner_title_madam",
        "Ms": "base.res_partner_title_madam",
        "Miss": "base.res_partner_title_miss",
    }
    counts = {True: 0, False: 0}
    for payload in rows("customers.csv"):
        row = row_plan("customers.csv", payload["customer_id"], series)
        counts[row.vals["is_company"]] += 1
        assert row.vals["is_company"] is (payload["customer_type"] == "Business")
        assert row.vals["name"] == payload["customer_name"]
        assert row.vals["x_octopuspro_id"] == payload["customer_id"]
        if series == "19.0":  # no partner title: the salutation is kept as written
            assert row.vals.get("x_title", "") == payload["title"]
            assert not [lk for lk in row.lookups if lk.target == "title"]
        elif payload["title"]:
            assert lookup_of(row, "title").tokens == (titles[payload["title"]],)
    records = EXPECTED["records"]
    assert counts == {True: records["business"], False: records["personal"]}


def test_a_business_linked_person_keeps_its_business_as_company_name():
    for source_id, business in EXPECTED["business_linked"].items():
        row = row_plan("customers.csv", source_id)
        assert row.vals["is_company"] is False
        assert row.vals["company_name"] == business
        assert business in [r["customer_name"] for r in rows("customers.csv")]


def test_duplicates_share_their_email_token():
    assert PROFILE.dedupe_keys["customer"] == ["email"]
    emails = {r["customer_id"]: r["email"] for r in rows("customers.csv")}
    assert len(EXPECTED["possible_duplicates"]) == 2
    for group in EXPECTED["possible_duplicates"]:
        assert len({values_.dedupe_token("email", emails[i]) for i in group}) == 1
    types = {r["customer_id"]: r["customer_type"] for r in rows("customers.csv")}
    # One email for a person and a business: a person who is also a business's contact.
    assert any(
        {types[i] for i in group} == {"Personal", "Business"}
        for group in EXPECTED["possible_duplicates"]
    )


# ----------------------------------------------------------------------
# Rows: bookings and what is kept on them
# ----------------------------------------------------------------------
@pytest.mark.parametrize("booking_id", sorted(EXPECTED["bookings"]))
def test_booking_becomes_an_opportunity_with_its_metadata(booking_id):
    facts = EXPECTED["bookings"][booking_id]
    row = row_plan("bookings.csv", booking_id)
    assert row.vals["type"] == "opportunity"
    assert row.vals["name"] == facts["name"]
    assert row.vals["expected_revenue"] == facts["expected_revenue"]
    assert row.vals["date_deadline"] == datetime.date.fromisoformat(facts["date_deadline"])
    assert row.vals["x_octopuspro_id"] == booking_id
    for field in ("x_service_type", "x_assigned_fieldworkers", "x_start_time", "street"):
        assert row.vals.get(field, "") == facts[field], field
    assert row.vals["city"] == facts["city"] and row.vals["zip"] == facts["zip"]
    assert lookup_of(row, "partner_id").kinds == ("customer",)
    assert lookup_of(row, "user_id").tokens == (facts["owner"],)
    statuses = [value for value, _column in row.status]
    assert statuses[0] == facts["status"]
    won = any(PROFILE.is_won(value) for value in statuses)
    lost = any(PROFILE.is_lost(value) for value in statuses)
    assert {"won": (True, False), "lost": (False, True), "open": (False, False)}[
        facts["outcome"]
    ] == (won, lost)
    if "date_closed" in facts:
        assert row.vals["date_closed"] == datetime.datetime.fromisoformat(facts["date_closed"])


def test_won_lost_and_open_bookings_reconcile():
    outcomes = [f["outcome"] for f in EXPECTED["bookings"].values()]
    records = EXPECTED["records"]
    assert (outcomes.count("won"), outcomes.count("lost"), outcomes.count("open")) == (
        records["won"],
        records["lost"],
        records["open"],
    )
    completed = [f for f in EXPECTED["bookings"].values() if f["status"] == "Completed"]
    assert {f["outcome"] for f in completed} == {"won", "open"}  # invoiced or not yet
    assert EXPECTED["multi_worker_bookings"]
    for booking_id in EXPECTED["multi_worker_bookings"]:
        assert ";" in EXPECTED["bookings"][booking_id]["x_assigned_fieldworkers"]


def test_the_booking_of_a_deleted_customer_names_it():
    [orphan] = EXPECTED["orphan_bookings"]
    customers = {r["customer_id"] for r in rows("customers.csv")}
    assert orphan["missing_customer"] not in customers
    row = row_plan("bookings.csv", orphan["source_id"])
    assert lookup_of(row, "partner_id").tokens == (orphan["missing_customer"],)
    assert EXPECTED["bookings"][orphan["source_id"]]["customer"] is None


def _folded(name, parent_column):
    spec = PROFILE.object_spec(EXPECTED["kinds"][name])
    groups = {}
    for payload in rows(name):
        groups.setdefault(payload[parent_column], []).append(payload)
    return spec.fold, groups


@pytest.mark.parametrize(
    "name, field", [("invoices.csv", "x_invoices"), ("payments.csv", "x_payments")]
)
def test_invoices_and_payments_are_lines_of_their_booking(name, field):
    fold, groups = _folded(name, "booking_id")
    assert (fold.parent, fold.field) == ("booking", field)
    assert plan(name).column_of("_parent") == "booking_id"
    for booking_id, payloads in groups.items():
        assert fold.render_all(payloads) == EXPECTED["bookings"][booking_id][field]
    amounts = [float(p["amount"]) for p in rows("payments.csv")]
    assert any(amount < 0 for amount in amounts)  # a refund


def test_quotes_are_lines_of_their_customer():
    fold, groups = _folded("quotes.csv", "customer_id")
    assert (fold.parent, fold.field) == ("customer", "x_quotes")
    assert {customer: fold.render_all(p) for customer, p in groups.items()} == EXPECTED["quotes"]
    accepted = [p["quote_number"] for p in rows("quotes.csv") if p["status"] == "Accepted"]
    named = [f.get("x_quote_number") for f in EXPECTED["bookings"].values()]
    assert accepted and set(accepted) <= set(named)


def test_a_booking_form_is_fields_of_its_booking():
    form_plan = plan("booking_forms.csv")
    assert form_plan.key_kind == "booking" and form_plan.key_columns == ["booking_id"]
    for payload in rows("booking_forms.csv"):
        row = transform.transform_row(form_plan, 2, payload)
        assert row.source_id == payload["booking_id"]
        form = EXPECTED["bookings"][payload["booking_id"]]["form"]
        for field, value in form.items():
            assert row.vals[field] == value
        # Only fields of the form: nothing of the booking's own is overwritten.
        assert all(f.startswith("x_form_") or f == "x_octopuspro_id" for f in row.vals)


# ----------------------------------------------------------------------
# Notes, history and attachments: on their booking, the orphan reported
# ----------------------------------------------------------------------
def known_records():
    return {
        "booking": {r["booking_id"] for r in rows("bookings.csv")},
        "customer": {r["customer_id"] for r in rows("customers.csv")},
    }


def resolve_all(row):
    """A Resolved finding every sample record by id, as the loader would after loading."""
    models = {"booking": "crm.lead", "customer": "res.partner"}
    known = known_records()
    found = {}
    for lookup in row.lookups:
        if lookup.mode != transform.LOOKUP_RECORD:
            continue
        for token in lookup.tokens:
            kind = next((k for k in lookup.kinds if token in known.get(k, ())), None)
            if kind:
                found[lookup.key(token)] = (models[kind], "%s:%s" % (kind, token))
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
    model = "crm.lead" if on["kind"] == "booking" else "res.partner"
    assert assembled.attach == (model, "%s:%s" % (on["kind"], on["source_id"]))
    if item["type"] == "document":
        assert row.file and (FOLDER / row.file[0]).is_file()
    else:
        assert row.vals["message_type"] == "comment" and row.vals["body"]


def test_the_orphan_is_the_row_the_expectations_name():
    [orphan] = EXPECTED["orphans"]
    assert orphan["missing_id"] not in known_records()["booking"]
    [entry] = [e for e in EXPECTED["engagements"] if e["lands_as"] == "orphan"]
    [source] = readers.read_csv(entry["file"], (FOLDER / entry["file"]).read_bytes())
    numbered = {r.values["note_id"]: r.row for r in source.rows()}
    assert numbered[orphan["source_id"]] == entry["row"]


# ----------------------------------------------------------------------
# The sample and its generator
# ----------------------------------------------------------------------
def load_generator():
    return sample_reading.load_generator(ROOT / "scripts" / "samples" / "octopuspro.py")


def test_the_generator_writes_the_committed_sample_byte_for_byte():
    generator = load_generator()
    first, _facts = generator.export_files(random.Random(generator.SEED))
    second, _facts = generator.export_files(random.Random(generator.SEED))
    assert first == second
    for path, data in first.items():
        assert (FOLDER / path).read_bytes() == data, path
    on_disk = {p.relative_to(FOLDER).as_posix() for p in FOLDER.rglob("*") if p.is_file()}
    assert on_disk == set(first)


def test_the_sample_is_small_and_its_counts_are_the_files():
    total = sum(p.stat().st_size for p in FOLDER.rglob("*") if p.is_file())
    assert total < 120 * 1024
    for name, count in EXPECTED["files"].items():
        assert len(rows(name)) == count, name
        assert count <= 150, name
    assert sorted(EXPECTED["documents"]) == sorted(
        r["file_path"] for r in rows("booking_attachments.csv")
    )
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == "# OctopusPro sample export"
    for name in EXPECTED["files"]:
        assert "`%s`" % name in readme, name

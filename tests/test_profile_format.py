"""The profile format: what a profile declares, as the matcher, planner and transform read it."""

import dataclasses
import types

import pytest
from fields import by_name, target_fields

from migration_bridge.services import matcher, planner, targets, transform
from migration_bridge.services.errors import RowError
from migration_bridge.services.profiles import get_profile
from migration_bridge.services.profiles.base import (
    Fold,
    Join,
    KindSpec,
    Money,
    NotMigrated,
    ObjectSpec,
    Profile,
    Ref,
    Split,
    Template,
)

GENERIC = get_profile("generic")
TARGETS = target_fields()  # the primary series' fields
FIELDS = by_name()

KINDS = {
    "org": KindSpec("res.partner", 30, "Organisations", {"is_company": True}),
    "person": KindSpec("res.partner", 10, "People", {"is_company": False}),
    "deal": KindSpec("crm.lead", 20, "Deals", {"type": "opportunity"}),
}
ORGS = ObjectSpec(
    kind="org",
    name_patterns=("org",),
    references={"parent_id": ("org",)},  # a bare tuple of kinds
    required=("name", "x_source_id"),
    natural_key=("name",),
    synonyms={"x_source_id": ["id"], "name": ["org name"]},
    transforms=(Join("street", ("Address 1", "Address 2", "Address 3")),),
    skip_columns=("Deleted", "Row Version"),
)
PEOPLE = ObjectSpec(
    kind="person",
    name_patterns=("people", "person"),
    required=(("name", "_first_name", "_last_name"), "x_source_id"),
    targets=("_first_name", "_last_name"),
    synonyms={"x_source_id": ["id"]},
    transforms=(Split("Full Name", ("_last_name", "_first_name")),),
)
DEALS = ObjectSpec(
    kind="deal",
    name_patterns=("deal",),
    references={"partner_id": Ref(("person",), by=("id", "email"), create="org")},
    required=("name", "x_source_id"),
    synonyms={"x_source_id": ["id"]},
    transforms=(
        Template("name", "{Account} - {Product}"),
        Money("expected_revenue", "Amount", "Currency"),
    ),
)
PROFILE = Profile(
    code="test",
    label="Test CRM",
    objects=[ORGS, PEOPLE, DEALS],
    kinds=KINDS,
    synonyms={"crm.lead": {"expected_revenue": ["amount", "deal value"]}},
    not_migrated=[
        NotMigrated(
            "Workflows",
            "Automation rules (Settings > Technical > Automation Rules)",
            note="rebuild them by hand",
            name_patterns=("workflow", "process builder"),
        )
    ],
)


def fp(type_):
    return types.SimpleNamespace(type=type_, fill_rate=1.0, filled=10, values=[])


def proposals(profile, kind, headers, types_=None):
    types_ = types_ or {}
    profiles = {h: fp(types_.get(h, "text")) for h in headers}
    fields = matcher.propose_fields(
        profile, kind, headers, profiles, TARGETS[profile.model_for(kind)]
    )
    return {f.source: f for f in fields}


def confirmed_columns(profile, kind, proposed):
    """The Columns the loader builds from the confirmed lines that have a target."""
    model = profile.model_for(kind)
    columns = []
    for proposal in proposed.values():
        if not proposal.target:
            continue
        composed = targets.get(proposal.target)
        if composed:
            columns.append(transform.Column(proposal.source, proposal.target, composed.type))
        else:
            field = FIELDS[model][proposal.target]
            columns.append(
                transform.Column(proposal.source, proposal.target, field.type, field.relation)
            )
    return columns


def plan(kind, *columns, profile=PROFILE):
    return transform.object_plan(
        profile, kind, profile.model_for(kind), list(columns), "%s.csv" % kind
    )


DEAL_ID = transform.Column("Id", "x_source_id")


# ----------------------------------------------------------------------
# Template, Join, Split, Money, Fold
# ----------------------------------------------------------------------
def test_template_fills_a_missing_name():
    deals = plan("deal", DEAL_ID)
    row = transform.transform_row(deals, 2, {"Id": "1", "Account": "Acme", "Product": "Pro"})
    assert row.vals["name"] == "Acme - Pro"
    # a blank part leaves no dangling separator
    row = transform.transform_row(deals, 3, {"Id": "2", "Account": "Acme", "Product": " "})
    assert row.vals["name"] == "Acme"
    row = transform.transform_row(deals, 4, {"Id": "3", "account": "", "PRODUCT": "Pro"})
    assert row.vals["name"] == "Pro"  # headers compare as labels
    with pytest.raises(RowError) as info:
        transform.transform_row(deals, 5, {"Id": "4", "Account": "", "Product": ""})
    assert info.value.code == "blank_mandatory"


def test_template_never_replaces_the_rows_own_name():
    deals = plan("deal", DEAL_ID, transform.Column("Title", "name"))
    row = transform.transform_row(
        deals, 2, {"Id": "1", "Title": "Renewal 2025", "Account": "Acme", "Product": "Pro"}
    )
    assert row.vals["name"] == "Renewal 2025"
    row = transform.transform_row(
        deals, 3, {"Id": "2", "Title": "", "Account": "Acme", "Product": "Pro"}
    )
    assert row.vals["name"] == "Acme - Pro"


def test_template_columns_are_proposed_as_composed_and_satisfy_the_name():
    proposed = proposals(PROFILE, "deal", ["Id", "Account", "Product"])
    assert proposed["Id"].target == "x_source_id"
    for header in ("Account", "Product"):
        assert proposed[header].target is None and proposed[header].custom_name is None
        assert proposed[header].reason == "composed by the profile into name (template)"
    assert matcher.missing_required(PROFILE, "deal", list(proposed.values())) == []


def test_join_joins_address_lines_skipping_blanks():
    orgs = plan("org", transform.Column("Id", "x_source_id"), transform.Column("Name", "name"))
    payload = {"Id": "1", "Name": "Acme", "Address 1": "1 Main St", "Address 2": " "}
    row = transform.transform_row(orgs, 2, dict(payload, **{"Address 3": "Floor 2"}))
    assert row.vals["street"] == "1 Main St, Floor 2"
    row = transform.transform_row(orgs, 3, dict(payload, **{"Address 1": "", "Address 3": "PO 7"}))
    assert row.vals["street"] == "PO 7"
    row = transform.transform_row(orgs, 4, {"Id": "3", "Name": "Acme", "Address 1": ""})
    assert "street" not in row.vals
    proposed = proposals(PROFILE, "org", ["Id", "Name", "Address 1", "Address 2", "Address 3"])
    assert {h: p.target for h, p in proposed.items()} == {
        "Id": "x_source_id",
        "Name": "name",
        "Address 1": None,
        "Address 2": None,
        "Address 3": None,
    }
    assert proposed["Address 2"].reason == "composed by the profile into street (join)"


def test_split_makes_first_and_last_name():
    people = plan("person", transform.Column("Id", "x_source_id"))
    row = transform.transform_row(people, 2, {"Id": "1", "Full Name": "Doe John"})
    assert row.name_parts == {"_last_name": "Doe", "_first_name": "John"}
    assert row.vals["name"] == "John Doe"
    row = transform.transform_row(people, 3, {"Id": "2", "Full Name": "van Dijk Anna Maria"})
    assert row.name_parts == {"_last_name": "van", "_first_name": "Dijk Anna Maria"}
    row = transform.transform_row(people, 4, {"Id": "3", "Full Name": "Doe"})
    assert row.vals["name"] == "Doe"
    with pytest.raises(RowError) as info:
        transform.transform_row(people, 5, {"Id": "4", "Full Name": ""})
    assert info.value.code == "blank_mandatory"
    comma = Split("Name", ("_last_name", "_first_name"), sep=",")
    assert comma.apply({"Name": "Doe, John"}) == (
        ("_last_name", "Doe", "Name"),
        ("_first_name", "John", "Name"),
    )


def test_money_divides_cents():
    deals = plan("deal", DEAL_ID, transform.Column("Deal", "name"))
    for cents, amount in [("1250", 12.5), ("1999", 19.99), ("100 000", 1000.0), ("0", 0.0)]:
        row = transform.transform_row(deals, 2, {"Id": "1", "Deal": "x", "Amount": cents})
        assert float(row.vals["expected_revenue"]) == pytest.approx(amount), cents
    row = transform.transform_row(deals, 2, {"Id": "1", "Deal": "x", "Amount": ""})
    assert "expected_revenue" not in row.vals
    assert Money("x_total", "Total", scale=1000).apply({"Total": "2500"}) == (
        ("x_total", "2.5", "Total"),
    )


def test_money_currency_is_a_lookup_into_currency_id():
    currency = transform.Column("Currency", "currency_id", "many2one", "res.currency")
    deals = plan("deal", DEAL_ID, transform.Column("Deal", "name"), currency)
    row = transform.transform_row(
        deals, 2, {"Id": "1", "Deal": "x", "Amount": "1250", "Currency": "EUR"}
    )
    lookups = [lk for lk in row.lookups if lk.target == "currency_id"]
    assert lookups and {(lk.mode, lk.comodel, lk.tokens) for lk in lookups} == {
        ("name", "res.currency", ("EUR",))
    }
    assert all(lk.create is None for lk in lookups)  # a currency is never created
    assert "currency_id" not in row.vals
    assembled = transform.assemble(deals, row, transform.Resolved({lookups[0].key("EUR"): 3}))
    assert assembled.vals["currency_id"] == 3
    assert float(assembled.vals["expected_revenue"]) == 12.5


def test_money_columns_are_proposed_as_composed():
    proposed = proposals(PROFILE, "deal", ["Id", "Currency"])
    assert proposed["Currency"].target is None
    assert proposed["Currency"].reason == "composed by the profile into expected_revenue (money)"


def test_money_currency_is_never_written_as_raw_text():
    deals = plan("deal", DEAL_ID, transform.Column("Deal", "name"))
    row = transform.transform_row(
        deals, 2, {"Id": "1", "Deal": "x", "Amount": "1250", "Currency": "EUR"}
    )
    assert "currency_id" not in row.vals
    assert [(lk.target, lk.comodel, lk.tokens) for lk in row.lookups] == [
        ("currency_id", "res.currency", ("EUR",))
    ]


def test_money_in_cents_wins_when_its_column_is_mapped_to_the_same_field():
    headers = ["Id", "Name", "Amount"]
    proposed = proposals(PROFILE, "deal", headers, {"Amount": "integer"})
    deals = plan("deal", *confirmed_columns(PROFILE, "deal", proposed))
    assert deals.column_of("name") == "Name"
    row = transform.transform_row(deals, 2, {"Id": "1", "Name": "x", "Amount": "1250"})
    assert float(row.vals["expected_revenue"]) == 12.5


def test_fold_renders_a_row_with_its_template():
    fold = Fold("deal", "x_line_items", "Line items", "{Qty} x {Product} at {Price}")
    assert fold.render({"Qty": "2", "Product": "Widget", "Price": "10.00"}) == (
        "2 x Widget at 10.00"
    )
    assert fold.render({"qty": " 3 ", "PRODUCT": "Gadget", "Price": ""}) == "3 x Gadget at"
    assert (fold.parent, fold.field, fold.ttype, fold.sep) == (
        "deal",
        "x_line_items",
        "text",
        "\n",
    )


# ----------------------------------------------------------------------
# Objects that do not migrate, columns that carry nothing, custom fields
# ----------------------------------------------------------------------
def test_not_migrated_objects_get_no_model_and_name_their_equivalent():
    entry = PROFILE.not_migrated_for("Workflow_rules.csv")
    assert entry is PROFILE.not_migrated[0]
    assert PROFILE.not_migrated_for("Process Builder export.xlsx") is entry
    assert PROFILE.not_migrated_for("deals.csv") is None
    proposal = matcher.propose_object(PROFILE, "Workflow_rules.csv", ["Id", "Name"])
    assert (proposal.kind, proposal.model) == (None, None)
    assert proposal.reason == (
        "Workflows do not migrate: Automation rules (Settings > Technical > Automation Rules) "
        "(rebuild them by hand)"
    )
    generic = matcher.propose_object(GENERIC, "Workflow_rules.csv", ["Id", "Name"])
    assert generic.model is None and "Automation rules" in generic.reason
    _proposal, fields = matcher.propose(PROFILE, "Workflow_rules.csv", ["Id"], {}, {})
    assert fields == []


def test_skip_columns_are_proposed_with_no_target():
    proposed = proposals(PROFILE, "org", ["Id", "Name", "Deleted", "row_version", "Size"])
    for header in ("Deleted", "row_version"):
        assert proposed[header].target is None and proposed[header].custom_name is None
        assert proposed[header].reason == "%r carries nothing to migrate" % header
    assert proposed["Size"].custom_name == "x_size"  # not skipped: a new custom field


def test_kind_without_custom_fields_proposes_none():
    headers = ["Id", "Full Name", "Shoe Size"]
    assert proposals(PROFILE, "person", headers)["Shoe Size"].custom_name == "x_shoe_size"
    kinds = dict(KINDS, person=dataclasses.replace(KINDS["person"], custom_fields=False))
    closed = dataclasses.replace(PROFILE, kinds=kinds)
    proposed = proposals(closed, "person", headers)
    assert proposed["Id"].target == "x_source_id"
    shoe = proposed["Shoe Size"]
    assert (shoe.target, shoe.custom_name, shoe.custom_type) == (None, None, None)
    assert shoe.reason == "People keep no custom fields"


# ----------------------------------------------------------------------
# References and load order
# ----------------------------------------------------------------------
def test_references_read_as_refs():
    assert PROFILE.references("org") == {"parent_id": Ref(("org",))}
    parent = PROFILE.references("org")["parent_id"]
    assert (parent.by, parent.create, parent.into) == (("id", "name"), None, None)
    assert PROFILE.references("deal") == {
        "partner_id": Ref(("person",), by=("id", "email"), create="org")
    }
    assert PROFILE.references("person") == {}
    assert PROFILE.references("unknown") == {}
    assert planner.self_references(PROFILE, "org") == ["parent_id"]
    assert planner.self_references(PROFILE, "deal") == []


def test_refs_drive_the_lookups():
    customer = transform.Column("Customer", "partner_id", "many2one", "res.partner")
    for create_missing, create in [(False, None), (True, "org")]:
        deals = plan("deal", DEAL_ID, dataclasses.replace(customer, create_missing=create_missing))
        row = transform.transform_row(deals, 2, {"Id": "1", "Account": "A", "Customer": "P7"})
        lookup = next(lk for lk in row.lookups if lk.target == "partner_id")
        assert (lookup.mode, lookup.kinds, lookup.by, lookup.create, lookup.deferred) == (
            "record",
            ("person",),
            ("id", "email"),
            create,
            False,
        )
    orgs = plan(
        "org",
        transform.Column("Id", "x_source_id"),
        transform.Column("Name", "name"),
        transform.Column("Parent", "parent_id", "many2one", "res.partner"),
    )
    row = transform.transform_row(orgs, 2, {"Id": "2", "Name": "Sub", "Parent": "1"})
    (parent,) = row.lookups
    assert (parent.kinds, parent.by, parent.deferred) == (("org",), ("id", "name"), True)


def test_plan_objects_loads_what_a_ref_may_create_first():
    objects = [("deals.csv", "deal"), ("orgs.csv", "org"), ("people.csv", "person")]
    # ranks alone: people (10), deals (20), orgs (30); deals may create orgs
    assert planner.plan_objects(PROFILE, objects) == ["people.csv", "orgs.csv", "deals.csv"]
    no_create = dataclasses.replace(
        DEALS, references={"partner_id": Ref(("person",), by=("id", "email"))}
    )
    plain = dataclasses.replace(PROFILE, objects=[ORGS, PEOPLE, no_create])
    assert planner.plan_objects(plain, objects) == ["people.csv", "deals.csv", "orgs.csv"]


# ----------------------------------------------------------------------
# The generic profile on Salesforce- and HubSpot-shaped exports
# ----------------------------------------------------------------------
def test_generic_salesforce_account_headers():
    headers = [
        "Id",
        "Name",
        "ParentId",
        "BillingStreet",
        "BillingPostalCode",
        "BillingCountry",
        "OwnerId",
        "CreatedDate",
        "LastModifiedDate",
        "IsDeleted",
    ]
    kinds = {"CreatedDate": "datetime", "LastModifiedDate": "datetime", "IsDeleted": "boolean"}
    proposal = matcher.propose_object(GENERIC, "Account.csv", headers)
    assert (proposal.kind, proposal.model) == ("company", "res.partner")
    proposed = proposals(GENERIC, "company", headers, kinds)
    assert {h: p.target for h, p in proposed.items()} == {
        "Id": "x_source_id",
        "Name": "name",
        "ParentId": "parent_id",
        "BillingStreet": "street",
        "BillingPostalCode": "zip",
        "BillingCountry": "country_id",
        "OwnerId": "user_id",
        "CreatedDate": "create_date",
        "LastModifiedDate": "write_date",
        "IsDeleted": None,
    }
    assert proposed["IsDeleted"].custom_name is None
    assert "carries nothing" in proposed["IsDeleted"].reason
    assert all(p.confidence >= 0.9 for p in proposed.values())


def test_generic_salesforce_task_headers_load_as_a_done_call():
    headers = [
        "Id",
        "WhoId",
        "WhatId",
        "Status",
        "TaskSubtype",
        "CallDurationInSeconds",
        "CompletedDateTime",
    ]
    kinds = {"CallDurationInSeconds": "integer", "CompletedDateTime": "datetime"}
    proposal = matcher.propose_object(GENERIC, "Task.csv", headers)
    assert (proposal.kind, proposal.model) == ("task", "mail.activity")
    proposed = proposals(GENERIC, "task", headers, kinds)
    assert {h: p.target for h, p in proposed.items()} == {
        "Id": "x_source_id",
        "WhoId": "_person",
        "WhatId": "_record",
        "Status": "_done",
        "TaskSubtype": "activity_type_id",
        "CallDurationInSeconds": "_duration",
        "CompletedDateTime": "_done_on",
    }
    tasks = plan("task", *confirmed_columns(GENERIC, "task", proposed), profile=GENERIC)
    row = transform.transform_row(
        tasks,
        2,
        {
            "Id": "00T1",
            "WhoId": "0031",
            "WhatId": "0061",
            "Status": "Completed",
            "TaskSubtype": "Call",
            "CallDurationInSeconds": "95",
            "CompletedDateTime": "2024-05-01T10:00:00.000Z",
        },
    )
    assert row.source_id == "00T1"
    assert row.flags == {"_done": True}
    assert row.details == [(targets.get("_duration").label, "1 min 35 s")]
    assert str(row.dates["date_done"]) == "2024-05-01 10:00:00"
    assert [lk.tokens[0] for lk in row.lookups if lk.mode == "xmlid"][-1] == (
        "mail.mail_activity_data_call"
    )
    assert {lk.target: lk.tokens for lk in row.lookups if lk.mode == "record"} == {
        "_person": ("0031",),
        "_record": ("0061",),
    }


def test_generic_file_names_propose_engagement_kinds():
    expected = {
        "Task.csv": ("task", "mail.activity"),
        "Event.csv": ("meeting", "calendar.event"),
        "Note.csv": ("note", "mail.message"),
        "EmailMessage.csv": ("email", "mail.message"),
        "Attachment.csv": ("document", "ir.attachment"),
        "User.csv": ("user", "res.users"),
        "hubspot-crm-exports-all-calls-2026-11-20.csv": ("call", "mail.activity"),
    }
    found = {}
    for name in expected:
        proposal = matcher.propose_object(GENERIC, name, [])
        found[name] = (proposal.kind, proposal.model)
        assert proposal.confidence >= 0.8 and "suggests" in proposal.reason
    assert found == expected


def test_typed_takes_the_first_of_each_type_and_keeps_the_rest_readable():
    from migration_bridge.services.profiles.base import Fold, Typed

    typed = Typed(
        "contact",
        "x_phones",
        "Other phones",
        "{type}: {tel}",
        value="tel",
        first=(("phone", ("work", "home")), ("mobile", ("mobile",))),
    )
    rows = [
        {"type": "fax", "tel": "1"},
        {"type": "home", "tel": "2"},
        {"type": "mobile", "tel": "3"},
    ]
    assert typed.values(rows) == {"phone": "2", "mobile": "3", "x_phones": "fax: 1"}
    assert typed.values([]) == {"x_phones": ""}
    fold = Fold("project", "x_lines", "Lines", "{name}")
    assert fold.values([{"name": "a"}, {"name": "b"}]) == {"x_lines": "a\nb"}


def test_only_keeps_the_rows_of_its_values_and_those_without_the_column():
    from migration_bridge.services.profiles.base import Only

    only = Only("_type", ("business",), "an internal task, not a lead")
    assert only.keeps({"_type": "Business"}) and only.keeps({}) and only.keeps({"_type": ""})
    assert not only.keeps({"_type": "internal"})


# ----------------------------------------------------------------------
# Companion: one row making two records, where the companion's app is installed
# ----------------------------------------------------------------------
def _companion_profile():
    from migration_bridge.services.profiles.base import Children, Companion

    task = Companion(
        "project.task",
        "project",
        "Project",
        "tasks",
        key="task",
        within="project.project",
        synonyms={"user_ids": ["Assigned Tech", "technicians"]},
        children=Children("job_step", "project.task", "step", {"_parent": ["parent id"]}),
    )
    kinds = {
        "job": KindSpec("crm.lead", 40, "Jobs (their deal)", {"type": "opportunity"}),
        "visit": KindSpec("crm.lead", 41, "Site visit"),
    }
    objects = [
        ObjectSpec(kind="job", name_patterns=("jobs",), companions=(task,)),
        ObjectSpec(
            kind="visit",
            name_patterns=("visit",),
            companions=(dataclasses.replace(task, label="checklist"),),
        ),
    ]
    return Profile(code="c", label="C", objects=objects, kinds=kinds), task


def test_a_companion_is_kept_where_its_app_is_installed():
    profile, task = _companion_profile()
    with_project = profile.for_apps({"base", "crm", "project"})
    assert with_project.object_spec("job").companions == (task,)
    assert with_project.not_migrated == []
    assert with_project.missing_companions("job") == []


def test_without_its_app_a_companion_is_listed_with_the_app_that_would_take_it():
    profile, _task = _companion_profile()
    crm = profile.for_apps({"base", "crm"})
    # the object still loads, as its own kind, without its companion
    assert crm.object_spec("job").companions == ()
    assert crm.kinds == profile.kinds
    (entry,) = crm.missing_companions("job")
    assert entry.note == "install Project to migrate the jobs' tasks"
    assert entry.equivalent == "project.task (the Project app)"
    assert entry.name_patterns == ()  # it matches no file: the jobs' file migrates
    assert crm.not_migrated_for("jobs") is None
    assert "install Project to migrate the jobs' tasks" in crm.app_notes["job"]
    (visit,) = crm.missing_companions("visit")
    assert visit.note == "install Project to migrate the site visit's checklist"
    # the profile itself is left alone
    assert profile.object_spec("job").companions and profile.not_migrated == []


def test_a_companion_reads_its_columns_by_normalised_header():
    _profile, task = _companion_profile()
    headers = ["Job ID", "assigned_tech", "Technicians", "Status"]
    assert task.headers("user_ids", headers) == ["assigned_tech", "Technicians"]
    assert task.headers("date_start", headers) == []
    assert task.children.headers("_parent", ["Parent_ID", "name"]) == ["Parent_ID"]

import csv
import types

import pytest
from conftest import SAMPLES
from fields import target_fields

from migration_bridge.services import matcher
from migration_bridge.services.inference import profile_rows
from migration_bridge.services.profiles import get_profile
from migration_bridge.services.values import slugify_field_name

PROFILE = get_profile("generic")
TARGETS = target_fields()  # the primary series' fields


def sample(name):
    with open(SAMPLES / "generic" / ("%s.csv" % name), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return list(rows[0]), profile_rows(list(rows[0]), rows)


def fp(type_, fill=1.0):
    return types.SimpleNamespace(type=type_, fill_rate=fill, filled=int(fill * 10), values=[])


def mapped(object_name, headers, profiles=None):
    profiles = profiles or {h: fp("text") for h in headers}
    proposal, fields = matcher.propose(PROFILE, object_name, headers, profiles, TARGETS)
    return proposal, {f.source: f for f in fields}


def test_sample_companies():
    proposal, fields = mapped("companies", *sample("companies"))
    assert (proposal.kind, proposal.model) == ("company", "res.partner")
    assert proposal.confidence > 0.9
    expected = {
        "Company ID": "x_source_id",
        "Company Name": "name",
        "Parent Company ID": "parent_id",
        "Website": "website",
        "Phone": "phone",
        "Email": "email",
        "Street": "street",
        "City": "city",
        "Zip": "zip",
        "Country": "country_id",
        "Industry": "industry_id",
        "Tags": "category_id",
        "Owner": "user_id",
        "Created At": "create_date",
    }
    assert {k: fields[k].target for k in expected} == expected
    assert (fields["Employees"].custom_name, fields["Employees"].custom_type) == (
        "x_employees",
        "integer",
    )
    assert fields["Annual Revenue"].custom_type == "float"
    assert all(f.reason for f in fields.values())


def test_sample_contacts_and_deals():
    proposal, fields = mapped("contacts", *sample("contacts"))
    assert proposal.kind == "contact"
    assert fields["Company ID"].target == "parent_id"
    assert (fields["First Name"].target, fields["Last Name"].target) == (
        "_first_name",
        "_last_name",
    )
    assert fields["Job Title"].target == "function"
    assert (fields["Birthday"].custom_name, fields["Birthday"].custom_type) == (
        "x_birthday",
        "date",
    )
    assert fields["Newsletter"].custom_type == "boolean"
    proposal, fields = mapped("deals", *sample("deals"))
    assert (proposal.kind, proposal.model) == ("deal", "crm.lead")
    expected = {
        "Deal ID": "x_source_id",
        "Deal Name": "name",
        "Company ID": "partner_id",
        "Contact ID": "_contact",
        "Amount": "expected_revenue",
        "Stage": "stage_id",
        "Pipeline": "team_id",
        "Owner": "user_id",
        "Close Date": "date_deadline",
        "Probability": "probability",
        "Tags": "tag_ids",
        "Lost Reason": "lost_reason_id",
    }
    assert {k: fields[k].target for k in expected} == expected
    assert (fields["Lead Score"].custom_name, fields["Lead Score"].custom_type) == (
        "x_lead_score",
        "integer",
    )


def test_no_target_used_twice():
    headers = ["Email", "E-mail", "Mail", "Phone", "Telephone"]
    _proposal, fields = mapped("contacts", headers)
    targets = [f.target for f in fields.values() if f.target]
    assert len(targets) == len(set(targets))
    assert fields["Email"].target == "email" and fields["Email"].confidence >= 0.9
    assert fields["E-mail"].target is None and fields["E-mail"].custom_name == "x_e_mail"


def test_hubspot_like_contacts():
    headers = [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Phone Number",
        "Lifecycle Stage",
        "Create Date",
        "Associated Company",
        "Contact owner",
    ]
    proposal, fields = mapped("hubspot-contacts-export", headers)
    assert proposal.kind == "contact"
    assert fields["Record ID"].target == "x_source_id"
    assert fields["Phone Number"].target == "phone"
    assert fields["Create Date"].target == "create_date"
    # A company given by its name: kept as the company name, which also finds (or,
    # once confirmed, creates) the company that becomes the contact's parent.
    assert fields["Associated Company"].target == "company_name"
    assert fields["Contact owner"].target == "user_id"
    assert fields["Lifecycle Stage"].custom_name == "x_lifecycle_stage"


def test_salesforce_like_opportunities():
    headers = [
        "Id",
        "AccountId",
        "OwnerId",
        "Name",
        "StageName",
        "Amount",
        "CloseDate",
        "Probability",
        "LeadSource",
    ]
    proposal, fields = mapped("Opportunity", headers)
    assert proposal.kind == "deal"
    assert fields["Id"].target == "x_source_id"
    assert fields["AccountId"].target == "partner_id"
    assert fields["StageName"].target == "stage_id"
    assert fields["CloseDate"].target == "date_deadline"
    assert fields["Amount"].target == "expected_revenue"


def test_pipedrive_prefixes_are_stripped():
    headers = [
        "Deal - ID",
        "Deal - Title",
        "Deal - Value",
        "Deal - Stage",
        "Deal - Status",
        "Deal - Owner",
        "Organization - Name",
    ]
    proposal, fields = mapped("deals", headers)
    assert fields["Deal - Title"].target == "name"
    assert fields["Deal - Value"].target == "expected_revenue"
    assert fields["Deal - Stage"].target == "stage_id"
    assert fields["Deal - Status"].target == "_status"
    assert fields["Deal - Owner"].target == "user_id"
    assert fields["Deal - ID"].target == "x_source_id"


def test_russian_headers():
    headers = [
        "ИД",
        "Название",
        "ИНН",
        "Телефон",
        "Электронная почта",
        "Ответственный",
        "Дата создания",
    ]
    proposal, fields = mapped("компании", headers)
    assert proposal.kind == "company"
    assert fields["Название"].target == "name"
    assert fields["ИНН"].target == "vat"
    assert fields["Телефон"].target == "phone"
    assert fields["Электронная почта"].target == "email"
    assert fields["Ответственный"].target == "user_id"
    assert fields["Дата создания"].target == "create_date"


def test_value_based_and_type_conflicts():
    profiles = {"Contact": fp("email"), "Flag": fp("boolean"), "Employees": fp("integer")}
    _proposal, fields = mapped("people", list(profiles), profiles)
    assert fields["Contact"].target == "email" and fields["Contact"].confidence == 0.5
    assert fields["Employees"].target is None, "employees is not the boolean 'employee'"


def test_incompatible_synonym_is_kept_with_low_confidence():
    profiles = {"Close Date": fp("boolean")}
    _proposal, fields = mapped("deals", ["Close Date"], profiles)
    assert fields["Close Date"].target == "date_deadline"
    assert fields["Close Date"].confidence == 0.3
    assert "does not take" in fields["Close Date"].reason


def test_empty_column_is_not_migrated():
    profiles = {"Fax": fp("text", fill=0.0)}
    _proposal, fields = mapped("companies", ["Fax"], profiles)
    assert fields["Fax"].target is None and fields["Fax"].custom_name is None
    assert "empty" in fields["Fax"].reason


def test_custom_names_do_not_collide():
    headers = ["Score!", "Score?", "Name"]
    _proposal, fields = mapped("companies", headers)
    assert [fields["Score!"].custom_name, fields["Score?"].custom_name] == ["x_score", "x_score_2"]


def test_unknown_file():
    proposal = matcher.propose_object(PROFILE, "misc", ["foo", "bar"])
    assert (proposal.kind, proposal.model, proposal.confidence) == (None, None, 0.0)
    assert "choose the target" in proposal.reason


def test_guess_from_headers_only():
    proposal = matcher.propose_object(PROFILE, "export_17", ["Company ID", "Company Name"])
    assert proposal.kind == "company" and proposal.confidence < 0.5
    assert proposal.reason.startswith("a guess")


@pytest.mark.parametrize(
    ("kind", "targets", "missing"),
    [
        ("contact", {"_first_name", "x_source_id"}, []),
        ("contact", {"x_source_id"}, ["name or _first_name or _last_name"]),
        # a company's name is its natural key: an export without ids still loads
        ("company", {"name"}, []),
        ("company", {"website"}, ["name", "source id"]),
        ("deal", set(), ["name", "source id"]),
    ],
)
def test_missing_required(kind, targets, missing):
    proposals = [matcher.FieldProposal(t, t, 1.0, "") for t in targets]
    messages = matcher.missing_required(PROFILE, kind, proposals)
    assert len(messages) == len(missing)
    for text, message in zip(missing, messages, strict=True):
        assert text in message


# ----------------------------------------------------------------------
# The series' own fields: 19.0 has no mobile and no title on a partner or a lead
# ----------------------------------------------------------------------
PHONES = ["+44 7700 900244", "+49 155 2039076", "+1 415 555 0101", "+33 6 12 34 56 78"]
SALUTATIONS = ["Mr", "Ms", "Dr", "Mrs"]
MOBILE_HEADERS = [
    "Mobile",
    "Mobile Phone",
    "Mobile Phone Number",
    "Cell Phone",
    "Celular",
    "Handy",
]
TITLE_HEADERS = ["Title", "Salutation", "Prefix", "Anrede", "Saludo"]


def proposed_on(series, object_name, columns):
    """{header: FieldProposal} of a file of 4 rows, ``columns`` {header: values}, as
    proposed in a database of ``series``."""
    headers = list(columns)
    rows = [{h: values[i] for h, values in columns.items()} for i in range(4)]
    proposal, fields = matcher.propose(
        PROFILE, object_name, headers, profile_rows(headers, rows), target_fields(series)
    )
    assert proposal.kind in ("contact", "deal"), proposal.reason
    return {f.source: f for f in fields}


def contact_columns(**more):
    columns = {
        "Contact ID": ["P1", "P2", "P3", "P4"],
        "First Name": ["James", "Jonas", "Ana", "Rui"],
        "Last Name": ["Hayes", "Schäfer", "Souza", "Lima"],
        "Email": ["j@a.example", "jo@b.example", "ana@c.example", "rui@d.example"],
    }
    columns.update(more)
    return columns


@pytest.mark.parametrize("header", MOBILE_HEADERS)
@pytest.mark.parametrize("beside_phone", [True, False], ids=["beside-phone", "alone"])
def test_a_mobile_column_is_the_mobile_only_where_the_series_has_one(header, beside_phone):
    columns = contact_columns(**{header: PHONES})
    if beside_phone:
        columns["Phone"] = list(reversed(PHONES))
    for series in ("17.0", "18.0"):
        assert proposed_on(series, "contacts", columns)[header].target == "mobile", series
    on19 = proposed_on("19.0", "contacts", columns)
    assert "mobile" not in {p.target for p in on19.values()}
    mobile = on19[header]
    if beside_phone:  # the phone is the Phone column's: the mobile keeps a custom field
        assert (mobile.target, mobile.custom_name) == (None, slugify_field_name(header))
        assert on19["Phone"].target == "phone"
    else:  # the only phones of the file: the partner's phone, by their values
        assert mobile.target == "phone"
    assert mobile.needs_review


def test_a_deals_mobile_is_the_leads_mobile_only_where_the_series_has_one():
    columns = {
        "Deal ID": ["D1", "D2", "D3", "D4"],
        "Deal Name": ["Renewal", "Upsell", "New", "Pilot"],
        "Amount": ["100", "200", "300", "400"],
        "Mobile": PHONES,
    }
    assert proposed_on("17.0", "deals", columns)["Mobile"].target == "mobile"
    on19 = proposed_on("19.0", "deals", columns)
    assert "mobile" not in {p.target for p in on19.values()}


@pytest.mark.parametrize("header", TITLE_HEADERS)
def test_a_column_of_salutations_is_the_title_only_where_the_series_has_one(header):
    columns = contact_columns(**{header: SALUTATIONS})
    for series in ("17.0", "18.0"):
        assert proposed_on(series, "contacts", columns)[header].target == "title", series
    on19 = proposed_on("19.0", "contacts", columns)
    # no title, and salutations are no job position: a custom field keeps them
    assert {p.target for p in on19.values()} & {"title", "function"} == set()
    assert on19[header].custom_name == slugify_field_name(header)

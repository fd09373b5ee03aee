"""The matcher's known mistakes on real exports, each pinned by a test."""

import types

import pytest
from fields import PRIMARY_SERIES, target_fields

from migration_bridge.services import matcher
from migration_bridge.services.profiles import get_profile

PROFILE = get_profile("generic")
TARGETS = target_fields()  # the primary series' fields


def fp(type_="text", samples=(), fill=1.0):
    samples = list(samples)
    return types.SimpleNamespace(
        type=type_,
        fill_rate=fill,
        filled=len(samples) or 5,
        total=len(samples) or 5,
        distinct=len(set(samples)) or 5,
        distinct_capped=False,
        samples=samples,
        values=[],
    )


def propose(kind, columns, series=PRIMARY_SERIES, **kwargs):
    """{header: FieldProposal} for columns {header: field profile}, on ``series``' fields."""
    proposals = matcher.propose_fields(
        PROFILE,
        kind,
        list(columns),
        columns,
        target_fields(series)[PROFILE.model_for(kind)],
        **kwargs,
    )
    return {p.source: p for p in proposals}


def landing(proposal):
    """Where a column lands: its target, or the custom field it becomes."""
    return proposal.target or proposal.custom_name


# 17.0 and 18.0 have a partner's title (Mr, Dr) and mobile; 19.0 has neither.
SERIES = ["17.0", "18.0", "19.0"]


@pytest.mark.parametrize("series", SERIES)
def test_job_title_is_not_the_salutation(series):
    fields = propose(
        "contact",
        {
            "Title": fp(samples=["SVP, Operations", "CEO", "Dean of Administration"]),
            "Salutation": fp(samples=["Mr.", "Ms.", "Dr."]),
        },
        series,
    )
    assert fields["Title"].target == "function"
    # 19.0: no partner title, the salutations keep a field of their own
    assert landing(fields["Salutation"]) == ("x_salutation" if series == "19.0" else "title")


@pytest.mark.parametrize("series", SERIES)
def test_a_title_of_salutations_is_the_title(series):
    fields = propose("contact", {"Title": fp(samples=["Mr", "Ms", "Dr", "Mrs"])}, series)
    if series == "19.0":  # no partner title, and salutations are no job position
        assert (fields["Title"].target, fields["Title"].custom_name) == (None, "x_title")
        assert not fields["Title"].needs_review
    else:
        assert fields["Title"].target == "title"


def test_account_name_on_a_contact_is_its_company():
    fields = propose(
        "contact",
        {
            "Account Name": fp(samples=["King (Sample)", "Chapman (Sample)"]),
            "First Name": fp(samples=["Kris", "Simon"]),
            "Last Name": fp(samples=["Marrier", "Morasca"]),
        },
    )
    assert fields["Account Name"].target in ("company_name", "parent_id")
    assert fields["Account Name"].confidence >= matcher.REVIEW_THRESHOLD
    assert "name" not in {p.target for p in fields.values()}


def test_a_company_name_column_is_never_the_persons_name():
    fields = propose(
        "contact",
        {
            "Company ID": fp(samples=["C1", "C2"]),
            "Company Name": fp(samples=["Northwind", "Contoso"]),
            "Full Name": fp(samples=["Ann Lee", "Bo Chen"]),
        },
    )
    assert fields["Company ID"].target == "parent_id"
    assert fields["Company Name"].target == "company_name"
    assert fields["Full Name"].target == "name"


def test_salesperson_names_are_the_owner():
    fields = propose("deal", {"Vendedor": fp(samples=["Ana Souza", "Rui Lima"])})
    assert fields["Vendedor"].target == "user_id"
    # A header that says nothing, whose values are names of the Odoo users.
    fields = propose(
        "deal",
        {"Rep": fp(samples=["Ana Souza", "Rui Lima", "Ana Souza"])},
        user_names=["Ana Souza", "Rui Lima", "admin"],
    )
    assert fields["Rep"].target == "user_id"
    assert "users" in fields["Rep"].reason


@pytest.mark.parametrize("series", SERIES)
def test_a_second_phone_is_the_mobile(series):
    fields = propose("contact", {"Phone": fp("phone"), "Other Phone": fp("phone")}, series)
    assert fields["Phone"].target == "phone"
    # 19.0 has no mobile: the second phone is a custom field
    assert landing(fields["Other Phone"]) == ("x_other_phone" if series == "19.0" else "mobile")
    assert fields["Other Phone"].needs_review
    # With a mobile column, the second phone has no standard home: a custom field to check.
    fields = propose(
        "contact",
        {"Phone": fp("phone"), "Mobile": fp("phone"), "Home Phone": fp("phone")},
        series,
    )
    assert fields["Home Phone"].custom_name and fields["Home Phone"].needs_review
    assert landing(fields["Mobile"]) == ("x_mobile" if series == "19.0" else "mobile")


def test_mailing_street_is_the_street():
    fields = propose(
        "contact",
        {
            "Mailing Street": fp(),
            "Mailing City": fp(),
            "Other Street": fp(),
            "MailingPostalCode": fp(),
        },
    )
    assert fields["Mailing Street"].target == "street"
    assert fields["Mailing City"].target == "city"
    assert fields["MailingPostalCode"].target == "zip"
    assert fields["Other Street"].target is None


def test_created_time_is_the_creation_date():
    for header in (
        "Created Time",
        "Negócio criado em",
        "Erstellt am",
        "Date Added",
        "Дата создания",
    ):
        fields = propose("deal", {header: fp("datetime")})
        assert fields[header].target == "create_date", header


@pytest.mark.parametrize("series", SERIES)
def test_pipedrive_portuguese_prefixes(series):
    fields = propose(
        "contact",
        {
            "Pessoa - Nome": fp(),
            "Pessoa - Organização": fp(samples=["Copral"]),
            "Pessoa - Telefone - Celular": fp("phone"),
            "Pessoa - Proprietário": fp(samples=["Gislayne"]),
        },
        series,
    )
    assert {h: p.target for h, p in fields.items()} == {
        "Pessoa - Nome": "name",
        "Pessoa - Organização": "company_name",
        # 19.0 has no mobile: the only phone column is the phone, by its values, to check
        "Pessoa - Telefone - Celular": "phone" if series == "19.0" else "mobile",
        "Pessoa - Proprietário": "user_id",
    }
    assert fields["Pessoa - Telefone - Celular"].needs_review == (series == "19.0")


def test_custom_field_confidence_says_how_sure():
    fields = propose(
        "contact",
        {
            "Lead Score": fp("integer"),
            "Phone": fp("phone"),
            "Work Phone": fp("phone"),
            "Mobile": fp("phone"),
        },
    )
    assert fields["Lead Score"].custom_name == "x_lead_score"
    assert not fields["Lead Score"].needs_review  # a clean header: surely custom
    assert fields["Work Phone"].custom_name and fields["Work Phone"].needs_review


def test_every_proposal_under_the_threshold_needs_review():
    fields = propose("contact", {"Contact": fp("email"), "Flag": fp("boolean")})
    for proposal in fields.values():
        assert proposal.needs_review == (proposal.confidence < matcher.REVIEW_THRESHOLD)
    assert fields["Contact"].needs_review


def test_remembered_choices():
    remembered = {
        "lead score": ("x_lead_score", "confirmed in project 'Acme 2025'"),
        "fax": ("", "confirmed in project 'Acme 2025'"),
        "gone": ("x_removed_field", "confirmed in project 'Old'"),
    }
    targets = TARGETS["res.partner"] + [
        matcher.TargetField("x_lead_score", "Lead score", "integer")
    ]
    columns = {"Lead Score": fp("integer"), "Fax": fp("phone"), "Gone": fp(), "Email": fp("email")}
    proposals = matcher.propose_fields(
        PROFILE, "contact", list(columns), columns, targets, remembered=remembered
    )
    fields = {p.source: p for p in proposals}
    assert (fields["Lead Score"].target, fields["Lead Score"].confidence) == ("x_lead_score", 0.97)
    assert fields["Lead Score"].reason == "chosen before (confirmed in project 'Acme 2025')"
    assert fields["Fax"].target is None and fields["Fax"].custom_name is None
    assert fields["Fax"].confidence == 0.97 and "not imported" in fields["Fax"].reason
    assert fields["Gone"].target is None and fields["Gone"].custom_name == "x_gone"
    assert fields["Email"].target == "email"
    # Values the remembered target no longer takes: proposed afresh.
    columns = {"Lead Score": fp("date")}
    proposals = matcher.propose_fields(
        PROFILE, "contact", list(columns), columns, targets, remembered=remembered
    )
    assert "chosen before" not in proposals[0].reason
    assert proposals[0].needs_review
    # propose() passes it down.
    _object, proposals = matcher.propose(
        PROFILE,
        "contacts",
        ["Lead Score"],
        {"Lead Score": fp("integer")},
        {"res.partner": targets},
        remembered=remembered,
    )
    assert proposals[0].target == "x_lead_score"


def test_source_key_of_an_export_without_ids():
    columns = {"First name": fp(), "Last name": fp(), "Emails": fp("email")}
    proposals = list(propose("contact", columns).values())
    key, reason = matcher.propose_source_key(PROFILE, "contact", proposals, columns)
    assert key == "email|name"
    assert "'Emails'" in reason and "'First name' + 'Last name'" in reason
    assert matcher.missing_required(PROFILE, "contact", proposals) == []
    columns = {"Company": fp(samples=["A", "A", "B"])}
    columns["Company"].filled, columns["Company"].distinct = 3, 2
    proposals = list(propose("company", columns).values())
    key, reason = matcher.propose_source_key(PROFILE, "company", proposals, columns)
    assert key == "name" and "1 rows repeat a value of 'Company'" in reason
    with_id = list(propose("company", {"Id": fp(), "Name": fp()}).values())
    assert matcher.propose_source_key(PROFILE, "company", with_id, {}) is None


def test_name_template_of_deals_without_a_title():
    columns = {"Account name": fp(samples=["Acme"]), "Product": fp(), "Amount": fp("money")}
    proposals = list(propose("deal", columns).values())
    template, reason = matcher.propose_name_template(PROFILE, "deal", proposals)
    assert template == "{Account name} - {Product}"
    assert template in reason
    assert matcher.missing_required(PROFILE, "deal", proposals, templated=("name",)) == []
    named = list(propose("deal", {"Deal Name": fp()}).values())
    assert matcher.propose_name_template(PROFILE, "deal", named) is None


@pytest.mark.parametrize(
    ("file_name", "headers", "app"),
    [
        ("Products.csv", ["Product Code", "Product Name", "List Price", "Active"], "Sales"),
        ("PriceBook.csv", ["Pricebook2Id", "Name", "IsActive"], "Sales"),
        ("invoices.csv", ["Invoice Number", "Account", "Total", "Status"], "Invoicing"),
        ("Sales Teams.csv", ["Team", "Leader", "Members"], "Sales Teams"),
    ],
)
def test_objects_without_a_home_in_crm_are_not_migrated_with_their_app(file_name, headers, app):
    proposal = matcher.propose_object(get_profile("generic"), file_name.rsplit(".", 1)[0], headers)
    assert proposal.model is None, proposal.reason
    assert app in proposal.reason

"""Proposals checked against the values (services/fit.py): a target that refuses most of
a column's values is not proposed, whatever its header says; one that takes part of them
is only as sure as that part. The columns are those that failed whole objects on first
contact with real exports (Salesforce Account Type, a field-service CRM's Customer Type, a
people file's Type, HubSpot's Deal Type, a deal's Associated Company)."""

import types

import pytest
from fields import by_name, target_fields

from migration_bridge.services import fit, matcher
from migration_bridge.services.inference import profile_rows
from migration_bridge.services.profiles import get_profile

PROFILE = get_profile("generic")


def proposals(object_name, rows, series="19.0"):
    headers = list(rows[0])
    profiles = profile_rows(headers, rows)
    proposal, fields = matcher.propose(
        PROFILE, object_name, headers, profiles, target_fields(series)
    )
    return proposal, {f.source: f for f in fields}


def column(name, values, other=None):
    """Rows of a file with a Name column and the column ``name`` of ``values``."""
    return [
        dict({"Name": "Record %02d" % n, name: value}, **(other or {}))
        for n, value in enumerate(values)
    ]


@pytest.mark.parametrize("series", ["17.0", "18.0", "19.0"])
def test_salesforce_account_type_is_no_address_type(series):
    values = ["Customer - Direct", "Prospect", "Customer - Channel", "Other", "Prospect"] * 3
    proposal, fields = proposals("Account", column("Type", values), series)
    assert proposal.model == "res.partner"
    assert fields["Type"].target != "type", fields["Type"].reason
    # kept: a new field of its own, with the values as they are
    assert fields["Type"].custom_name == "x_type", fields["Type"]


def test_a_customer_type_of_residential_and_commercial_is_no_address_type():
    values = ["Residential", "Commercial", "Residential", "Residential"] * 3
    _proposal, fields = proposals("customers", column("Customer Type", values))
    assert fields["Customer Type"].target != "type"


def test_a_people_file_type_of_person_or_organisation_is_no_address_type():
    values = ["Person", "Organisation", "Person", "Person"] * 3
    _proposal, fields = proposals("people", column("Type", values))
    assert fields["Type"].target != "type"


def test_hubspot_deal_type_is_not_the_lead_or_opportunity_switch():
    values = ["newbusiness", "existingbusiness", "newbusiness"] * 4
    rows = column("Deal Type", values, {"Amount": "1200", "Deal Stage": "closedwon"})
    for n, row in enumerate(rows):
        row["Deal Name"] = row.pop("Name") + " deal %d" % n
    proposal, fields = proposals("deals", rows)
    assert proposal.model == "crm.lead"
    assert fields["Deal Type"].target != "type"


def test_address_types_that_odoo_knows_are_still_proposed():
    values = ["invoice", "delivery", "contact", "Invoice", "Delivery"] * 3
    _proposal, fields = proposals("contacts", column("Address Type", values))
    assert fields["Address Type"].target == "type"
    assert fields["Address Type"].confidence >= 0.9


def test_a_deals_associated_company_is_not_odoos_company():
    values = ["Northwind Traders", "Contoso Ltd", "Fabrikam", "Tailspin Toys"] * 3
    rows = column("Associated Company", values, {"Amount": "500"})
    for n, row in enumerate(rows):
        row["Deal Name"] = row.pop("Name") + " %d" % n
    _proposal, fields = proposals("deals", rows)
    assert fields["Associated Company"].target != "company_id"


def test_a_column_naming_odoos_own_company_may_land_there():
    company = by_name()["crm.lead"]["company_id"]
    profile = types.SimpleNamespace(type="selection", values=list(company.known), samples=[])
    assert fit.share(company, profile) == 1.0


def test_percentages_fit_a_probability():
    probability = by_name()["crm.lead"]["probability"]
    profile = types.SimpleNamespace(type="text", values=["10%", "40 %", "90%", "100"], samples=[])
    assert fit.share(probability, profile) == 1.0


def test_a_target_that_takes_part_of_the_values_is_only_as_sure_as_that_part():
    priority = by_name()["crm.lead"]["type"]
    profile = types.SimpleNamespace(
        type="selection", values=["Lead", "Opportunity", "Partner", "Upsell"], samples=[]
    )
    assert fit.share(priority, profile) == 0.5
    assert "50% of its values fit" in fit.describe(priority, 0.5)
    assert "takes 25%" in fit.describe(priority, 0.25)


def test_values_say_nothing_where_there_are_none_or_the_target_takes_any_text():
    name = by_name()["res.partner"]["name"]
    assert fit.share(name, types.SimpleNamespace(type="text", values=["A"], samples=[])) is None
    partner_type = by_name()["res.partner"]["type"]
    empty = types.SimpleNamespace(type="text", values=[], samples=[])
    assert fit.share(partner_type, empty) is None

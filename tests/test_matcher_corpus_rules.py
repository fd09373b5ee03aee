"""Rules of the matcher drawn from exports other CRMs write (tests/corpus/tuned): owners
given by id, deletion flags, composite headers, checkbox columns, record ids, association
tables. Headers and values are written here, shaped as those exports write them."""

import pytest
from fields import target_fields

from migration_bridge.services import fit, matcher
from migration_bridge.services.inference import profile_rows
from migration_bridge.services.profiles import get_profile

PROFILE = get_profile("generic")
TARGETS = target_fields()  # the primary series' fields

SARAH = "b2747d8c-c491-4f39-a66a-0ca3ccab1c3f"
MAX = "8afc0909-3242-4a3e-b2d2-72249b7a0e65"
CHRIS = "d487fc1f-23b5-42a5-bf44-5e4cd5cb2f2b"


def proposals(kind, object_name, headers, *rows):
    """{header: FieldProposal} of a file of ``kind`` whose rows are lists of cells."""
    records = [dict(zip(headers, row, strict=True)) for row in rows]
    return {
        p.source: p
        for p in matcher.propose_fields(
            PROFILE,
            kind,
            headers,
            profile_rows(headers, records),
            TARGETS[PROFILE.model_for(kind)],
            object_name=object_name,
        )
    }


def outcome(proposal):
    if proposal.target:
        return proposal.target
    return "custom" if proposal.custom_name else "skip"


def outcomes(found):
    return {header: outcome(p) for header, p in found.items()}


# ----------------------------------------------------------------------
# Owners given by id, and by name beside them
# ----------------------------------------------------------------------
SUITE_OWNERS = [
    ["Riverbend", "sarah", SARAH, "0"],
    ["Polar Peak", "max", MAX, "0"],
    ["Silverline", "chris", CHRIS, "0"],
    ["Harbor", "sarah", SARAH, "0"],
    ["Bright", "max", MAX, "0"],
]


@pytest.mark.parametrize(
    ("kind", "name_header", "id_header", "owner"),
    [
        ("company", "Assigned to", "Assigned User ID", "user_id"),
        ("contact", "Assigned User Name", "Assigned User ID", "user_id"),
        ("deal", "Assigned User Name", "Assigned User ID", "user_id"),
        ("task", "Assigned to", "Assigned User ID", "user_id"),
        ("call", "Assigned to", "Assigned User ID", "user_id"),
        ("note", "Assigned to", "assigned_user_id", "author_id"),
    ],
)
def test_the_owner_by_id_wins_and_the_owner_by_name_beside_it_is_left_out(
    kind, name_header, id_header, owner
):
    headers = ["Name", name_header, id_header, "Deleted"]
    found = proposals(kind, "Export", headers, *SUITE_OWNERS)
    assert found[id_header].target == owner, found[id_header].reason
    assert not found[id_header].needs_review
    left_out = found[name_header]
    assert outcome(left_out) == "skip", left_out.reason
    assert repr(id_header) in left_out.reason and not left_out.needs_review
    assert outcome(found["Deleted"]) == "skip"


def test_an_owner_by_name_alone_is_still_the_owner():
    rows = [[row[0], row[1]] for row in SUITE_OWNERS]
    found = proposals("deal", "Opportunities", ["Opportunity Name", "Assigned User Name"], *rows)
    assert found["Assigned User Name"].target == "user_id"


def test_an_email_keeps_no_owner_by_id():
    # an email's author is its sender: 'Assigned User ID' is no author
    rows = [["Hello", "a@b.com", SARAH], ["Re", "c@d.com", MAX], ["Fw", "e@f.com", CHRIS]]
    found = proposals("email", "Emails", ["Subject", "From", "Assigned User ID"], *rows)
    assert found["Assigned User ID"].target is None


# ----------------------------------------------------------------------
# Flags and columns that carry nothing
# ----------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["company", "contact", "deal", "task", "note"])
def test_a_deleted_flag_is_left_out(kind):
    found = proposals(kind, "Export", ["ID", "Deleted"], ["1", "0"], ["2", "0"], ["3", "0"])
    assert outcome(found["Deleted"]) == "skip"


@pytest.mark.parametrize("kind", ["task", "call", "note", "meeting"])
def test_the_type_of_a_polymorphic_parent_is_left_out(kind):
    rows = [
        ["1", "Accounts", "e3b31922-6264-4a54-a69b-b1b8dc875e05"],
        ["2", "Opportunities", "ec62ba56-0079-4fee-8500-44725ca00849"],
        ["3", "Contacts", "e3363f76-e490-4685-97e0-c04e83c66973"],
        ["4", "Accounts", "30ae6864-9d4c-4247-a15e-6b73292497a4"],
    ]
    found = proposals(kind, "Export", ["ID", "Parent Type", "Parent ID"], *rows)
    assert outcome(found["Parent Type"]) == "skip"
    assert found["Parent ID"].target == "_record"


def test_an_empty_json_list_is_an_empty_cell():
    rows = [["1", "Chloé", "[]", "[]"], ["2", "David", "[]", "[]"], ["3", "Emma", "[]", "{}"]]
    headers = [
        "Id",
        "Name / First Name",
        "Emails / Additional Emails",
        "Phones / Additional Phones",
    ]
    found = proposals("contact", "people", headers, *rows)
    assert outcome(found["Emails / Additional Emails"]) == "skip"
    assert outcome(found["Phones / Additional Phones"]) == "skip"
    assert profile_rows(["x"], [{"x": "[]"}, {"x": "a"}])["x"].filled == 1


def test_a_phones_calling_code_is_left_out_its_number_is_the_phone():
    headers = [
        "Id",
        "Phones / Primary Phone Number",
        "Phones / Primary Phone Country Code",
        "Phones / Primary Phone Calling Code",
    ]
    rows = [
        ["1", "71242486", "FR", "+33"],
        ["2", "81250405", "GB", "+44"],
        ["3", "61258324", "US", "+1"],
        ["4", "71290000", "FR", "+33"],
    ]
    found = proposals("contact", "people", headers, *rows)
    assert found["Phones / Primary Phone Number"].target == "phone"
    calling = found["Phones / Primary Phone Calling Code"]
    assert outcome(calling) == "skip" and "calling code" in calling.reason


# ----------------------------------------------------------------------
# Composite headers: '<Label> / <Sub-field>'
# ----------------------------------------------------------------------
def test_twenty_composite_headers_read_as_their_part():
    headers = [
        "Id",
        "Name / First Name",
        "Name / Last Name",
        "Emails / Primary Email",
        "Address / Address 1",
        "Address / Address 2",
        "Address / City",
        "Address / Post Code",
    ]
    rows = [
        [
            "7fa6211c",
            "Chloé",
            "Jensen",
            "chloe@airbnb.com",
            "888 Brannan St",
            "Suite 100",
            "San Francisco",
            "94103",
        ],
        [
            "d1493e55",
            "David",
            "Kowalski",
            "david@qonto.com",
            "18 Rue de Navarin",
            "",
            "Paris",
            "75009",
        ],
        [
            "89cfd944",
            "Emma",
            "Lambert",
            "emma@nr.io",
            "1 Congress Ave",
            "Floor 2",
            "Austin",
            "78701",
        ],
    ]
    assert outcomes(proposals("contact", "people", headers, *rows)) == {
        "Id": "x_source_id",
        "Name / First Name": "_first_name",
        "Name / Last Name": "_last_name",
        "Emails / Primary Email": "email",
        "Address / Address 1": "street",
        "Address / Address 2": "street2",
        "Address / City": "city",
        "Address / Post Code": "zip",
    }


def test_a_composites_value_reads_as_its_label():
    deals = proposals(
        "deal",
        "opportunities",
        ["Id", "Name", "Amount / Amount", "Amount / Currency"],
        ["d02ffca8", "Airbnb pilot", "5000", "USD"],
        ["f55ad95c", "Qonto expansion", "7500", "EUR"],
        ["aa1", "Lumen renewal", "1200", "USD"],
    )
    assert deals["Amount / Amount"].target == "expected_revenue"
    assert deals["Amount / Currency"].target is None
    companies = proposals(
        "company",
        "companies",
        ["Id", "Name", "Domain / Link URL", "Linkedin / Link URL"],
        ["c1", "Airbnb", "https://airbnb.com", ""],
        ["c2", "Qonto", "https://qonto.com", "https://www.linkedin.com/company/qonto"],
        ["c3", "Lumen", "https://lumen.co.uk", ""],
    )
    assert companies["Domain / Link URL"].target == "website"
    assert companies["Linkedin / Link URL"].target is None


def test_a_composites_number_is_no_record_key():
    found = proposals(
        "company",
        "companies",
        ["Id", "Name", "Street / Number"],
        ["c1", "Airbnb", "12"],
        ["c2", "Qonto", "7"],
    )
    assert found["Id"].target == "x_source_id"
    assert found["Street / Number"].target != "x_source_id"


# ----------------------------------------------------------------------
# Header words
# ----------------------------------------------------------------------
HEADER_WORDS = [
    ("company", "organizations-7428260-2351", "Organização - Organização criada", "create_date"),
    ("contact", "people-7428260-2352", "Pessoa - Pessoa criada", "create_date"),
    ("company", "companies", "Last update", "write_date"),
    ("deal", "Opportunities", "Potential Name", "name"),
    ("company", "Organizations", "Member Of", "parent_id"),
    ("company", "Organizations", "Billing Address", "street"),
    ("deal", "opportunities", "Point of Contact Id", "_contact"),
    ("note", "Notes", "Name", "subject"),
    ("task", "Tasks", "Date Due", "date_deadline"),
    ("meeting", "Meetings", "Date Start", "start"),
]
VALUES = {
    "create_date": ["2024-01-29 16:20", "2024-02-21 15:15", "2024-03-15 09:05"],
    "write_date": ["2025-03-01T12:20:49.515Z", "2025-02-28T16:15:53.806Z", "2025-02-27T10:00Z"],
    "start": ["2025-02-12 08:15", "2025-02-15 18:00", "2025-02-18 12:30"],
    "date_deadline": ["2025-03-14 18:15", "2025-03-10 12:30", "2025-03-06 16:15"],
    "_contact": [
        "7fa6211c-b02a-4e16-8507-3fc8cf424838",
        "",
        "89cfd944-d074-4121-b28b-c949c44431aa",
    ],
}
TEXTS = ["Lakeshore Veterinary Clinic", "Northgate retrofit", "200 Lake Shore Dr"]


@pytest.mark.parametrize(("kind", "object_name", "header", "target"), HEADER_WORDS)
def test_header_words_of_other_crms(kind, object_name, header, target):
    rows = [[str(i), value] for i, value in enumerate(VALUES.get(target, TEXTS))]
    found = proposals(kind, object_name, ["Id", header], *rows)
    assert found[header].target == target, found[header].reason


def test_a_contact_named_on_a_deal_is_the_reference_not_the_text_field():
    found = proposals(
        "deal",
        "Opportunities",
        ["Potential Name", "Contact Name"],
        ["Lakeshore service plan", ""],
        ["Northgate retrofit", "Maria Ito"],
        ["Harbor upgrade", "Liam Hughes"],
    )
    assert found["Contact Name"].target == "_contact", found["Contact Name"].reason


def test_a_unit_beside_a_street_is_the_second_address_line():
    headers = ["Customer ID", "Customer Name", "Street", "Unit", "Business Unit"]
    rows = [
        ["48211", "Henderson, Mark", "1204 Oak Hollow Dr", "", "Residential Sales"],
        ["48245", "Greenleaf Property Management", "4500 Commerce Pkwy", "Suite 200", "B2B"],
        ["48262", "Chen, Wei", "317 Willow Bend", "", "Residential Sales"],
    ]
    found = proposals("company", "Customers", headers, *rows)
    assert found["Unit"].target == "street2"
    assert found["Business Unit"].target is None
    alone = proposals("company", "Customers", ["Customer ID", "Unit"], ["1", "Suite 2"], ["2", ""])
    assert alone["Unit"].target is None


def test_a_word_of_the_files_name_before_an_id_or_a_name_names_its_records():
    headers = ["Location ID", "Location Name", "Customer ID", "Street"]
    rows = [
        ["90100", "Henderson, Mark", "48211", "1204 Oak Hollow Dr"],
        ["90107", "Alvarez, Sofia", "48228", "88 Pecan St"],
        ["90114", "Greenleaf Property Management", "48245", "4500 Commerce Pkwy"],
    ]
    assert matcher.propose_object(PROFILE, "Locations", headers).kind == "contact"
    found = proposals("contact", "Locations", headers, *rows)
    assert found["Location ID"].target == "x_source_id"
    assert found["Location Name"].target == "name"
    assert found["Customer ID"].target == "parent_id"
    # less surely than the kind's own words: an owner id stays the owner
    owners = proposals(
        "deal",
        "deals_by_owner",
        ["Deal ID", "Deal Name", "Owner ID"],
        ["1", "Pilot", "005A1"],
        ["2", "Renewal", "005A2"],
    )
    assert owners["Owner ID"].target == "user_id" and owners["Deal ID"].target == "x_source_id"
    # a number of an address is no key, a count is no id
    houses = proposals(
        "company",
        "companies_house",
        ["Company Name", "House Number", "Number of Activities"],
        ["Acme", "12", "3"],
        ["Globex", "7", "5"],
    )
    assert houses["House Number"].target != "x_source_id"
    assert houses["Number of Activities"].target != "x_source_id"
    tasks = proposals("task", "Activities", ["Subject", "Number of Activities"], ["a", "1"])
    assert tasks["Number of Activities"].target != "x_source_id"


# ----------------------------------------------------------------------
# Values that rule a target out, or in
# ----------------------------------------------------------------------
def test_a_checkbox_is_no_reference():
    rows = [["CON1", "Liam", "0", "0"], ["CON2", "Maria", "0", "1"], ["CON3", "Ann", "0", "0"]]
    found = proposals(
        "contact", "Contacts", ["Contact Id", "First Name", "Reference", "Ref"], *rows
    )
    assert found["Reference"].target != "ref"
    assert found["Ref"].target != "ref"
    ref = next(t for t in TARGETS["res.partner"] if t.name == "ref")
    checkbox = profile_rows(["Reference"], [{"Reference": v} for v in ("0", "1", "0")])
    assert fit.share(ref, checkbox["Reference"]) == 0.0
    numbers = profile_rows(["Reference"], [{"Reference": v} for v in ("A-100", "A-101")])
    assert fit.share(ref, numbers["Reference"]) is None


@pytest.mark.parametrize(
    ("value", "is_id"),
    [
        ("7018d00002s6W1zAAE", True),
        ("7018d0000fchpHQAAY", True),
        ("00E8d0000RH7TZQEQ3", True),
        ("b2747d8c-c491-4f39-a66a-0ca3ccab1c3f", True),
        ("5f3a1c2b9d4e8f7a6b5c4d3e", True),
        ("Spring2024Promo", False),
        ("Webinar Q3", False),
        ("Partner", False),
        ("CON1", False),
    ],
)
def test_record_ids_of_a_system(value, is_id):
    assert fit.is_record_id(value) is is_id


def test_ids_are_no_names_of_records_found_by_name():
    headers = ["Id", "Name", "CampaignId"]
    rows = [
        ["0068d0000aWW3V4AAL", "Pilot", "7018d00002s6W1zAAE"],
        ["0068d0000aWW3V5AAL", "Renewal", ""],
        ["0068d0000aWW3V6AAL", "Upgrade", "7018d0000fchpHQAAY"],
    ]
    found = proposals("deal", "Opportunity", headers, *rows)
    assert found["CampaignId"].target != "campaign_id"
    named = proposals("deal", "Opportunity", ["Id", "Name", "Campaign"], *rows)
    assert named["Campaign"].target != "campaign_id"  # ids under any header
    by_name = proposals(
        "deal",
        "Opportunity",
        ["Id", "Name", "CampaignId"],
        ["1", "Pilot", "Spring Promo"],
        ["2", "Renewal", "Webinar Q3"],
    )
    assert by_name["CampaignId"].target == "campaign_id"


def test_a_users_role_id_and_nickname_are_no_fields_of_the_owner_directory():
    headers = ["Id", "Username", "CommunityNickname", "UserRoleId", "Email"]
    rows = [
        [
            "0058d0000Gm8emAAQQ",
            "megan.holt@nw.com.prod",
            "megan.holt",
            "00E8d0000RH7TZQEQ3",
            "megan.holt@nw.com",
        ],
        [
            "0058d0000hWr6N2AAJ",
            "raj.patel@nw.com.prod",
            "raj.patel",
            "00E8d0000UVwsFAEQZ",
            "raj.patel@nw.com",
        ],
        [
            "0058d0000hWr6N3AAJ",
            "tom.becker@nw.com.prod",
            "tom.becker",
            "00E8d0000UVwsFAEQZ",
            "tom.becker@nw.com",
        ],
    ]
    found = proposals("user", "User", headers, *rows)
    assert found["CommunityNickname"].target is None
    assert found["UserRoleId"].target is None
    assert found["Username"].target == "login"


def test_bare_domains_are_still_websites_by_their_values():
    rows = [["1", "riverbend.com"], ["2", "polar.io"], ["3", "lakeshore.de"]]
    found = proposals("company", "Accounts", ["Id", "Homepage address"], *rows)
    assert found["Homepage address"].target == "website"


def test_an_attachment_column_is_no_field_of_odoo_attachments():
    rows = [["1", "Meeting notes", ""], ["2", "Site survey", "survey_2.pdf"], ["3", "Call", ""]]
    found = proposals("note", "Notes", ["ID", "Name", "Attachment"], *rows)
    assert found["Attachment"].target != "attachment_ids"
    assert matcher.unreachable(
        matcher.TargetField("attachment_ids", "A", "many2many", "ir.attachment")
    )
    assert not matcher.unreachable(matcher.TargetField("tag_ids", "Tags", "many2many", "crm.tag"))


def test_a_customers_kind_says_whether_it_is_a_company():
    headers = ["Customer ID", "Customer Name", "Customer Type"]
    rows = [
        ["48211", "Henderson, Mark", "Residential"],
        ["48228", "Alvarez, Sofia", "Residential"],
        ["48245", "Greenleaf Property Management", "Commercial"],
        ["48262", "Chen, Wei", "Residential"],
        ["48279", "Austin ISD", "Commercial"],
    ]
    found = proposals("company", "Customers", headers, *rows)
    assert found["Customer Type"].target == "is_company"
    assert "Residential" in found["Customer Type"].reason
    # on a file of people, the type is their customer's, not theirs
    people = proposals(
        "contact",
        "customers",
        ["Customer #", "First Name", "Last Name", "Customer Type"],
        *[[r[0], "A", "B", r[2]] for r in rows],
    )
    assert people["Customer Type"].target != "is_company"
    # a type that is no person / company stays a custom field
    types = ["Customer", "Prospect", "Partner", "Customer"]
    other = proposals(
        "company",
        "Accounts",
        ["ID", "Name", "Type"],
        *[[str(i), "A", t] for i, t in enumerate(types)],
    )
    assert other["Type"].target is None


# ----------------------------------------------------------------------
# Association tables
# ----------------------------------------------------------------------
LINKS = [
    ("accounts_contacts", ["id", "contact_id", "account_id", "date_modified", "deleted"]),
    (
        "opportunities_contacts",
        ["id", "contact_id", "opportunity_id", "contact_role", "date_modified", "deleted"],
    ),
    (
        "OpportunityContactRole",
        [
            "Id",
            "OpportunityId",
            "ContactId",
            "Role",
            "IsPrimary",
            "CreatedDate",
            "CreatedById",
            "LastModifiedDate",
            "LastModifiedById",
            "SystemModstamp",
            "IsDeleted",
        ],
    ),
]


@pytest.mark.parametrize(("object_name", "headers"), LINKS, ids=[n for n, _h in LINKS])
def test_an_association_table_is_a_link_file_not_loaded(object_name, headers):
    proposal = matcher.propose_object(PROFILE, object_name, headers)
    assert (proposal.kind, proposal.model) == ("link", None), proposal.reason
    assert "association table" in proposal.reason and "not loaded" in proposal.reason
    assert matcher.propose(PROFILE, object_name, headers, {}, TARGETS) == (proposal, [])
    assert PROFILE.kind_spec("link").link and PROFILE.model_for("link") is None


@pytest.mark.parametrize(
    ("object_name", "headers", "kind"),
    [
        # a deal file with an account and a contact: records of its own
        ("Opportunity", ["Id", "AccountId", "ContactId", "Name", "StageName", "Amount"], "deal"),
        # a file named after its kind with that kind's id column
        ("deals", ["Deal ID", "Company ID", "Contact ID", "Stage", "Owner"], "deal"),
        ("Contacts", ["Contact ID", "Account ID", "First Name", "Last Name"], "contact"),
        # engagements name several records, with a subject
        ("Tasks", ["Task ID", "Contact ID", "Deal ID", "Subject", "Status"], "task"),
    ],
)
def test_files_of_records_that_name_other_records_are_no_links(object_name, headers, kind):
    assert matcher.link_columns(object_name, headers) is None
    assert matcher.propose_object(PROFILE, object_name, headers).kind == kind


def test_a_profile_without_a_link_kind_proposes_no_target_for_an_association_table():
    profile = get_profile("dtools")
    name, headers = LINKS[0]
    proposal = matcher.propose_object(profile, name, headers)
    assert (proposal.kind, proposal.model) == (None, None)
    assert proposal.confidence < matcher.REVIEW_THRESHOLD
    assert "association table" in proposal.reason

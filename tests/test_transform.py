"""What the loader writes for a row, decided without a database (services.transform)."""

import datetime

import pytest
from fields import by_name

from migration_bridge.services import targets, transform
from migration_bridge.services.errors import RowError
from migration_bridge.services.profiles import get_profile

PROFILE = get_profile("generic")
FIELDS = by_name()  # the primary series' fields
PRIORITY = (("0", "Low"), ("1", "Medium"), ("2", "High"))
DURATION = targets.get("_duration").label
DIRECTION = targets.get("_direction").label


def column(model, source, target, create_missing=False, selection=()):
    """A confirmed mapping line as the loader builds it (composed type, or the field's)."""
    composed = targets.get(target)
    if composed:
        return transform.Column(source, target, composed.type, create_missing=create_missing)
    field = FIELDS[model][target]
    return transform.Column(source, target, field.type, field.relation, selection, create_missing)


def plan(kind, *mapping, name="file.csv"):
    model = PROFILE.model_for(kind)
    columns = [m if isinstance(m, transform.Column) else column(model, *m) for m in mapping]
    return transform.object_plan(PROFILE, kind, model, columns, name)


def lookup_of(row, target):
    found = [lk for lk in row.lookups if lk.target == target]
    assert len(found) == 1, "expected one lookup for %s, got %r" % (target, found)
    return found[0]


def resolved(row, answers):
    """A Resolved answering (target, token) -> id or (model, id), as the resolver would."""
    found = {}
    for lookup in row.lookups:
        for token in lookup.tokens:
            if (lookup.target, token) in answers:
                found[lookup.key(token)] = answers[(lookup.target, token)]
    return transform.Resolved(found=found)


CONTACTS = plan(
    "contact",
    ("Id", "x_source_id"),
    ("First Name", "_first_name"),
    ("Middle Name", "_middle_name"),
    ("Last Name", "_last_name"),
    ("Email", "email"),
    ("Created", "create_date"),
    ("Modified", "write_date"),
    ("Notes", "comment"),
    ("Owner", "user_id"),
    ("Company", "parent_id"),
    ("Company Name", "company_name"),
    ("Country", "country_id"),
    ("State", "state_id"),
    ("Tags", "category_id"),
    name="contacts.csv",
)
DEALS = plan(
    "deal",
    ("Deal ID", "x_source_id"),
    ("Deal Name", "name"),
    ("Stage", "stage_id"),
    ("Status", "_status"),
    ("Company", "partner_id", True),
    ("Contact", "_contact"),
    ("Amount", "expected_revenue"),
    ("Email", "email_from"),
    ("Tags", "tag_ids"),
    column("crm.lead", "Priority", "priority", selection=PRIORITY),
    name="deals.csv",
)
TASKS = plan(
    "task",
    ("Id", "x_source_id"),
    ("Deal", "_deal"),
    ("What", "_record"),
    ("Who", "_person"),
    ("Account", "_company"),
    ("Status", "_done"),
    ("Type", "activity_type_id"),
    ("Completed", "_done_on"),
    ("Subject", "summary"),
    ("Owner", "user_id"),
    ("Due", "date_deadline"),
    name="Task.csv",
)
EMAILS = plan(
    "email",
    ("Id", "x_source_id"),
    ("From", "email_from"),
    ("To", "_to"),
    ("Direction", "_direction"),
    ("Related", "_record"),
    ("Body", "body"),
    name="EmailMessage.csv",
)


# ----------------------------------------------------------------------
# A contact row
# ----------------------------------------------------------------------
def test_contact_name_is_joined_from_its_parts():
    row = transform.transform_row(
        CONTACTS, 2, {"Id": "C1", "First Name": "Ann", "Middle Name": "Q.", "Last Name": "Lee"}
    )
    assert row.vals["name"] == "Ann Q. Lee"
    assert row.vals["is_company"] is False  # the kind's default
    assert row.source_id == "C1"
    row = transform.transform_row(CONTACTS, 3, {"Id": "C2", "First Name": " Bo ", "Last Name": ""})
    assert row.vals["name"] == "Bo"
    assert not {"_first_name", "_last_name", "_middle_name"} & set(row.vals)


def test_dates_the_orm_sets_go_to_dates_not_vals():
    row = transform.transform_row(
        CONTACTS,
        2,
        {
            "Id": "C1",
            "Last Name": "Lee",
            "Created": "2024-03-01T09:30:00+02:00",
            "Modified": "15/03/2024",
        },
    )
    assert row.dates == {
        "create_date": datetime.datetime(2024, 3, 1, 7, 30),  # converted to UTC
        "write_date": datetime.datetime(2024, 3, 15),
    }
    assert "create_date" not in row.vals and "write_date" not in row.vals


def test_unparseable_date_names_its_column():
    with pytest.raises(RowError, match=r"contacts\.csv, row 4, column 'Created'") as info:
        transform.transform_row(
            CONTACTS, 4, {"Id": "C1", "Last Name": "Lee", "Created": "last Tuesday"}
        )
    assert (info.value.code, info.value.column) == ("unparseable_date", "Created")


def test_invalid_email_names_file_row_and_column():
    for email in ("nope", "ann@", "ann at x.com", "Ann <ann@x>"):
        with pytest.raises(RowError) as info:
            transform.transform_row(CONTACTS, 7, {"Id": "C1", "Last Name": "Lee", "Email": email})
        assert info.value.code == "invalid_email", email
        assert info.value.column == "Email"
        assert "contacts.csv, row 7, column 'Email'" in info.value.message
        assert repr(email) in info.value.message


def test_email_from_accepts_a_display_name():
    for sender in ("Ann Lee <Ann@X.com>", "<ann@x.com>", "ann@x.com"):
        deal = transform.transform_row(
            DEALS, 2, {"Deal ID": "D1", "Deal Name": "Big", "Email": sender}
        )
        message = transform.transform_row(EMAILS, 2, {"Id": "E1", "From": sender})
        assert deal.vals["email_from"] == sender
        assert message.vals["email_from"] == sender


def test_blank_mandatory_name():
    with pytest.raises(RowError) as info:
        transform.transform_row(CONTACTS, 5, {"Id": "C1", "Email": "ann@x.com", "First Name": " "})
    assert info.value.code == "blank_mandatory"
    assert "row 5" in info.value.message and "mandatory" in info.value.message
    assert "First Name" in info.value.column and "Last Name" in info.value.column
    # any one of the name targets is enough
    row = transform.transform_row(CONTACTS, 6, {"Id": "C1", "Last Name": "Lee"})
    assert row.vals["name"] == "Lee"


def test_html_field_from_plain_text_is_escaped_with_line_breaks():
    row = transform.transform_row(
        CONTACTS,
        2,
        {"Id": "C1", "Last Name": "Lee", "Notes": "R&D <team>\nline 2\n\nnext paragraph"},
    )
    assert row.vals["comment"] == "<p>R&amp;D &lt;team&gt;<br>line 2</p><p>next paragraph</p>"
    assert transform.text_to_html("<p>Already <b>HTML</b></p>") == "<p>Already <b>HTML</b></p>"


def test_plain_text_quoting_an_address_in_brackets_stays_text():
    html = transform.text_to_html("From: Paul <p.jones@acme.com>\nThanks")
    assert html == "<p>From: Paul &lt;p.jones@acme.com&gt;<br>Thanks</p>"


def test_selection_by_key_or_label():
    for value in ("2", "High", "high"):
        row = transform.transform_row(
            DEALS, 2, {"Deal ID": "D1", "Deal Name": "Big", "Priority": value}
        )
        assert row.vals["priority"] == "2", value


def test_unknown_selection_value_lists_the_allowed_values():
    with pytest.raises(RowError) as info:
        transform.transform_row(
            DEALS, 3, {"Deal ID": "D1", "Deal Name": "Big", "Priority": "urgent"}
        )
    assert info.value.code == "invalid_value" and info.value.column == "Priority"
    assert "'urgent'" in info.value.message and "Low, Medium, High" in info.value.message


def test_convert_by_field_type():
    assert transform.convert("integer", "1,200") == 1200
    assert transform.convert("integer", "12.0") == 12
    assert transform.convert("boolean", "oui") is True
    assert transform.convert("monetary", "€1 200,50") == 1200.5
    # a custom float filled from a column of amounts (The Customer Factor's 'Budget')
    assert transform.convert("float", "$1,800.00") == 1800.0
    assert transform.convert("float", "12.5") == 12.5
    assert transform.convert("date", "31/12/2024") == datetime.date(2024, 12, 31)
    assert transform.convert("char", " as is ") == " as is "
    for ftype, raw in [
        ("integer", "12.5"),
        ("float", "abc"),
        ("boolean", "maybe"),
        ("binary", "x"),
    ]:
        with pytest.raises(ValueError):
            transform.convert(ftype, raw)


def test_invalid_number_in_a_row_is_a_row_error():
    companies = plan(
        "company",
        ("Id", "x_source_id"),
        ("Name", "name"),
        transform.Column("Employees", "x_employees", "integer"),
    )
    row = transform.transform_row(companies, 2, {"Id": "A1", "Name": "N", "Employees": "1,200"})
    assert row.vals["x_employees"] == 1200
    with pytest.raises(RowError, match="'12.5' is not a valid integer") as info:
        transform.transform_row(companies, 3, {"Id": "A1", "Name": "N", "Employees": "12.5"})
    assert (info.value.code, info.value.column) == ("invalid_value", "Employees")


# ----------------------------------------------------------------------
# Source keys
# ----------------------------------------------------------------------
def test_source_key_is_the_id_column():
    assert transform.source_key(CONTACTS, {"Id": "  C1001 "}) == "C1001"
    assert transform.source_key(CONTACTS, {"Id": "", "Email": "ann@x.com"}) is None


def test_several_id_columns_are_joined_with_a_slash():
    companies = plan("company", ("Region", "x_source_id"), ("No", "x_source_id"), ("Name", "name"))
    assert transform.source_key(companies, {"Region": "EU", "No": "42", "Name": "N"}) == "EU/42"
    assert transform.source_key(companies, {"Region": "EU", "No": "", "Name": "N"}) is None


def test_company_without_ids_is_keyed_by_its_normalized_name():
    companies = plan("company", ("Company", "name"), ("City", "city"))
    keys = {
        transform.source_key(companies, {"Company": name, "City": "Paris"})
        for name in ("Northwind Ltd.", "NORTHWIND", "  northwind, inc ")
    }
    assert keys == {"name=northwind"}
    # the key a company created from a contact's company name gets (resolver)
    assert transform.record_key("company", keys.pop()) == "company:name=northwind"
    assert transform.source_key(companies, {"Company": "Southwind"}) == "name=southwind"


def test_contact_without_ids_is_keyed_by_email_then_name():
    contacts = plan("contact", ("First", "_first_name"), ("Last", "_last_name"), ("Mail", "email"))
    payload = {"First": "Ann", "Last": "Lee", "Mail": " Ann@X.com "}
    assert transform.source_key(contacts, payload) == "email=ann@x.com"
    assert transform.source_key(contacts, dict(payload, Mail="")) == "name=ann lee"
    assert transform.source_key(contacts, {"First": "", "Last": "", "Mail": ""}) is None
    companies = plan("company", ("Company", "name"))
    assert transform.source_key(companies, {"Company": "  "}) is None


def test_contact_name_key_follows_the_composed_name():
    contacts = plan("contact", ("Last", "_last_name"), ("First", "_first_name"))
    payload = {"First": "Ann", "Last": "Lee"}
    assert transform.transform_row(contacts, 2, payload).vals["name"] == "Ann Lee"
    assert transform.source_key(contacts, payload) == "name=ann lee"


def test_looks_like_id():
    ids = ["C1001", "0015g00000AbCdE", "42", " 7 "]
    names = ["Acme Corp", "Acme 2", "Globex", "", None]
    assert [transform.looks_like_id(t) for t in ids] == [True] * len(ids)
    assert [transform.looks_like_id(t) for t in names] == [False] * len(names)


def test_names_not_ids():
    assert transform.names_not_ids(["Acme", "Globex Corp", ""]) is True
    assert transform.names_not_ids(["Acme", "C1001"]) is False
    assert transform.names_not_ids(["", None]) is False
    assert transform.names_not_ids(None) is False


# ----------------------------------------------------------------------
# References become lookups
# ----------------------------------------------------------------------
def test_owner_is_a_user_lookup():
    row = transform.transform_row(
        CONTACTS, 2, {"Id": "C1", "Last Name": "Lee", "Owner": "bob@x.com"}
    )
    owner = lookup_of(row, "user_id")
    assert (owner.mode, owner.comodel, owner.tokens, owner.column) == (
        "user",
        "res.users",
        ("bob@x.com",),
        "Owner",
    )
    assert "user_id" not in row.vals


def test_contact_company_is_a_record_lookup_created_only_when_allowed():
    payload = {"Id": "C1", "Last Name": "Lee", "Company": "A1"}
    parent = lookup_of(transform.transform_row(CONTACTS, 2, payload), "parent_id")
    assert (parent.mode, parent.comodel, parent.tokens) == ("record", "res.partner", ("A1",))
    assert parent.kinds == ("company",) and parent.by == ("id", "name")
    assert parent.deferred is False  # a company, not the contact's own kind
    assert parent.create is None
    allowed = plan(
        "contact", ("Id", "x_source_id"), ("Last", "_last_name"), ("Co", "parent_id", True)
    )
    row = transform.transform_row(allowed, 2, {"Id": "C1", "Last": "Lee", "Co": "Acme"})
    assert lookup_of(row, "parent_id").create == "company"


def test_company_parent_points_to_its_own_kind_and_is_deferred():
    companies = plan("company", ("Id", "x_source_id"), ("Name", "name"), ("Parent", "parent_id"))
    row = transform.transform_row(companies, 2, {"Id": "A2", "Name": "Sub", "Parent": "A1"})
    parent = lookup_of(row, "parent_id")
    assert parent.deferred is True and parent.kinds == ("company",)
    assembled = transform.assemble(companies, row, transform.Resolved())
    assert assembled.deferred == {"parent_id": ("A1", "Parent")}
    assert "parent_id" not in assembled.vals and assembled.missing == []


def test_tags_are_split_into_name_lookups_that_may_create():
    row = transform.transform_row(
        CONTACTS, 2, {"Id": "C1", "Last Name": "Lee", "Tags": "vip; b2b, VIP |partner"}
    )
    tags = lookup_of(row, "category_id")
    assert tags.tokens == ("vip", "b2b", "partner")
    assert (tags.mode, tags.comodel, tags.multi, tags.create) == (
        "name",
        "res.partner.category",
        True,
        "1",
    )
    deal = transform.transform_row(DEALS, 2, {"Deal ID": "D1", "Deal Name": "x", "Tags": "a|b"})
    assert lookup_of(deal, "tag_ids").comodel == "crm.tag"
    assert lookup_of(deal, "tag_ids").create == "1"


def test_names_of_odoo_data_are_never_created():
    row = transform.transform_row(TASKS, 2, {"Id": "T1", "Type": "Webinar"})
    kind = [lk for lk in row.lookups if lk.column == "Type"]
    assert len(kind) == 1
    assert (kind[0].mode, kind[0].comodel, kind[0].create) == ("name", "mail.activity.type", None)


def test_country_and_state_lookups_carry_the_country():
    row = transform.transform_row(
        CONTACTS,
        2,
        {"Id": "C1", "Last Name": "Lee", "Country": "France", "State": "Normandie"},
    )
    assert lookup_of(row, "country_id").mode == "country"
    state = lookup_of(row, "state_id")
    assert (state.mode, state.comodel, state.country) == (
        "state",
        "res.country.state",
        "France",
    )
    row = transform.transform_row(CONTACTS, 3, {"Id": "C1", "Last Name": "Lee", "State": "TX"})
    assert lookup_of(row, "state_id").country is None
    no_country = plan("contact", ("Id", "x_source_id"), ("Last", "_last_name"), ("St", "state_id"))
    row = transform.transform_row(no_country, 2, {"Id": "C1", "Last": "Lee", "St": "TX"})
    assert lookup_of(row, "state_id").country is None


def test_company_name_is_kept_and_also_finds_the_parent():
    row = transform.transform_row(
        CONTACTS, 2, {"Id": "C1", "Last Name": "Lee", "Company Name": "Acme Ltd"}
    )
    assert row.vals["company_name"] == "Acme Ltd"
    by_name = lookup_of(row, "company_name")
    assert (by_name.mode, by_name.into, by_name.keep, by_name.by) == (
        "record",
        "parent_id",
        True,
        ("name",),
    )
    assert by_name.create is None
    allowed = plan(
        "contact", ("Id", "x_source_id"), ("Last", "_last_name"), ("Co", "company_name", True)
    )
    row = transform.transform_row(allowed, 2, {"Id": "C1", "Last": "Lee", "Co": "Acme"})
    assert lookup_of(row, "company_name").create == "company"


# ----------------------------------------------------------------------
# Deals
# ----------------------------------------------------------------------
def test_stage_and_status_go_to_the_stage_map():
    assert set(targets.STAGE_MAPPED) == {"stage_id", "_status"}
    row = transform.transform_row(
        DEALS,
        2,
        {"Deal ID": "D1", "Deal Name": "Big", "Stage": "Negotiation", "Status": "Closed Won"},
    )
    assert row.status == [("Negotiation", "Stage"), ("Closed Won", "Status")]
    assert not {"stage_id", "_status"} & set(row.vals)
    assert not {"stage_id", "_status"} & {lk.target for lk in row.lookups}
    assert row.vals == {"type": "opportunity", "name": "Big"}


def test_deal_customer_is_its_contact_when_found_else_its_company():
    row = transform.transform_row(
        DEALS, 2, {"Deal ID": "D1", "Deal Name": "Big", "Company": "Acme", "Contact": "C1"}
    )
    company = lookup_of(row, "partner_id")
    assert company.kinds == ("company", "contact") and company.create == "company"
    contact = lookup_of(row, "_contact")
    assert (contact.kinds, contact.into) == (("contact",), "partner_id")
    both = {("partner_id", "Acme"): ("res.partner", 10), ("_contact", "C1"): ("res.partner", 20)}
    assert transform.assemble(DEALS, row, resolved(row, both)).vals["partner_id"] == 20
    only_company = {("partner_id", "Acme"): ("res.partner", 10)}
    assembled = transform.assemble(DEALS, row, resolved(row, only_company))
    assert assembled.vals["partner_id"] == 10
    assert [(lk.target, token) for lk, token in assembled.missing] == [("_contact", "C1")]


def test_a_row_names_the_records_it_points_to_only_when_all_were_found():
    row = transform.transform_row(
        DEALS, 2, {"Deal ID": "D1", "Deal Name": "Big", "Company": "Acme", "Contact": "C1"}
    )
    both = {("partner_id", "Acme"): ("res.partner", 10), ("_contact", "C1"): ("res.partner", 20)}
    assert transform.assemble(DEALS, row, resolved(row, both)).complete_refs() == {
        "res.partner": [10, 20]
    }
    # the contact is missing: a later run must look for it again
    only_company = {("partner_id", "Acme"): ("res.partner", 10)}
    assert transform.assemble(DEALS, row, resolved(row, only_company)).complete_refs() is None
    plain = transform.transform_row(DEALS, 2, {"Deal ID": "D2", "Deal Name": "Small"})
    assert transform.assemble(DEALS, plain, transform.Resolved()).complete_refs() == {}


def test_odoo_data_found_by_xml_id_is_not_among_the_references():
    row = transform.transform_row(TASKS, 2, {"Id": "T1", "Deal": "D1", "Subject": "Call"})
    types = [lk for lk in row.lookups if lk.mode == transform.LOOKUP_XMLID]
    assert types
    answers = {("_deal", "D1"): ("crm.lead", 7)}
    answers.update({(lk.target, lk.tokens[0]): 3 for lk in types})
    assembled = transform.assemble(TASKS, row, resolved(row, answers))
    assert assembled.missing == []
    assert assembled.complete_refs() == {"crm.lead": [7]}


def test_a_row_waiting_for_its_own_object_has_no_complete_references():
    companies = plan("company", ("Id", "x_source_id"), ("Name", "name"), ("Parent", "parent_id"))
    row = transform.transform_row(companies, 2, {"Id": "A2", "Name": "Sub", "Parent": "A1"})
    assert transform.assemble(companies, row, transform.Resolved()).complete_refs() is None


def test_settings_hash_changes_with_any_setting():
    columns = [transform.Column("Stage", "stage_id", "many2one", "crm.stage")]
    base = transform.settings_hash("generic", "crm.lead", "deal", None, columns, [], [])
    assert base == transform.settings_hash("generic", "crm.lead", "deal", None, columns, [], [])
    assert base != transform.settings_hash(
        "generic", "crm.lead", "deal", None, columns, [("Won", "won", 4, None)], []
    )
    assert base != transform.settings_hash(
        "generic", "crm.lead", "deal", None, columns, [], [("bob", 7, "manual")]
    )
    other = [transform.Column("Stage", "x_stage", "char")]
    assert base != transform.settings_hash("generic", "crm.lead", "deal", None, other, [], [])


def test_deal_amount_is_monetary():
    row = transform.transform_row(
        DEALS, 2, {"Deal ID": "D1", "Deal Name": "Big", "Amount": "$1,200.50"}
    )
    assert row.vals["expected_revenue"] == 1200.5
    with pytest.raises(RowError) as info:
        transform.transform_row(DEALS, 9, {"Deal ID": "D1", "Deal Name": "Big", "Amount": "lots"})
    assert (info.value.code, info.value.column) == ("invalid_value", "Amount")
    assert "deals.csv, row 9" in info.value.message


# ----------------------------------------------------------------------
# Engagements
# ----------------------------------------------------------------------
ON_RECORD = {"Id": "T1", "Deal": "D1", "What": "A1", "Who": "C1; C2", "Account": "Acme"}


def test_attach_targets_become_record_lookups():
    row = transform.transform_row(TASKS, 2, ON_RECORD)
    expected = {
        "_deal": (("deal",), ("id",), ("D1",)),
        "_record": (("deal", "company", "contact"), ("id",), ("A1",)),
        "_person": (("contact",), ("id", "email"), ("C1", "C2")),
        "_company": (("company",), ("id", "name"), ("Acme",)),
    }
    for target, (kinds, by, tokens) in expected.items():
        lookup = lookup_of(row, target)
        assert (lookup.mode, lookup.kinds, lookup.by, lookup.tokens) == (
            "record",
            kinds,
            by,
            tokens,
        ), target
        assert not lookup.deferred and lookup.create is None
    assert not set(expected) & set(row.vals)


ALL_FOUND = {
    ("_deal", "D1"): ("crm.lead", 7),
    ("_record", "A1"): ("res.partner", 5),
    ("_person", "C1"): ("res.partner", 11),
    ("_company", "Acme"): ("res.partner", 5),
}


def test_engagement_lands_on_the_most_specific_record_found():
    assert targets.attach_order() == ["_deal", "_record", "_person", "_company"]
    row = transform.transform_row(TASKS, 2, ON_RECORD)
    cases = [
        ((), ("crm.lead", 7)),
        (("_deal",), ("res.partner", 5)),
        (("_deal", "_record"), ("res.partner", 11)),
        (("_deal", "_record", "_person"), ("res.partner", 5)),
        (("_deal", "_record", "_person", "_company"), None),
    ]
    for absent, attach in cases:
        answers = {key: value for key, value in ALL_FOUND.items() if key[0] not in absent}
        assembled = transform.assemble(TASKS, row, resolved(row, answers))
        assert assembled.attach == attach, absent
        assert set(assembled.related) == set(answers.values())
        missing = {(lk.target, token) for lk, token in assembled.missing}
        expected = {("_person", "C2"), ("activity_type_id", "mail.mail_activity_data_todo")}
        expected |= {key for key in ALL_FOUND if key[0] in absent}
        assert missing == expected
        assert not {"_deal", "_record", "_person", "_company", "res_id"} & set(assembled.vals)


def test_done_through_the_value_map():
    cases = {"Completed": True, "not started": False, "Held": True, "In Progress": False}
    cases.update({"yes": True, "false": False})  # a plain yes/no needs no value map
    for status, done in cases.items():
        row = transform.transform_row(TASKS, 2, {"Id": "T1", "Status": status})
        assert row.flags == {"_done": done}, status
        assert "_done" not in row.vals


def test_unknown_done_status_is_a_row_error():
    with pytest.raises(RowError) as info:
        transform.transform_row(TASKS, 4, {"Id": "T1", "Status": "Escalated"})
    assert (info.value.code, info.value.column) == ("invalid_value", "Status")
    assert "Task.csv, row 4, column 'Status'" in info.value.message
    assert "'Escalated'" in info.value.message
    assert "completed" in info.value.message and "not started" in info.value.message


def test_done_on_is_the_date_done():
    row = transform.transform_row(TASKS, 2, {"Id": "T1", "Completed": "2024-05-01T10:00:00Z"})
    assert row.dates == {"date_done": datetime.datetime(2024, 5, 1, 10, 0)}
    assert "_done_on" not in row.vals and "date_done" not in row.vals


def test_activity_type_value_map_gives_an_xmlid_that_wins_over_the_default():
    row = transform.transform_row(TASKS, 2, {"Id": "T1", "Type": "Phone call"})
    types = [(lk.mode, lk.tokens, lk.column) for lk in row.lookups]
    assert types == [
        ("xmlid", ("mail.mail_activity_data_todo",), None),  # the task kind's default
        ("xmlid", ("mail.mail_activity_data_call",), "Type"),
    ]
    answers = {
        ("activity_type_id", "mail.mail_activity_data_todo"): 1,
        ("activity_type_id", "mail.mail_activity_data_call"): 2,
    }
    assert transform.assemble(TASKS, row, resolved(row, answers)).vals["activity_type_id"] == 2
    row = transform.transform_row(TASKS, 3, {"Id": "T2"})
    assert transform.assemble(TASKS, row, resolved(row, answers)).vals["activity_type_id"] == 1


def test_kind_defaults_holding_an_xmlid_become_xmlid_lookups():
    cases = [
        ("note", "body", {"message_type": "comment"}, {"subtype_id": "mail.mt_note"}),
        ("email", "body", {"message_type": "email"}, {"subtype_id": "mail.mt_comment"}),
        ("call", "note", {}, {"activity_type_id": "mail.mail_activity_data_call"}),
    ]
    for kind, body, vals, xmlids in cases:
        kind_plan = plan(kind, ("Id", "x_source_id"), ("Body", body))
        row = transform.transform_row(kind_plan, 2, {"Id": "X1", "Body": "hello"})
        assert row.vals == dict(vals, **{body: "<p>hello</p>"}), kind
        assert {lk.target: lk.tokens for lk in row.lookups} == {
            target: (xmlid,) for target, xmlid in xmlids.items()
        }
        assert {lk.mode for lk in row.lookups} == {"xmlid"}


def test_duration_is_a_readable_detail():
    cases = [
        ("Call duration (ms)", "330000", "5 min 30 s"),
        ("CallDurationInSeconds", "95", "1 min 35 s"),
        ("Duration", "00:05:30", "5 min 30 s"),
        ("Duration (minutes)", "90", "1 h 30 min"),
        ("Call duration", "120", "2 min"),
    ]
    for header, raw, text in cases:
        calls = plan("call", ("Id", "x_source_id"), (header, "_duration"))
        row = transform.transform_row(calls, 2, {"Id": "K1", header: raw})
        assert row.details == [(DURATION, text)], (header, raw)
        assert "_duration" not in row.vals
    assert transform.duration_seconds("Call duration (ms)", "330000") == 330
    assert transform.duration_seconds("Anything (ms)", "5:30") == 330  # h:m:s whatever the unit


def test_unreadable_duration_is_a_row_error():
    calls = plan("call", ("Id", "x_source_id"), ("Duration", "_duration"))
    with pytest.raises(RowError) as info:
        transform.transform_row(calls, 3, {"Id": "K1", "Duration": "a while"})
    assert (info.value.code, info.value.column) == ("invalid_value", "Duration")


def test_format_duration():
    assert [targets.format_duration(s) for s in (0, 45, 59.6, 60, 95, 3600, 5430)] == [
        "0 s",
        "45 s",
        "1 min",
        "1 min",
        "1 min 35 s",
        "1 h 0 min",
        "1 h 30 min",
    ]


def test_recipients_give_emails_and_a_quiet_lookup_into_partner_ids():
    row = transform.transform_row(
        EMAILS, 2, {"Id": "E1", "To": "Bob <BOB@y.org>; c@z.io, not an address"}
    )
    assert row.emails == ["bob@y.org", "c@z.io"]
    to = lookup_of(row, "_to")
    assert (to.mode, to.comodel, to.into, to.multi, to.quiet) == (
        "record",
        "res.partner",
        "partner_ids",
        True,
        True,
    )
    assert to.tokens == ("bob@y.org", "c@z.io")
    assert to.kinds == ("company", "contact") and to.by == ("id", "email")
    assembled = transform.assemble(
        EMAILS, row, resolved(row, {("_to", "bob@y.org"): ("res.partner", 4)})
    )
    assert assembled.vals["partner_ids"] == [(6, 0, [4])]
    assert [token for lk, token in assembled.missing if lk.target == "_to"] == ["c@z.io"]
    assert transform.emails_in("Ann <Ann@X.com>; bob@y.org") == ["ann@x.com", "bob@y.org"]


def test_direction_is_a_detail_never_a_value():
    cases = {
        "Inbound": "incoming",
        "Incoming email": "incoming",
        "Forwarded Email": "outgoing",
        "sideways": "sideways",  # not in the value map: kept as it reads
    }
    for raw, direction in cases.items():
        row = transform.transform_row(EMAILS, 2, {"Id": "E1", "Direction": raw})
        assert row.details == [(DIRECTION, direction)], raw
        assert row.vals == {"message_type": "email"} and not row.flags


def test_document_keeps_its_file_and_needs_a_name():
    documents = plan(
        "document",
        ("Id", "x_source_id"),
        ("File Name", "name"),
        ("Path", "_file"),
        ("On", "_record"),
    )
    row = transform.transform_row(
        documents, 2, {"Id": "F1", "File Name": "a.pdf", "Path": "files/a.pdf", "On": "D1"}
    )
    assert row.file == ("files/a.pdf", "Path")
    assert row.vals == {"name": "a.pdf"}
    with pytest.raises(RowError) as info:
        transform.transform_row(documents, 3, {"Id": "F2", "Path": "files/b.pdf"})
    assert (info.value.code, info.value.column) == ("blank_mandatory", "File Name")


# ----------------------------------------------------------------------
# Assemble
# ----------------------------------------------------------------------
def test_multi_lookups_give_one_sorted_replace_command():
    row = transform.transform_row(CONTACTS, 2, {"Id": "C1", "Last Name": "Lee", "Tags": "x,y,z"})
    answers = {("category_id", "x"): 9, ("category_id", "y"): 3, ("category_id", "z"): 3}
    assembled = transform.assemble(CONTACTS, row, resolved(row, answers))
    assert assembled.vals["category_id"] == [(6, 0, [3, 9])]
    assert assembled.missing == []


def test_company_name_never_overrides_the_parent_of_its_own_column():
    payload = {"Id": "C1", "Last Name": "Lee", "Company": "A1", "Company Name": "Other Co"}
    row = transform.transform_row(CONTACTS, 2, payload)
    answers = {
        ("parent_id", "A1"): ("res.partner", 1),
        ("company_name", "Other Co"): ("res.partner", 2),
    }
    # the keep lookup comes first in the row: the order of the lookups does not matter
    row.lookups.sort(key=lambda lk: not lk.keep)
    assembled = transform.assemble(CONTACTS, row, resolved(row, answers))
    assert assembled.vals["parent_id"] == 1
    assert assembled.vals["company_name"] == "Other Co"
    # without a parent of its own, the company name finds it
    row = transform.transform_row(CONTACTS, 3, dict(payload, Company=""))
    assembled = transform.assemble(CONTACTS, row, resolved(row, answers))
    assert assembled.vals["parent_id"] == 2


def test_a_lookup_that_finds_nothing_leaves_the_field_unset():
    row = transform.transform_row(
        CONTACTS, 2, {"Id": "C1", "Last Name": "Lee", "Owner": "ghost", "Country": "Atlantis"}
    )
    assembled = transform.assemble(CONTACTS, row, transform.Resolved())
    assert "user_id" not in assembled.vals and "country_id" not in assembled.vals
    assert {(lk.target, token) for lk, token in assembled.missing} == {
        ("user_id", "ghost"),
        ("country_id", "Atlantis"),
    }
    assert assembled.vals == row.vals  # the row's own values are untouched


# ----------------------------------------------------------------------
# Create, update or leave alone
# ----------------------------------------------------------------------
def test_vals_hash_is_stable_and_sensitive():
    vals = {"name": "Acme", "tag_ids": [(6, 0, [1, 2])]}
    dates = {"create_date": datetime.datetime(2024, 1, 2, 3, 4)}
    base = transform.vals_hash(vals, dates, [("Duration", "2 min")])
    assert base == transform.vals_hash(
        dict(reversed(list(vals.items()))), dict(dates), [("Duration", "2 min")]
    )
    changed = [
        transform.vals_hash(dict(vals, name="Acme Inc"), dates, [("Duration", "2 min")]),
        transform.vals_hash(
            vals, {"create_date": datetime.datetime(2024, 1, 2)}, [("Duration", "2 min")]
        ),
        transform.vals_hash(vals, dates, [("Duration", "3 min")]),
        transform.vals_hash(vals, dates),
        transform.vals_hash(dict(vals, tag_ids=[(6, 0, [1, 3])]), dates, [("Duration", "2 min")]),
    ]
    assert base not in changed and len(set(changed)) == len(changed)
    assert transform.vals_hash({}, None, None) == transform.vals_hash({}, {}, [])


def test_decide():
    assert transform.decide(False, None, "h1") == "create"
    assert transform.decide(False, "h1", "h1") == "create"  # the record was deleted in Odoo
    assert transform.decide(True, "h1", "h1") == "unchanged"
    assert transform.decide(True, "h1", "h2") == "update"
    assert transform.decide(True, None, "h1") == "update"  # never written by a run


@pytest.mark.parametrize(
    ("raw", "expected"), [("0.9", 90.0), ("0,25", 25.0), ("90", 90.0), ("75 %", 75.0)]
)
def test_a_deal_probability_lands_in_percent_however_written(raw, expected):
    deals = plan("deal", ("Deal ID", "x_source_id"), ("Name", "name"), ("Chance", "probability"))
    row = transform.transform_row(deals, 2, {"Deal ID": "D1", "Name": "Big", "Chance": raw})
    assert row.vals["probability"] == expected

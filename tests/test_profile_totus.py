"""The TOTUS Marketing profile against its sample export (data/samples/totus), no Odoo.

Each sample file is recognised as its kind, each column gets the intended target (or
the custom field of the intended type), and sample rows transform to the values the
seed page's mapping table asks for: contact types as tags, currencies kept, opens and
clicks kept, durations read, engagements on their record, the orphan reported.
"""

import datetime
import json
import random
from functools import cache

import pytest
import sample_reading
from conftest import ROOT, SAMPLES
from fields import PRIMARY_SERIES, by_name, target_fields

from migration_bridge.services import (
    matcher,
    planner,
    readers,
    targets,
    transform,
    values,
)
from migration_bridge.services.profiles import generic, totus

PROFILE = totus.PROFILE
FOLDER = SAMPLES / "totus"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
FIELDS = by_name()  # the primary series' fields
TABLE_FILES = [name for name, kind in EXPECTED["kinds"].items() if kind]
DURATION = targets.get("_duration").label
OUTCOME = targets.get("_outcome").label
DIRECTION = targets.get("_direction").label


# ----------------------------------------------------------------------
# Reading the sample as the project reads an upload
# ----------------------------------------------------------------------
# 17.0 and 18.0 have a partner's mobile; 19.0 has none.
SERIES = ["17.0", "18.0", "19.0"]
READINGS = {
    series: sample_reading.sample_reading(PROFILE, FOLDER, by_name(series)) for series in SERIES
}
table, proposed, targets_of, column_for = READINGS[PRIMARY_SERIES]


@cache
def plan(name, create_missing=False):
    """The object plan of a sample file, its proposed mapping confirmed as it is."""
    _object_name, _headers, _rows, profiles = table(name)
    proposal, fields = proposed(name)
    columns = [
        column_for(proposal.model, f, profiles)
        for f in fields.values()
        if f.target or f.custom_name
    ]
    for column in columns:
        column.create_missing = create_missing
    return transform.object_plan(PROFILE, proposal.kind, proposal.model, columns, name)


def rows(name):
    return table(name)[2]


def row_plan(name, source_id, create_missing=False):
    file_plan = plan(name, create_missing)
    key = file_plan.key_columns[0]
    index, payload = next((i, r) for i, r in enumerate(rows(name)) if r[key] == source_id)
    return transform.transform_row(file_plan, index + 2, payload)


def lookup_of(row, target):
    found = [lk for lk in row.lookups if lk.target == target]
    assert len(found) == 1, "expected one lookup for %s, got %r" % (target, found)
    return found[0]


def engagements(file_name):
    return [item for item in EXPECTED["engagements"] if item["file"] == file_name]


# ----------------------------------------------------------------------
# The profile itself
# ----------------------------------------------------------------------
def test_profile_code_label_and_kinds():
    assert (PROFILE.code, PROFILE.label) == ("totus", "TOTUS Marketing")
    assert {spec.kind for spec in PROFILE.objects} == set(PROFILE.kinds)
    models = {kind: PROFILE.model_for(kind) for kind in PROFILE.kinds}
    assert models == {
        "user": "res.users",
        "company": "res.partner",
        "contact": "res.partner",
        "deal": "crm.lead",
        "task": "mail.activity",
        "call": "mail.activity",
        "meeting": "calendar.event",
        "note": "mail.message",
        "email": "mail.message",
        "document": "ir.attachment",
    }
    rank = {kind: PROFILE.kind_spec(kind).rank for kind in PROFILE.kinds}
    assert rank["user"] < rank["company"] < rank["contact"] < rank["deal"] < rank["note"]


def test_profile_words_are_all_known():
    """Every composed target, reference, value map and transform names something real."""
    for spec in PROFILE.objects:
        model = PROFILE.model_for(spec.kind)
        known = set(FIELDS[model]) | set(targets.UNIVERSAL) | set(spec.targets)
        for target in spec.synonyms:
            assert target in known, (spec.kind, target)
        for name in spec.targets:
            assert targets.get(name) is not None, (spec.kind, name)
        for target, ref in PROFILE.references(spec.kind).items():
            assert set(ref.kinds) <= set(PROFILE.kinds), (spec.kind, target)
            assert ref.create is None or ref.create in PROFILE.kinds
        for target in spec.value_maps:
            assert target in known, (spec.kind, target)
        for transform_ in spec.transforms:
            assert transform_.into in FIELDS[model], (spec.kind, transform_)


def test_load_order_of_the_sample():
    """Companies before contacts before deals before their engagements; no cycle."""
    objects = [(name, kind) for name, kind in EXPECTED["kinds"].items() if kind]
    order = planner.plan_objects(PROFILE, objects)
    position = {EXPECTED["kinds"][name]: index for index, name in enumerate(order)}
    assert position["company"] < position["contact"] < position["deal"]
    for kind in ("task", "call", "meeting", "note", "email", "document"):
        assert position["deal"] < position[kind], kind
    assert planner.self_references(PROFILE, "company") == ["parent_id"]


def test_no_synonym_swallows_a_column_meant_for_a_custom_field():
    """Currency and the custom properties are no synonym of any target."""
    meant_custom = {"currency"}
    for columns in EXPECTED["custom_properties"].values():
        meant_custom |= {values.normalize_label(header) for header in columns}
    words = set()
    for spec in PROFILE.objects:
        for synonyms in spec.synonyms.values():
            words |= {values.normalize_label(w) for w in synonyms}
    for by_target in PROFILE.synonyms.values():
        for synonyms in by_target.values():
            words |= {values.normalize_label(w) for w in synonyms}
    assert not meant_custom & words


# ----------------------------------------------------------------------
# Files recognised
# ----------------------------------------------------------------------
@pytest.mark.parametrize("name", TABLE_FILES)
def test_every_sample_file_is_recognised_as_its_kind(name):
    proposal, _fields = proposed(name)
    assert proposal.kind == EXPECTED["kinds"][name], proposal.reason
    assert proposal.model == PROFILE.model_for(proposal.kind)
    assert proposal.confidence >= 0.9, proposal.reason


@pytest.mark.parametrize("item", EXPECTED["not_migrated"], ids=lambda item: item["file"])
def test_files_that_do_not_migrate_are_proposed_with_their_equivalent(item):
    object_name, headers, _rows, _profiles = table(item["file"])
    proposal = matcher.propose_object(PROFILE, object_name, headers)
    assert (proposal.kind, proposal.model) == (None, None)
    assert "do not migrate" in proposal.reason and item["equivalent"] in proposal.reason
    entry = PROFILE.not_migrated_for(object_name)
    assert (entry.object, entry.equivalent) == (item["object"], item["equivalent"])
    _proposal, fields = matcher.propose(PROFILE, object_name, headers, {}, target_fields())
    assert fields == []  # nothing of it is mapped


@pytest.mark.parametrize(
    "file_name, obj",
    [
        ("totus-landing-pages.csv", "Landing pages"),
        ("totus-forms.csv", "Forms"),
        ("totus-form-submissions.csv", "Forms"),
        ("totus-campaigns.csv", "Campaigns"),
        ("totus-email-templates.csv", "Email templates"),
        ("totus-automations.csv", "Workflows and automations"),
        ("totus-smart-lists.csv", "Lists and segments"),
        ("totus-lead-scoring-rules.csv", "Lead scoring rules"),
        ("totus-sequences.csv", "Sequences"),
        ("totus-dashboards.csv", "Reports and dashboards"),
    ],
)
def test_marketing_objects_are_inventoried_not_migrated(file_name, obj):
    object_name = readers.object_name_for(file_name)
    proposal = matcher.propose_object(PROFILE, object_name, ["ID", "Name", "Status"])
    assert proposal.kind is None, proposal.reason
    entry = PROFILE.not_migrated_for(object_name)
    assert entry.object == obj and entry.equivalent
    assert entry.equivalent in proposal.reason


def test_an_email_templates_file_is_not_taken_for_emails():
    headers = ["Template ID", "Name", "Subject", "Body"]
    assert matcher.propose_object(PROFILE, "totus-email-templates", headers).kind is None
    # The same name with the generic profile's 'email' pattern would have been emails.
    assert matcher.propose_object(generic.PROFILE, "totus-email-templates", headers).kind == (
        "email"
    )
    assert matcher.propose_object(PROFILE, "totus-emails", headers).kind == "email"


@pytest.mark.parametrize("name", TABLE_FILES)
def test_no_required_target_is_missing(name):
    proposal, fields = proposed(name)
    assert matcher.missing_required(PROFILE, proposal.kind, list(fields.values())) == []


# ----------------------------------------------------------------------
# Columns: each to its intended target
# ----------------------------------------------------------------------
def test_company_columns():
    assert targets_of("totus-companies.csv") == {
        "Company ID": "x_source_id",
        "Company Name": "name",
        "Domain": "website",
        "Parent Company ID": "parent_id",
        "Industry": "industry_id",
        "Phone": "phone",
        "City": "city",
        "Country": "country_id",
        "Owner Email": "user_id",
        "Tags": "category_id",
        "Annual Revenue": None,
        "Employees": None,
        "Partner Tier": None,
        "Key Account": None,
        "Customer Since": None,
        "Created At": "create_date",
        "Updated At": "write_date",
    }


@pytest.mark.parametrize("series", SERIES)
def test_contact_columns(series):
    _table, proposed_, targets_of_, _column_for = READINGS[series]
    _proposal, fields = proposed_("totus-contacts.csv")
    # 19.0 has no partner mobile: a custom field keeps it
    if series == "19.0":
        assert fields["Mobile"].custom_name == "x_mobile"
    assert targets_of_("totus-contacts.csv") == {
        "Contact ID": "x_source_id",
        "First Name": "_first_name",
        "Last Name": "_last_name",
        "Email": "email",
        "Phone": "phone",
        "Mobile": None if series == "19.0" else "mobile",
        "Job Title": "function",
        "Contact Type": None,
        "Company ID": "parent_id",
        "Company": "company_name",
        "Owner Email": "user_id",
        "Lifecycle": None,
        "Tags": None,
        "Lead Score": None,
        "Newsletter Opt-in": None,
        "Last Webinar Date": None,
        "Persona": None,
        "Interests": None,
        "Twitter Handle": None,
        "Created At": "create_date",
        "Updated At": "write_date",
    }
    for header in ("Contact Type", "Tags"):  # joined into the partner's tags
        assert fields[header].custom_name is None
        assert "category_id" in fields[header].reason


def test_deal_columns():
    assert targets_of("totus-deals.csv") == {
        "Deal ID": "x_source_id",
        "Deal Name": "name",
        "Pipeline": "team_id",
        "Deal Stage": "stage_id",
        "Amount": "expected_revenue",
        "Currency": None,
        "Probability (%)": "probability",
        "Close Date": "date_deadline",
        "Owner Email": "user_id",
        "Company ID": "partner_id",
        "Primary Contact ID": "_contact",
        "Tags": "tag_ids",
        "Lost Reason": "lost_reason_id",
        "Deal Source": "source_id",  # the lead's Source (utm.source), created by name
        "Contract Length (months)": None,
        "Multi-year": None,
        "Created At": "create_date",
        "Updated At": "write_date",
    }


def test_user_columns_keep_no_custom_fields():
    _proposal, fields = proposed("totus-users.csv")
    assert targets_of("totus-users.csv") == {
        "User ID": "x_source_id",
        "First Name": "_first_name",
        "Last Name": "_last_name",
        "Email": "email",
        "Role": None,
        "Team": None,
        "Active": "active",
        "Last Login": None,
    }
    assert not any(f.custom_name for f in fields.values())


def test_email_columns():
    assert targets_of("totus-emails.csv") == {
        "Email ID": "x_source_id",
        "Sent At": "date",
        "Subject": "subject",
        "Body": "body",
        "From": "email_from",
        "To": "_to",
        "Direction": "_direction",
        "Opens": "_opens",
        "Clicks": "_clicks",
        "Contact ID": "_person",
        "Company ID": "_company",
        "Deal ID": "_deal",
    }


def test_call_columns():
    assert targets_of("totus-calls.csv") == {
        "Call ID": "x_source_id",
        "Call Date": "date_deadline",
        "Title": "summary",
        "Notes": "note",
        "Duration (seconds)": "_duration",
        "Outcome": "_outcome",
        "Direction": "_direction",
        "Status": "_done",
        "Assigned To": "user_id",
        "Contact ID": "_person",
        "Company ID": "_company",
        "Deal ID": "_deal",
        "Created At": "create_date",
    }
    _proposal, fields = proposed("totus-calls.csv")
    assert fields["Duration (seconds)"].confidence > 0.9  # its values are numbers


def test_meeting_task_note_and_attachment_columns():
    on_record = {"Contact ID": "_person", "Company ID": "_company", "Deal ID": "_deal"}
    assert targets_of("totus-meetings.csv") == dict(
        on_record,
        **{
            "Meeting ID": "x_source_id",
            "Title": "name",
            "Start Time": "start",
            "End Time": "stop",
            "Location": "location",
            "Description": "description",
            "Attendees": "partner_ids",
            "Organizer Email": "user_id",
            "Meeting Outcome": None,
            "Created At": "create_date",
        },
    )
    assert targets_of("totus-tasks.csv") == dict(
        on_record,
        **{
            "Task ID": "x_source_id",
            "Title": "summary",
            "Description": "note",
            "Due Date": "date_deadline",
            "Status": "_done",
            "Type": "activity_type_id",
            "Assigned To": "user_id",
            "Completed At": "_done_on",
            "Created At": "create_date",
        },
    )
    assert targets_of("totus-notes.csv") == dict(
        on_record,
        **{
            "Note ID": "x_source_id",
            "Body": "body",
            "Author Email": "author_id",
            "Created At": "create_date",
        },
    )
    assert targets_of("totus-attachments.csv") == dict(
        on_record,
        **{
            "Attachment ID": "x_source_id",
            "File Name": "name",
            "File Path": "_file",
            "Content Type": "mimetype",
            "Size (bytes)": None,
            "Uploaded At": "create_date",
            "Note ID": "_message",
        },
    )
    _proposal, fields = proposed("totus-attachments.csv")
    assert fields["Size (bytes)"].custom_name is None  # Odoo computes it


@pytest.mark.parametrize(
    "name, header",
    [
        (name, header)
        for name, columns in EXPECTED["custom_properties"].items()
        for header in columns
    ],
)
def test_custom_properties_become_x_fields_of_their_type(name, header):
    item = EXPECTED["custom_properties"][name][header]
    field = proposed(name)[1][header]
    assert field.target is None, field.reason
    assert (field.custom_name, field.custom_type) == (item["field"], item["ttype"]), field.reason
    if item["ttype"] == "selection":
        assert table(name)[3][header].values == item["values"]


def test_every_totus_property_type_has_its_odoo_type():
    """Text, number, date, yes/no, dropdown, multi-select: each lands, each as the seed says."""
    by_type = {}
    for columns in EXPECTED["custom_properties"].values():
        for item in columns.values():
            by_type.setdefault(item["totus_type"], set()).add(item["ttype"])
    assert by_type["text"] == {"char"}
    assert by_type["number"] == {"integer", "float"}
    assert by_type["date"] == {"date"}
    assert by_type["yes/no"] == {"boolean"}
    assert by_type["dropdown"] == {"selection"}
    assert by_type["multi-select"] == {"char"}


# ----------------------------------------------------------------------
# Rows: what the transform makes of them
# ----------------------------------------------------------------------
@pytest.mark.parametrize("contact_id", sorted(EXPECTED["contact_tags"]))
def test_contact_type_and_tags_become_partner_tags(contact_id):
    row = row_plan("totus-contacts.csv", contact_id)
    tags = lookup_of(row, "category_id")
    assert (tags.mode, tags.comodel, tags.multi, tags.create) == (
        transform.LOOKUP_NAME,
        "res.partner.category",
        True,
        "1",
    )
    assert list(tags.tokens) == EXPECTED["contact_tags"][contact_id]
    assert tags.tokens[0] in ("Customer", "Vendor", "Employee")
    assert "category_id" not in row.vals and "type" not in row.vals


def test_vendor_and_employee_contacts_get_their_tag():
    seen = {}
    for payload in rows("totus-contacts.csv"):
        row = row_plan("totus-contacts.csv", payload["Contact ID"])
        for token in lookup_of(row, "category_id").tokens[:1]:
            seen[token] = seen.get(token, 0) + 1
    assert seen == EXPECTED["contact_types"]


def test_contact_company_by_id_or_by_name_created_when_missing():
    contacts = rows("totus-contacts.csv")
    by_id = next(r for r in contacts if r["Company ID"])
    row = row_plan("totus-contacts.csv", by_id["Contact ID"])
    parent = lookup_of(row, "parent_id")
    assert (parent.tokens, parent.kinds, parent.by) == (
        (by_id["Company ID"],),
        ("company",),
        ("id", "name"),
    )
    named = [r for r in contacts if not r["Company ID"] and r["Company"]]
    assert {r["Company"] for r in named} == set(EXPECTED["companies_from_contacts"])
    for create_missing, create in ((False, None), (True, "company")):
        row = row_plan("totus-contacts.csv", named[0]["Contact ID"], create_missing)
        name = lookup_of(row, "company_name")
        assert (name.tokens, name.by, name.into, name.keep, name.create) == (
            (named[0]["Company"],),
            ("name",),
            "parent_id",
            True,
            create,
        )
        assert row.vals["company_name"] == named[0]["Company"]
        assert row.vals["name"] == "%s %s" % (named[0]["First Name"], named[0]["Last Name"])


def test_company_domain_is_its_website_and_a_subsidiary_has_its_parent():
    for child, parent_id in EXPECTED["subsidiaries"].items():
        row = row_plan("totus-companies.csv", child)
        parent = lookup_of(row, "parent_id")
        assert parent.tokens == (parent_id,) and parent.deferred
    for payload in rows("totus-companies.csv"):
        row = row_plan("totus-companies.csv", payload["Company ID"])
        assert row.vals["website"] == payload["Domain"]
        assert row.vals["is_company"] is True
        assert lookup_of(row, "user_id").tokens == (payload["Owner Email"],)


def test_custom_property_values_on_a_contact():
    payload = next(
        r for r in rows("totus-contacts.csv") if r["Last Webinar Date"] and r["Lead Score"]
    )
    row = row_plan("totus-contacts.csv", payload["Contact ID"])
    assert row.vals["x_lead_score"] == int(payload["Lead Score"])
    assert row.vals["x_newsletter_opt_in"] is (payload["Newsletter Opt-in"] == "Yes")
    assert row.vals["x_last_webinar_date"] == datetime.date.fromisoformat(
        payload["Last Webinar Date"]
    )
    assert row.vals["x_persona"] == payload["Persona"]
    assert row.vals["x_interests"] == payload["Interests"]  # every value of the multi-select
    assert row.vals["x_lifecycle"] == payload["Lifecycle"]


def test_deal_keeps_amount_currency_probability_stage_and_pipeline():
    for payload in rows("totus-deals.csv"):
        row = row_plan("totus-deals.csv", payload["Deal ID"])
        assert row.vals["type"] == "opportunity"
        assert row.vals["expected_revenue"] == float(payload["Amount"])
        assert row.vals["x_currency"] == payload["Currency"]  # kept: no currency on crm.lead
        assert row.vals["probability"] == float(payload["Probability (%)"])
        assert row.status == [(payload["Deal Stage"], "Deal Stage")]
        team = lookup_of(row, "team_id")
        assert (team.mode, team.comodel, team.tokens, team.create) == (
            transform.LOOKUP_NAME,
            "crm.team",
            (payload["Pipeline"],),
            "1",
        )
        assert lookup_of(row, "partner_id").tokens == (payload["Company ID"],)
        assert lookup_of(row, "_contact").into == "partner_id"
        assert lookup_of(row, "user_id").mode == transform.LOOKUP_USER
    jpy = row_plan(
        "totus-deals.csv",
        next(r["Deal ID"] for r in rows("totus-deals.csv") if r["Currency"] == "JPY"),
    )
    assert jpy.vals["expected_revenue"] == 4800000.0


def test_won_and_lost_stages():
    stages = [r["Deal Stage"] for r in rows("totus-deals.csv")]
    assert sum(map(PROFILE.is_won, stages)) == EXPECTED["records"]["won"]
    assert sum(map(PROFILE.is_lost, stages)) == EXPECTED["records"]["lost"]
    for stage in EXPECTED["won_stages"]:
        assert PROFILE.is_won(stage) and not PROFILE.is_lost(stage)
    for stage in EXPECTED["lost_stages"]:
        assert PROFILE.is_lost(stage) and not PROFILE.is_won(stage)
    for pipeline, found in EXPECTED["pipelines"].items():
        open_stages = [
            s for s in found if s not in EXPECTED["won_stages"] + EXPECTED["lost_stages"]
        ]
        assert open_stages, pipeline
        assert not any(PROFILE.is_won(s) or PROFILE.is_lost(s) for s in open_stages)


def test_owners_are_matched_by_email_and_the_one_who_left_is_inactive():
    users = {r["Email"]: r for r in rows("totus-users.csv")}
    assert set(EXPECTED["owners"]) <= set(users)
    for email in EXPECTED["inactive_owners"]:
        row = row_plan("totus-users.csv", users[email]["User ID"])
        assert row.vals["active"] is False and row.vals["email"] == email
    owners = set()
    for name in TABLE_FILES:
        file_plan = plan(name)
        if file_plan.kind == "user":
            continue
        for payload in rows(name):
            row = transform.transform_row(file_plan, 2, payload)
            for lookup in row.lookups:
                if lookup.mode == transform.LOOKUP_USER:
                    owners.update(lookup.tokens)
    assert owners == set(EXPECTED["owners"])


def test_email_keeps_opens_clicks_direction_recipients_and_date():
    for item in engagements("totus-emails.csv"):
        row = row_plan("totus-emails.csv", item["source_id"])
        details = dict(row.details)
        assert details[DIRECTION] == item["direction"]
        for label, key in (("Opens", "opens"), ("Clicks", "clicks")):
            if item[key] is None:
                assert label not in details
            else:
                assert details[label] == str(item[key])
        assert row.vals["message_type"] == "email"
        assert row.vals["date"] == datetime.datetime.fromisoformat(item["date"])
        assert row.emails and lookup_of(row, "_to").into == "partner_ids"
        assert "@" in row.vals["email_from"]


def test_call_duration_and_outcome_are_details():
    for item in engagements("totus-calls.csv"):
        row = row_plan("totus-calls.csv", item["source_id"])
        assert row.flags["_done"] is item["done"]
        details = dict(row.details)
        if item["done"]:
            assert details[DURATION] == targets.format_duration(item["duration_seconds"])
            assert details[OUTCOME] == item["outcome"]
        else:
            assert DURATION not in details and OUTCOME not in details
            assert str(row.vals["date_deadline"]) == item["date"]
        assert lookup_of(row, "activity_type_id").tokens == ("mail.mail_activity_data_call",)
    assert (
        dict(row_plan("totus-calls.csv", engagements("totus-calls.csv")[0]["source_id"]).details)[
            DURATION
        ]
        == "31 min"
    )


def test_a_duration_written_as_hours_minutes_seconds_is_read():
    calls = plan("totus-calls.csv")
    payload = dict(rows("totus-calls.csv")[0], **{"Duration (seconds)": "00:07:45"})
    row = transform.transform_row(calls, 2, payload)
    assert dict(row.details)[DURATION] == "7 min 45 s"


def test_meeting_attendees_start_and_stop():
    for item in engagements("totus-meetings.csv"):
        row = row_plan("totus-meetings.csv", item["source_id"])
        attendees = lookup_of(row, "partner_ids")
        assert (attendees.comodel, attendees.multi) == ("res.partner", True)
        assert list(attendees.tokens) == item["attendees"]
        assert "email" in attendees.by
        assert row.vals["start"] == datetime.datetime.fromisoformat(item["date"])
        assert row.vals["stop"] > row.vals["start"]
        assert lookup_of(row, "user_id").mode == transform.LOOKUP_USER


def test_task_status_type_and_due_date():
    types = {"To-do": "todo", "Call": "call", "Email": "email", "Follow-up": "todo"}
    for item, payload in zip(engagements("totus-tasks.csv"), rows("totus-tasks.csv"), strict=True):
        row = row_plan("totus-tasks.csv", item["source_id"])
        assert row.flags["_done"] is item["done"]
        assert row.vals["date_deadline"] == datetime.date.fromisoformat(payload["Due Date"][:10])
        xmlids = [lk.tokens[0] for lk in row.lookups if lk.target == "activity_type_id"]
        assert xmlids[-1] == "mail.mail_activity_data_" + types[payload["Type"]]
        if item["done"]:
            assert row.dates["date_done"] == datetime.datetime.fromisoformat(item["date"])
        else:
            assert "date_done" not in row.dates and str(row.vals["date_deadline"]) == item["date"]


def test_note_html_is_kept_with_its_inline_image():
    items = engagements("totus-notes.csv")
    assert any(item["inline_image"] for item in items)
    for item, payload in zip(items, rows("totus-notes.csv"), strict=True):
        row = row_plan("totus-notes.csv", item["source_id"])
        assert row.vals["body"] == payload["Body"]  # HTML stays HTML, untouched
        assert row.vals["message_type"] == "comment"
        assert row.dates["create_date"] == datetime.datetime.fromisoformat(item["date"])
        assert ('src="data:image/png;base64,' in row.vals["body"]) is item["inline_image"]
        assert lookup_of(row, "author_id").tokens == (payload["Author Email"],)


def test_attachment_points_to_its_file():
    for item, payload in zip(
        engagements("totus-attachments.csv"), rows("totus-attachments.csv"), strict=True
    ):
        row = row_plan("totus-attachments.csv", item["source_id"])
        assert row.file == (payload["File Path"], "File Path")
        assert (FOLDER / payload["File Path"]).stat().st_size == item["file_size"]
        assert (
            row.vals["name"] == item["subject"] and row.vals["mimetype"] == payload["Content Type"]
        )


def known_records():
    """kind -> source ids of the sample's companies, contacts and deals."""
    found = {}
    for name, kind in EXPECTED["kinds"].items():
        if kind in ("company", "contact", "deal"):
            key = plan(name).key_columns[0]
            found[kind] = {payload[key] for payload in rows(name)}
    return found


def resolve_all(row):
    """A Resolved finding every sample record by id, as the loader would after loading."""
    models = {"deal": "crm.lead", "company": "res.partner", "contact": "res.partner"}
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
def test_engagement_lands_on_its_record(item):
    file_plan = plan(item["file"])
    row = row_plan(item["file"], item["source_id"])
    assembled = transform.assemble(file_plan, row, resolve_all(row))
    if item["lands_as"] == "orphan":
        assert assembled.attach is None
        orphan = next(o for o in EXPECTED["orphans"] if o["source_id"] == item["source_id"])
        missing = [(lk.column, token) for lk, token in assembled.missing]
        assert (orphan["column"], orphan["missing_id"]) in missing
    else:
        on = item["on"]
        model = "crm.lead" if on["kind"] == "deal" else "res.partner"
        assert assembled.attach == (model, "%s:%s" % (on["kind"], on["source_id"]))


def test_the_orphan_is_the_row_the_expectations_name():
    [orphan] = EXPECTED["orphans"]
    assert orphan["missing_id"] not in known_records()["contact"]
    [source] = readers.read_csv(orphan["file"], (FOLDER / orphan["file"]).read_bytes())
    numbered = {row.values["Note ID"]: row.row for row in source.rows()}
    assert numbered[orphan["source_id"]] == orphan["row"]


def test_possible_duplicates_share_their_dedupe_token():
    assert PROFILE.dedupe_keys["contact"] == ["email"]
    assert PROFILE.dedupe_keys["company"] == ["name"]
    emails = {r["Contact ID"]: r["Email"] for r in rows("totus-contacts.csv")}
    for group in EXPECTED["possible_duplicates"]:
        tokens = {values.dedupe_token("email", emails[contact_id]) for contact_id in group}
        assert len(tokens) == 1 and len(group) == 2


# ----------------------------------------------------------------------
# The sample and its generator
# ----------------------------------------------------------------------
def load_generator():
    return sample_reading.load_generator(ROOT / "scripts" / "samples" / "totus.py")


def test_the_generator_writes_the_committed_sample_byte_for_byte():
    generator = load_generator()
    first, _ids = generator.export_files(random.Random(generator.SEED))
    second, _ids = generator.export_files(random.Random(generator.SEED))
    assert first == second
    for path, data in first.items():
        assert (FOLDER / path).read_bytes() == data, path
    on_disk = {p.relative_to(FOLDER).as_posix() for p in FOLDER.rglob("*") if p.is_file()}
    assert on_disk == set(first) | {"expected.json", "README.md"}


def test_the_sample_is_small_and_its_counts_are_the_files():
    total = sum(p.stat().st_size for p in FOLDER.rglob("*") if p.is_file())
    assert total < 120 * 1024
    for name, count in EXPECTED["files"].items():
        assert len(rows(name)) == count, name
    assert sorted(EXPECTED["documents"]) == sorted(
        r["File Path"] for r in rows("totus-attachments.csv")
    )
    records = EXPECTED["records"]
    assert records["companies"] == EXPECTED["files"]["totus-companies.csv"] + len(
        EXPECTED["companies_from_contacts"]
    )


def test_the_docstring_states_every_row_of_the_seed_table():
    """Each object of the seed page's mapping table says where it lands."""
    for row in (
        "Contact",
        "Company / Account",
        "Deal / Opportunity",
        "Pipeline",
        "Engagement: Email",
        "Engagement: Call",
        "Engagement: Meeting",
        "Engagement: Task",
        "Engagement: Note",
        "Custom Field (TOTUS)",
        "Owner / User",
        "Tag / Label",
        "Document / Attachment",
    ):
        assert "\n- %s: " % row in totus.__doc__, row

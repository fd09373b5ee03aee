"""Structure before vocabulary (services/structure.py): what the values of all the files
of an export say of each, after the headers have had their say."""

import sys
from pathlib import Path

from migration_bridge.services import matcher, structure
from migration_bridge.services.inference import profile_rows
from migration_bridge.services.profiles import get_profile

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
import score  # noqa: E402  tests/corpus/score.py
from fields import target_fields  # noqa: E402

PROFILE = get_profile("generic")
FIELDS = target_fields("19.0")
CORPUS = Path(__file__).parent / "corpus" / "tuned"


def export_file(name, table):
    """A File as a project proposes it: its object and columns by their headers."""
    headers = list(table)
    rows = [
        dict(zip(headers, values, strict=True)) for values in zip(*table.values(), strict=True)
    ]
    proposal = matcher.propose_object(PROFILE, name, headers)
    proposals = []
    if proposal.model:
        proposals = matcher.propose_fields(
            PROFILE,
            proposal.kind,
            headers,
            profile_rows(headers, rows),
            FIELDS.get(proposal.model, []),
            object_name=name,
        )
    targets = frozenset(t.name for t in FIELDS.get(proposal.model or "", []))
    return structure.File(name, table, proposal, proposals, targets)


def by_source(proposals):
    return {p.source: p for p in proposals}


MEETINGS = {
    "Meeting Ref": ["M-1", "M-2", "M-3", "M-4"],
    "Subject": ["Kick-off", "Demo", "Review", "Workshop"],
    "Starts": ["2025-03-03 09:00", "2025-03-05 10:00", "2025-03-07 11:00", "2025-03-09 14:00"],
}
PEOPLE = {
    "Person Ref": ["P-1", "P-2", "P-3", "P-4", "P-5"],
    "First Name": ["Ana", "Bruno", "Chloe", "David", "Emma"],
    "Last Name": ["Almeida", "Brooks", "Carvalho", "Dubois", "Eriksen"],
}
# invitations: a file whose name and headers say nothing of what it is
INVITES = {
    "Ref": ["I-1", "I-2", "I-3", "I-4", "I-5", "I-6"],
    "Gathering": ["M-1", "M-1", "M-2", "M-3", "M-4", "M-4"],
    "Guest": ["P-1", "P-2", "P-3", "P-4", "P-5", "P-1"],
    "Answer": ["yes", "no", "yes", "maybe", "yes", "yes"],
    "Answered On": ["2025-02-01", "2025-02-02", "2025-02-02", "", "2025-02-03", "2025-02-04"],
}


def invitation_files():
    files = [
        export_file("meetings", MEETINGS),
        export_file("contacts", PEOPLE),
        export_file("invitations", INVITES),
    ]
    # the meetings' and contacts' ids by header (a person confirms them so)
    return files


def test_a_file_that_only_ties_two_others_is_a_link_and_loads_as_attendees():
    files = invitation_files()
    assert files[2].proposal.model is None  # the headers could not place it
    kinds = structure.settle_kinds(PROFILE, files)
    assert set(kinds) == {"invitations"}
    proposal = kinds["invitations"]
    assert (proposal.kind, proposal.model) == ("attendee", "calendar.event")
    assert "'Gathering'" in proposal.reason and "'Guest'" in proposal.reason
    # its columns for its new kind: the meeting it adds to and the person it adds
    link = files[2]
    link.proposal = proposal
    link.fields = matcher.propose_fields(
        PROFILE, "attendee", list(INVITES), profile_rows(list(INVITES), []), []
    )
    columns = by_source(structure.settle_columns(PROFILE, files)["invitations"])
    assert columns["Gathering"].target == "_parent"
    assert columns["Guest"].target == "_member"
    assert "ids of meetings" in columns["Gathering"].reason
    assert not columns["Guest"].needs_review
    assert columns["Answer"].target is None and not columns["Answer"].custom_name


def test_a_file_with_a_name_or_a_subject_of_its_own_is_no_link():
    files = invitation_files()
    notes = dict(INVITES, Note=["Bring slides", "Late", "Remote", "Agenda", "Minutes", "Call"])
    files[2] = export_file("invitations", notes)
    assert "invitations" not in structure.settle_kinds(PROFILE, files)


def test_a_placed_file_is_never_made_a_link():
    # a meetings file whose rows point to two other files stays meetings
    files = invitation_files()
    tasks = {
        "Task ID": ["T-1", "T-2", "T-3", "T-4", "T-5", "T-6"],
        "Subject": ["Call", "Call", "Email", "Call", "Email", "Call"],
        "Meeting": INVITES["Gathering"],
        "Contact": INVITES["Guest"],
    }
    files.append(export_file("tasks", tasks))
    assert files[-1].proposal.kind == "task"
    assert "tasks" not in structure.settle_kinds(PROFILE, files)


def keyless():
    """The tuned keyless export, proposed as a project proposes it."""
    return score.propose_export(PROFILE, CORPUS / "keyless_pipeline", FIELDS)


def test_a_keyless_export_finds_its_names_parents_owners_and_customers():
    proposed = keyless()
    companies = by_source(proposed["companies.csv"][1])
    assert companies["Company"].target == "name"
    assert companies["Parent Company"].target == "parent_id"
    deals = by_source(proposed["opportunities.csv"][1])
    assert deals["Company"].target == "partner_id"
    # a header that says nothing: its values are the names of the reps file's rows
    assert deals["Rep"].target == "user_id"
    assert deals["Rep"].reason.startswith("100% of its 6 values are names of reps.csv (Rep)")
    users = by_source(proposed["reps.csv"][1])
    assert users["Rep"].target == "name"
    assert "other files name them" in users["Rep"].reason
    assert proposed["reps.csv"][0].kind == "user"
    assert proposed["products.csv"][0].model is None  # products do not migrate


def test_an_unplaced_file_that_a_deal_column_names_takes_the_kind_it_points_to():
    deals = {
        "Deal": ["Fleet renewal", "Sensors", "Analytics", "Support"],
        "Handled By": ["Priya Nair", "Jonas Weber", "Priya Nair", "Aoife Byrne"],
        "Customer": ["Northgate Foods", "Halvorsen Marine", "Pico Robotics", "Northgate Foods"],
    }
    crew = {
        "Handled By": ["Priya Nair", "Jonas Weber", "Aoife Byrne"],
        "Region": ["North", "North", "West"],
    }
    files = [export_file("pipeline deals", deals), export_file("crew", crew)]
    assert files[1].proposal.kind is None
    # the deal's column says nothing by its header: its values alone cannot tell the
    # crew are users, so the file stays for a person to place
    assert by_source(files[0].fields)["Handled By"].target != "user_id"
    assert "crew" not in structure.settle_kinds(PROFILE, files)
    # once the column reads as the owner (its header, or a person), the file is users
    owner = by_source(files[0].fields)["Handled By"]
    files[0].fields = [
        matcher.FieldProposal(owner.source, "user_id", 0.9, "owner")
        if p.source == owner.source
        else p
        for p in files[0].fields
    ]
    kinds = structure.settle_kinds(PROFILE, files)
    assert (kinds["crew"].kind, kinds["crew"].model) == ("user", "res.users")
    assert "'Handled By' column of pipeline deals (user_id)" in kinds["crew"].reason


def test_a_sure_proposal_is_kept_whatever_the_values():
    companies = {
        "Company ID": ["C1", "C2", "C3"],
        "Company Name": ["Alder Ltd", "Birch GmbH", "Cedar SA"],
    }
    contacts = {
        "Contact ID": ["P1", "P2", "P3"],
        "Full Name": ["Ann Alder", "Ben Birch", "Cy Cedar"],
        # an email column whose values happen to be nobody's key
        "Email": ["ann@alder.example", "ben@birch.example", "cy@cedar.example"],
        "Company ID": ["C1", "C2", "C3"],
    }
    files = [export_file("companies", companies), export_file("contacts", contacts)]
    before = by_source(files[1].fields)
    changed = structure.settle_columns(PROFILE, files)
    after = by_source(changed.get("contacts", files[1].fields))
    for header in contacts:
        assert after[header].target == before[header].target, header

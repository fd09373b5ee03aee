"""The audit's rules (services/audit): one finding per cause, listing its rows; what
halts an object and what only warns."""

from migration_bridge.services import transform
from migration_bridge.services.audit import MAX_LISTED, ROWS_KEPT, Odoo, Row, Table, audit
from migration_bridge.services.profiles import get_profile

PROFILE = get_profile("generic")
C = transform.Column

COMPANY_COLUMNS = [
    C("Company ID", "x_source_id"),
    C("Company Name", "name"),
    C("Email", "email"),
    C("Phone", "phone"),
    C("Owner", "user_id", "many2one", "res.users"),
    C("Created", "create_date", "datetime"),
]
CONTACT_COLUMNS = [
    C("Contact ID", "x_source_id"),
    C("Name", "name"),
    C("Email", "email"),
    C("Company ID", "parent_id", "many2one", "res.partner"),
    C("Owner", "user_id", "many2one", "res.users"),
]
NOTE_COLUMNS = [
    C("Note ID", "x_source_id"),
    C("Body", "body", "html"),
    C("Company", "_company", "many2one"),
    C("Contact", "_person", "many2one"),
]


def table(name, kind, model, columns, rows, dedupe=()):
    plan = transform.object_plan(PROFILE, kind, model, columns, name)
    headers = [c.source for c in columns]
    staged = [Row(name, i + 2, dict(zip(headers, r, strict=False))) for i, r in enumerate(rows)]
    return Table(name, kind, plan, staged, dedupe)


def companies(rows):
    return table("companies.csv", "company", "res.partner", COMPANY_COLUMNS, rows, ("name",))


def contacts(rows):
    return table("contacts.csv", "contact", "res.partner", CONTACT_COLUMNS, rows, ("email",))


def notes(rows):
    return table("notes.csv", "note", "mail.message", NOTE_COLUMNS, rows)


class Known(Odoo):
    """Odoo as the tests say it is: records by source id, users by owner value,
    partners that were there before the migration."""

    def __init__(self, records=(), users=(), existing=None):
        self.records = {r.lower() for r in records}
        self.users = {u.lower() for u in users}
        self.before = existing or {}
        self.asked = []

    def found(self, lookups):
        self.asked += [token for _lookup, token in lookups]
        return {lk.key(token) for lk, token in lookups if token.lower() in self.records}

    def owner(self, token):
        return token.lower() in self.users

    def existing(self, kind, field, tokens):
        return {t: self.before[kind, field, t] for t in tokens if (kind, field, t) in self.before}


def by_code(findings, code):
    return [f for f in findings if f.code == code]


def rows_of(finding):
    return [(r[0], r[1]) for r in finding.rows]


def test_a_source_id_on_several_rows_is_one_blocking_finding_listing_them():
    found = audit(
        [
            companies(
                [
                    ["C1", "Acme", "", "", "", ""],
                    ["C2", "Beta", "", "", "", ""],
                    ["C1", "Acme again", "", "", "", ""],
                    ["C1", "Acme thrice", "", "", "", ""],
                ]
            )
        ]
    )
    (dup,) = by_code(found, "duplicate_source_id")
    assert dup.blocking and dup.severity == "error"
    assert dup.cause == "C1" and dup.column == "Company ID"
    assert rows_of(dup) == [("companies.csv", 2), ("companies.csv", 4), ("companies.csv", 5)]
    assert "'C1' is on 3 rows" in dup.message


def test_rows_named_inside_other_records_repeat_their_id_without_a_finding():
    """Records named inside others (``Table.repeats``: a contact nested in each task
    that names it) repeat their id: one record named again, which the load skips,
    saying so; no duplicate to settle. A blank id is still said."""
    rows = [
        ["P1", "Кузнецов", "", "", "", ""],
        ["P2", "Лебедева", "", "", "", ""],
        ["P1", "Кузнецов", "", "", "", ""],
        ["", "Nobody", "", "", "", ""],
    ]
    nested = companies(rows)
    nested.repeats = True
    found = audit([nested])
    assert by_code(found, "duplicate_source_id") == []
    (blank,) = by_code(found, "blank_source_id")
    assert rows_of(blank) == [("companies.csv", 5)]
    # one record named twice is no possible duplicate of itself either
    assert by_code(found, "possible_duplicate") == []
    # the same rows in a table of their own records: the blocking duplicate
    assert [f.blocking for f in by_code(audit([companies(rows)]), "duplicate_source_id")] == [True]


def test_a_blank_source_id_fails_its_rows_without_halting_the_file():
    found = audit(
        [companies([["C1", "Acme", "", "", "", ""], ["", "Nobody", "", "", "", ""]] * 2)]
    )
    (blank,) = by_code(found, "blank_source_id")
    assert not blank.blocking and blank.count == 2
    assert rows_of(blank) == [("companies.csv", 3), ("companies.csv", 5)]


def test_bad_values_are_one_finding_per_column_and_cause():
    found = audit(
        [
            companies(
                [
                    ["C1", "Acme", "", "", "", "someday"],
                    ["C2", "", "", "", "", "2021-01-01"],
                    ["C3", "Gamma", "also bad", "", "", "2021-01-02"],
                    ["C4", "Delta", "", "", "", "2021-01-03"],
                    ["C5", "Eps", "", "", "", "2021-01-04"],
                    ["C6", "Zeta", "", "", "", "2021-01-05"],
                    ["C7", "Eta", "", "", "", "2021-01-06"],
                ]
            )
        ]
    )
    (email,) = by_code(found, "invalid_email")
    assert rows_of(email) == [("companies.csv", 4)]
    (date,) = by_code(found, "unparseable_date")
    assert date.column == "Created" and rows_of(date) == [("companies.csv", 2)]
    assert "'someday'" in date.rows[0][3], "each row says its own value"
    assert "row 2" not in date.rows[0][3], "the location is not repeated in the detail"
    (blank,) = by_code(found, "blank_mandatory")
    assert blank.column == "Company Name" and rows_of(blank) == [("companies.csv", 3)]
    assert not any(f.blocking for f in found)


def test_a_column_that_fails_most_rows_halts_its_object():
    rows = [["C%s" % i, "Co %s" % i, "", "", "", "17/31/2021"] for i in range(5)]
    rows.append(["C9", "Fine", "", "", "", "2021-01-01"])
    (date,) = by_code(audit([companies(rows)]), "unparseable_date")
    assert date.blocking and date.count == 5
    assert "most of the file" in date.message


def test_one_owner_no_user_matches_is_one_finding_however_many_rows():
    rows = [["C%s" % i, "Co %s" % i, "", "", "ghost@old.example", ""] for i in range(132)]
    rows += [["C200", "Kept", "", "", "anna@corp.example", ""]]
    found = audit([companies(rows)], Known(users=["Anna@corp.example"]))
    (owner,) = by_code(found, "unmatched_owner")
    assert owner.count == 132 and not owner.blocking and owner.severity == "warning"
    assert owner.cause == "ghost@old.example"
    listed = owner.listed().splitlines()
    assert len(listed) == MAX_LISTED + 1 or len(listed) == 132
    assert listed[0] == "companies.csv, row 2 (C0)"


def test_references_found_in_the_export_or_in_odoo_are_no_orphans():
    found = audit(
        [
            companies([["C1", "Acme", "", "", "", ""]]),
            contacts(
                [
                    ["P1", "Ann", "ann@a.example", "C1", ""],  # in the export
                    ["P2", "Ben", "ben@a.example", "C-ODOO", ""],  # in Odoo
                    ["P3", "Cy", "cy@a.example", "C404", ""],  # nowhere
                    ["P4", "Di", "di@a.example", "C404", ""],
                ]
            ),
        ],
        odoo := Known(records=["C-ODOO"]),
    )
    (orphan,) = by_code(found, "orphan_reference")
    assert orphan.table == "contacts.csv" and orphan.column == "Company ID"
    assert [(r[1], r[3]) for r in orphan.rows] == [(4, "C404"), (5, "C404")]
    assert orphan.severity == "warning" and not orphan.blocking
    assert "C1" not in odoo.asked, "what the export holds is not asked of Odoo"


def test_an_engagement_with_nothing_to_land_on_is_an_error_one_with_its_contact_lands():
    found = audit(
        [
            companies([["C1", "Acme", "", "", "", ""]]),
            contacts([["P1", "Ann", "ann@a.example", "C1", ""]]),
            notes(
                [
                    ["N1", "lands on both", "C1", "P1"],
                    ["N2", "company missing, contact there", "C9", "P1"],
                    ["N3", "nothing there", "C9", "P9"],
                    ["N4", "fine", "C1", ""],
                    ["N5", "fine too", "C1", ""],
                    ["N6", "fine too", "C1", ""],
                ]
            ),
        ]
    )
    errors = by_code(found, "orphan_reference")
    assert {f.column for f in errors} == {"Company", "Contact"}
    assert all(f.severity == "error" for f in errors)
    assert all(rows_of(f) == [("notes.csv", 4)] for f in errors), "N2 lands on its contact"


def test_a_reference_column_pointing_nowhere_for_most_rows_is_said_not_halted():
    rows = [["P%s" % i, "N%s" % i, "", "X%s" % i, ""] for i in range(4)]
    (orphan,) = by_code(audit([contacts(rows)]), "orphan_reference")
    assert not orphan.blocking and orphan.count == 4
    assert "most of the file" in orphan.message


def test_possible_duplicates_across_files_and_tenants_and_with_odoo():
    tenant_a = contacts(
        [["A1", "Ann", "ann@x.example", "", ""], ["A2", "Bo", "bo@x.example", "", ""]]
    )
    tenant_b = table(
        "tenant_b/contacts.csv",
        "contact",
        "res.partner",
        CONTACT_COLUMNS,
        [["B1", "Ann K", "ANN@x.example", "", ""], ["B2", "Old", "old@x.example", "", ""]],
        ("email",),
    )
    firms = companies(
        [
            ["C1", "Northwind Ltd.", "", "+1 (555) 010-0200", "", ""],
            ["C2", "NORTHWIND", "", "", "", ""],
            ["C3", "Acme", "", "555 010 0200", "", ""],
        ]
    )
    odoo = Known(existing={("contact", "email", "old@x.example"): [(7, "Old Contact")]})
    found = by_code(audit([tenant_a, tenant_b, firms], odoo), "possible_duplicate")
    causes = {f.cause: f for f in found}
    assert rows_of(causes["email:ann@x.example"]) == [
        ("contacts.csv", 2),
        ("tenant_b/contacts.csv", 2),
    ]
    assert "contacts.csv and tenant_b/contacts.csv" in causes["email:ann@x.example"].message
    assert rows_of(causes["name:northwind"]) == [("companies.csv", 2), ("companies.csv", 3)]
    assert rows_of(causes["phone:5550100200"]) == [("companies.csv", 2), ("companies.csv", 4)]
    assert "Old Contact (id 7)" in causes["odoo:email:old@x.example"].message
    assert not any(f.blocking for f in found)
    assert len(found) == 4


def test_a_clean_export_has_no_findings():
    found = audit(
        [
            companies([["C1", "Acme", "info@acme.example", "", "anna@corp.example", ""]]),
            contacts([["P1", "Ann", "ann@acme.example", "C1", "anna@corp.example"]]),
            notes([["N1", "hello", "C1", "P1"]]),
        ],
        Known(users=["anna@corp.example"]),
    )
    assert found == []


def test_rows_stream_through_once_and_a_cause_keeps_a_bounded_list():
    reads = []

    def rows():  # read once, as a generator: the audit never holds the table
        for i in range(ROWS_KEPT + 5):
            reads.append(i)
            yield Row("companies.csv", i + 2, {"Company ID": "C%s" % i, "Owner": "ghost"})

    columns = [C("Company ID", "x_source_id"), C("Owner", "user_id", "many2one", "res.users")]
    plan = transform.object_plan(PROFILE, "company", "res.partner", columns, "companies.csv")
    firms = Table("companies.csv", "company", plan, rows())
    (owner,) = audit([firms])
    assert len(reads) == ROWS_KEPT + 5 and firms.size == ROWS_KEPT + 5
    assert owner.count == ROWS_KEPT + 5 and len(owner.rows) == ROWS_KEPT
    assert owner.listed().splitlines()[-1] == "... and %s more" % (ROWS_KEPT + 5 - MAX_LISTED)


def test_a_reference_to_a_later_file_is_found_once_every_file_is_read():
    found = audit(
        [
            contacts([["P1", "Ann", "ann@a.example", "C1", ""]]),
            companies([["C1", "Acme", "", "", "", ""]]),
        ]
    )
    assert not by_code(found, "orphan_reference")


def test_phone_values_that_are_no_number_are_said_and_load():
    found = audit(
        [
            companies(
                [
                    ["C1", "Acme", "", "+1 (555) 010-0200 ext. 12", "", ""],
                    ["C2", "Beta", "", "call reception", "", ""],
                    ["C3", "Gamma", "", "info@gamma.example", "", ""],
                ]
            )
        ]
    )
    (phones,) = by_code(found, "invalid_phone")
    assert phones.column == "Phone" and not phones.blocking and phones.severity == "warning"
    assert [(r[1], r[3]) for r in phones.rows] == [
        (3, "'call reception'"),
        (4, "'info@gamma.example'"),
    ]

"""Rules on the rows themselves: their source ids, and values the target refuses."""

from ...services import values as value_checks
from .model import Finding, Rows, Rule, most

PHONE_FIELDS = ("phone", "mobile")

# What a transform error means, said once for all its rows.
WHAT = {
    "blank_mandatory": "is blank, and the record needs it",
    "invalid_email": "is not an email address",
    "unparseable_date": "holds dates that cannot be read",
    "invalid_value": "holds values the target field refuses",
    "key_too_long": "is longer than Odoo can index as a source id",
}


def detail(error, row):
    """A row error's message without the location every listed row already shows."""
    message = error.message
    head = "%s, row %s" % (row.file, row.number)
    if message.startswith(head):
        message = message[len(head) :]
        if error.column and message.startswith(", column %r" % error.column):
            message = message[len(", column %r" % error.column) :]
        message = message.lstrip(": ")
    return message


class SourceIds(Rule):
    """Blank source ids (the row cannot be told apart) and a source id on several rows
    (which row is the record is a person's decision: blocking), unless the rows are
    records named inside others (``Table.repeats``: a contact named in two tasks is one
    record named twice; the load skips its later rows, saying so)."""

    def __init__(self):
        self.tables = []  # (table, keys, blank Rows, {source id: Rows})
        self.first = None  # source id -> the row that has it first, while a table is read

    def start(self, table):
        keys = ", ".join(table.plan.key_columns)
        if keys and not table.plan.fold and not table.plan.link:
            self.tables.append((table, keys, Rows(), {}))
            self.first = {}
        else:
            self.first = None  # rows without an id of their own: none to check

    def row(self, table, row, plan):
        if self.first is None:
            return
        _table, _keys, blank, duplicated = self.tables[-1]
        ref = (row.file, row.number, plan.source_id, "")
        if not plan.source_id:
            blank.add(ref[:2] + (None, ""))
        elif table.repeats:
            return  # one record named again: the load keeps its first row
        elif plan.source_id in duplicated:
            duplicated[plan.source_id].add(ref)
        elif plan.source_id in self.first:
            duplicated[plan.source_id] = Rows([self.first[plan.source_id], ref])
        else:
            self.first[plan.source_id] = ref

    def end(self, table):
        self.first = None

    def findings(self, odoo):
        findings = []
        for table, keys, blank, duplicated in self.tables:
            if blank.total:
                findings.append(
                    Finding(
                        "blank_source_id",
                        table.name,
                        "%s: %s row(s) have no %s; a row needs it to be loaded and found "
                        "again. They are not loaded: fill the id in the file, or exclude "
                        "the rows." % (table.name, blank.total, keys),
                        cause=keys,
                        rows=blank.kept,
                        total=blank.total,
                        column=keys,
                        severity="error",
                        blocking=bool(most(blank.total, table.size)),
                    )
                )
            for source_id, same in duplicated.items():
                findings.append(
                    Finding(
                        "duplicate_source_id",
                        table.name,
                        "%s: %s %r is on %s rows; one record, or several? Only its first "
                        "row loads once this is waived. Fix the ids in the file, or exclude "
                        "the rows that are not the record."
                        % (table.name, keys, source_id, same.total),
                        cause=source_id,
                        rows=same.kept,
                        total=same.total,
                        column=keys,
                        severity="error",
                        blocking=True,
                    )
                )
        return findings


class Values(Rule):
    """Values the target refuses (a blank mandatory value, an email that is not one, a
    date that does not parse): one finding per column and cause, listing its rows."""

    def __init__(self):
        self.causes = {}  # (table, code, column) -> [Rows, the first row's own message]

    def error(self, table, row, error):
        if error.code == "blank_source_id":
            return  # SourceIds says it
        cause = self.causes.setdefault((table, error.code, error.column), [Rows(), error.message])
        cause[0].add((row.file, row.number, row.source_id, detail(error, row)))

    def findings(self, odoo):
        findings = []
        for (table, code, column), (rows, first_message) in self.causes.items():
            blocking = bool(most(rows.total, table.size))
            if rows.total == 1:
                message = first_message  # the row's own words: where, and its value
            else:
                message = "%s: %s %s on %s rows; those rows are not loaded as they are." % (
                    table.name,
                    "column %r" % column if column else "the row",
                    WHAT.get(code, "holds values that cannot load"),
                    rows.total,
                )
            if blocking:
                message += (
                    " That is most of the file: is the column mapped to the right field, "
                    "in the right format? Fix the mapping or the file, or waive to load "
                    "the other rows."
                )
            findings.append(
                Finding(
                    code,
                    table.name,
                    message,
                    cause=column or "",
                    rows=rows.kept,
                    total=rows.total,
                    column=column,
                    severity="error",
                    blocking=blocking,
                )
            )
        return findings


class Phones(Rule):
    """Phone values that are no phone number (a name, a note, an email in the phone
    column): they load as written, which a person may want to fix first."""

    def __init__(self):
        self.causes = {}  # (table, column) -> Rows

    def row(self, table, row, plan):
        for field in PHONE_FIELDS:
            value = plan.vals.get(field)
            if isinstance(value, str) and value.strip() and not value_checks.is_phone(value):
                column = table.plan.column_of(field)
                self.causes.setdefault((table, column), Rows()).add(
                    (row.file, row.number, plan.source_id, value_checks.shown(value))
                )

    def findings(self, odoo):
        return [
            Finding(
                "invalid_phone",
                table.name,
                "%s: column %r holds %s value(s) that are no phone number; they load as "
                "written. Fix them in the file if they should be numbers."
                % (table.name, column, rows.total),
                cause=column or "",
                rows=rows.kept,
                total=rows.total,
                column=column,
            )
            for (table, column), rows in self.causes.items()
        ]

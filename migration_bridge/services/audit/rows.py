"""Rules on the rows themselves: their source ids, and values the target refuses."""

from .model import Finding, most

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


def source_ids(tables, _odoo):
    """Blank source ids (the row cannot be told apart) and a source id on several rows
    (which row is the record is a person's decision: blocking)."""
    findings = []
    for read in tables:
        table = read.table
        keys = ", ".join(table.plan.key_columns)
        if not keys or table.plan.fold or table.plan.link:
            continue  # rows without an id of their own: none to check
        blank, by_id = [], {}
        for row, plan in read.plans:
            if not plan.source_id:
                blank.append((row.file, row.number, None, ""))
            else:
                by_id.setdefault(plan.source_id, []).append(row)
        if blank:
            findings.append(
                Finding(
                    "blank_source_id",
                    table.name,
                    "%s: %s row(s) have no %s; a row needs it to be loaded and found again. "
                    "They are not loaded: fill the id in the file, or exclude the rows."
                    % (table.name, len(blank), keys),
                    cause=keys,
                    rows=blank,
                    column=keys,
                    severity="error",
                    blocking=most(len(blank), len(table.rows)),
                )
            )
        for source_id, same in by_id.items():
            if len(same) < 2:
                continue
            findings.append(
                Finding(
                    "duplicate_source_id",
                    table.name,
                    "%s: %s %r is on %s rows; one record, or several? Only its first row "
                    "loads once this is waived. Fix the ids in the file, or exclude the rows "
                    "that are not the record." % (table.name, keys, source_id, len(same)),
                    cause=source_id,
                    rows=[(r.file, r.number, source_id, "") for r in same],
                    column=keys,
                    severity="error",
                    blocking=True,
                )
            )
    return findings


def values(tables, _odoo):
    """Values the target refuses (a blank mandatory value, an email that is not one, a
    date that does not parse): one finding per column and cause, listing its rows."""
    findings = []
    for read in tables:
        table = read.table
        causes = {}
        for row, error in read.errors:
            if error.code in ("blank_source_id",):
                continue  # source_ids says it
            causes.setdefault((error.code, error.column), []).append((row, error))
        for (code, column), found in causes.items():
            listed = [(r.file, r.number, r.source_id, detail(e, r)) for r, e in found]
            what = WHAT.get(code, "holds values that cannot load")
            blocking = most(len(listed), len(table.rows))
            if len(found) == 1:
                message = found[0][1].message  # the row's own words: where, and its value
            else:
                message = "%s: %s %s on %s rows; those rows are not loaded as they are." % (
                    table.name,
                    "column %r" % column if column else "the row",
                    what,
                    len(listed),
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
                    rows=listed,
                    column=column,
                    severity="error",
                    blocking=blocking,
                )
            )
    return findings

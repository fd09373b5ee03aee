"""Possibly the same record twice: rows of one kind that share an email, a company
name or a phone number, across files and tenants, or share one with a record that
was in Odoo before the migration. They load; a person merges them."""

import re

from ...services import values
from .model import Finding

PHONE_FIELDS = ("phone", "mobile")
PHONE_DIGITS = 7  # fewer digits say too little (an extension, a short code)


def token(field, value):
    """What two rows share when they may be one record, by the field's kind."""
    if field in PHONE_FIELDS:
        digits = re.sub(r"\D", "", str(value or ""))
        return digits[-10:] if len(digits) >= PHONE_DIGITS else ""
    return values.dedupe_token("email" if "email" in field else "name", value)


def possible_duplicates(tables, odoo):
    groups = {}  # (kind, field, token) -> [(table name, column, (file, row, id, value))]
    for read in tables:
        table = read.table
        kind = table.plan.key_kind
        fields = list(table.dedupe)
        if table.plan.model == "res.partner":
            fields += [f for f in PHONE_FIELDS if f not in fields]
        for field in fields:
            column = table.plan.column_of(field)
            for row, plan in read.plans:
                value = plan.vals.get(field)
                shared = token(field, value)
                if shared:
                    groups.setdefault((kind, field, shared), []).append(
                        (table.name, column, (row.file, row.number, plan.source_id, str(value)))
                    )
    findings = []
    for (_kind, field, shared), rows in groups.items():
        ids = {r[2][2] or (r[2][0], r[2][1]) for r in rows}
        if len(ids) < 2:
            continue  # one record (a row and its later copy by id: source_ids says it)
        table, column = rows[0][0], rows[0][1]
        findings.append(
            Finding(
                "possible_duplicate",
                table,
                "%s rows of %s share %s %s: possibly the same record twice. All of them "
                "load; merge them in Odoo afterwards, or fix the export."
                % (
                    len(rows),
                    " and ".join(dict.fromkeys(r[0] for r in rows)),
                    field,
                    values.shown(rows[0][2][3]),
                ),
                cause="%s:%s" % (field, shared),
                rows=[r[2] for r in rows],
                column=column,
            )
        )
    # shared with what Odoo had before any migration
    by_kind = {}
    for (kind, field, shared), rows in groups.items():
        by_kind.setdefault((kind, field), {})[shared] = rows
    for (kind, field), tokens in by_kind.items():
        if field in PHONE_FIELDS:
            continue  # Odoo keeps phones as typed: compared within the export only
        for shared, records in odoo.existing(kind, field, sorted(tokens)).items():
            rows = tokens.get(shared)
            if not rows or not records:
                continue
            named = ", ".join("%s (id %s)" % (name, rid) for rid, name in records[:5])
            findings.append(
                Finding(
                    "possible_duplicate",
                    rows[0][0],
                    "%s %s of %s row(s) is also on %s, already in Odoo before the "
                    "migration; new records are created beside it. Merge them in Odoo if "
                    "they are the same." % (field, values.shown(rows[0][2][3]), len(rows), named),
                    cause="odoo:%s:%s" % (field, shared),
                    rows=[r[2] for r in rows],
                    column=rows[0][1],
                )
            )
    return findings

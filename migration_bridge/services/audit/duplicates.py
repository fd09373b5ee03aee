"""Possibly the same record twice: rows of one kind that share an email, a company
name or a phone number, across files and tenants, or share one with a record that
was in Odoo before the migration. They load; a person merges them."""

import re

from ...services import values
from .model import Finding, Rule

PHONE_FIELDS = ("phone", "mobile")
PHONE_DIGITS = 7  # fewer digits say too little (an extension, a short code)


def token(field, value):
    """What two rows share when they may be one record, by the field's kind."""
    if field in PHONE_FIELDS:
        digits = re.sub(r"\D", "", str(value or ""))
        return digits[-10:] if len(digits) >= PHONE_DIGITS else ""
    return values.dedupe_token("email" if "email" in field else "name", value)


class PossibleDuplicates(Rule):
    def __init__(self):
        # (kind, field, token) -> the first row that has it; the groups of those shared
        self.first = {}
        self.groups = {}

    def row(self, table, row, plan):
        fields = list(table.dedupe)
        if table.plan.model == "res.partner":
            fields += [f for f in PHONE_FIELDS if f not in fields]
        for field in fields:
            value = plan.vals.get(field)
            shared = token(field, value)
            if not shared:
                continue
            key = (table.plan.key_kind, field, shared)
            seen = (
                table.name,
                table.plan.column_of(field),
                (row.file, row.number, plan.source_id, str(value)),
            )
            if key in self.groups:
                self.groups[key].append(seen)
            elif key in self.first:
                self.groups[key] = [self.first[key], seen]
            else:
                self.first[key] = seen

    def findings(self, odoo):
        findings = []
        for (_kind, field, shared), rows in self.groups.items():
            ids = {r[2][2] or (r[2][0], r[2][1]) for r in rows}
            if len(ids) < 2:
                continue  # one record (a row and its later copy by id: SourceIds says it)
            findings.append(
                Finding(
                    "possible_duplicate",
                    rows[0][0],
                    "%s rows of %s share %s %s: possibly the same record twice. All of "
                    "them load; merge them in Odoo afterwards, or fix the export."
                    % (
                        len(rows),
                        " and ".join(dict.fromkeys(r[0] for r in rows)),
                        field,
                        values.shown(rows[0][2][3]),
                    ),
                    cause="%s:%s" % (field, shared),
                    rows=[r[2] for r in rows],
                    column=rows[0][1],
                )
            )
        # shared with what Odoo had before any migration
        by_kind = {}
        for kind, field, shared in self.first:
            if field not in PHONE_FIELDS:  # Odoo keeps phones as typed: the export only
                by_kind.setdefault((kind, field), []).append(shared)
        for (kind, field), tokens in by_kind.items():
            for shared, records in odoo.existing(kind, field, sorted(tokens)).items():
                rows = self.groups.get((kind, field, shared)) or [self.first[kind, field, shared]]
                named = ", ".join("%s (id %s)" % (name, rid) for rid, name in records[:5])
                findings.append(
                    Finding(
                        "possible_duplicate",
                        rows[0][0],
                        "%s %s of %s row(s) is also on %s, already in Odoo before the "
                        "migration; new records are created beside it. Merge them in Odoo "
                        "if they are the same."
                        % (field, values.shown(rows[0][2][3]), len(rows), named),
                        cause="odoo:%s:%s" % (field, shared),
                        rows=[r[2] for r in rows],
                        column=rows[0][1],
                    )
                )
        return findings

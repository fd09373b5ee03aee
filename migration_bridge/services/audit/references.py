"""Rules on what rows point to: owners no user matches, records not in the export nor
in Odoo."""

from ...services import targets, transform, values
from .model import Finding, most

NAMED = 5  # missing values a message names; the rows list them all


def owners(tables, odoo):
    """One finding per owner value that matches no user, listing its rows: a person
    chooses the user once (the Owners tab), not once per row."""
    by_owner = {}
    for read in tables:
        for row, plan in read.plans:
            for lookup in plan.lookups:
                if lookup.mode != transform.LOOKUP_USER:
                    continue
                for token in lookup.tokens:
                    token = token.strip()
                    if token:
                        by_owner.setdefault(token.lower(), (token, {}))[1].setdefault(
                            (read.table.name, lookup.column), []
                        ).append((row.file, row.number, plan.source_id, ""))
    findings = []
    for token, places in by_owner.values():
        if odoo.owner(token):
            continue
        shown = values.shown(token)
        if not values.fits_index(token):
            shown += " (too long to name a record: Odoo indexes at most %s bytes)" % (
                values.INDEX_MAX_BYTES
            )
        for (table, column), rows in places.items():
            findings.append(
                Finding(
                    "unmatched_owner",
                    table,
                    "%s: owner %s matches no Odoo user (active or archived) by email, login "
                    "or name; its %s record(s) load without an owner. Choose the user in the "
                    "project's Owners tab (or create it)." % (table, shown, len(rows)),
                    cause=token.lower(),
                    rows=rows,
                    column=column,
                )
            )
    return findings


class Export:
    """What the export itself holds, by kind: source ids, emails, names."""

    def __init__(self, tables):
        self.ids, self.emails, self.names = {}, {}, {}
        for read in tables:
            kind = read.table.plan.key_kind
            for _row, plan in read.plans:
                if plan.source_id:
                    self.ids.setdefault(kind, set()).add(plan.source_id.strip().lower())
                email = plan.vals.get("email")
                if email:
                    self.emails.setdefault(kind, set()).add(values.normalize_email(email))
                name = plan.vals.get("name")
                if isinstance(name, str) and name.strip():
                    self.names.setdefault(kind, set()).add(name.strip().lower())

    def has(self, lookup, token):
        low = token.lower()
        for kind in lookup.kinds:
            if "id" in lookup.by and low in self.ids.get(kind, ()):
                return True
            if "email" in lookup.by and values.normalize_email(token) in self.emails.get(kind, ()):
                return True
            if "name" in lookup.by and low in self.names.get(kind, ()):
                return True
        return False


def _references(plan, table_plan):
    """(lookup, attach) of a row's references to other records: attach when the row
    has nowhere to land without it (an engagement's deal, a folded row's parent)."""
    refs = []
    for lookup in plan.lookups:
        if lookup.mode != transform.LOOKUP_RECORD or lookup.quiet or lookup.primary:
            continue
        if lookup.create:
            continue  # a name that matches nothing is created, as confirmed
        composed = targets.get(lookup.target)
        refs.append((lookup, bool(composed and composed.role == targets.ROLE_ATTACH)))
    parent_kind = (
        table_plan.fold.parent
        if table_plan.fold
        else table_plan.onto.parent
        if table_plan.onto
        else table_plan.link.parent
        if table_plan.link
        else None
    )
    if parent_kind and plan.parent:
        token, column = plan.parent
        lookup = transform.Lookup(
            "_parent",
            transform.LOOKUP_RECORD,
            tokens=(token,),
            column=column,
            kinds=(parent_kind,),
            by=("id",),
        )
        refs.append((lookup, True))
    if table_plan.link and plan.member:
        token, column = plan.member
        lookup = transform.Lookup(
            "_member",
            transform.LOOKUP_RECORD,
            tokens=(token,),
            column=column,
            kinds=tuple(table_plan.link.members),
            by=("id", "email"),
        )
        refs.append((lookup, True))
    return refs


def orphans(tables, odoo):
    """References to records neither the export nor Odoo holds, one finding per column:
    rows that cannot land anywhere without them (an engagement whose deal and contact
    are both missing) are errors; the others load without the reference."""
    export = Export(tables)
    per_row = []  # (table, row, [(lookup, token, attach, in export)])
    for read in tables:
        for row, plan in read.plans:
            refs = [
                (lookup, token.strip(), attach, export.has(lookup, token.strip()))
                for lookup, attach in _references(plan, read.table.plan)
                for token in lookup.tokens
                if token.strip()
            ]
            if refs:
                per_row.append((read.table, row, refs))
    asked = [(lk, tok) for _t, _r, refs in per_row for lk, tok, _a, known in refs if not known]
    in_odoo = odoo.found(asked) if asked else set()
    missing = {}
    for table, row, refs in per_row:
        lost = [
            (lk, tok, attach)
            for lk, tok, attach, known in refs
            if not known and lk.key(tok) not in in_odoo
        ]
        attach_refs = [r for r in refs if r[2]]
        lands = any(known or lk.key(tok) in in_odoo for lk, tok, attach, known in attach_refs)
        for lookup, token, attach in lost:
            if attach and lands:
                continue  # it lands on another of its records
            key = (table.name, lookup.column, attach)
            missing.setdefault(key, (table, lookup, []))[2].append(
                (row.file, row.number, row.source_id or None, token)
            )
    findings = []
    for (name, column, attach), (table, lookup, rows) in missing.items():
        named = list(dict.fromkeys(r[3] for r in rows))
        shown = ", ".join(values.shown(v) for v in named[:NAMED])
        if len(named) > NAMED:
            shown += " and %s more" % (len(named) - NAMED)
        if attach:
            message = (
                "%s: column %r names records that are not in the export nor in Odoo (%s) "
                "on %s row(s), which have nothing else to land on: they are not loaded. Add "
                "those records to the export (or load them first), or fix the references."
                % (name, column, shown, len(rows))
            )
        elif lookup.keep:
            message = (
                "%s: column %r names %s record(s) that are not in the export nor in Odoo "
                "(%s); the value is kept as text. Allow creating missing records in the "
                "mapping to create them." % (name, column, len(named), shown)
            )
        else:
            message = (
                "%s: column %r names records that are not in the export nor in Odoo (%s) "
                "on %s row(s); those rows load without the reference. Add the missing "
                "records to the export, or fix the references." % (name, column, shown, len(rows))
            )
        # most of the file pointing nowhere may be a wrong mapping, or a file whose
        # records are loaded later: said, not halted
        if not lookup.keep and most(len(rows), len(table.rows)):
            message += " That is most of the file: does the column point to the right records?"
        findings.append(
            Finding(
                "orphan_reference",
                name,
                message,
                cause=column or "",
                rows=rows,
                column=column,
                severity="error" if attach else "warning",
            )
        )
    return findings

"""Rules on what rows point to: owners no user matches, records not in the export nor
in Odoo."""

from ...services import targets, transform, values
from .model import Finding, Rows, Rule, most

NAMED = 5  # missing values a message names; the rows list them all


class Owners(Rule):
    """One finding per owner value that matches no user, listing its rows: a person
    chooses the user once (the Owners tab), not once per row."""

    def __init__(self):
        self.by_owner = {}  # lowercased value -> (value, {(table, column): Rows})

    def row(self, table, row, plan):
        for lookup in plan.lookups:
            if lookup.mode != transform.LOOKUP_USER:
                continue
            for token in lookup.tokens:
                token = token.strip()
                if token:
                    places = self.by_owner.setdefault(token.lower(), (token, {}))[1]
                    places.setdefault((table.name, lookup.column), Rows()).add(
                        (row.file, row.number, plan.source_id, "")
                    )

    def findings(self, odoo):
        findings = []
        for token, places in self.by_owner.values():
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
                        "%s: owner %s matches no Odoo user (active or archived) by email, "
                        "login or name; its %s record(s) load without an owner. Choose the "
                        "user in the project's Owners tab (or create it)."
                        % (table, shown, rows.total),
                        cause=token.lower(),
                        rows=rows.kept,
                        total=rows.total,
                        column=column,
                    )
                )
        return findings


def references(plan, table_plan):
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
    parent = table_plan.fold or table_plan.onto or table_plan.link
    if parent and plan.parent:
        token, column = plan.parent
        refs.append((transform.record_lookup("_parent", token, column, (parent.parent,)), True))
    if table_plan.link and plan.member:
        token, column = plan.member
        refs.append((transform.member_lookup(table_plan, token, column), True))
    return refs


class Export:
    """What the export holds so far, by kind: source ids, emails, names."""

    def __init__(self):
        self.ids, self.emails, self.names = {}, {}, {}

    def add(self, kind, plan):
        if plan.source_id:
            self.ids.setdefault(kind, set()).add(plan.source_id.strip().lower())
        email = plan.vals.get("email")
        if isinstance(email, str) and email.strip():
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


class Orphans(Rule):
    """References to records neither the export nor Odoo holds, one finding per column:
    rows that cannot land anywhere without them (an engagement whose deal and contact
    are both missing) are errors; the others load without the reference.

    A reference to a row already read (tables come in load order) is settled at once;
    only the others are kept, and looked for again once every table is read."""

    def __init__(self):
        self.export = Export()
        self.pending = []  # (table, row ref, [(lookup, token, attach)])

    def row(self, table, row, plan):
        self.export.add(table.plan.key_kind, plan)
        refs = [
            (lookup, token.strip(), attach)
            for lookup, attach in references(plan, table.plan)
            for token in lookup.tokens
            if token.strip()
        ]
        if not refs:
            return
        lands = any(attach and self.export.has(lk, tok) for lk, tok, attach in refs)
        left = [
            (lk, tok, attach)
            for lk, tok, attach in refs
            if not (attach and lands) and not self.export.has(lk, tok)
        ]
        if left:
            self.pending.append((table, (row.file, row.number, row.source_id), left))

    def findings(self, odoo):
        asked, seen = [], set()
        for _table, _ref, refs in self.pending:
            for lookup, token, _attach in refs:
                if not self.export.has(lookup, token) and lookup.key(token) not in seen:
                    seen.add(lookup.key(token))
                    asked.append((lookup, token))
        in_odoo = odoo.found(asked) if asked else set()

        def found(lookup, token):
            return self.export.has(lookup, token) or lookup.key(token) in in_odoo

        missing = {}
        for table, ref, refs in self.pending:
            attached = [(lk, tok) for lk, tok, attach in refs if attach]
            lands = any(found(lk, tok) for lk, tok in attached)
            for lookup, token, attach in refs:
                if found(lookup, token) or (attach and lands):
                    continue
                key = (table.name, lookup.column, attach)
                entry = missing.setdefault(key, (table, lookup, Rows(), {}))
                entry[2].add(ref + (token,))
                entry[3].setdefault(token, None)
        return [
            self._finding(name, column, attach, table, lookup, rows, list(tokens))
            for (name, column, attach), (table, lookup, rows, tokens) in missing.items()
        ]

    @staticmethod
    def _finding(name, column, attach, table, lookup, rows, named):
        shown = ", ".join(values.shown(v) for v in named[:NAMED])
        if len(named) > NAMED:
            shown += " and %s more" % (len(named) - NAMED)
        if attach:
            message = (
                "%s: column %r names records that are not in the export nor in Odoo (%s) "
                "on %s row(s), which have nothing else to land on: they are not loaded. Add "
                "those records to the export (or load them first), or fix the references."
                % (name, column, shown, rows.total)
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
                "records to the export, or fix the references." % (name, column, shown, rows.total)
            )
        # most of the file pointing nowhere may be a wrong mapping, or a file whose
        # records are loaded later: said, not halted
        if not lookup.keep and most(rows.total, table.size):
            message += " That is most of the file: does the column point to the right records?"
        return Finding(
            "orphan_reference",
            name,
            message,
            cause=column or "",
            rows=rows.kept,
            total=rows.total,
            column=column,
            severity="error" if attach else "warning",
        )

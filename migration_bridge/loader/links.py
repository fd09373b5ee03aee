"""Rows that tie records together (a meeting's attendees): each adds a record to its
parent's many2many field (``profiles.base.Link``)."""

from ..services import transform
from ..services.errors import RowError
from .fold import write_onto


def link_rows(load, staging_ids):
    """Add each row's member to its parent record, one write per parent.

    A row counts updated when it added its member, unchanged when the member was there
    already; a row whose parent or member is not in the export nor in Odoo fails with
    an issue naming its file, row and column. What a write replaced is kept on the
    run's record link, so that a rollback puts the field back as it was.
    """
    link = load.plan.link
    groups = {}
    for staging in load.env["migration.staging.record"].browse(staging_ids):
        prepared = load.prepare_row(staging, keyed=False)
        if not prepared:
            continue
        row = prepared[1]
        missing = [t for t, v in (("_parent", row.parent), ("_member", row.member)) if not v]
        if missing:
            column = load.plan.column_of(missing[0])
            load.outcomes.failed(
                staging,
                RowError(
                    "%s: no %s is given; the row links nothing"
                    % (
                        load.where(staging, column),
                        link.parent if missing[0] == "_parent" else "attendee",
                    ),
                    column=column,
                    code="blank_mandatory",
                ),
            )
            continue
        groups.setdefault(row.parent, []).append((staging, row.member))
    parents = {
        key: transform.record_lookup("_parent", key[0], key[1], (link.parent,), ("id",))
        for key in groups
    }
    members = {
        member: transform.member_lookup(load.plan, member[0], member[1])
        for rows in groups.values()
        for _staging, member in rows
    }
    resolver = load.ctx.resolver
    found_parents = resolver.resolve(list(parents.values()), load)
    found_members = resolver.resolve(list(members.values()), load)
    for key, rows in groups.items():
        token, column = key
        found = found_parents.get(parents[key], token)
        if not found:
            for staging, _member in rows:
                _orphan(load, staging, column, link.parent, token)
            continue
        record = load.env[found[0]].browse(found[1])
        previous = record[link.field].ids
        added = []
        for staging, member in rows:
            hit = found_members.get(members[member], member[0])
            if not hit:
                _orphan(load, staging, member[1], "attendee", member[0])
                continue
            outcome = "unchanged" if hit[1] in previous or hit[1] in added else "updated"
            if outcome == "updated":
                added.append(hit[1])
            load.outcomes.loaded(staging, outcome, record)
        if not added:
            continue
        write_onto(load, record, link.field, [(4, id_) for id_ in added], previous, token)


def _orphan(load, staging, column, what, token):
    load.outcomes.failed(
        staging,
        RowError(
            "%s: its %s %r is not in the export nor in Odoo; the row links nothing"
            % (load.where(staging, column), what, token),
            column=column,
            code="orphan_reference",
        ),
    )

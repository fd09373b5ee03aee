"""Writing and linking: create, update or leave unchanged, one link per written record.

A chunk's records are created in one batch; a batch the database refuses is
split in halves until the rows it refuses fail alone, with their reason. An
existing record (found by its ``x_source_id``, whichever project wrote it) is
left unchanged when its values are those the last run wrote; otherwise only the
fields that differ are written, and the link keeps their previous values for a
rollback. The source's dates (``create_date``, ``write_date``) are written after
the ORM, which sets its own.
"""

import datetime
import json
import logging
import re

from psycopg2 import Error as PsycopgError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext, mute_logger

from ..services import transform
from ..services.errors import RowError, concurrent_update
from .bulk import insert_links, source_create_dates

_logger = logging.getLogger(__name__)

# What Odoo raises when it refuses a value: the row fails, the run goes on.
WRITE_ERRORS = (UserError, ValidationError, AccessError, PsycopgError, ValueError)


def comparable(field, value):
    """A field value in a form that compares equal to the same value written."""
    if field.type in ("many2one", "many2one_reference"):
        return value.id if hasattr(value, "id") else (value or False)
    if field.type in ("many2many", "one2many"):
        if hasattr(value, "ids"):
            return sorted(value.ids)
        ids = []
        for command in value or []:
            if command[0] == 6:
                ids = list(command[2])
        return sorted(ids)
    if field.type == "html":
        return html2plaintext(value or "").strip()
    if field.type in ("float", "monetary"):
        return round(value or 0.0, 6)
    if field.type == "date" and isinstance(value, datetime.datetime):
        return value.date()
    if field.type == "datetime" and isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    return value if value not in (None, "") else False


def serializable(field, value):
    """A record value as JSON, and as a write() value when restored."""
    if field.type == "html":
        return value or False
    value = comparable(field, value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return fields.Datetime.to_string(value) if field.type == "datetime" else str(value)
    return value


# PostgreSQL's refusal of a value too long for a B-tree index (``limits`` finds most
# of them before writing; a stored field computed from several values may still be)
INDEX_ROW_TOO_BIG = re.compile(r'index row size (\d+) exceeds .*? for index "([^"]+)"')


def error_text(error):
    if isinstance(error, PsycopgError):
        text = (error.pgerror or str(error)).strip().splitlines()[0]
        match = INDEX_ROW_TOO_BIG.search(text)
        if match:
            return (
                "a value is too long for the database index %s (an entry of %s bytes, where "
                "PostgreSQL takes at most 2704); shorten it and upload the file again"
                % (match.group(2), match.group(1))
            )
        return text
    return error.args[0] if getattr(error, "args", None) else str(error)


def refused(load, staging, error):
    """Why a row fails when Odoo refused the run's user a record it needs (another
    company's, say)."""
    return RowError(
        "%s: Odoo refused your user access to a record this row needs: %s"
        % (load.where(staging), error.args[0]),
        code="access_refused",
    )


class Writer:
    """Creates, updates and links the records of one object's chunks."""

    def __init__(self, view, outcomes):
        self.load = view  # read only (``view.LoadView``)
        self.ctx = view.ctx
        self.env = view.env
        self.adapter = view.adapter
        self.outcomes = outcomes  # what each row became: the writer says it there

    # ------------------------------------------------------------------
    # Row outcomes (the load's one tracker: ``outcomes.Outcomes``)
    # ------------------------------------------------------------------
    def done_unchanged(self, staging, record):
        """A row found exactly as the last run wrote it (``same_rows.same_rows``)."""
        self.outcomes.loaded(staging, "unchanged", record)

    def done(self, item, record, outcome):
        item.record = record
        self.outcomes.loaded(item.staging, outcome, record)

    # ------------------------------------------------------------------
    # A chunk
    # ------------------------------------------------------------------
    def write_items(self, items):
        if not items:
            return
        keys = [item.vals["x_source_id"] for item in items]
        existing = self.adapter.existing(keys)
        last = self._last_links(keys)
        to_create = []
        for item in items:
            key = item.vals["x_source_id"]
            record = existing.get(key)
            if record and self.adapter.route(item.vals) != record._name:
                self._replace(item, record)
                continue
            vals_hash = transform.vals_hash(item.vals, item.row.dates, item.row.details)
            decision = transform.decide(bool(record), last.get(key), vals_hash)
            item.vals_hash = vals_hash
            if decision == transform.CREATE and self.load.plan.onto:
                column = ", ".join(self.load.plan.key_columns) or None
                self.outcomes.failed(
                    item.staging,
                    RowError(
                        "%s: its %s %r is not in the export nor in Odoo; the row was not "
                        "written"
                        % (
                            self.load.where(item.staging, column),
                            self.load.plan.onto.parent,
                            item.row.source_id,
                        ),
                        column=column,
                        code="orphan_reference",
                    ),
                )
                continue
            if decision == transform.CREATE:
                to_create.append(item)
                continue
            if decision == transform.UNCHANGED:
                self.done(item, record, "unchanged")
                continue
            try:
                self._update(item, record)
            except AccessError as error:  # a record the run's user may not read
                self.outcomes.failed(item.staging, refused(self.load, item.staging, error))
        created = self._create(to_create)
        self._link_created(created)
        self.adapter.write_dates([(item.record, self._dates_left(item)) for item in created])
        self.adapter.after_create(self.load, created)

    def _last_links(self, keys):
        """The values each record was last written with by this object (another object
        may write the same record: a project's service plan)."""
        links = self.env["migration.record.link"].search_read(
            [
                ("model", "in", list(self.adapter.models)),
                ("source_key", "in", keys),
                ("source_object", "=", self.load.obj.object_name),
                ("rolled_back", "=", False),
            ],
            ["source_key", "vals_hash"],
            order="id",
        )
        return {link["source_key"]: link["vals_hash"] for link in links}

    def _create(self, items):
        """Create in one batch; a refused batch is split until the refused rows fail alone."""
        if not items:
            return []
        by_model = {}
        for item in items:
            by_model.setdefault(self.adapter.route(item.vals), []).append(item)
        created = []
        for model, group in by_model.items():
            created += self._create_batch(model, group)
        for item in created:
            self.done(item, item.record, "created")
            if self.ctx.run.kind == "sample":
                self.ctx.sample.append((self.load, item.staging, item.record, item.vals))
        return created

    def _create_batch(self, model, items):
        vals_list = [
            {
                **self.adapter.create_defaults(item.vals),
                **item.vals,
                **(
                    self.adapter.deferred_values_at_create(item.vals, item.early)
                    if item.early
                    else {}
                ),
            }
            for item in items
        ]
        dates = {}
        if "create_date" in self.adapter.date_columns:
            for item in items:
                if (item.row.dates or {}).get("create_date"):
                    dates[item.vals["x_source_id"]] = item.row.dates["create_date"]
        given = set(dates)
        try:
            with (
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
                source_create_dates(self.env, dates),
            ):
                records = self.adapter.create_records(model, vals_list)
        except WRITE_ERRORS as error:
            if concurrent_update(error):
                raise
            if len(items) == 1:
                self.outcomes.failed(
                    items[0].staging,
                    RowError(
                        "%s: Odoo refused the record: %s"
                        % (self.load.where(items[0].staging), error_text(error)),
                        code="write_failed",
                    ),
                )
                return []
            _logger.info("batch of %s refused (%s): splitting it", len(items), error)
            half = len(items) // 2
            return self._create_batch(model, items[:half]) + self._create_batch(
                model, items[half:]
            )
        dated = given - set(dates)  # the keys the inserts used
        for item, record in zip(items, records, strict=True):
            item.record = record
            item.dated = item.vals["x_source_id"] in dated
        return list(items)

    @staticmethod
    def _dates_left(item):
        """The source dates still to write on a created record."""
        dates = item.row.dates or {}
        if item.dated:
            dates = {k: v for k, v in dates.items() if k != "create_date"}
        return dates

    def _replace(self, item, record):
        """A row that now lands in another model (a task done since the last run: a
        logged message, no more an activity): the new record is created, the old one
        archived; both are linked, so that a rollback brings the old one back."""
        model = self.adapter.route(item.vals)
        created = self._create_batch(model, [item])
        if not created:
            return
        self.done(item, item.record, "updated")
        self._link_created(created)
        self.adapter.write_dates([(item.record, self._dates_left(item))])
        if "active" in record._fields:
            previous = {"active": record.active}
            record.write({"active": False})
        else:
            previous = {}
        self.env["migration.record.link"].create(self._link(item, record, "updated", previous))

    def _link_created(self, items):
        insert_links(self.env, [self._link(item, item.record, "created") for item in items])

    def _link(self, item, record, operation, previous=None):
        return {
            "run_id": self.ctx.run.id,
            "project_id": self.ctx.project.id,
            "model": record._name,
            "res_id": record.id,
            "source_object": self.load.obj.object_name,
            "source_id": item.row.source_id,
            "source_key": item.vals["x_source_id"],
            "row_number": item.staging.row_number,
            "row_hash": item.staging.row_hash,
            "vals_hash": getattr(item, "vals_hash", False),
            "settings_hash": self.load.settings_hash,
            "refs": item.assembled.complete_refs() if item.assembled else None,
            "operation": operation,
            "previous_values": previous,
        }

    def diff(self, record, vals):
        changed = {}
        for name, value in vals.items():
            field = record._fields.get(name)
            if field is None:
                continue
            if comparable(field, record[name]) != comparable(field, value):
                changed[name] = value
        return changed

    def _update(self, item, record):
        vals = self.adapter.update_values(record, item.vals)
        changed = self.diff(record, vals)
        dates = self.adapter.date_changes(record, item.row.dates)
        if not changed and not dates:
            self.done(item, record, "unchanged")
            return
        previous = {name: serializable(record._fields[name], record[name]) for name in changed}
        previous.update({name: serializable(record._fields[name], record[name]) for name in dates})
        kept = record.write_date if self.load.plan.onto else None
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                if changed:
                    self.adapter.write_values(record, changed)
                if kept:
                    # Fields added onto a record keep its date of last change in the source.
                    self.adapter.write_dates([(record, {"write_date": kept})])
        except WRITE_ERRORS as error:
            if concurrent_update(error):
                raise
            self.outcomes.failed(
                item.staging,
                RowError(
                    "%s: Odoo refused the update: %s"
                    % (self.load.where(item.staging), error_text(error)),
                    code="write_failed",
                ),
            )
            return
        self.done(item, record, "updated")
        self.env["migration.record.link"].create(self._link(item, record, "updated", previous))
        self.adapter.write_dates([(record, item.row.dates)])
        if self.ctx.run.kind == "sample":
            self.ctx.sample.append((self.load, item.staging, record, vals))

    # ------------------------------------------------------------------
    # References inside the object, once all its rows are written
    # ------------------------------------------------------------------
    def write_deferred(self, items, resolved):
        """References to the object's own rows: (staging, row, record) written this run."""
        load = self.load
        Link = self.env["migration.record.link"]
        writes = []
        self.adapter.before_deferred(
            [record for _staging, _row, record in items],
            [
                found[1]
                for _staging, row, _record in items
                for lookup in row.lookups
                if lookup.deferred
                for found in [resolved.get(lookup, lookup.tokens[0])]
                if isinstance(found, tuple)
            ],
        )
        for staging, row, record in items:
            vals = {}
            for lookup in row.lookups:
                if not lookup.deferred:
                    continue
                token, column = lookup.tokens[0], lookup.column
                found = resolved.get(lookup, token)
                if not found:
                    load.ctx.issue(
                        "%s: %r is not in the export nor in Odoo; the record was loaded "
                        "without it. Add the missing record to the export, or fix the "
                        "reference." % (load.where(staging, column), token),
                        "orphan_reference",
                        obj=load.obj,
                        staging=staging,
                        column=column,
                        severity="warning",
                    )
                    continue
                target_id = found[1] if isinstance(found, tuple) else found
                if target_id != record.id:
                    vals[lookup.into or lookup.target] = target_id
            vals = self.adapter.deferred_values(record, vals)
            changed = self.diff(record, vals)
            if not changed:
                continue
            previous = {n: serializable(record._fields[n], record[n]) for n in changed}
            link = None
            if staging.message == "unchanged":
                # Its values were those last written, but its parent is new: an update.
                link = {
                    "run_id": self.ctx.run.id,
                    "project_id": self.ctx.project.id,
                    "model": record._name,
                    "res_id": record.id,
                    "source_object": load.obj.object_name,
                    "source_id": staging.source_id,
                    "source_key": record.x_source_id,
                    "row_number": staging.row_number,
                    "row_hash": staging.row_hash,
                    "vals_hash": transform.vals_hash(vals),
                    "operation": "updated",
                    "previous_values": previous,
                }
            columns = [lk.column for lk in row.lookups if lk.deferred]
            writes.append((staging, record, changed, columns, link))
        for staging, record, _changed, _columns, link in self._write_grouped(writes):
            if link:
                self.outcomes.updated_after(staging, record)
                Link.create(link)

    def _write_grouped(self, writes):
        """One ``write()`` per set of values (the subsidiaries of one parent); a group
        Odoo refuses is written record by record, and a refused record keeps its
        values without these, with a warning (a loop of parents in the source).
        Returns the writes done."""
        groups = {}
        for write in writes:
            key = json.dumps(write[2], sort_keys=True, default=str)
            groups.setdefault(key, []).append(write)
        done = []
        for group in groups.values():
            records = self.env[group[0][1]._name].browse([w[1].id for w in group])
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    records.write(group[0][2])
                done += group
                continue
            except WRITE_ERRORS as error:
                if concurrent_update(error):
                    raise
                if len(group) == 1:
                    staging, _record, _changed, columns, _link = group[0]
                    self._refused_reference(staging, columns, error)
                    continue
            for write in group:
                done += self._write_grouped([write])
        return done

    def _refused_reference(self, staging, columns, error):
        column = columns[0] if columns else None
        given = ", ".join(repr((staging.payload or {}).get(c)) for c in columns)
        self.ctx.issue(
            "%s: Odoo refused the reference%s (%s) and loaded the record without it."
            % (
                self.load.where(staging, column),
                " to %s" % given if given else "",
                error_text(error),
            ),
            "write_failed",
            obj=self.load.obj,
            staging=staging,
            column=column,
            severity="warning",
        )

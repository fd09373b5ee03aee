"""Writing a confirmed mapping into the CRM with the ORM, and undoing it.

``RunLoader`` holds the caches of one run (users, stages, teams, tags, the
records already linked) so that references resolve in batches. The value
parsing it relies on is pure (``services.values``); what needs the database
(resolving owners, parents, stages, creating and diffing records) is here.
"""

import datetime
import hashlib
import json
import logging

from psycopg2 import Error as PsycopgError

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, mute_logger, plaintext2html, split_every

from ..services import planner, values
from ..services.errors import Problem

_logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# No mail tracking, no followers, no "created" notes while migrating.
LOAD_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "active_test": False,
}
# Kinds of auxiliary records a run may create (stages, teams, tags...).
AUX_KINDS = {
    "crm.stage": "stage",
    "crm.team": "team",
    "crm.tag": "tag",
    "res.partner.category": "partner_tag",
    "crm.lost.reason": "lost_reason",
    "res.partner.industry": "industry",
    "res.partner.title": "title",
}
# What Odoo raises when it refuses a value: the row fails, the run goes on.
WRITE_ERRORS = (UserError, ValidationError, PsycopgError, ValueError)
# Country names Odoo does not spell that way.
COUNTRY_ALIASES = {"russia": "RU", "usa": "US", "uk": "GB", "united states of america": "US"}
# Comodels resolved by name that a run may create when a value is new.
CREATABLE = set(AUX_KINDS) - {"crm.stage"}


class RowError(Exception):
    """A row cannot load: the message names the column; the row is counted failed."""

    def __init__(self, message, column=None, code="invalid_value"):
        super().__init__(message)
        self.message = message
        self.column = column
        self.code = code


def _hash(data):
    return hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _comparable(field, value):
    """A field value in a form that compares equal to the same value written."""
    if field.type == "many2one":
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
    return value if value not in (None, "") else False


def _serializable(field, value):
    """A record value as JSON, and as a write() value when restored."""
    if field.type == "html":
        return value or False
    value = _comparable(field, value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return fields.Datetime.to_string(value) if field.type == "datetime" else str(value)
    return value


class RunLoader:
    def __init__(self, run, profile):
        self.run = run
        self.profile = profile
        self.env = run.sudo().with_context(**LOAD_CONTEXT).env
        self.project = run.project_id
        self._log = []
        self._users = None
        self._names = {}
        self._stage_map = {}
        self._won_stage = None
        self._links = {}
        self._sample_vals = []
        self._marks = {}
        self._lookups = {}
        self._dedupe = {}

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def log(self, message):
        self._log.append(message)

    def log_text(self):
        return "\n".join(self._log)

    def key(self, kind, source_id):
        return "%s:%s" % (kind, source_id)

    def issue(self, message, code, obj=None, staging=None, column=None, severity="error"):
        problem = Problem(
            code=code,
            message=message,
            file=obj.name if obj else None,
            row=staging.row_number if staging else None,
            column=column,
            blocking=severity == "error" and not staging,
        )
        vals = self.env["migration.issue"]._vals_from_problem(
            problem, project=self.project, obj=obj, staging=staging, run=self.run
        )
        vals["severity"] = severity
        self.env["migration.issue"].create(vals)

    def _where(self, obj, staging, column=None):
        where = "%s, row %s" % (obj.name, staging.row_number)
        return where + (", column %r" % column if column else "")

    # ------------------------------------------------------------------
    # Objects
    # ------------------------------------------------------------------
    def load_object(self, mapping, sequence):
        obj = mapping.object_id
        Model = self.env[mapping.model_name]
        line = self.env["migration.run.line"].create(
            {
                "run_id": self.run.id,
                "sequence": sequence,
                "object_id": obj.id,
                "object_name": obj.object_name,
                "model": mapping.model_name,
            }
        )
        counters = dict.fromkeys(("created", "updated", "unchanged", "skipped", "failed"), 0)
        mapping._compute_source_ids()
        rows = self.env["migration.staging.record"].search(
            [("object_id", "=", obj.id)], order="row_number, id"
        )
        columns = mapping.line_ids.filtered(lambda ln: ln.confirmed and ln.target_name)
        if self.run.kind == "sample":
            rows = self._sample_rows(mapping, columns)
        self._report_unconfirmed(mapping)
        if obj.blocked:
            return self.skip_object(obj, sequence, "the file has a blocking problem", line)
        self._prepare_pipeline(mapping, columns)
        self_refs = set(planner.self_references(self.profile, mapping.kind))
        seen = set()
        deferred = []
        for batch_ids in split_every(BATCH_SIZE, rows.ids):
            batch = rows.browse(batch_ids)
            self._load_batch(mapping, Model, columns, batch, counters, seen, self_refs, deferred)
            self._flush_marks()
        if deferred:
            self._resolve_self_references(mapping, Model, deferred, counters)
            self._flush_marks()
        line.write(dict(counters, source_rows=len(rows)))
        self.log("%s -> %s: %s" % (obj.name, mapping.model_name, json.dumps(line.summary())))
        return line

    def _sample_rows(self, mapping, columns):
        """The sample of an object: its first rows, preferring those whose references
        point to records the sample already loaded, so that the slice holds together."""
        size = max(self.project.sample_size, 0)
        spec = self.profile.object_spec(mapping.kind)
        references = (spec.references if spec else {}) or {}
        loaded = {}
        for link in self.run.link_ids:
            if link.source_key and ":" in link.source_key:
                kind = link.source_key.split(":", 1)[0]
                loaded.setdefault(kind, []).append(link.source_id)
        scores = []
        params = []
        for column in columns:
            kinds = [k for k in references.get(column.target_name, ()) if k != mapping.kind]
            ids = [i for k in kinds for i in loaded.get(k, [])]
            if ids:
                scores.append(
                    "(CASE WHEN coalesce(btrim(payload->>%s), '') = '' "
                    "OR btrim(payload->>%s) = ANY(%s) THEN 0 ELSE 1 END)"
                )
                params += [column.source_name, column.source_name, ids]
        order = "%s, " % " + ".join(scores) if scores else ""
        Staging = self.env["migration.staging.record"]
        Staging.flush_model()
        self.env.cr.execute(
            "SELECT id FROM migration_staging_record WHERE object_id = %%s "
            "ORDER BY %srow_number, id LIMIT %%s" % order,
            [mapping.object_id.id] + params + [size],
        )
        return Staging.browse([row[0] for row in self.env.cr.fetchall()]).sorted("row_number")

    def skip_object(self, obj, sequence, reason, line=None):
        """An object that cannot load: every staged row counted skipped, with the reason."""
        rows = obj.staging_ids
        rows.write({"state": "skipped", "message": reason})
        self.issue(
            "%s was not loaded: %s (see the issues of this file)." % (obj.name, reason),
            "file_blocked",
            obj=obj,
        )
        vals = {"source_rows": len(rows), "skipped": len(rows)}
        if line:
            line.write(vals)
            return line
        return self.env["migration.run.line"].create(
            dict(
                vals,
                run_id=self.run.id,
                sequence=sequence,
                object_id=obj.id,
                object_name=obj.object_name,
                model=False,
            )
        )

    def fail_object(self, mapping, sequence, error):
        """An unexpected error loading an object: nothing of it was kept; say so."""
        self._names, self._stage_map, self._won_stage = {}, {}, None
        self._lookups, self._marks, self._users = {}, {}, None
        self._sample_vals = [v for v in self._sample_vals if v[0] != mapping]
        obj = mapping.object_id
        rows = self.env["migration.staging.record"].search_count([("object_id", "=", obj.id)])
        if self.run.kind == "sample":
            rows = min(rows, max(self.project.sample_size, 0))
        self.issue(
            "%s could not be loaded: %s. Nothing of this file was written; the server log "
            "has the details. Fix the cause and run again." % (obj.name, error),
            "load_error",
            obj=obj,
        )
        self.log("%s: failed (%s)" % (obj.name, error))
        return self.env["migration.run.line"].create(
            {
                "run_id": self.run.id,
                "sequence": sequence,
                "object_id": obj.id,
                "object_name": obj.object_name,
                "model": mapping.model_name,
                "source_rows": rows,
                "failed": rows,
            }
        )

    def _prepare_pipeline(self, mapping, columns):
        """Teams and stages exist before the first deal loads, from the source values."""
        values = mapping.value_ids.filtered("confirmed")
        for value in values.filtered(lambda v: v.action == "stage").sorted("sequence"):
            self._stage(value)
        if values.filtered(lambda v: v.action == "won"):
            self._won_stage_id()
        for column in columns.filtered(lambda ln: ln.target_name == "team_id"):
            for value, _count in column._distinct_values():
                self._find_or_create("crm.team", value)
        if self._stage_map:
            self.log(
                "%s: %s stages and the teams of its pipeline column ready"
                % (mapping.object_id.name, len(self._stage_map))
            )

    def _report_unconfirmed(self, mapping):
        for column in mapping.line_ids.filtered(lambda ln: not ln.confirmed):
            if column.fill_rate or column.target_name or column.create_custom:
                self.issue(
                    "%s: column %r is new since the mapping was confirmed and was not "
                    "migrated; review it and confirm the mapping again to include it."
                    % (mapping.object_id.name, column.source_name),
                    "unconfirmed_column",
                    obj=mapping.object_id,
                    column=column.source_name,
                    severity="warning",
                )

    def _load_batch(self, mapping, Model, columns, batch, counters, seen, self_refs, deferred):
        obj = mapping.object_id
        id_column = columns.filtered(lambda ln: ln.target_name == "x_source_id")[:1].source_name
        prepared = []
        for staging in batch:
            if staging.state == "problem" and not staging.issue_ids.filtered(
                lambda i: not i.run_id and i.state == "open"
            ):
                pass  # every problem of the row was waived by a person: it loads as it is
            elif staging.state in ("problem", "excluded"):
                reason = (
                    "excluded from the migration"
                    if staging.state == "excluded"
                    else "the row has a problem in the file (see its issues)"
                )
                self._mark(staging, staging.state, reason)
                counters["skipped"] += 1
                continue
            source_id = staging.source_id
            if not source_id:
                self._fail(
                    staging,
                    counters,
                    RowError(
                        "%s: the source id is blank; every row needs one"
                        % self._where(obj, staging, id_column),
                        column=id_column,
                        code="blank_source_id",
                    ),
                    obj,
                )
                continue
            if source_id in seen:
                self.issue(
                    "%s: source id %r appears twice in the file; only its first row was loaded"
                    % (self._where(obj, staging, id_column), source_id),
                    "duplicate_source_id",
                    obj=obj,
                    staging=staging,
                    column=id_column,
                )
                self._mark(staging, "skipped", "duplicate source id")
                counters["skipped"] += 1
                continue
            seen.add(source_id)
            try:
                vals, post, create_defaults, refs = self._row_vals(
                    mapping, Model, columns, staging, self_refs
                )
            except RowError as error:
                self._fail(staging, counters, error, obj)
                continue
            key = self.key(mapping.kind, source_id)
            vals["x_source_id"] = key
            prepared.append((staging, key, vals, post, create_defaults, refs))
        if not prepared:
            return
        keys = [p[1] for p in prepared]
        existing = {r.x_source_id: r for r in Model.search([("x_source_id", "in", keys)])}
        self._check_duplicates(mapping, Model, columns, prepared, existing)
        last_links = self._last_links(Model._name, keys)
        to_create = []
        for staging, key, vals, post, create_defaults, refs in prepared:
            vals_hash = _hash([vals, refs])
            record = existing.get(key)
            if record:
                link = last_links.get(key)
                if link and link.vals_hash == vals_hash:
                    self._done(staging, record, counters, "unchanged")
                else:
                    self._update(mapping, record, staging, vals, vals_hash, counters)
                if refs:
                    deferred.append((staging, record, refs, False))
                continue
            to_create.append((staging, key, dict(create_defaults, **vals), post, vals_hash, refs))
        self._create(mapping, Model, to_create, counters, deferred)

    def _check_duplicates(self, mapping, Model, columns, prepared, existing):
        """Warn of rows that look like the same record: twice in the file, or already in
        Odoo under no source id of theirs. Both load; a person merges or fixes them."""
        keys = [k for k in self.profile.dedupe_keys.get(mapping.kind, []) if k in Model._fields]
        seen = self._dedupe.setdefault(mapping.id, {})
        obj = mapping.object_id
        for field in keys:
            column = columns.filtered(lambda ln, f=field: ln.target_name == f)[:1].source_name
            kind_of_key = "email" if "email" in field else "name"
            new = {}
            for staging, key, vals, *_rest in prepared:
                token = values.dedupe_token(kind_of_key, vals.get(field))
                if not token:
                    continue
                first = seen.setdefault((field, token), (staging.row_number, staging.source_id))
                if first[0] != staging.row_number:
                    self.issue(
                        "%s: %r is also in row %s (source id %s); possibly the same record "
                        "twice. Both were loaded: merge them in Odoo or fix the export."
                        % (self._where(obj, staging, column), vals[field], *first),
                        "possible_duplicate",
                        obj=obj,
                        staging=staging,
                        column=column,
                        severity="warning",
                    )
                elif key not in existing:
                    new.setdefault(token, []).append((staging, vals[field]))
            self._check_odoo_duplicates(mapping, Model, field, kind_of_key, column, new)

    def _check_odoo_duplicates(self, mapping, Model, field, kind_of_key, column, new):
        if not new:
            return
        for staging, value in (item for token in new for item in new[token]):
            token = values.dedupe_token(kind_of_key, value)
            for record_id, name in self._odoo_index(mapping, Model, field, kind_of_key).get(
                token, []
            ):
                self.issue(
                    "%s: %r looks like %s (id %s), which was already in Odoo; a new record "
                    "was created. Merge them in Odoo if they are the same."
                    % (self._where(mapping.object_id, staging, column), value, name, record_id),
                    "possible_duplicate",
                    obj=mapping.object_id,
                    staging=staging,
                    column=column,
                    severity="warning",
                )

    def _odoo_index(self, mapping, Model, field, kind_of_key):
        """The records that were in Odoo before any migration, by dedupe token (once a run)."""
        cache_key = (Model._name, field, mapping.kind)
        if cache_key not in self._lookups:
            domain = [("x_source_id", "=", False), (field, "!=", False)]
            if "is_company" in Model._fields:
                domain.append(("is_company", "=", mapping.kind == "company"))
            index = {}
            for row in Model.search_read(domain, [field, "display_name"]):
                token = values.dedupe_token(kind_of_key, row[field])
                index.setdefault(token, []).append((row["id"], row["display_name"]))
            self._lookups[cache_key] = index
        return self._lookups[cache_key]

    def _last_links(self, model, keys):
        links = self.env["migration.record.link"].search(
            [("model", "=", model), ("source_key", "in", keys), ("rolled_back", "=", False)],
            order="id",
        )
        return {link.source_key: link for link in links}

    def _fail(self, staging, counters, error, obj):
        self.issue(error.message, error.code, obj=obj, staging=staging, column=error.column)
        self._mark(staging, "failed", error.message)
        counters["failed"] += 1

    def _done(self, staging, record, counters, outcome):
        counters[outcome] += 1
        self._mark(staging, "loaded", outcome, record)

    def _mark(self, staging, state, message, record=None):
        """Remember a row's outcome; written in one query per batch by _flush_marks."""
        self._marks[staging.id] = (
            state,
            message,
            record._name if record else None,
            record.id if record else None,
        )

    def _flush_marks(self):
        if not self._marks:
            return
        Staging = self.env["migration.staging.record"]
        Staging.flush_model()
        values = [(key,) + outcome for key, outcome in self._marks.items()]
        self.env.cr.execute(
            "UPDATE migration_staging_record AS s SET state = v.state, message = v.message, "
            "res_model = v.res_model, res_id = v.res_id::integer FROM (VALUES %s) "
            "AS v(id, state, message, res_model, res_id) WHERE s.id = v.id"
            % ", ".join(["(%s, %s, %s, %s, %s)"] * len(values)),
            [item for row in values for item in row],
        )
        Staging.browse(list(self._marks)).invalidate_recordset(
            ["state", "message", "res_model", "res_id"]
        )
        self._marks = {}

    def _link(self, mapping, record, staging, operation, vals_hash, previous=None):
        return {
            "run_id": self.run.id,
            "project_id": self.project.id,
            "model": record._name,
            "res_id": record.id,
            "source_object": mapping.object_id.object_name,
            "source_id": staging.source_id,
            "source_key": record.x_source_id,
            "row_number": staging.row_number,
            "row_hash": staging.row_hash,
            "vals_hash": vals_hash,
            "operation": operation,
            "previous_values": previous,
        }

    # ------------------------------------------------------------------
    # Create and update
    # ------------------------------------------------------------------
    def _create(self, mapping, Model, to_create, counters, deferred):
        if not to_create:
            return
        created = []
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                records = Model.create([item[2] for item in to_create])
            created = list(zip(to_create, records, strict=True))
        except WRITE_ERRORS as batch_error:
            _logger.info("batch create failed (%s), retrying row by row", batch_error)
            for item in to_create:
                try:
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        record = Model.create(item[2])
                    created.append((item, record))
                except WRITE_ERRORS as error:
                    self._refused(mapping, item[0], counters, error, "the record")
        links = []
        post_dates = []
        for (staging, _key, vals, post, vals_hash, refs), record in created:
            self._done(staging, record, counters, "created")
            links.append(self._link(mapping, record, staging, "created", vals_hash))
            if post:
                post_dates.append((record, post))
            if refs:
                deferred.append((staging, record, refs, True))
            if self.run.kind == "sample":
                self._sample_vals.append((mapping, staging, record, vals))
        self.env["migration.record.link"].create(links)
        self._write_dates(Model, post_dates)

    def _refused(self, mapping, staging, counters, error, what):
        message = "%s: Odoo refused %s: %s" % (
            self._where(mapping.object_id, staging),
            what,
            self._error_text(error),
        )
        self._fail(staging, counters, RowError(message, code="write_failed"), mapping.object_id)

    @staticmethod
    def _error_text(error):
        if isinstance(error, PsycopgError):
            return (error.pgerror or str(error)).strip().splitlines()[0]
        return getattr(error, "args", [str(error)])[0] if error.args else str(error)

    def _diff(self, record, vals):
        changed = {}
        for name, value in vals.items():
            field = record._fields[name]
            if _comparable(field, record[name]) != _comparable(field, value):
                changed[name] = value
        return changed

    def _update(self, mapping, record, staging, vals, vals_hash, counters):
        changed = self._diff(record, vals)
        if not changed:
            self._done(staging, record, counters, "unchanged")
            return
        previous = {name: _serializable(record._fields[name], record[name]) for name in changed}
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                record.write(changed)
        except WRITE_ERRORS as error:
            self._refused(mapping, staging, counters, error, "the update")
            return
        self._done(staging, record, counters, "updated")
        self.env["migration.record.link"].create(
            self._link(mapping, record, staging, "updated", vals_hash, previous)
        )
        if self.run.kind == "sample":
            self._sample_vals.append((mapping, staging, record, vals))

    def _write_dates(self, Model, post_dates):
        """Keep the source's creation (and closing) dates: the ORM sets its own."""
        by_column = {}
        for record, post in post_dates:
            for column, value in post.items():
                by_column.setdefault(column, []).append((record.id, value))
        Model.flush_model()
        for column, pairs in by_column.items():
            self.env.cr.execute(
                'UPDATE "%s" AS t SET "%s" = v.value::timestamp FROM (VALUES %s) AS v(id, value) '
                "WHERE t.id = v.id" % (Model._table, column, ", ".join(["(%s, %s)"] * len(pairs))),
                [item for pair in pairs for item in pair],
            )
        if by_column:
            Model.invalidate_model(list(by_column))

    def _resolve_self_references(self, mapping, Model, deferred, counters):
        """Second pass: parents inside the same object (company hierarchy)."""
        obj = mapping.object_id
        for staging, record, refs, was_created in deferred:
            vals = {}
            for name, (raw, column) in refs.items():
                target = self._find_partner_ref(mapping.kind, raw, own=True)
                if not target:
                    self._orphan(obj, staging, column, raw)
                    continue
                if target == record.id:
                    continue
                vals[name] = target
            if vals.get("parent_id") and self._own_address(
                Model, {f: record[f] for f in self._address_fields(Model)}, vals["parent_id"]
            ):
                vals["type"] = "other"
            changed = self._diff(record, vals)
            if not changed:
                continue
            if not was_created and staging.message == "unchanged":
                counters["unchanged"] -= 1
                counters["updated"] += 1
                previous = {n: _serializable(record._fields[n], record[n]) for n in changed}
                self.env["migration.record.link"].create(
                    self._link(mapping, record, staging, "updated", _hash([vals]), previous)
                )
                self._mark(staging, "loaded", "updated", record)
            record.write(changed)

    @staticmethod
    def _address_fields(Model):
        return Model._address_fields() if hasattr(Model, "_address_fields") else []

    def _own_address(self, Model, values, parent_id):
        """Whether a child partner has an address of its own, not its parent's.

        Odoo copies the parent's address onto a child of type contact; a subsidiary
        (or a person) with an address of its own is kept as an *Other Address*, so
        that nothing of the source is overwritten.
        """
        parent = Model.browse(parent_id)
        fields_ = self._address_fields(Model)
        own = {f: _comparable(Model._fields[f], values.get(f)) for f in fields_ if values.get(f)}
        return any(own[f] != _comparable(Model._fields[f], parent[f]) for f in own)

    # ------------------------------------------------------------------
    # Row values
    # ------------------------------------------------------------------
    def _row_vals(self, mapping, Model, columns, staging, self_refs):
        """Values for one row: (vals, dates to keep, create-only values, deferred refs)."""
        obj = mapping.object_id
        payload = staging.payload or {}
        vals = dict(self.profile.kind_spec(mapping.kind).defaults or {})
        post = {}
        create_defaults = {}
        refs = {}
        name_parts = {}
        status = None
        contact_id = None
        for column in columns:
            target = column.target_name
            raw = (payload.get(column.source_name) or "").strip()
            if target == "x_source_id":
                continue
            if target in ("_first_name", "_last_name"):
                name_parts[target] = raw
                continue
            if target == "_contact":
                if raw:
                    contact = self._find_partner_ref(mapping.kind, raw, field_name=target)
                    if contact:
                        contact_id = contact
                    else:
                        self._orphan(obj, staging, column.source_name, raw)
                continue
            if target in ("stage_id", "_status"):
                if raw:
                    status = self._stage_value(mapping, column, raw, staging, status)
                continue
            if target == "user_id" and column.model_name == "crm.lead":
                create_defaults["user_id"] = False
            if not raw:
                continue
            if target == "create_date":
                post["create_date"] = self._parse(values.parse_datetime, raw, obj, staging, column)
                continue
            if target in self_refs:
                refs[target] = (raw, column.source_name)
                continue
            field = Model._fields.get(target)
            if field is None:
                raise RowError(
                    "%s: the target field %s no longer exists on %s"
                    % (self._where(obj, staging, column.source_name), target, Model._name),
                    column=column.source_name,
                    code="unknown_field",
                )
            value = self._convert(mapping, field, raw, staging, column, vals)
            if value is not None:
                vals[target] = value
        if name_parts:
            full = " ".join(
                p for p in (name_parts.get("_first_name"), name_parts.get("_last_name")) if p
            )
            if full:
                vals["name"] = full
        if contact_id:
            vals["partner_id"] = contact_id
        if Model._name == "res.partner" and vals.get("parent_id"):
            if self._own_address(Model, vals, vals["parent_id"]):
                vals["type"] = "other"
        if status:
            self._apply_status(mapping, vals, post, status, payload, columns)
        self._check_mandatory(mapping, columns, staging, vals, name_parts)
        return vals, post, create_defaults, refs

    def _check_mandatory(self, mapping, columns, staging, vals, name_parts):
        """The profile's mandatory targets (a name...) must have a value in the row."""
        spec = self.profile.object_spec(mapping.kind)
        for required in spec.required if spec else ():
            options = required if isinstance(required, tuple) else (required,)
            if "x_source_id" in options:
                continue  # checked on its own, before the values
            if any(vals.get(t) or name_parts.get(t) for t in options):
                continue
            names = columns.filtered(lambda ln, o=options: ln.target_name in o).mapped(
                "source_name"
            )
            column = ", ".join(names) or None
            raise RowError(
                "%s: %s is blank and is mandatory"
                % (
                    self._where(mapping.object_id, staging, column),
                    " / ".join(names) or options[0],
                ),
                column=column,
                code="blank_mandatory",
            )

    def _parse(self, parser, raw, obj, staging, column):
        try:
            return parser(raw)
        except ValueError:
            raise RowError(
                "%s: %r is not a valid %s"
                % (
                    self._where(obj, staging, column.source_name),
                    raw,
                    {values.parse_datetime: "date and time", values.parse_date: "date"}.get(
                        parser, "value"
                    ),
                ),
                column=column.source_name,
                code="unparseable_date",
            ) from None

    def _convert(self, mapping, field, raw, staging, column, row_vals):
        obj = mapping.object_id
        where = self._where(obj, staging, column.source_name)
        ftype = field.type
        try:
            if ftype in ("char", "text"):
                if field.name in ("email", "email_from") and not values.is_email(raw):
                    raise RowError(
                        "%s: %r is not a valid email address" % (where, raw),
                        column=column.source_name,
                        code="invalid_email",
                    )
                return raw
            if ftype == "html":
                return plaintext2html(raw)
            if ftype == "boolean":
                return values.parse_bool(raw)
            if ftype == "integer":
                number = values.parse_number(raw)
                if number != int(number):
                    raise ValueError(raw)
                return int(number)
            if ftype == "monetary":
                return values.parse_money(raw)[0]
            if ftype == "float":
                return values.parse_number(raw)
            if ftype == "date":
                return values.parse_date(raw)
            if ftype == "datetime":
                return values.parse_datetime(raw)
            if ftype == "selection":
                return self._selection(field, raw, where, column)
        except ValueError:
            raise RowError(
                "%s: %r is not a valid %s" % (where, raw, ftype),
                column=column.source_name,
                code="unparseable_date" if ftype in ("date", "datetime") else "invalid_value",
            ) from None
        if ftype == "many2one":
            return self._many2one(mapping, field, raw, staging, column, row_vals)
        if ftype == "many2many":
            ids = [
                self._find_or_create(field.comodel_name, name) for name in values.split_list(raw)
            ]
            return [fields.Command.set([i for i in ids if i])]
        raise RowError(
            "%s: fields of type %s cannot be loaded from a column" % (where, ftype),
            column=column.source_name,
            code="unsupported_target",
        )

    def _selection(self, field, raw, where, column):
        options = field._description_selection(self.env)
        for key, label in options:
            if str(key).lower() == raw.lower() or str(label).lower() == raw.lower():
                return key
        raise RowError(
            "%s: %r is not one of the allowed values (%s)"
            % (where, raw, ", ".join(str(label) for _key, label in options)),
            column=column.source_name,
            code="invalid_value",
        )

    def _many2one(self, mapping, field, raw, staging, column, row_vals):
        obj = mapping.object_id
        comodel = field.comodel_name
        if comodel == "res.users":
            user = self._match_user(raw)
            if not user:
                self.issue(
                    "%s: owner %r matches no Odoo user (active or archived) by email, login "
                    "or name; the record was loaded without an owner. Choose the user in the "
                    "project's Owners tab (or create it) and run a delta to set it."
                    % (self._where(obj, staging, column.source_name), raw),
                    "unmatched_owner",
                    obj=obj,
                    staging=staging,
                    column=column.source_name,
                    severity="warning",
                )
            return user or None
        if comodel == "res.partner":
            target = self._find_partner_ref(mapping.kind, raw, field_name=field.name)
            if not target:
                self._orphan(obj, staging, column.source_name, raw)
            return target or None
        if comodel == "res.country":
            return self._country(raw, obj, staging, column)
        if comodel == "res.country.state":
            return self._state(raw, row_vals.get("country_id"), obj, staging, column)
        found = self._find_or_create(comodel, raw)
        if not found:
            label = self.env[comodel]._description
            self._unresolved(label, "unmatched_reference", raw, obj, staging, column)
        return found or None

    def _orphan(self, obj, staging, column, raw):
        self.issue(
            "%s: %r is not in the export nor in Odoo; the record was loaded without it. "
            "Add the missing record to the export, or fix the reference."
            % (self._where(obj, staging, column), raw),
            "orphan_reference",
            obj=obj,
            staging=staging,
            column=column,
            severity="warning",
        )

    # ------------------------------------------------------------------
    # Resolvers
    # ------------------------------------------------------------------
    def _match_user(self, raw):
        """The user an owner value stands for: the project's owner matches first."""
        if self._users is None:
            self._users = {
                m.source_value.strip().lower(): m.user_id.id or None
                for m in self.project.owner_match_ids
            }
        token = raw.strip().lower()
        if token not in self._users:
            self._users[token] = self.env["migration.owner.match"]._match(raw)[0].id or None
        return self._users[token]

    def _referenced_kinds(self, kind, field_name, own):
        if own:
            return (kind,)
        spec = self.profile.object_spec(kind)
        return tuple((spec.references if spec else {}).get(field_name) or ("company", "contact"))

    def _find_partner_ref(self, kind, raw, field_name="parent_id", own=False):
        kinds = self._referenced_kinds(kind, field_name, own)
        Partner = self.env["res.partner"]
        keys = [self.key(k, raw) for k in kinds]
        found = Partner.search([("x_source_id", "in", keys)])
        if found:
            by_key = {p.x_source_id: p.id for p in found}
            return next(by_key[k] for k in keys if k in by_key)
        domain = [("name", "=ilike", raw)]
        if kinds == ("company",):
            domain.append(("is_company", "=", True))
        found = Partner.search(domain, order="is_company desc, id", limit=1)
        return found.id or None

    def _country(self, raw, obj, staging, column):
        key = ("res.country", raw.lower())
        if key not in self._lookups:
            Country = self.env["res.country"]
            # A two-letter value is an ISO code; Odoo cuts longer values to the code's size.
            domain = [("code", "=ilike", raw)] if len(raw) == 2 else [("name", "=ilike", raw)]
            if raw.lower() in COUNTRY_ALIASES:
                domain = [("code", "=", COUNTRY_ALIASES[raw.lower()])]
            self._lookups[key] = Country.search(domain, limit=1).id or None
        if not self._lookups[key]:
            self._unresolved("country", "unknown_country", raw, obj, staging, column)
        return self._lookups[key]

    def _state(self, raw, country_id, obj, staging, column):
        key = ("res.country.state", raw.lower(), country_id)
        if key not in self._lookups:
            domain = ["|", ("code", "=ilike", raw), ("name", "=ilike", raw)]
            if country_id:
                domain = [("country_id", "=", country_id)] + domain
            self._lookups[key] = self.env["res.country.state"].search(domain, limit=1).id or None
        if not self._lookups[key]:
            self._unresolved("state", "unknown_state", raw, obj, staging, column)
        return self._lookups[key]

    def _unresolved(self, what, code, raw, obj, staging, column):
        self.issue(
            "%s: %s %r is not known to Odoo; the field was left empty"
            % (self._where(obj, staging, column.source_name), what, raw),
            code,
            obj=obj,
            staging=staging,
            column=column.source_name,
            severity="warning",
        )

    def _find_or_create(self, model, name):
        """A record of ``model`` named ``name``; created (and linked) when new."""
        cache = self._names.setdefault(model, {})
        token = name.strip().lower()
        if token in cache:
            return cache[token]
        Model = self.env[model]
        found = Model.search([(Model._rec_name, "=ilike", name.strip())], limit=1)
        if not found and model in CREATABLE:
            found = self._create_aux(model, {Model._rec_name: name.strip()})
        cache[token] = found.id or None
        return cache[token]

    def _create_aux(self, model, vals):
        """Create a stage, team, tag... the source needs; linked so rollback removes it."""
        Model = self.env[model]
        name = vals[Model._rec_name]
        if "x_source_id" in Model._fields:
            vals = dict(vals, x_source_id=self.key(AUX_KINDS[model], name))
        record = Model.create(vals)
        self.env["migration.record.link"].create(
            {
                "run_id": self.run.id,
                "project_id": self.project.id,
                "model": model,
                "res_id": record.id,
                "source_object": AUX_KINDS[model],
                "source_id": name,
                "source_key": vals.get("x_source_id"),
                "operation": "created",
            }
        )
        self.log("created %s %r" % (model, name))
        return record

    # ------------------------------------------------------------------
    # Stages, won and lost
    # ------------------------------------------------------------------
    def _stage_value(self, mapping, column, raw, staging, status):
        value = mapping.value_ids.filtered(
            lambda v: v.confirmed and v.source_value.lower() == raw.lower()
        )[:1]
        if not value:
            raise RowError(
                "%s: stage %r is not in the confirmed stage map; review the stage map "
                "and confirm the mapping again to load this row"
                % (self._where(mapping.object_id, staging, column.source_name), raw),
                column=column.source_name,
                code="unknown_stage",
            )
        previous = status or {}
        if value.action == "stage":
            return dict(previous, stage=self._stage(value))
        if value.action in ("won", "lost"):
            return dict(previous, outcome=value.action)
        return previous or None

    def _stage(self, value):
        if value.id in self._stage_map:
            return self._stage_map[value.id]
        stage = value.stage_id
        if not stage:
            name = (value.stage_name or value.source_value).strip()
            Stage = self.env["crm.stage"]
            stage = Stage.search([("name", "=ilike", name), ("is_won", "=", False)], limit=1)
            if not stage:
                last = Stage.search([("is_won", "=", False)], order="sequence desc", limit=1)
                stage = self._create_aux(
                    "crm.stage", {"name": name, "sequence": (last.sequence or 0) + 1}
                )
        self._stage_map[value.id] = stage.id
        return stage.id

    def _won_stage_id(self):
        if self._won_stage is None:
            stage = self.env["crm.stage"].search(
                [("is_won", "=", True)], order="sequence", limit=1
            )
            if not stage:
                stage = self._create_aux(
                    "crm.stage", {"name": "Won", "is_won": True, "sequence": 70}
                )
            self._won_stage = stage.id
        return self._won_stage

    def _apply_status(self, mapping, vals, post, status, payload, columns):
        if status.get("stage"):
            vals["stage_id"] = status["stage"]
        outcome = status.get("outcome")
        if outcome == "won":
            vals["stage_id"] = self._won_stage_id()
            vals["probability"] = 100.0
        elif outcome == "lost":
            vals["active"] = False
            vals["probability"] = 0.0
            if not vals.get("lost_reason_id"):
                vals["lost_reason_id"] = self.env.ref("migration_bridge.lost_reason_migrated").id
        if outcome and vals.get("date_deadline"):
            post["date_closed"] = datetime.datetime.combine(
                vals["date_deadline"], datetime.time(12, 0)
            )

    # ------------------------------------------------------------------
    # Sample verification
    # ------------------------------------------------------------------
    def verify_sample(self):
        """Read each sampled record back and compare it field by field."""
        mismatches = 0
        for mapping, staging, record, vals in self._sample_vals:
            record.invalidate_recordset()
            for name, value in self._diff(record, vals).items():
                field = record._fields[name]
                mismatches += 1
                self.issue(
                    "%s: after loading, %s is %r where the source gives %r"
                    % (
                        self._where(mapping.object_id, staging),
                        field.string,
                        _serializable(field, record[name]),
                        _serializable(field, value),
                    ),
                    "sample_diff",
                    obj=mapping.object_id,
                    staging=staging,
                    column=name,
                    severity="warning",
                )
        self.log(
            "sample verification: %s records read back, %s differences"
            % (len(self._sample_vals), mismatches)
        )

    # ------------------------------------------------------------------
    # Rollback
    # ------------------------------------------------------------------
    def rollback(self):
        """Undo the run's links, newest first; return (deleted, restored, failed)."""
        deleted = restored = failed = 0
        links = self.run.link_ids.filtered(lambda ln: not ln.rolled_back).sorted(
            "id", reverse=True
        )
        for link in links:
            if link.model not in self.env:
                continue
            record = self.env[link.model].browse(link.res_id).exists()
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    if record and link.operation == "created":
                        record.unlink()
                    elif record and link.operation == "updated":
                        record.write(self._restore_values(record, link.previous_values or {}))
            except WRITE_ERRORS as error:
                failed += 1
                self.issue(
                    "Rollback could not undo %s %s (%s): %s"
                    % (link.model, link.res_id, link.source_key, self._error_text(error)),
                    "rollback_failed",
                    severity="warning",
                )
                continue
            if record and link.operation == "created":
                deleted += 1
            elif record:
                restored += 1
            link.rolled_back = True
        return deleted, restored, failed

    @staticmethod
    def _restore_values(record, previous):
        vals = {}
        for name, value in previous.items():
            field = record._fields.get(name)
            if field is None:
                continue
            if field.type in ("many2many", "one2many"):
                value = [fields.Command.set(value or [])]
            vals[name] = value
        return vals

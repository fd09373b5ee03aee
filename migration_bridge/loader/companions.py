"""One row making two records: the companions of an object's rows
(``services/profiles/base.Companion``), read in this one place of the loader.

Once an object's rows are written (``ObjectLoad.finish``), each row's record also gets
its companion where the companion's app is installed: a job's deal its
``project.task``, an ELMA365 project's deal its ``project.project`` (and the project's
child rows, ``Children``, its tasks in it). The companion's adapter gives its values
(``companion_values``, ``child_values``); this module finds the rows, reads the
columns the companion names beside the mapping, matches its users as owners are, and
writes and links the records:

- a companion is linked to the run as every migrated record is
  (``migration.record.link``), its ``refs`` naming the row's record
  (``{"crm.lead": [id]}``: Odoo Community has no field between a task and a deal),
  under the source key ``<kind>_<key>:<source id>`` (``booking_task:10408``);
- a delta finds it by that key: unchanged, or updated with its previous values on
  the link; a rollback deletes or restores it before the row's record (links are
  undone newest first);
- a companion that cannot be written is a warning on its row: the row's record
  loaded, and companions are no rows (the object's counts are its rows' alone).

Where the companion's app is not installed the profile (``Profile.for_apps``) has left
it out and listed it on Does not migrate; the project's inventory says so too, once the
object is loaded ("install Project to migrate the bookings' tasks").
"""

from ..services import transform, values
from .write import WRITE_ERRORS, comparable, error_text, serializable

USERS = "user_ids"  # a companion's users: several owners in one cell, matched as owners


def write(load):
    """The companions of ``load``'s object, once its rows are written."""
    profile = load.ctx.profile
    spec = profile.object_spec(load.kind) if load.kind else None
    for companion in spec.companions if spec else ():
        if companion.model in load.env:
            Companions(load, companion).run()
    if load.kind in profile.kinds:
        _list_missing(load, profile.missing_companions(load.kind))


def _list_missing(load, entries):
    """The companions the profile left out for their missing app, on the project's
    Does not migrate tab (one item per companion of the object)."""
    Item = load.env["migration.inventory.item"].sudo()
    for entry in entries:
        Item.search([("object_id", "=", load.obj.id), ("artifact", "=", entry.object)]).unlink()
        Item.create(
            {
                "project_id": load.ctx.project.id,
                "object_id": load.obj.id,
                "file_name": load.obj.name,
                "artifact": entry.object,
                "name": load.obj.name,
                "details": "%s rows" % load.line.source_rows,
                "equivalent": entry.equivalent,
                "note": entry.note,
            }
        )


class Companions:
    """The companions of one object's written rows."""

    def __init__(self, load, companion):
        self.load = load
        self.ctx = load.ctx
        self.env = load.env
        self.companion = companion
        self.adapter = self.ctx.adapter(companion.model)
        self.headers = load.obj.headers or []

    def key(self, word, source_id):
        return "%s_%s:%s" % (self.load.plan.key_kind, word, source_id)

    def run(self):
        within = self._within()
        if within is False:
            return
        children = self._children()
        Staging = self.env["migration.staging.record"]
        for ids in Staging._written_chunks(self.load.obj, self.ctx.run, self.ctx.chunk_size):
            rows = Staging.browse(ids).filtered(lambda s: s.res_model == self.load.model)
            self._write_rows(rows, within, children)

    def _within(self):
        """The record named after the object that holds the companions (the project
        *Bookings*); None when the companion has none, False when it cannot be had."""
        model = self.companion.within
        if not model:
            return None
        label = self.ctx.profile.kinds[self.load.kind].label
        name = label.split("(")[0].strip() or self.load.obj.name
        record = self.ctx.adapter(model).named(name)
        if not record:
            self.ctx.log(
                "%s: no %s for its %s (%s)"
                % (
                    self.load.obj.name,
                    model,
                    self.companion.label,
                    self.ctx.refusal(model) or "name too long",
                )
            )
            return False
        return record

    # ------------------------------------------------------------------
    @staticmethod
    def _cells(spec, payload, headers, skip=()):
        """{target: the first value its headers give} of one row (``spec.synonyms``)."""
        out = {}
        for target in spec.synonyms:
            if target in skip:
                continue
            for header in spec.headers(target, headers):
                value = str(payload.get(header) or "").strip()
                if value:
                    out[target] = value
                    break
        return out

    def _write_rows(self, rows, within, children):
        mains = {r.id: r for r in self.env[self.load.model].browse(rows.mapped("res_id")).exists()}
        user_columns = self.companion.headers(USERS, self.headers)
        prepared, lookups = [], []
        for staging in rows:
            main = mains.get(staging.res_id)
            if not main:
                continue
            payload = staging.payload or {}
            tokens = tuple(
                token
                for column in user_columns
                for token in values.split_list(str(payload.get(column) or ""))
                if token.strip()
            )
            lookup = None
            if tokens:
                lookup = transform.Lookup(
                    USERS, transform.LOOKUP_USER, "res.users", tokens, user_columns[0], multi=True
                )
                lookups.append(lookup)
            prepared.append((staging, main, lookup))
        resolved = self.ctx.resolver.resolve(lookups, self.load) if lookups else None
        for staging, main, lookup in prepared:
            users = []
            if lookup is not None:
                users = [
                    found[1] if isinstance(found, tuple) else found
                    for found in (resolved.get(lookup, t) for t in lookup.tokens)
                    if found
                ]
            given = self._cells(self.companion, staging.payload or {}, self.headers, skip=(USERS,))
            try:
                vals = self.adapter.companion_values(
                    self.load.view, staging, main, given, users, within
                )
                record = self._write_one(
                    staging,
                    main,
                    self.companion.model,
                    self.key(self.companion.key, staging.source_id),
                    vals,
                )
            except WRITE_ERRORS as error:
                self._warn(staging, self.companion.label, error)
                continue
            for number, payload, headers in children.get(str(staging.source_id), ()):
                self._write_child(staging, main, record, number, payload, headers)

    # ------------------------------------------------------------------
    def _children(self):
        """{parent source id: [(row number, payload)]} of the child rows that become
        records inside the companions (``Children``), from the objects of their kind
        nested in this one (``hub-a.projects._tasks``), else of any of that kind."""
        spec = self.companion.children
        if spec is None or spec.model not in self.env:
            return {}
        Object = self.env["migration.source.object"]
        objects = Object.search(
            [
                ("project_id", "=", self.ctx.project.id),
                ("mapping_id.kind", "=", spec.kind),
                ("mapping_id.state", "!=", "set_aside"),
            ]
        )
        prefix = self.load.obj.object_name + "."
        nested = objects.filtered(lambda o: o.object_name.startswith(prefix))
        out = {}
        for obj in nested or objects:
            parent = spec.headers("_parent", obj.headers or [])
            if not parent:
                continue
            rows = obj.staging_ids.filtered(lambda s: s.state != "excluded").sorted("row_number")
            for row in rows:
                payload = row.payload or {}
                key = str(payload.get(parent[0]) or "").strip()
                if key:
                    out.setdefault(key, []).append((row.row_number, payload, obj.headers or []))
        return out

    def _write_child(self, staging, main, record, number, payload, headers):
        spec = self.companion.children
        given = self._cells(spec, payload, headers, skip=("_parent",))
        source_id = given.pop("x_source_id", None) or "%s/%s" % (staging.source_id, number)
        adapter = self.ctx.adapter(spec.model)
        try:
            vals = adapter.child_values(self.load.view, main, record, given)
            self._write_one(staging, main, spec.model, self.key(spec.key, source_id), vals)
        except WRITE_ERRORS as error:
            self._warn(staging, "%s %s" % (self.companion.label, source_id), error)

    def _warn(self, staging, what, error):
        self.ctx.issue(
            "%s: the record loaded, its %s did not: %s"
            % (self.load.where(staging), what, error_text(error)),
            "write_failed",
            obj=self.load.obj,
            staging=staging,
            severity="warning",
        )

    # ------------------------------------------------------------------
    def record_of(self, model, key):
        """The record of ``model`` a run of this project made under ``key``."""
        link = (
            self.env["migration.record.link"]
            .sudo()
            .search(
                [
                    ("project_id", "=", self.ctx.project.id),
                    ("model", "=", model),
                    ("source_key", "=", key),
                    ("operation", "=", "created"),
                    ("rolled_back", "=", False),
                ],
                order="id desc",
                limit=1,
            )
        )
        record = self.env[model].browse(link.res_id).exists() if link else None
        return record or None

    def _write_one(self, staging, main, model, key, vals):
        """Create the companion under ``key``, or update what changed; linked either
        way (an unchanged one is not)."""
        Link = self.env["migration.record.link"]
        link = {
            "run_id": self.ctx.run.id,
            "project_id": self.ctx.project.id,
            "model": model,
            "source_object": self.load.obj.object_name,
            "source_id": staging.source_id,
            "source_key": key,
            "row_number": staging.row_number,
            "refs": {main._name: [main.id]},
        }
        with self.env.cr.savepoint():
            record = self.record_of(model, key)
            if record is None:
                record = self.env[model].create(vals)
                Link.create(dict(link, res_id=record.id, operation="created"))
                return record
            changed = {
                name: value
                for name, value in vals.items()
                if comparable(record._fields[name], record[name])
                != comparable(record._fields[name], value)
            }
            if changed:
                previous = {n: serializable(record._fields[n], record[n]) for n in changed}
                record.write(changed)
                Link.create(
                    dict(link, res_id=record.id, operation="updated", previous_values=previous)
                )
        return record

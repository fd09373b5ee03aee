"""What every target model shares; an adapter overrides what its model does otherwise."""

from ...services import targets, transform
from ...services.errors import RowError


class TargetAdapter:
    """Writes the records of one target model.

    ``models``: the models a row of this target may end up in (a done task is a
    message), searched for existing records by ``x_source_id``. ``row_values``
    turns a row's assembled values into what the ORM takes; ``route`` says which
    model a row is created in; ``after_create``, ``finish_object`` and
    ``finish_run`` are the model's last steps.
    """

    model = None
    # False: the rows are read, never written (a directory of the source's users).
    writes = True
    reason = None
    # The kind prefix of its records a run creates by name (a tag: 'tag:VIP').
    aux_kind = None
    # What a record needs to land on another (an engagement on a deal): res_model/res_id.
    attaches = False
    # It names that record by its model's ir.model id (activities, events).
    attach_by_model_id = False
    # The record's own date fields the source's dates go to, besides create/write dates.
    date_columns = ("create_date", "write_date")
    # Columns the ORM will not take (it computes them) that this model writes in SQL.
    sql_columns = ()

    def __init__(self, ctx, Model):
        self.ctx = ctx
        self.env = ctx.env
        self.Model = Model
        self.models = (Model._name,)
        self._model_ids = {}

    def model_id(self, model):
        """The ir.model id of a model (activities and events name their record so)."""
        if model not in self._model_ids:
            self._model_ids[model] = self.env["ir.model"]._get_id(model)
        return self._model_ids[model]

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------
    def prepare_object(self, load):
        """Before the first chunk of an object (a pipeline's teams and stages)."""

    def extra_lookups(self, load, row):
        """References the model needs besides the mapped ones (a sender's partner)."""
        return []

    def row_values(self, load, staging, row, assembled, status):
        """The values to write for one row; RowError when the row cannot load."""
        vals = dict(assembled.vals)
        if self.attaches:
            if not assembled.attach:
                raise orphan(load, staging, row, self.Model._description.lower())
            vals.update(self.attach_values(*assembled.attach))
        return vals

    def attach_values(self, model, res_id):
        if self.attach_by_model_id:
            return {"res_model_id": self.model_id(model), "res_id": res_id}
        return {"res_model": model, "res_id": res_id}

    def route(self, vals):
        """The model a row's record is created in."""
        return self.model or self.Model._name

    def create_defaults(self, vals):
        """Values a new record gets that an update never writes."""
        return {}

    def update_values(self, record, vals):
        """The values an update compares and writes."""
        return vals

    def deferred_values(self, record, vals):
        """Values of references inside the object, once they are resolved."""
        return vals

    def before_deferred(self, records, target_ids):
        """Before ``deferred_values`` is asked for these records, which point to
        ``target_ids`` (records of the same model): a place to read them all at once."""

    def deferred_values_at_create(self, vals, refs):
        """Values of references inside the object already loaded, given at create
        with the row's other values ``vals``."""
        return refs

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def existing(self, keys):
        """Records already in Odoo under these source keys, whichever project wrote them.

        Found as superuser, so that a record the run's user cannot see (another
        company's) is not created a second time; they are returned in the user's
        environment, where updating one they may not change is refused."""
        found = {}
        for model in self.models:
            Model = self.env[model].sudo()
            for record in Model.search([("x_source_id", "in", keys)]):
                known = found.get(record.x_source_id)
                # A record archived when its row moved to another model (a task done
                # since: now a message) gives way to the record that replaced it.
                if known is None or (known._fields.get("active") and not known.active):
                    found[record.x_source_id] = record
        return {key: record.with_env(self.env) for key, record in found.items()}

    def create_records(self, model, vals_list):
        records = self.env[model].create(vals_list)
        self.write_sql(zip(records, vals_list, strict=True))
        return records

    def write_values(self, record, vals):
        """Write an update: through the ORM, and in SQL what the ORM will not take."""
        orm = {k: v for k, v in vals.items() if k not in self.sql_columns}
        if orm:
            record.write(orm)
        self.write_sql([(record, vals)])

    def write_sql(self, pairs):
        """The ``sql_columns`` of each (record, vals) pair, as given."""
        if not self.sql_columns:
            return
        for record, vals in pairs:
            given = {k: vals[k] for k in self.sql_columns if k in vals}
            if not given:
                continue
            record.flush_recordset()
            self.env.cr.execute(
                "UPDATE %s SET %s WHERE id = %%s"
                % (record._table, ", ".join('"%s" = %%s' % k for k in given)),
                [*given.values(), record.id],
            )
            record.invalidate_recordset(list(given))

    def after_create(self, load, items):
        """After a chunk's records are created."""

    def write_dates(self, pairs):
        """The source's dates, written after the ORM (which sets its own)."""
        by_model = {}
        for record, dates in pairs:
            for column, value in (dates or {}).items():
                if column in self.date_columns and column in record._fields:
                    by_model.setdefault(record._name, {}).setdefault(column, []).append(
                        (record.id, value)
                    )
        for model, columns in by_model.items():
            Model = self.env[model]
            Model.flush_model()
            for column, rows in columns.items():
                self.env.cr.execute(
                    'UPDATE "%s" AS t SET "%s" = v.value::timestamp FROM (VALUES %s) '
                    "AS v(id, value) WHERE t.id = v.id"
                    % (Model._table, column, ", ".join(["(%s, %s)"] * len(rows))),
                    [item for row in rows for item in row],
                )
            Model.invalidate_model(list(columns))

    def date_changes(self, record, dates):
        """The source dates that differ from the record's."""
        changed = {}
        for column, value in (dates or {}).items():
            if column in self.date_columns and column in record._fields:
                if record[column] != value:
                    changed[column] = value
        return changed

    def finish_object(self, load):
        """After the last chunk of an object."""

    def finish_run(self):
        """Once every object of the run is loaded."""

    @classmethod
    def unlink_records(cls, records):
        """Delete records a rollback undoes (a posted invoice is reset to draft first)."""
        records.unlink()

    # ------------------------------------------------------------------
    # Reading back
    # ------------------------------------------------------------------
    def verifiable(self, vals):
        """The values a sample run reads back and compares."""
        return vals


def source_key(kind, source_id):
    return transform.record_key(kind, source_id)


def orphan(load, staging, row, what):
    """Why a row whose record to land on is not in the export nor in Odoo fails."""
    refs = [
        (lk.column, lk.tokens)
        for lk in row.lookups
        if targets.get(lk.target) and targets.get(lk.target).role == targets.ROLE_ATTACH
    ]
    if not refs:
        return RowError(
            "%s: no column says which record this %s belongs to; map one (a deal, "
            "company or contact id) and confirm the mapping again" % (load.where(staging), what),
            code="orphan_reference",
        )
    columns = ", ".join(c for c, _t in refs)
    named = ", ".join(t for _c, tokens in refs for t in tokens)
    return RowError(
        "%s: the %s belongs to %s, which is not in the export nor in Odoo; it was not "
        "loaded. Add that record to the export (or load it first) and run a delta."
        % (load.where(staging, columns), what, named),
        column=columns,
        code="orphan_reference",
    )

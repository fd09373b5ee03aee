"""Two changes to how Odoo writes rows while a migration run loads.

``source_create_dates`` (every series): a migrated record is inserted with its creation
date in the source, rather than inserted and then updated.

``batched_flush`` (17.0 only, ``series.orm``): one UPDATE per set of columns when the run
flushes the records it writes (the models with ``x_source_id``), not one per record.
From saas-17.3 Odoo does this itself and ``batched_flush`` changes nothing.

Odoo 17 writes the pending values of a model with one ``UPDATE`` per distinct set
of values (``BaseModel._flush``). After a batch of creates those values differ from
record to record (a contact's display name, its normalized email and phone, a
deal's dates...), so flushing 500 new contacts costs some 1,500 queries. Inside
``batched_flush`` the ``_write`` calls of one flush are gathered by the columns
they set and sent as one ``UPDATE ... FROM (VALUES ...)`` per set, as Odoo 18 does
(``_write_multi``): the same values in the same columns, with the same
``write_uid`` and ``write_date``, at the end of the same flush.

A write that this cannot carry takes Odoo's path, after the gathered ones: a
translated column (its SQL merges languages) and a move in a parent_store
hierarchy (it updates ``parent_path`` too).
"""

from collections import defaultdict

from odoo import api, models
from odoo.models import LOG_ACCESS_COLUMNS
from odoo.tools import SQL
from odoo.tools.misc import split_every

from ..loader.hooks import (  # noqa: F401 - batched_flush, source_create_dates: re-exported
    _BATCHING,
    _CREATE_DATES,
    GATHER,
    batched_flush,
    source_create_dates,
)
from ..series import orm as series_orm

BATCH_ROWS = 1000


class _Gathered:
    """The writes of one flush: {(model, columns): [(id, value, ...)]}."""

    def __init__(self, env):
        self.env = env
        self.rows = defaultdict(list)

    def add(self, records, vals):
        vals = dict(vals)
        if records._log_access:
            vals.setdefault("write_uid", records.env.uid)
            vals.setdefault("write_date", records.env.cr.now())
        names = tuple(
            sorted(
                name
                for name, value in vals.items()
                if not (records._log_access and name in LOG_ACCESS_COLUMNS and not value)
            )
        )
        row = tuple(vals[name] for name in names)
        self.rows[records._name, names] += [(record_id,) + row for record_id in records._ids]

    def send(self):
        rows, self.rows = self.rows, defaultdict(list)
        for (model_name, names), model_rows in rows.items():
            model = self.env[model_name]
            table = SQL.identifier(model._table)
            columns = SQL(", ").join(SQL.identifier(name) for name in names)
            assignments = SQL(", ").join(
                SQL(
                    '%s = "__tmp".%s::%s',
                    SQL.identifier(name),
                    SQL.identifier(name),
                    SQL(model._fields[name].column_type[1]),
                )
                for name in names
            )
            for chunk in split_every(BATCH_ROWS, model_rows):
                self.env.cr.execute(
                    SQL(
                        'UPDATE %s SET %s FROM (VALUES %s) AS "__tmp"("id", %s) '
                        'WHERE %s."id" = "__tmp"."id"',
                        table,
                        assignments,
                        SQL(", ").join(chunk),
                        columns,
                        table,
                    )
                )


def _batchable(records, vals):
    if GATHER != "all" and "x_source_id" not in records._fields:
        return False  # not a record a run writes: Odoo's path
    if records._parent_store and records._parent_name in vals:
        return False
    return all(records._fields[name].translate is not True for name in vals)


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _create(self, data_list):
        dates = _CREATE_DATES.get(id(self.env.transaction))
        if dates and self._log_access and "x_source_id" in self._fields:
            for data in data_list:
                date = dates.pop(data["stored"].get("x_source_id"), None)
                if date:
                    data["stored"]["create_date"] = date
        return super()._create(data_list)


if not series_orm.GATHERS_FLUSH_WRITES:

    class BaseGatheredFlush(models.AbstractModel):
        _inherit = "base"

        def _flush(self, fnames=None):
            return _flush_gathered(self, fnames, super()._flush)

        def _write(self, vals):
            return _write_gathered(self, vals, super()._write)


def _gathering(env):
    key = id(env.transaction)
    if GATHER == "all" and key not in _BATCHING:
        # every transaction gathers; entries are few (one per transaction alive)
        _BATCHING[key] = []
    return _BATCHING.get(key)


def _flush_gathered(records, fnames, flush):
    gathering = _gathering(records.env)
    if gathering is None:
        return flush(fnames)
    for outer in gathering:  # an enclosing flush's writes come first, as in Odoo
        outer.send()
    gathered = _Gathered(records.env)
    gathering.append(gathered)
    try:
        result = flush(fnames)
    finally:
        gathering.remove(gathered)
    gathered.send()
    return result


def _write_gathered(records, vals, write):
    gathering = _gathering(records.env)
    if not gathering or not records:
        return write(vals)
    if not _batchable(records, vals):
        gathering[-1].send()
        return write(vals)
    gathering[-1].add(records, vals)
    return None

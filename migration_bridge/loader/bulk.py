"""Where a run writes to the database below the ORM, in one place: the bulk-SQL writers
and the hooks the ORM overrides read.

- ``write_outcomes``: the staged rows' outcomes (state, message, record, run), one
  ``UPDATE ... FROM (VALUES ...)`` per chunk;
- ``insert_links``: the links of created records, one ``INSERT`` per thousand;
- ``source_create_dates``: records created in the block are inserted with their creation
  date in the source (Odoo's ``create()`` drops a ``create_date`` it is given);
- ``batched_flush`` (17.0 only, ``series.orm``): the ``_write`` calls of one flush of
  the records a run writes, gathered by the columns they set and sent as one
  ``UPDATE ... FROM (VALUES ...)`` per set, as Odoo does itself from saas-17.3
  (``_write_multi``): the same values in the same columns, with the same ``write_uid``
  and ``write_date``, at the end of the same flush. A write that this cannot carry takes
  Odoo's path, after the gathered ones: a translated column (its SQL merges languages)
  and a move in a parent_store hierarchy (it updates ``parent_path`` too).

``models/base.py`` holds the ``_create``/``_flush``/``_write`` overrides, which call
``create_date_of``, ``flush_gathered`` and ``write_gathered`` here. Nothing here imports
from ``models/``.
"""

import json
import os
from collections import defaultdict
from contextlib import contextmanager

from odoo.models import LOG_ACCESS_COLUMNS
from odoo.tools import SQL
from odoo.tools.misc import split_every

from ..series import orm as series_orm

BATCH_ROWS = 1000

# ----------------------------------------------------------------------
# Staged rows' outcomes and record links
# ----------------------------------------------------------------------


def write_outcomes(env, marks, run_id):
    """Write the rows' outcomes, {staging id: (state, message, res_model, res_id)}, in
    one query per thousand rows, the run set on each."""
    if not marks:
        return
    Staging = env["migration.staging.record"]
    Staging.flush_model()
    rows = [(key,) + tuple(outcome) for key, outcome in marks.items()]
    for batch in split_every(BATCH_ROWS, rows):
        env.cr.execute(
            "UPDATE migration_staging_record AS s SET state = v.state, message = v.message, "
            "res_model = v.res_model, res_id = v.res_id::integer, run_id = %%s "
            "FROM (VALUES %s) AS v(id, state, message, res_model, res_id) WHERE s.id = v.id"
            % ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch)),
            [run_id] + [item for row in batch for item in row],
        )
    Staging.browse(list(marks)).invalidate_recordset(
        ["state", "message", "res_model", "res_id", "run_id"]
    )


LINK_COLUMNS = (
    "run_id",
    "project_id",
    "model",
    "res_id",
    "source_object",
    "source_id",
    "source_key",
    "row_number",
    "row_hash",
    "vals_hash",
    "settings_hash",
    "refs",
    "operation",
)
LINK_JSON_COLUMNS = ("refs",)


def insert_links(env, vals_list):
    """Links of created records, in one INSERT per thousand (a chunk writes hundreds;
    they have no previous values, no computed field to store)."""
    if not vals_list:
        return
    Link = env["migration.record.link"]
    series_orm.check_access(Link.browse(), "create")
    Link.flush_model()
    uid = env.uid
    row = "(%s, %%s, %%s, now() at time zone 'UTC', now() at time zone 'UTC')" % ", ".join(
        ["%s"] * len(LINK_COLUMNS)
    )
    for batch in split_every(BATCH_ROWS, vals_list):
        params = []
        for vals in batch:
            params += [
                json.dumps(vals[name])
                if name in LINK_JSON_COLUMNS and vals.get(name) is not None
                else vals.get(name) or None
                for name in LINK_COLUMNS
            ] + [uid, uid]
        env.cr.execute(
            "INSERT INTO migration_record_link (%s, create_uid, write_uid, create_date, "
            "write_date) VALUES %s" % (", ".join(LINK_COLUMNS), ", ".join([row] * len(batch))),
            params,
        )
    Link.invalidate_model()


# ----------------------------------------------------------------------
# Creation dates from the source
# ----------------------------------------------------------------------

# Keyed by the transaction's id (a transaction takes no weak reference from 19.0 on);
# each entry lives only inside its ``with`` block.
# transaction -> {x_source_id: creation date in the source}
_CREATE_DATES = {}


@contextmanager
def source_create_dates(env, dates):
    """Records created in the block whose ``x_source_id`` is a key of ``dates`` are
    inserted with that creation date. A key is removed from ``dates`` when its record is
    inserted, so what is left was not used."""
    key = id(env.transaction)
    _CREATE_DATES[key] = dates
    try:
        yield dates
    finally:
        del _CREATE_DATES[key]


def create_dates_of(records, data_list):
    """Set, in ``_create``'s data, the source's creation date of each record the open
    ``source_create_dates`` block names."""
    dates = _CREATE_DATES.get(id(records.env.transaction))
    if dates and records._log_access and "x_source_id" in records._fields:
        for data in data_list:
            date = dates.pop(data["stored"].get("x_source_id"), None)
            if date:
                data["stored"]["create_date"] = date


# ----------------------------------------------------------------------
# Gathered flushes (17.0)
# ----------------------------------------------------------------------

# MIGRATION_BRIDGE_GATHER (17.0): ``run`` (default) gathers the writes of a run's records;
# ``off`` never (the bench's comparison); ``all`` every flush of every model, a run or
# not (to run Odoo's own ORM tests with it on). No effect where Odoo gathers itself.
GATHER = os.environ.get("MIGRATION_BRIDGE_GATHER", "run")
# transaction -> the gathered writes of the flushes under way, innermost last
_BATCHING = {}


@contextmanager
def batched_flush(env):
    """Flushes of this transaction write in batches until the block ends (17.0)."""
    key = id(env.transaction)
    if series_orm.GATHERS_FLUSH_WRITES or GATHER == "off" or key in _BATCHING:
        yield
        return
    _BATCHING[key] = []
    try:
        yield
    finally:
        del _BATCHING[key]


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


def _gathering(env):
    key = id(env.transaction)
    if GATHER == "all" and key not in _BATCHING:
        # every transaction gathers; entries are few (one per transaction alive)
        _BATCHING[key] = []
    return _BATCHING.get(key)


def flush_gathered(records, fnames, flush):
    """``_flush``: inside ``batched_flush``, the flush's writes are gathered and sent
    at its end; an enclosing flush's writes are sent first, as in Odoo."""
    gathering = _gathering(records.env)
    if gathering is None:
        return flush(fnames)
    for outer in gathering:
        outer.send()
    gathered = _Gathered(records.env)
    gathering.append(gathered)
    try:
        result = flush(fnames)
    finally:
        gathering.remove(gathered)
    gathered.send()
    return result


def write_gathered(records, vals, write):
    """``_write``: inside a gathering flush, kept for its end when it can be carried."""
    gathering = _gathering(records.env)
    if not gathering or not records:
        return write(vals)
    if not _batchable(records, vals):
        gathering[-1].send()
        return write(vals)
    gathering[-1].add(records, vals)
    return None

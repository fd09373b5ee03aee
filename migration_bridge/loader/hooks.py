"""What a run asks of Odoo's ORM while it loads, kept per transaction: its records'
creation dates in the source, and (17.0) its flushes gathered into batches. The loader
opens these blocks; ``models/base.py`` (the ``_create``/``_flush`` overrides) reads
them. Nothing here imports from ``models/``.
"""

import os
from contextlib import contextmanager

from ..series import orm as series_orm

# MIGRATION_BRIDGE_GATHER (17.0): ``run`` (default) gathers the writes of a run's records;
# ``off`` never (the bench's comparison); ``all`` every flush of every model, a run or
# not (to run Odoo's own ORM tests with it on). No effect where Odoo gathers itself.
GATHER = os.environ.get("MIGRATION_BRIDGE_GATHER", "run")

# Keyed by the transaction's id (a transaction takes no weak reference from 19.0 on);
# each entry lives only inside its ``with`` block.
# transaction -> the gathered writes of the flushes under way, innermost last
_BATCHING = {}
# transaction -> {x_source_id: creation date in the source}
_CREATE_DATES = {}


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


@contextmanager
def source_create_dates(env, dates):
    """Records created in the block whose ``x_source_id`` is a key of ``dates`` are
    inserted with that creation date (Odoo's ``create()`` drops a ``create_date``
    given in the values and sets the time of the insert). A key is removed from
    ``dates`` when its record is inserted, so what is left was not used."""
    key = id(env.transaction)
    _CREATE_DATES[key] = dates
    try:
        yield dates
    finally:
        del _CREATE_DATES[key]

"""Two changes to how Odoo writes rows while a migration run loads, carried out by
``loader/bulk.py`` (which says what each does):

- every series: a migrated record is inserted with its creation date in the source,
  rather than inserted and then updated (``source_create_dates``);
- 17.0 only (``series.orm``): one UPDATE per set of columns when the run flushes the
  records it writes, not one per record (``batched_flush``). From saas-17.3 Odoo does
  this itself and the override is not installed.
"""

from odoo import api, models

from ..loader import bulk
from ..series import orm as series_orm


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _create(self, data_list):
        bulk.create_dates_of(self, data_list)
        return super()._create(data_list)


if not series_orm.GATHERS_FLUSH_WRITES:

    class BaseGatheredFlush(models.AbstractModel):
        _inherit = "base"

        def _flush(self, fnames=None):
            return bulk.flush_gathered(self, fnames, super()._flush)

        def _write(self, vals):
            return bulk.write_gathered(self, vals, super()._write)

import hashlib
import os
import shutil
import tempfile

from odoo import api, models
from odoo.tools import mute_logger
from odoo.tools.mimetypes import guess_mimetype

READ_BLOCK = 1024 * 1024


class IrAttachment(models.Model):
    _name = "ir.attachment"
    _inherit = ["ir.attachment", "migration.source.mixin"]

    def _index(self, bin_data, file_type, checksum=None):
        """An uploaded export is not indexed for full-text search: the index of a
        1,000,000-row CSV would hold every word of it, in memory and in the database."""
        if self.env.context.get("migration_upload"):
            return file_type.split("/")[0] if file_type else False
        return super()._index(bin_data, file_type, checksum=checksum)

    @api.model
    def _migration_store(self, stream, guess=True):
        """Copy a stream into the filestore as it is read, never whole in memory.

        Returns the attachment's stored columns (``store_fname``, ``checksum``,
        ``file_size``) and ``_guessed``, the mimetype its first bytes suggest; with the
        database as storage, ``raw`` instead. The filestore keeps one copy per content.
        """
        digest = hashlib.sha1()
        size = 0
        head = b""
        with tempfile.NamedTemporaryFile(delete=False) as tmp:
            while True:
                block = stream.read(READ_BLOCK)
                if not block:
                    break
                if len(head) < 1024:
                    head += block[: 1024 - len(head)]
                digest.update(block)
                size += len(block)
                tmp.write(block)
        checksum = digest.hexdigest()
        # Odoo's guess opens what looks like a ZIP: from the first bytes only, it logs
        # each failed try with its traceback
        guessed = None
        if guess:
            with mute_logger("odoo.tools.mimetypes.guess_mimetype"):
                guessed = guess_mimetype(head)
        try:
            if self._storage() != "file":
                with open(tmp.name, "rb") as handle:
                    return {"raw": handle.read(), "_guessed": guessed}
            fname, full_path = self._migration_filestore_path(checksum)
            if not os.path.exists(full_path):
                shutil.move(tmp.name, full_path)
                self._mark_for_gc(fname)
        finally:
            if os.path.exists(tmp.name):
                os.unlink(tmp.name)
        return {
            "store_fname": fname,
            "checksum": checksum,
            "file_size": size,
            "_guessed": guessed,
        }

    @api.model
    def _migration_filestore_path(self, checksum):
        """Where Odoo keeps a content of this checksum (its own layout, old and new)."""
        legacy = checksum[:3] + "/" + checksum
        if os.path.isfile(self._full_path(legacy)):
            return legacy, self._full_path(legacy)
        fname = checksum[:2] + "/" + checksum
        full_path = self._full_path(fname)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        return fname, full_path

    @api.model
    def _migration_download(self, record, name, raw, mimetype):
        """A file made for ``record`` (a run's rows not loaded, a project's sign-off):
        attached to it, and the action that downloads it."""
        attachment = self.create(
            {
                "name": name,
                "raw": raw,
                "mimetype": mimetype,
                "res_model": record._name,
                "res_id": record.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s?download=true" % attachment.id,
            "target": "self",
        }

    @api.model
    def _migration_from_path(self, name, path, mimetype):
        """An attachment of a file on disk, copied into the filestore as it is read:
        an export of any size never sits whole in memory."""
        with open(path, "rb") as stream:
            stored = self._migration_store(stream, guess=False)  # its type is given
        stored.pop("_guessed", None)
        columns = {
            k: stored.pop(k) for k in ("store_fname", "checksum", "file_size") if k in stored
        }
        record = self.with_context(migration_upload=True).create(
            dict(stored, name=name, mimetype=mimetype, type="binary")
        )
        if columns:
            record.flush_recordset()
            self.env.cr.execute(
                "UPDATE ir_attachment SET store_fname = %s, checksum = %s, file_size = %s "
                "WHERE id = %s",
                (columns["store_fname"], columns["checksum"], columns["file_size"], record.id),
            )
            record.invalidate_recordset()
        return record

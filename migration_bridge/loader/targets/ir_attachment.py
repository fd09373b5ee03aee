"""Documents: the files of the upload, on their record, stored once, streamed."""

import mimetypes
import posixpath

from ...services.errors import RowError, SourceError
from ...services.readers import list_archive_files, open_archive_file
from .base import TargetAdapter


class IrAttachmentAdapter(TargetAdapter):
    """A document row names its file (a path column, or else a file named after its
    id or its name in the uploaded ZIP). The file is copied into Odoo's filestore
    as it is read, never held whole in memory; the filestore keeps one copy per
    content (checksum), however many records share it."""

    model = "ir.attachment"
    attaches = True
    # Odoo computes these from the content it is given; the content is already stored.
    sql_columns = ("store_fname", "checksum", "file_size")

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._files = None

    # ------------------------------------------------------------------
    # The files of the upload
    # ------------------------------------------------------------------
    def files(self):
        """Every document file of the project's uploads: path -> (upload, member)."""
        if self._files is None:
            self._files = {}
            project = self.ctx.project
            for upload in project.attachment_ids.sorted("id"):
                source = project._attachment_source(upload)
                if upload.name.lower().endswith(".zip"):
                    try:
                        members = list_archive_files(upload.name, source)
                    except SourceError:
                        continue
                    for member, _size in members:
                        self._files.setdefault(_norm(member), (upload, member))
                else:
                    self._files.setdefault(_norm(upload.name), (upload, None))
        return self._files

    def find(self, row, vals):
        """The upload file of a document row, by its path, else its id, else its name."""
        files = self.files()
        candidates = []
        if row.file:
            candidates.append(row.file[0])
        candidates += [row.source_id, vals.get("name") or ""]
        for candidate in candidates:
            wanted = _norm(candidate)
            if not wanted:
                continue
            if wanted in files:
                return files[wanted]
            matches = [
                f
                for path, f in files.items()
                if path.endswith("/" + wanted) or posixpath.basename(path) == wanted
            ]
            if len(matches) == 1:
                return matches[0]
        return None

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------
    def row_values(self, load, staging, row, assembled, status):
        message = assembled.vals.get("_message")
        if message and not assembled.attach:
            # A file attached to a note or an email lands on that message's record.
            found = self.env["mail.message"].browse(message)
            assembled.attach = (found.model, found.res_id) if found.model else None
        vals = super().row_values(load, staging, row, assembled, status)
        found = self.find(row, vals)
        column = row.file[1] if row.file else None
        if not found:
            raise RowError(
                "%s: the file %r is not in the upload; add it (or the ZIP holding it) to "
                "the project and run a delta"
                % (load.where(staging, column), (row.file or (vals.get("name"),))[0]),
                column=column,
                code="missing_file",
            )
        upload, member = found
        try:
            stored = self._store(upload, member)
        except (SourceError, OSError) as error:
            raise RowError(
                "%s: the file cannot be read: %s" % (load.where(staging, column), error),
                column=column,
                code="bad_file",
            ) from None
        vals.update(stored)
        vals.setdefault("name", posixpath.basename(member or upload.name))
        if not vals.get("mimetype"):
            vals["mimetype"] = (
                mimetypes.guess_type(vals["name"])[0]
                or stored.pop("_guessed", None)
                or "application/octet-stream"
            )
        vals.pop("_guessed", None)
        vals["type"] = "binary"
        return vals

    def create_records(self, model, vals_list):
        """Create the attachments; a file of a note or an email is also one of its files."""
        messages = [vals.pop("_message", None) for vals in vals_list]
        records = super().create_records(model, vals_list)
        for record, message in zip(records, messages, strict=True):
            if message:
                self.env["mail.message"].browse(message).attachment_ids = [(4, record.id)]
        return records

    def update_values(self, record, vals):
        return {k: v for k, v in vals.items() if k != "_message"}

    def _open(self, upload, member):
        source = self.ctx.project._attachment_source(upload)
        if member is None:
            if isinstance(source, bytes):
                return _BytesContext(source)
            return open(source, "rb")  # noqa: SIM115 - closed by the with of the caller
        return open_archive_file(upload.name, source, member)

    def _store(self, upload, member):
        """Copy the file into the filestore as it is read; its checksum, size, place."""
        with self._open(upload, member) as stream:
            return self.env["ir.attachment"]._migration_store(stream)


class _BytesContext:
    def __init__(self, data):
        import io

        self.stream = io.BytesIO(data)

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        self.stream.close()


def _norm(path):
    return str(path or "").replace("\\", "/").strip().strip("/").lower()

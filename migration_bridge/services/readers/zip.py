"""ZIP archives: one table per data member; an unsafe member is refused alone."""

import os
import re
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import PurePosixPath

from ..errors import Problem, SourceError, UnsafeArchiveError
from .base import READERS, _blocked_table, _open_binary

ZIP_MAX_MEMBERS = 1000
ZIP_MAX_TOTAL = 1024 * 1024 * 1024
ZIP_MAX_MEMBER = 256 * 1024 * 1024
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_SKIP = re.compile(r"(^|/)(__MACOSX/|\.[^./])")
ARCHIVE_EXTENSIONS = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz")
SYMLINK = 0o120000
UNPACK_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
)


def _unsafe(name, message):
    return UnsafeArchiveError(
        "%s: %s; the archive was not read" % (name, message), file=name, code="unsafe_archive"
    )


def _member_refusal(info):
    """(code, reason) when a member must not be read, alone; else None.

    A member that would be written outside its folder, a link, an archive in
    the archive, a member that would expand like a zip bomb, an encrypted one
    or one too large to read in memory.
    """
    member = info.filename
    if not member.strip():
        return "unsafe_archive", "it has no name"
    parts = PurePosixPath(member.replace("\\", "/")).parts
    if member.startswith(("/", "\\")) or ".." in parts or re.match(r"[A-Za-z]:", member):
        return "unsafe_archive", "it would be written outside its folder"
    if (info.external_attr >> 16) & 0o170000 == SYMLINK:
        return "unsafe_archive", "it is a symbolic link, which could point anywhere"
    if ZIP_SKIP.search(member):
        return None
    if member.lower().endswith(ARCHIVE_EXTENSIONS):
        return (
            "unsafe_archive",
            "it is an archive inside the archive; unpack it and upload its files",
        )
    ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
    if info.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO:
        return "unsafe_archive", "it expands %d times, to %s bytes: it looks like a zip bomb" % (
            min(ratio, 10**9),
            info.file_size,
        )
    if info.flag_bits & 0x1:
        return "encrypted", "it is encrypted (password-protected); upload it without a password"
    if info.file_size > ZIP_MAX_MEMBER:
        return "too_large", "%s bytes, more than %s; upload this file on its own, not in a ZIP" % (
            info.file_size,
            ZIP_MAX_MEMBER,
        )
    return None


def _sorted_members(name, archive):
    """(members to read or list, [(member, code, reason)] refused alone).

    Raises UnsafeArchiveError when the whole archive is too large to open: too
    many members, or more bytes once unpacked than ZIP_MAX_TOTAL.
    """
    infos = [info for info in archive.infolist() if not info.filename.endswith("/")]
    if len(infos) > ZIP_MAX_MEMBERS:
        raise _unsafe(name, "%s files, more than %s" % (len(infos), ZIP_MAX_MEMBERS))
    total = sum(info.file_size for info in infos)
    if total > ZIP_MAX_TOTAL:
        raise _unsafe(name, "%s bytes once unpacked, more than %s" % (total, ZIP_MAX_TOTAL))
    members, refused, seen = [], [], set()
    for info in infos:
        refusal = _member_refusal(info)
        if refusal is None and info.filename in seen:
            refusal = "unsafe_archive", "another member of the archive has the same name"
        seen.add(info.filename)
        if refusal is not None:
            refused.append((info.filename, *refusal))
        elif not ZIP_SKIP.search(info.filename):
            members.append(info)
    return members, refused


@contextmanager
def _zip(name, source):
    with _open_binary(source) as stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError):
            raise SourceError(
                "%s: not a readable ZIP archive" % name, file=name, code="bad_file"
            ) from None
        with archive:
            yield archive


def _member_bytes(name, archive, info):
    member = "%s/%s" % (name, info.filename)
    try:
        with archive.open(info) as handle:
            return handle.read(ZIP_MAX_MEMBER + 1)
    except UNPACK_ERRORS as error:
        raise SourceError(
            "%s: cannot be unpacked (%s)" % (member, error), file=member, code="bad_file"
        ) from None


def _member_tables(name, archive, info):
    """The tables of one data member; a member that cannot be unpacked is one blocked table."""
    member = "%s/%s" % (name, info.filename)
    extension = os.path.splitext(info.filename)[1].lower()
    try:
        data = _member_bytes(name, archive, info)
    except SourceError as error:
        return [_blocked_table(member, extension.lstrip("."), error.as_problem())]
    return READERS[extension](member, data)


def _refusal_problem(name, member, code, reason, blocking=False):
    return Problem(
        code,
        "%s: member %r was not read: %s; the other files of the archive were read"
        % (name, member, reason),
        file=name,
        column=member,
        blocking=blocking,
    )


def read_zip(name, source):
    """One table per data member, named 'archive.zip/member.csv'; other members are files.

    A member that is unsafe (see ``_member_refusal``) is refused alone: the
    refusal is a problem of the archive, on its first table; an archive with
    no table left is one blocked table holding the refusals.
    """
    tables = []
    try:
        with _zip(name, source) as archive:
            members, refused = _sorted_members(name, archive)
            for info in members:
                if _is_table_member(info.filename):
                    tables.extend(_member_tables(name, archive, info))
    except SourceError as error:
        return [_blocked_table(name, "zip", error.as_problem())]
    if not refused:
        return tables
    if tables:
        tables[0].problems += [_refusal_problem(name, *item) for item in refused]
        return tables
    problems = [_refusal_problem(name, *item, blocking=True) for item in refused]
    table = _blocked_table(name, "zip", problems[0])
    table.problems = problems
    return [table]


def _is_table_member(member):
    """A data file of the archive; a text file inside a folder is a document."""
    extension = os.path.splitext(member)[1].lower()
    if extension not in READERS:
        return False
    return not (extension == ".txt" and "/" in member.replace("\\", "/").strip("/"))


def list_archive_files(filename, source):
    """The members of a ZIP that are not data files (attachments): [(member name, size)].

    Unsafe members are left out (their refusal was reported when the archive
    was read); SourceError when the archive cannot be read at all.
    """
    with _zip(filename, source) as archive:
        return [
            (info.filename, info.file_size)
            for info in _sorted_members(filename, archive)[0]
            if not _is_table_member(info.filename)
        ]


@contextmanager
def open_archive_file(filename, source, member):
    """A stream over one member of a ZIP (a document), read as it is copied, never whole.

    The archive is checked as for reading (traversal, links, nesting, bombs);
    SourceError names the archive and the member when it cannot be read.
    """
    with _zip(filename, source) as archive:
        members, refused = _sorted_members(filename, archive)
        info = next((info for info in members if info.filename == member), None)
        if info is None:
            reason = next((r for m, _c, r in refused if m == member), "no such file")
            raise SourceError(
                "%s: file %r cannot be read from the archive: %s" % (filename, member, reason),
                file=filename,
                code="missing_file",
            )
        try:
            with archive.open(info) as handle:
                yield handle
        except UNPACK_ERRORS as error:
            raise SourceError(
                "%s/%s: cannot be unpacked (%s)" % (filename, member, error),
                file="%s/%s" % (filename, member),
                code="bad_file",
            ) from None

"""Exception tree and problem records of the pure services.

Nothing here imports Odoo: the services are tested with plain pytest.
"""

from dataclasses import dataclass


class MigrationError(Exception):
    """Base class of every error raised by migration_bridge."""


class SourceError(MigrationError):
    """A source file cannot be read at all (unsupported type, unsafe archive...).

    The message always names the file, and the row and column where known.
    """

    def __init__(self, message, file=None, row=None, column=None, code="source_error"):
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.code = code

    def as_problem(self):
        return Problem(
            code=self.code,
            message=self.message,
            file=self.file,
            row=self.row,
            column=self.column,
            blocking=True,
        )


class UnsupportedFileError(SourceError):
    """The file type is not one the readers know."""


class UnsafeArchiveError(SourceError):
    """A ZIP archive that would escape its folder, nest archives or explode."""


class RowError(MigrationError):
    """One row cannot load: the message names the file, row and column; it fails alone."""

    def __init__(self, message, column=None, code="invalid_value"):
        super().__init__(message)
        self.message = message
        self.column = column
        self.code = code


class PlanError(MigrationError):
    """The objects of a project cannot be ordered (a reference cycle...)."""


@dataclass
class Problem:
    """Something wrong with a file or a row, as a user should read it.

    ``row`` is the 1-based line number a user sees in a spreadsheet (the header
    is row 1), ``column`` the header name (or ``column N`` when it has none).
    ``blocking`` problems stop the whole file from loading; the others only
    concern their row.
    """

    code: str
    message: str
    file: str = None
    row: int = None
    column: str = None
    blocking: bool = False


# PostgreSQL errors another transaction's work causes, after which the step is tried
# again: Odoo's own list (lock not available, serialization failure, deadlock), and a
# unique violation on a record's followers. Odoo looks for a follower before inserting
# it, so two workers subscribing the same user to the same record at once (two open
# activities of one user on one deal, in two chunks) collide; tried again, the second
# finds the follower the first committed.
CONCURRENCY_CODES = ("55P03", "40001", "40P01")
UNIQUE_VIOLATION = "23505"
CONCURRENT_CONSTRAINTS = ("mail_followers_",)
# A step refused this many times running is no longer tried again: its object fails
# with the error on the run.
MAX_CONCURRENCY_RETRIES = 8


def concurrent_update(error):
    """True when PostgreSQL refused for another transaction's work, not the rows'."""
    code = getattr(error, "pgcode", None)
    if code in CONCURRENCY_CODES:
        return True
    if code == UNIQUE_VIOLATION:
        constraint = getattr(getattr(error, "diag", None), "constraint_name", None) or ""
        return constraint.startswith(CONCURRENT_CONSTRAINTS)
    return False

"""The audit's words: the rows it reads, what it asks Odoo, what it finds."""

from dataclasses import dataclass, field

MAX_LISTED = 200  # rows a finding lists by name; its count says how many in all
ROWS_KEPT = 10000  # rows a finding keeps (to exclude them); its count says how many in all
# A finding about most of an object's rows says more of the mapping than of the rows
# (a date column of another format, a reference to the wrong file): it halts the
# object, so that a person looks before hundreds of rows fail.
MOST = 0.5
MOST_AT_LEAST = 3


@dataclass(frozen=True)
class Row:
    """One staged row: where it is and what it says."""

    file: str
    number: int
    payload: dict
    source_id: str = None


@dataclass(eq=False)  # one table is itself: rules key what they keep by it
class Table:
    """A confirmed source object: its rows (any iterable, read once, page by page) and
    the plan the load will apply to them."""

    name: str
    kind: str
    plan: object  # services.transform.ObjectPlan
    rows: object = ()
    dedupe: tuple = ()  # fields whose values identify a record (profile.dedupe_keys)
    size: int = 0  # rows read, once the audit has read them
    # records named inside other records (profile.named_again): an id on several rows
    # is one record named again, skipped by the load, not a duplicate
    repeats: bool = False


class Rows:
    """The rows of one cause: the first ROWS_KEPT of them, and how many in all."""

    def __init__(self, first=()):
        self.kept = list(first)
        self.total = len(self.kept)

    def add(self, ref):
        self.total += 1
        if len(self.kept) < ROWS_KEPT:
            self.kept.append(ref)


@dataclass
class Finding:
    """One cause, the rows it concerns, and whether it halts its object."""

    code: str
    table: str  # the object's name
    message: str
    cause: str  # what tells this cause from another of the same code and table
    rows: list = field(default_factory=list)  # (file, row number, source id, detail)
    column: str = None
    blocking: bool = False
    severity: str = "warning"  # error: the rows do not load as they are
    total: int = 0  # rows in all (``rows`` keeps the first ROWS_KEPT)

    def __post_init__(self):
        self.total = max(self.total, len(self.rows))

    @property
    def count(self):
        return self.total

    def listed(self):
        """The rows as a person reads them, the first MAX_LISTED of them."""
        lines = []
        for file, number, source_id, detail in self.rows[:MAX_LISTED]:
            text = "%s, row %s" % (file, number)
            if source_id:
                text += " (%s)" % source_id
            if detail:
                text += ": %s" % detail
            lines.append(text)
        if self.count > len(lines):
            lines.append("... and %s more" % (self.count - len(lines)))
        return "\n".join(lines)


class Odoo:
    """What the audit asks the database. The addon's implementation reads it; this one
    knows nothing (every reference outside the export is an orphan, every owner
    unmatched, no partner was in Odoo before)."""

    def found(self, lookups):
        """Of ``lookups`` ([(Lookup, token)], records by source id, email or name),
        the set of ``lookup.key(token)`` that Odoo has."""
        return set()

    def owner(self, token):
        """Whether an owner value matches a user (the project's Owners tab first)."""
        return False

    def existing(self, kind, field, tokens):
        """{dedupe token: [(id, name)]}: records of ``kind`` that were in Odoo before
        any migration and share ``field``'s value (a dedupe token) with these."""
        return {}


class Rule:
    """One rule of the audit: it sees each row once, as the load would read it, keeps
    what it needs (never the rows themselves), then says its findings."""

    def start(self, table):
        """Before the first row of ``table``."""

    def row(self, table, row, plan):
        """A row that transforms (``plan``: its RowPlan)."""

    def error(self, table, row, error):
        """A row that does not (``error``: its RowError)."""

    def end(self, table):
        """After the last row of ``table`` (``table.size`` is known)."""

    def findings(self, odoo):
        """Once every table is read."""
        return []


def most(count, total):
    return count >= MOST_AT_LEAST and total and count / total >= MOST

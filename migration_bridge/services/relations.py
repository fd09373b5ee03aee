"""References between files found from their values: which column of which file names
the records of another (or of its own) file, whatever its header says.

A column refers to a file when (most of) its values are the values of that file's key:
a column whose values are all different, found in every row (an id column, or a column
of names when the export has no ids). A deal's ``account`` column holding the names of
the accounts file's ``account`` column refers to the accounts; an accounts file's
``subsidiary_of`` naming other rows of the same file gives their parent; a deal's
``sales_agent`` naming the rows of a sales-agents file gives its owner.

A file of two such references and little else (Salesforce's ``EventRelation``, SuiteCRM's
``accounts_contacts``, deal-contact roles) is a link between the two files it points
into.

Pure: a table is ``{header: [values of its rows]}``; no Odoo.
"""

import re
from dataclasses import dataclass

# A reference: this share of a column's distinct values are values of the other key.
CONTAINED = 0.8
# A key: at least this share of the rows are filled, and no value repeats.
KEY_FILL = 0.95
# Fewer distinct values than this say nothing.
MIN_VALUES = 2


@dataclass(frozen=True)
class Key:
    """A column that tells a file's rows apart."""

    table: str
    column: str
    by: str  # "id" (codes) or "name" (text with letters and spaces)


@dataclass(frozen=True)
class Relation:
    """``table.column`` names records of ``key.table`` by ``key.column``."""

    table: str
    column: str
    key: Key
    share: float  # of the column's distinct values found among the key's
    values: int  # distinct values of the column

    @property
    def to_itself(self):
        return self.table == self.key.table

    def reason(self):
        return "%d%% of its %d values are %s of %s (%s)" % (
            round(self.share * 100),
            self.values,
            "names" if self.key.by == "name" else "ids",
            self.key.table,
            self.key.column,
        )


def _clean(values):
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


def _looks_like_names(values):
    """Text of words (a company, a person), not codes: letters, and spaces in most."""
    sample = values[:200]
    lettered = sum(1 for v in sample if any(c.isalpha() for c in v))
    spaced = sum(1 for v in sample if " " in v)
    return lettered == len(sample) and spaced * 2 >= len(sample)


def keys(name, table):
    """The columns of ``table`` whose values tell its rows apart."""
    found = []
    rows = max((len(values) for values in table.values()), default=0)
    if not rows:
        return found
    for column, values in table.items():
        filled = _clean(values)
        if len(filled) < max(MIN_VALUES, KEY_FILL * rows) or len(set(filled)) != len(filled):
            continue
        found.append(Key(name, column, "name" if _looks_like_names(filled) else "id"))
    return found


def find(tables):
    """Every reference between the tables ({name: {header: values}}), surest first. A
    file's first key is its rows' identity and refers to no one (its ids found in
    another file's are the same records, not a reference); its other columns may,
    unique or not (an association row's two ids)."""
    by_table = {name: keys(name, table) for name, table in tables.items()}
    all_keys = [key for found in by_table.values() for key in found]
    key_sets = {key: set(_clean(tables[key.table][key.column])) for key in all_keys}
    own_keys = {(name, found[0].column) for name, found in by_table.items() if found}
    found = []
    for name, table in tables.items():
        for column, values in table.items():
            if (name, column) in own_keys:
                continue
            distinct = set(_clean(values))
            if len(distinct) < MIN_VALUES:
                continue
            best = None
            for key in all_keys:
                if key.table == name and key.column == column:
                    continue
                share = len(distinct & key_sets[key]) / len(distinct)
                if share >= CONTAINED and (best is None or share > best.share):
                    best = Relation(name, column, key, share, len(distinct))
            if best is not None:
                found.append(best)
    found.sort(key=lambda r: (-r.share, r.table, r.column))
    return found


# A column says little of a row (a link's role, status or flag) when it holds at most
# FEWEST distinct values, or at most FEW_VALUES that repeat (at most FEW_SHARE of its
# filled rows): a name or a subject of its own is many values, seldom repeated.
FEWEST, FEW_VALUES, FEW_SHARE = 3, 12, 0.5
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$")


def says_little(values):
    """Whether a column holds nothing a record of its own would: nothing, a few
    values (a role, a status, a flag), or dates (the row's stamps)."""
    filled = _clean(values)
    distinct = set(filled)
    if len(distinct) <= FEWEST:
        return True
    if len(distinct) <= FEW_VALUES and len(distinct) <= FEW_SHARE * len(filled):
        return True
    return all(_DATE.match(v) for v in list(distinct)[:200])


def links(tables, relations=None):
    """{table: (relation, relation)} of the tables that only tie two others together.

    A link table holds references into two other files or more, and besides them
    only its own key and columns that say little (a role, a status, a flag, its
    dates). Its two references are those of most distinct values into two different
    files (an event and its attendee, not the user who created the row)."""
    relations = find(tables) if relations is None else relations
    out = {}
    for name, table in tables.items():
        own = [r for r in relations if r.table == name and not r.to_itself]
        if len({r.key.table for r in own}) < 2:
            continue
        referring = {r.column for r in own}
        own_key = next(iter(keys(name, table)), None)
        others = [
            column
            for column, values in table.items()
            if column not in referring
            and not (own_key and column == own_key.column)
            and not says_little(values)
        ]
        if others:
            continue
        ranked = sorted(own, key=lambda r: (-r.values, r.column))
        first = ranked[0]
        second = next(r for r in ranked if r.key.table != first.key.table)
        out[name] = tuple(sorted((first, second), key=lambda r: (r.key.table, r.column)))
    return out

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

from dataclasses import dataclass

# A reference: this share of a column's distinct values are values of the other key.
CONTAINED = 0.8
# A key: at least this share of the rows are filled, and no value repeats.
KEY_FILL = 0.95
# Fewer distinct values than this say nothing.
MIN_VALUES = 2
# A link file: two or more references, and at most this many other columns.
LINK_EXTRA_COLUMNS = 3


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


def links(tables, relations=None):
    """{table: (relation, relation)} of the tables that only tie two others together."""
    relations = find(tables) if relations is None else relations
    out = {}
    for name, table in tables.items():
        own = [r for r in relations if r.table == name and not r.to_itself]
        targets = {r.key.table for r in own}
        others = len(table) - len(own)
        if len(targets) >= 2 and others <= LINK_EXTRA_COLUMNS:
            first, second = sorted(own, key=lambda r: (r.key.table, r.column))[:2]
            out[name] = (first, second)
    return out

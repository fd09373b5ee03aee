"""Values too long for a database index, found before they are written.

PostgreSQL refuses a B-tree index entry over about 2,700 bytes: a row whose value
for an indexed column (a partner's name, reference or tax id; a lead's email) is
longer would fail its whole batch with "index row size ... exceeds btree version 4
maximum 2704". Such a row is refused alone, before writing, with an issue naming
its file, row and column; the source id, indexed too, is checked by the transform
(``transform.check_key_size``).
"""

from ..services import targets, values
from ..services.errors import RowError

BTREE = (True, "btree", "btree_not_null")  # ``Field.index`` values that make a B-tree
TEXT_TYPES = ("char", "text", "html")


def indexed_inputs(Model):
    """{field name: the indexed stored fields its value goes to}: the model's text
    fields under a B-tree index, and the fields a stored indexed field is computed
    from (a partner's name goes into its complete name)."""
    reach = {}
    for name, field in Model._fields.items():
        if field.index not in BTREE or not field.store or field.type not in TEXT_TYPES:
            continue
        if not field.compute or not field.readonly:
            reach.setdefault(name, []).append(name)
        if field.compute:
            depends, _context = field.get_depends(Model)
            for path in depends:
                head = path.split(".", 1)[0]
                if head != name and head in Model._fields:
                    reach.setdefault(head, []).append(name)
    return reach


class IndexCheck:
    """The check of one object's rows, per target model (a row may route to another)."""

    def __init__(self, load):
        self.load = load
        self._reach = {}

    def refusal(self, staging, vals):
        """A RowError for the first value of ``vals`` too long for an index, or None."""
        model = self.load.adapter.route(vals)
        if model not in self._reach:
            self._reach[model] = indexed_inputs(self.load.env[model])
        reach = self._reach[model]
        for name, value in vals.items():
            if name not in reach or not isinstance(value, str) or values.fits_index(value):
                continue
            Model = self.load.env[model]
            indexed = ", ".join(Model._fields[f].string for f in reach[name])
            column = ", ".join(self.columns_of(name)) or None
            return RowError(
                "%s: a value of %s characters (%s) is too long for %s, which Odoo keeps in an "
                "index of at most %s bytes; the row was not loaded: shorten the value and "
                "upload the file again"
                % (
                    self.load.where(staging, column),
                    len(value),
                    values.shown(value, 30),
                    indexed,
                    values.INDEX_MAX_BYTES,
                ),
                column=column or Model._fields[name].string,
                code="too_long_for_index",
            )
        return None

    def columns_of(self, name):
        """The source columns that fill a field (itself, or through a composed target)."""
        columns = []
        for column in self.load.plan.columns:
            composed = targets.get(column.target)
            if column.target == name or (composed and composed.into == name):
                columns.append(column.source)
        return columns

"""The records of a new custom model (``x_...``), one per file no object fits.

Such a model has no adapter of its own (``adapter_for`` falls back to this one for
any ``x_`` model). Its rows are written as they are; its links to the records of
another new custom model name them by their source ids, which only this adapter
knows how to find: the transform asks for them by name (``LOOKUP_NAME``), and they
are taken out of the resolver's hands here, found in one query per linked model and
chunk, and reported as any reference when they match nothing. Links to partners go
through the resolver as every partner reference does.
"""

from ...services import matcher, transform
from .base import TargetAdapter


def is_custom_model(model):
    """Whether ``model`` is a new custom model a project created (a manual ``x_`` one)."""
    return bool(model) and model.startswith("x_")


class CustomModelAdapter(TargetAdapter):
    # any new custom model: the model is the one it was made for
    model = None

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._links = {}  # id(row plan) -> its lookups of other custom models' records
        self._wanted = {}  # comodel -> source ids asked for in the chunk
        self._found = {}  # (comodel, source id) -> record id, or None

    def extra_lookups(self, load, row):
        """Take the row's links to new custom models from the resolver (which finds a
        record by its name); they are found by source id in ``row_values``."""
        mine = [
            lookup
            for lookup in row.lookups
            if lookup.mode == transform.LOOKUP_NAME and is_custom_model(lookup.comodel)
        ]
        if mine:
            row.lookups[:] = [lookup for lookup in row.lookups if lookup not in mine]
            self._links[id(row)] = mine
            for lookup in mine:
                for token in lookup.tokens:
                    if token.strip() and (lookup.comodel, token.strip()) not in self._found:
                        self._wanted.setdefault(lookup.comodel, set()).add(token.strip())
        return []

    def _find_wanted(self):
        """The records of the source ids the chunk asks for, one query per model."""
        for comodel, tokens in self._wanted.items():
            keys = {transform.record_key(matcher.CUSTOM_KIND, token): token for token in tokens}
            Model = self.env[comodel].sudo()
            for record in Model.search_read([("x_source_id", "in", list(keys))], ["x_source_id"]):
                self._found[comodel, keys[record["x_source_id"]]] = record["id"]
            for token in tokens:
                self._found.setdefault((comodel, token), None)
        self._wanted = {}

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        if not vals.get("x_name") and "x_name" in self.Model._fields:
            # no column gives the record a name: its source id names it in links and lists
            vals["x_name"] = row.source_id
        links = self._links.pop(id(row), ())
        if links and self._wanted:
            self._find_wanted()
        for lookup in links:
            token = lookup.tokens[0].strip() if lookup.tokens else ""
            if not token:
                continue
            found = self._found.get((lookup.comodel, token))
            if found:
                vals[lookup.target] = found
                assembled.refs.setdefault(lookup.comodel, set()).add(found)
            else:
                # reported as any reference the export does not hold
                assembled.missing.append(
                    (
                        transform.Lookup(
                            lookup.target,
                            transform.LOOKUP_RECORD,
                            lookup.comodel,
                            lookup.tokens,
                            lookup.column,
                        ),
                        token,
                    )
                )
        return vals

"""The audit's one entry: each row of each table read once, as the load would read it,
and shown to every rule; then each rule's findings."""

import dataclasses

from ...services import transform
from ...services.errors import RowError
from . import duplicates, references, rows
from .model import Odoo

# In the order a person reads them: what stops rows, then what they point to, then
# what may be the same record twice.
RULES = (
    rows.SourceIds,
    rows.Values,
    rows.Phones,
    references.Owners,
    references.Orphans,
    duplicates.PossibleDuplicates,
)


def audit(tables, odoo=None):
    """The findings of every rule over ``tables`` (``Table``, best in load order: a
    reference to an earlier table's row is settled as it is read)."""
    odoo = odoo or Odoo()
    rules = [rule() for rule in RULES]
    for table in tables:
        if table.plan is None:
            continue
        for rule in rules:
            rule.start(table)
        plans = {}  # an object of several files names each row's own file in what it says
        size = 0
        for row in table.rows:
            size += 1
            plan = table.plan
            if row.file != plan.name:
                plan = plans.setdefault(row.file, dataclasses.replace(plan, name=row.file))
            try:
                result = transform.transform_row(plan, row.number, row.payload)
            except RowError as error:
                for rule in rules:
                    rule.error(table, row, error)
                continue
            for rule in rules:
                rule.row(table, row, result)
        table.size = size
        for rule in rules:
            rule.end(table)
    findings = []
    for rule in rules:
        findings.extend(rule.findings(odoo))
    return findings

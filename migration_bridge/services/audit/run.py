"""The audit's one entry: every rule over every table, each row transformed once."""

import dataclasses
from dataclasses import dataclass, field

from ...services import transform
from ...services.errors import RowError
from . import duplicates, references, rows
from .model import Odoo

# In the order a person reads them: what stops rows, then what they point to, then
# what may be the same record twice.
RULES = (
    rows.source_ids,
    rows.values,
    references.owners,
    references.orphans,
    duplicates.possible_duplicates,
)


@dataclass
class Read:
    """A table's rows as the load would read them: each row's plan, or why it fails."""

    table: object
    plans: list = field(default_factory=list)  # (Row, RowPlan)
    errors: list = field(default_factory=list)  # (Row, RowError)


def read(table):
    result = Read(table)
    plans = {}  # an object of several files names each row's own file in what it says
    for row in table.rows:
        plan = table.plan
        if row.file != plan.name:
            plan = plans.setdefault(row.file, dataclasses.replace(plan, name=row.file))
        try:
            result.plans.append((row, transform.transform_row(plan, row.number, row.payload)))
        except RowError as error:
            result.errors.append((row, error))
    return result


def audit(tables, odoo=None):
    """The findings of every rule over ``tables`` (``Table``), in rule order."""
    odoo = odoo or Odoo()
    read_tables = [read(t) for t in tables if t.plan is not None]
    findings = []
    for rule in RULES:
        findings.extend(rule(read_tables, odoo))
    return findings

"""The audit: what the staged rows hold that a person should see before the load.

Pure rules over the staged rows of a confirmed project, run between confirmation and
the load (and again whenever files are added or the mapping changes). Each row is
read once, as the load would read it, and shown to every rule (``Rule``), which keeps
only what it needs: the rows stream through, page by page, and are never held whole.
Each rule gives findings: one per cause (a duplicated source id, an owner no user
matches, a column whose dates do not parse), each listing the rows it concerns. A
blocking finding halts its object only, until it is fixed, waived or its rows
excluded; the other objects go on.

What the audit asks of Odoo (does a reference resolve there? does an owner match a
user? which partners were in Odoo before the migration?) it asks through ``Odoo``,
which the addon implements over the database (``loader/audit.py``) and the pure
tests over dictionaries.
"""

from .model import MAX_LISTED, ROWS_KEPT, Finding, Odoo, Row, Rule, Table
from .run import RULES, audit

__all__ = ["MAX_LISTED", "ROWS_KEPT", "RULES", "Finding", "Odoo", "Row", "Rule", "Table", "audit"]

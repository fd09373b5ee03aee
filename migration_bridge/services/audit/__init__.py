"""The audit: what the staged rows hold that a person should see before the load.

Pure rules over the staged rows of a confirmed project, run between confirmation and
the load (and again whenever files are added or the mapping changes). Each rule
gives findings: one per cause (a duplicated source id, an owner no user matches, a
column whose dates do not parse), each listing the rows it concerns. A blocking
finding halts its object only, until it is fixed, waived or its rows excluded; the
other objects go on.

What the audit asks of Odoo (does a reference resolve there? does an owner match a
user? which partners were in Odoo before the migration?) it asks through ``Odoo``,
which the addon implements over the database (``loader/audit.py``) and the pure
tests over dictionaries.
"""

from .model import MAX_LISTED, Finding, Odoo, Row, Table
from .run import RULES, audit

__all__ = ["MAX_LISTED", "RULES", "Finding", "Odoo", "Row", "Table", "audit"]

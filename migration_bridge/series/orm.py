"""The ORM's flush: whether Odoo gathers a flush's updates itself.

Odoo 17.0 writes a batch of new records' computed values with one ``UPDATE`` per
record; from saas-17.3 (so 18.0 on) ``BaseModel._write_multi`` sends one ``UPDATE ...
FROM (VALUES ...)`` per set of columns. ``models/base.py`` adds that gathering to 17.0
for a run's own writes only, and nothing on the series that do it themselves.
"""

from . import VERSION

#: Odoo gathers the updates of one flush by their columns (``_write_multi``)
GATHERS_FLUSH_WRITES = VERSION >= (17, 3)

#: SQL constraints are ``models.Constraint`` attributes (19.0 on), not ``_sql_constraints``
CONSTRAINT_OBJECTS = VERSION >= (19, 0)


def sql_constraints(namespace, constraints):
    """Declare a model's SQL constraints from its class body, as its series wants them:
    ``sql_constraints(locals(), [(name, definition, message), ...])``."""
    if CONSTRAINT_OBJECTS:
        from odoo import models

        for name, definition, message in constraints:
            namespace["_" + name] = models.Constraint(definition, message)
    else:
        namespace["_sql_constraints"] = list(constraints)


#: the keyword of a field's aggregate function in read_group (``group_operator`` on 17.0)
AGGREGATOR = "aggregator" if VERSION >= (18, 0) else "group_operator"

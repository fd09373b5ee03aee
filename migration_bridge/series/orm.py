"""The ORM's flush: whether Odoo gathers a flush's updates itself.

Odoo 17.0 writes a batch of new records' computed values with one ``UPDATE`` per
record; from saas-17.3 (so 18.0 on) ``BaseModel._write_multi`` sends one ``UPDATE ...
FROM (VALUES ...)`` per set of columns. ``loader/bulk.py`` adds that gathering to 17.0
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

#: ``check_access(operation)`` checks rights and rules (18.0 on); 17.0 has two methods
CHECK_ACCESS = VERSION >= (18, 0)


def check_access(records, operation):
    """Raise AccessError unless the user may ``operation`` on ``records`` (rights, and
    record rules on the records given: an empty recordset checks the rights only)."""
    if CHECK_ACCESS:
        records.check_access(operation)
    else:
        records.check_access_rights(operation)
        records.check_access_rule(operation)


def has_access(model, operation):
    """Whether the user may ``operation`` on the model (access rights only)."""
    if CHECK_ACCESS:
        return model.browse().has_access(operation)
    return model.check_access_rights(operation, raise_exception=False)


def in_test():
    """Whether a test runs in this process: it owns the transaction (no commit).
    17.0 marks the thread; every series sets ``odoo.modules.module.current_test``."""
    import threading

    from odoo.modules import module

    return bool(getattr(threading.current_thread(), "testing", False) or module.current_test)

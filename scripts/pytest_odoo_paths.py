"""A pytest plugin for pytest-odoo on every series (``-p pytest_odoo_paths``, with scripts/
on the Python path): once pytest-odoo has read Odoo's configuration, the addons path is
made the ``odoo.addons`` package's path, which 19.0 does only when its server starts, so
that ``odoo.addons.migration_bridge`` imports for the collection. (19.0 also reads the
addons path from the command line only: test.sh gives ``--odoo-addons-path``.)"""


def pytest_sessionstart(session):
    from odoo.modules import module

    module.initialize_sys_path()

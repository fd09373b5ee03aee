# Odoo 17.0: a source checkout (setup.py, odoo-bin and the odoo package at its root).
SNAPSHOT=Clyde1030+odoo17
TREE_PATHS="odoo odoo-bin requirements.txt"
STARTER=odoo-bin
ADDONS="odoo/addons"
PYTHON=python3.11
ODOO_REQUIREMENTS=requirements.txt
EXTRA_REQUIREMENTS="phonenumbers"
QUEUE_JOB="odoo-addon-queue_job>=17.0,<17.1"
NO_DEMO="--without-demo=all"
# The run's gathered flush (models/base.py) exists on 17.0 only: Odoo's own ORM tests run
# with it on for every flush of the server (MIGRATION_BRIDGE_GATHER=all). Their one test
# that also fails without it on this tree (a query's shape with unaccent) is left out.
ORM_CHECK="test_new_api"
ORM_CHECK_TAGS="/test_new_api,-/test_new_api:TestIndexedTranslation.test_search_ilike"

# Odoo 17.0: a source checkout (setup.py, odoo-bin and the odoo package at its root).
SNAPSHOT=Clyde1030+odoo17
TREE_PATHS="odoo odoo-bin requirements.txt"
STARTER=odoo-bin
ADDONS="odoo/addons"
PYTHON=python3.11
ODOO_REQUIREMENTS=requirements.txt
EXTRA_REQUIREMENTS=""
QUEUE_JOB="odoo-addon-queue_job>=17.0,<17.1"
NO_DEMO="--without-demo=all"

# Odoo 18.0: the snapshot is a Windows bundle; its odoo/ package and odoo-bin are complete
# (its python/ and the rest are left out). Its requirements.txt is unpinned, so the pins of
# Odoo 18.0's own requirements for Python 3.11 are kept beside this file.
SNAPSHOT=Mshakkir+odoo18
TREE_PATHS="odoo odoo-bin"
STARTER=odoo-bin
ADDONS="odoo/addons"
PYTHON=python3.11
ODOO_REQUIREMENTS=requirements-18.0.txt
EXTRA_REQUIREMENTS="phonenumbers"
QUEUE_JOB="odoo-addon-queue_job>=18.0,<18.1"
NO_DEMO="--without-demo=all"

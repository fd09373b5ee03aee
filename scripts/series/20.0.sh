# Odoo 20.0: Python >= 3.12 and PostgreSQL >= 16, which scripts/odoo20-prereqs.sh makes under
# /opt (pyenv's Python 3.13 where there is one; PostgreSQL 17 on port 5433). No source
# snapshot of 20.0 is known to the search tool's fetch yet: give a tree with ODOO_SRC
# (a source checkout or a git directory whose odoo/release.py says 20.0).
SNAPSHOT=""
TREE_PATHS="odoo setup requirements.txt"
STARTER=setup/odoo
ADDONS="odoo/addons"
ODOO_REQUIREMENTS=requirements.txt
EXTRA_REQUIREMENTS="zope.interface phonenumbers"
QUEUE_JOB=""  # OCA publishes no 20.0 queue_job yet
NO_DEMO=""
prepare() {
  eval "$("$ROOT/scripts/odoo20-prereqs.sh")"
  PYTHON="$ODOO20_PYTHON"
  PG_PORT="$PG20_PORT"
}

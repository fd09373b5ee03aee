# Odoo 19.0: started from setup/odoo; enterprise addons of the snapshot are left out.
# Its requirements miss zope.interface (gevent's), which the server imports.
SNAPSHOT=MohamedLotfy99+Odoo19-ez
TREE_PATHS="odoo setup requirements.txt"
STARTER=setup/odoo
ADDONS="odoo/addons"
PYTHON=python3.11
ODOO_REQUIREMENTS=requirements.txt
EXTRA_REQUIREMENTS="zope.interface phonenumbers"
QUEUE_JOB="odoo-addon-queue_job>=19.0,<19.1"
NO_DEMO=""  # 19.0 loads no demo data unless asked (--with-demo)
# The primary series runs the addon's browser tour (migration_bridge/tests/test_tour.py),
# which needs a Chrome or Chromium on the PATH (Odoo looks for google-chrome, chromium...;
# it skips the tour without one): Debian's chromium (/usr/bin/chromium) where none is.
prepare() {
  if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
    echo "== Odoo $SERIES: installing Chromium for the browser tour"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

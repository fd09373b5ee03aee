# Sourced by the scripts: which Odoo series, where it is, how to reach PostgreSQL.
#   ODOO_SERIES=17.0|18.0|19.0|20.0   the series to run on (default 19.0, the primary one);
#                                     scripts/odoo-setup.sh sets it up once (tree and virtualenv)
#   ODOO_BIN, ODOO_ADDONS_PATH, ODOO_PYTHON   an Odoo of your own instead (all three)
#   PGHOST, PGPORT, PGUSER            PostgreSQL (default 127.0.0.1:5432, root)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SERIES="${ODOO_SERIES:-19.0}"
case "$ODOO_SERIES" in *.*) ;; *) ODOO_SERIES="$ODOO_SERIES.0" ;; esac
export ODOO_SERIES

if [ -z "${ODOO_BIN:-}" ]; then
  ODOO_HOME="${ODOO_HOME:-/opt/migration_bridge}"
  "$ROOT/scripts/odoo-setup.sh" "$ODOO_SERIES" | grep -v '^Odoo .* is set up in' || true
  [ -f "$ODOO_HOME/$ODOO_SERIES/env" ] || { echo "ERROR: Odoo $ODOO_SERIES is not set up" >&2; exit 1; }
  # shellcheck source=/dev/null
  source "$ODOO_HOME/$ODOO_SERIES/env"
fi
: "${ODOO_ADDONS_PATH:?set ODOO_ADDONS_PATH with ODOO_BIN}" "${ODOO_PYTHON:?set ODOO_PYTHON with ODOO_BIN}"
PY="$ODOO_PYTHON"
# the tree's odoo package is importable by the series' python (pytest-odoo, the scripts)
[ -z "${ODOO_TREE:-}" ] || export PYTHONPATH="$ODOO_TREE"
ADDONS_PATH="$ODOO_ADDONS_PATH,$ROOT"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-root}"
DB_ARGS=(--db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER")
# the tools of the series' virtualenv (ruff, pytest) come first
PATH="$(dirname "$PY"):$PATH"

ensure_postgres() {
  # start the newest local cluster when PostgreSQL does not answer
  pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0
  echo "PostgreSQL is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 1 30); do
    pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0
    sleep 1
  done
  echo "ERROR: PostgreSQL does not answer on $PGHOST:$PGPORT" >&2
  return 1
}

odoo_run() {
  # odoo_run ARGS...: odoo-bin with this repository on the addons path.
  $ODOO_BIN --addons-path="$ADDONS_PATH" "$@" "${DB_ARGS[@]}"
}

fresh_db() {
  # fresh_db NAME: drop and create an empty database.
  dropdb --if-exists "$1" && createdb "$1"
}

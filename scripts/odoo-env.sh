# Sourced by the scripts: which Odoo series, where it is, how to reach PostgreSQL.
#   ODOO_SERIES=17.0|18.0|19.0|20.0   the series to run on (default 19.0, the primary one);
#                                     scripts/odoo-setup.sh sets it up once (tree and virtualenv)
#   ODOO_BIN, ODOO_ADDONS_PATH, ODOO_PYTHON   an Odoo of your own instead (all three)
#   PGHOST, PGPORT, PGUSER            PostgreSQL (default 127.0.0.1:5432, root)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRIMARY_SERIES=19.0
ODOO_HOME="${ODOO_HOME:-/opt/migration_bridge}"
# an Odoo of the user's own, unless ODOO_BIN was set by a script of ours (a child of it)
OWN_ODOO="$([ -n "${MB_SERIES_LOADED:-}" ] || echo "${ODOO_BIN:-}")"
BASE_PATH="$PATH"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-root}"
BASE_PGPORT="$PGPORT"

use_series() {
  # use_series SERIES: odoo-bin, addons path and python of that series (set up when needed)
  local series="$1"
  case "$series" in *.*) ;; *) series="$series.0" ;; esac
  if [ -n "$OWN_ODOO" ]; then
    : "${ODOO_ADDONS_PATH:?set ODOO_ADDONS_PATH with ODOO_BIN}"
    : "${ODOO_PYTHON:?set ODOO_PYTHON with ODOO_BIN}"
  else
    "$ROOT/scripts/odoo-setup.sh" "$series" | grep -v '^Odoo .* is set up in' || true
    [ -f "$ODOO_HOME/$series/env" ] || { echo "ERROR: Odoo $series is not set up" >&2; return 1; }
    # shellcheck source=/dev/null
    ODOO_PGPORT="" ODOO_ORM_CHECK="" ODOO_ORM_CHECK_TAGS="" ODOO_CRM_LEFT_OUT="" ODOO_PARALLEL_ARGS=""
    source "$ODOO_HOME/$series/env"
    # the tree's odoo package is what the series' python imports (pytest-odoo, the scripts)
    export PYTHONPATH="$ODOO_TREE"
  fi
  NO_DEMO="${ODOO_NO_DEMO-"--without-demo=all"}"
  # a series may need a PostgreSQL of its own (20.0: 16 or later)
  export PGPORT="${ODOO_PGPORT:-$BASE_PGPORT}"
  DB_ARGS=(--db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER")
  export ODOO_SERIES="$series" ODOO_BIN ODOO_PYTHON ODOO_ADDONS_PATH ODOO_NO_DEMO="$NO_DEMO"
  [ -n "$OWN_ODOO" ] || export MB_SERIES_LOADED="$series"
  PY="$ODOO_PYTHON"
  ADDONS_PATH="$ODOO_ADDONS_PATH,$ROOT"
  # the tools of the series' virtualenv (ruff, pytest) come first
  PATH="$(dirname "$PY"):$BASE_PATH"
}

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

odoo_server_run() {
  # odoo_server_run ARGS...: odoo_run for a command that starts the server (install,
  # tests): HTTP on loopback, and no demo data on a series that would load it.
  odoo_run --http-interface=127.0.0.1 $NO_DEMO "$@"
}

fresh_db() {
  # fresh_db NAME: drop and create an empty database.
  dropdb --if-exists "$1" && createdb "$1"
}

use_series "${ODOO_SERIES:-$PRIMARY_SERIES}"

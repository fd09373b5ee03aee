# Sourced by the scripts: where Odoo is and how to reach PostgreSQL.
# Override with ODOO_BIN, ODOO_ADDONS_PATH, PGHOST, PGPORT, PGUSER.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! python3 -c 'import odoo, sys; sys.exit(0 if odoo.release.version_info[0] == 17 else 1)' 2>/dev/null; then
  echo "ERROR: python3 cannot import Odoo 17. Install an Odoo 17.0 source checkout into this" >&2
  echo "python3 (pip install -r <odoo>/requirements.txt && pip install -e <odoo>) and run again." >&2
  exit 1
fi

# odoo-bin on the PATH, else the one of the source tree python3 imports Odoo from (the
# pip "odoo" wrapper goes through pkg_resources, which may reject newer metadata).
SOURCE_BIN="$(python3 -c 'import odoo, os; print(os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin"))')"
[ -f "$SOURCE_BIN" ] || SOURCE_BIN=""
ODOO_BIN="${ODOO_BIN:-$(command -v odoo-bin || echo "${SOURCE_BIN:+python3 $SOURCE_BIN}")}"
ODOO_BIN="${ODOO_BIN:-$(command -v odoo || true)}"
if [ -z "$ODOO_BIN" ]; then
  ODOO_BIN="python3 -m odoo"
fi
if [ -z "${ODOO_ADDONS_PATH:-}" ]; then
  ODOO_ADDONS_PATH="$(python3 -c 'import odoo; odoo.tools.config.parse_config([]); print(odoo.tools.config["addons_path"])' 2>/dev/null)"
fi
ADDONS_PATH="$ODOO_ADDONS_PATH,$ROOT"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-root}"
DB_ARGS=(--db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER")

odoo_run() {
  # odoo_run ARGS...: odoo-bin with this repository on the addons path.
  $ODOO_BIN --addons-path="$ADDONS_PATH" "$@" "${DB_ARGS[@]}"
}

fresh_db() {
  # fresh_db NAME: drop and create an empty database.
  dropdb --if-exists "$1" && createdb "$1"
}

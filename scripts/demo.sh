#!/usr/bin/env bash
# Builds a database with migration_bridge installed and the bundled sample export
# (40 companies, 90 contacts, 70 deals) migrated through the headless command.
#   scripts/demo.sh           # database "migration_demo" (dropped and rebuilt)
#   DEMO_DB=name scripts/demo.sh
#   scripts/demo.sh --check   # also check the run's JSON summary against the sample
set -euo pipefail
source "$(dirname "$0")/odoo-env.sh"
cd "$ROOT"
DB="${DEMO_DB:-migration_demo}"
SAMPLE="$ROOT/migration_bridge/data/samples/generic"
OUT="$(mktemp -d)"

echo "== database $DB with migration_bridge"
fresh_db "$DB"
odoo_run -d "$DB" -i migration_bridge --without-demo=all --stop-after-init --log-level=warn

echo "== the sample's owners as Odoo users (Carla Diaz archived: owners match inactive users too)"
odoo_run shell -d "$DB" --no-http --log-level=warn < "$ROOT/scripts/demo_users.py" >/dev/null

echo "== migrate the sample export (headless)"
odoo_run migrate -d "$DB" --log-level=warn \
  --project-name "Sample CRM export" --auto-confirm --kind full \
  --file "$SAMPLE/companies.csv" --file "$SAMPLE/contacts.csv" --file "$SAMPLE/deals.csv" \
  --json-out "$OUT/summary.json"

if [ "${1:-}" = "--check" ]; then
  python3 "$ROOT/scripts/check_summary.py" "$OUT/summary.json" "$SAMPLE/expected.json"
fi

cat <<TXT

Demo database ready: $DB
Start Odoo on it:
  $ODOO_BIN --addons-path=$ADDONS_PATH ${DB_ARGS[*]} -d $DB
then open http://localhost:8069 and log in as admin / admin: menu Migration > Projects.
TXT

#!/usr/bin/env bash
# Builds a database with migration_bridge installed and the bundled sample exports
# migrated through the headless command: the generic export (40 companies, 90
# contacts, 70 deals), a HubSpot- and a Salesforce-shaped export with emails,
# notes, calls, tasks, meetings and documents, and every platform's sample
# (data/samples/<profile>, e.g. D-Tools and TOTUS Marketing) through its profile.
#   scripts/demo.sh           # database "migration_demo" (dropped and rebuilt)
#   DEMO_DB=name scripts/demo.sh
#   scripts/demo.sh --check   # also check the run's JSON summary against the sample
#   ODOO_SERIES=17.0 scripts/demo.sh   # on another series (default 19.0, the primary one)
# Sets up what it needs: the series' Odoo tree and virtualenv (scripts/odoo-setup.sh) and
# PostgreSQL when it is down.
set -euo pipefail
source "$(dirname "$0")/odoo-env.sh"
cd "$ROOT"
ensure_postgres
migrate() {
  # the headless command; exit 3 (rows not loaded) is what the samples' orphans give,
  # which --check compares with each sample's expected.json
  odoo_run migrate "$@" || [ $? -eq 3 ]
}
DB="${DEMO_DB:-migration_demo}"
SAMPLE="$ROOT/migration_bridge/data/samples/generic"
OUT="$(mktemp -d)"

echo "== database $DB with migration_bridge"
fresh_db "$DB"
odoo_server_run -d "$DB" -i migration_bridge --stop-after-init --log-level=warn

echo "== the sample's owners as Odoo users (Carla Diaz archived: owners match inactive users too)"
odoo_run shell -d "$DB" --no-http --log-level=warn < "$ROOT/scripts/demo_users.py" >/dev/null

echo "== migrate the sample export (headless)"
migrate -d "$DB" --log-level=warn \
  --project-name "Sample CRM export" --auto-confirm --kind full \
  --file "$SAMPLE/companies.csv" --file "$SAMPLE/contacts.csv" --file "$SAMPLE/deals.csv" \
  --json-out "$OUT/summary.json"

echo "== migrate two exports with engagements and documents (HubSpot- and Salesforce-shaped)"
ENG="$ROOT/migration_bridge/tests/fixtures/engagements"
python3 - "$ENG" "$OUT" <<'PY'
import sys, zipfile
from pathlib import Path
eng, out = Path(sys.argv[1]), Path(sys.argv[2])
def pack(folder, target):
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and not name.startswith("delta/") and path.name not in ("README.md", "expected.json"):
                archive.write(path, name)
pack(eng / "salesforce", out / "WE_00D8d000001_1.zip")
samples = eng.parent.parent.parent / "data" / "samples"
for folder in sorted(samples.iterdir()):
    if folder.name != "generic":  # every other sample is a platform's, named by its profile
        pack(folder, out / ("%s-export.zip" % folder.name))
pack(eng / "hubspot" / "hubspot-attachments", out / "hubspot-attachments.zip")
PY
HUBSPOT_FILES=()
for f in "$ENG"/hubspot/*.csv "$OUT/hubspot-attachments.zip"; do HUBSPOT_FILES+=(--file "$f"); done
migrate -d "$DB" --log-level=warn --project-name "HubSpot export" --auto-confirm \
  "${HUBSPOT_FILES[@]}" --json-out "$OUT/hubspot.json" >/dev/null
migrate -d "$DB" --log-level=warn --project-name "Salesforce weekly export" \
  --auto-confirm --file "$OUT/WE_00D8d000001_1.zip" --json-out "$OUT/salesforce.json" >/dev/null

echo "== migrate each platform's sample export through its profile"
PLATFORMS=()
for folder in "$ROOT"/migration_bridge/data/samples/*/; do
  code="$(basename "$folder")"
  [ "$code" = generic ] && continue
  PLATFORMS+=("$code")
  # the project is named after the sample's title: "# D-Tools sample export" -> "D-Tools export"
  name="$(sed -n '1s/^# \(.*\) sample export$/\1 export/p' "$folder/README.md")"
  echo "   $code: ${name:-$code export}"
  migrate -d "$DB" --log-level=warn --project-name "${name:-$code export}" \
    --profile "$code" --auto-confirm --file "$OUT/$code-export.zip" \
    --json-out "$OUT/$code.json" >/dev/null
done

if [ "${1:-}" = "--check" ]; then
  python3 "$ROOT/scripts/check_summary.py" "$OUT/summary.json" "$SAMPLE/expected.json"
  python3 "$ROOT/scripts/check_summary.py" "$OUT/hubspot.json" "$ENG/hubspot/expected.json"
  python3 "$ROOT/scripts/check_summary.py" "$OUT/salesforce.json" "$ENG/salesforce/expected.json"
  for code in "${PLATFORMS[@]}"; do
    python3 "$ROOT/scripts/check_summary.py" "$OUT/$code.json" \
      "$ROOT/migration_bridge/data/samples/$code/expected.json"
  done
fi

if [ -n "${DEMO_THEN_DROPPED:-}" ]; then
  echo "== demo checked (its database $DB is dropped by the caller)"
  exit 0
fi
cat <<TXT

Demo database ready: $DB (Odoo $ODOO_SERIES)
Start Odoo on it:
  $ODOO_BIN --addons-path=$ADDONS_PATH ${DB_ARGS[*]} -d $DB
then open http://localhost:8069 and log in as admin / admin: menu Migration > Projects.
TXT

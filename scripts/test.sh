#!/usr/bin/env bash
# Runs every test: lint, the pure tests, and the Odoo suite on a fresh database,
# under Odoo's own runner and under pytest-odoo. Exits non-zero on any failure.
#   scripts/test.sh            # keeps nothing: the test database is dropped at the end
#   KEEP_DB=1 scripts/test.sh  # keep it (mb_test) to look at
set -euo pipefail
source "$(dirname "$0")/odoo-env.sh"
cd "$ROOT"
DB="${TEST_DB:-mb_test}"
LOGS="$(mktemp -d)"

echo "== lint (ruff)"
ruff check .
ruff format --check .
echo "== lint (pylint-odoo, mandatory checks)"
python3 -m pylint --rcfile=.pylintrc-mandatory migration_bridge migration_bridge_queue

echo "== pure tests (no Odoo, no database)"
python3 -m pytest -p no:odoo -q tests | tee "$LOGS/pure.log"

echo "== install migration_bridge on a fresh database ($DB), crm as its only dependency"
fresh_db "$DB"
odoo_run -d "$DB" -i migration_bridge --without-demo=all --stop-after-init \
  --log-level=info --logfile="$LOGS/install.log"
if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$LOGS/install.log"; then
  echo "FAIL: installing the addon logged the WARNING/ERROR lines above" >&2
  exit 1
fi
if ! grep -q 'migration_bridge' "$LOGS/install.log"; then
  echo "FAIL: migration_bridge was not installed (see $LOGS/install.log)" >&2
  exit 1
fi

echo "== Odoo suite under Odoo's runner (odoo-bin --test-enable)"
status=0
odoo_run -d "$DB" --test-enable --test-tags /migration_bridge --stop-after-init \
  --http-port="${TEST_HTTP_PORT:-$((18000 + RANDOM % 1000))}" \
  --log-level=test --logfile="$LOGS/odoo-tests.log" || status=$?
grep -E ' (ERROR|CRITICAL) |Ran [0-9]+ test|tests? (failed|errored)|: [0-9]+ failed, [0-9]+ error' \
  "$LOGS/odoo-tests.log" || true
ran=$(grep -Eo '0 failed, 0 error\(s\) of [0-9]+ tests' "$LOGS/odoo-tests.log" \
  | awk '{s += $6} END {print s + 0}')
if [ "$status" -ne 0 ] || grep -qE ' (ERROR|CRITICAL) ' "$LOGS/odoo-tests.log"; then
  echo "FAIL: Odoo's runner reported failures (log: $LOGS/odoo-tests.log)" >&2
  exit 1
fi
if [ "${ran:-0}" -eq 0 ]; then
  echo "FAIL: Odoo's runner ran no migration_bridge test (log: $LOGS/odoo-tests.log)" >&2
  exit 1
fi
echo "Odoo's runner: $ran tests passed"

echo "== Odoo suite under pytest-odoo"
cat > "$LOGS/odoo.conf" <<CONF
[options]
addons_path = $ADDONS_PATH
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_name = $DB
CONF
python3 -m pytest -q --odoo-config="$LOGS/odoo.conf" --odoo-database="$DB" \
  -p no:cacheprovider --rootdir="$ROOT/migration_bridge" "$ROOT/migration_bridge/tests" \
  | tee "$LOGS/pytest-odoo.log"

echo "== queue_job mode: migration_bridge_queue installed on the same database, its suite"
odoo_run -d "$DB" -i migration_bridge_queue --test-enable --test-tags /migration_bridge_queue \
  --stop-after-init --http-port="${TEST_HTTP_PORT:-$((18000 + RANDOM % 1000))}" \
  --log-level=test --logfile="$LOGS/queue-tests.log" || status=$?
grep -E ' (ERROR|CRITICAL) |: [0-9]+ failed, [0-9]+ error' "$LOGS/queue-tests.log" || true
queue_ran=$(grep -Eo '0 failed, 0 error\(s\) of [0-9]+ tests' "$LOGS/queue-tests.log" \
  | awk '{s += $6} END {print s + 0}')
if [ "$status" -ne 0 ] || grep -qE ' (ERROR|CRITICAL) ' "$LOGS/queue-tests.log" \
  || [ "${queue_ran:-0}" -eq 0 ]; then
  echo "FAIL: the queue_job suite failed (log: $LOGS/queue-tests.log)" >&2
  exit 1
fi
python3 -m pytest -q --odoo-config="$LOGS/odoo.conf" --odoo-database="$DB" \
  -p no:cacheprovider --rootdir="$ROOT/migration_bridge_queue" \
  "$ROOT/migration_bridge_queue/tests" | tee "$LOGS/pytest-queue.log"

echo "== contacts as Odoo creates them, on a database with accounting and pricelists (${DB}_sales)"
# The accounting and pricelist settings a contact takes from its company exist with
# account and product; the suite's database has crm only.
fresh_db "${DB}_sales"
odoo_run -d "${DB}_sales" -i migration_bridge,sale_management --without-demo=all \
  --stop-after-init --log-level=warn --logfile="$LOGS/sales-install.log"
odoo_run -d "${DB}_sales" --test-enable --stop-after-init \
  --test-tags /migration_bridge:TestContactsTakeFromTheirCompany \
  --http-port="${TEST_HTTP_PORT:-$((18000 + RANDOM % 1000))}" \
  --log-level=test --logfile="$LOGS/sales-tests.log" || status=$?
grep -E ' (ERROR|CRITICAL) |: [0-9]+ failed, [0-9]+ error' "$LOGS/sales-tests.log" || true
if [ "$status" -ne 0 ] || grep -qE ' (ERROR|CRITICAL) ' "$LOGS/sales-tests.log" \
  || ! grep -qE '0 failed, 0 error\(s\) of [1-9][0-9]* tests' "$LOGS/sales-tests.log"; then
  echo "FAIL: the contact test on ${DB}_sales failed (log: $LOGS/sales-tests.log)" >&2
  exit 1
fi
dropdb --if-exists "${DB}_sales"

echo "== one process, two processes, two queue_job workers: the same end state (real processes)"
python3 "$ROOT/scripts/check_parallel.py" -d "$DB" --addons-path "$ADDONS_PATH" \
  --port "$((19000 + RANDOM % 500))"

echo "== bench, at a small N only to show it still works (no timing asserted)"
python3 "$ROOT/bench/bench_migration.py" -d "$DB" --smoke --addons-path "$ADDONS_PATH" \
  | tail -n 20

echo "== headless command on the bundled sample (demo database)"
# without KEEP_DB the demo database is dropped below: the demo must not offer to serve it
DEMO_THEN_DROPPED="$([ -n "${KEEP_DB:-}" ] || echo 1)" DEMO_DB="${DB}_demo" \
  "$ROOT/scripts/demo.sh" --check

if [ -z "${KEEP_DB:-}" ]; then
  dropdb --if-exists "$DB"
  dropdb --if-exists "${DB}_demo"
fi
pure=$(grep -Eo '^[0-9]+ passed' "$LOGS/pure.log" | grep -Eo '[0-9]+')
suite=$(grep -Eo '^[0-9]+ passed' "$LOGS/pytest-odoo.log" | grep -Eo '[0-9]+')
queue_suite=$(grep -Eo '^[0-9]+ passed' "$LOGS/pytest-queue.log" | grep -Eo '[0-9]+')
echo "== all tests passed: pure $pure; Odoo suite $ran + queue_job suite $queue_ran, each run"
echo "   under Odoo's runner and again under pytest-odoo ($suite + $queue_suite passed there)"
echo "tests: $((pure + ran + queue_ran)) distinct tests passed, 0 failed"

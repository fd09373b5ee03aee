#!/usr/bin/env bash
# Runs every test: lint, the pure tests, and on each supported Odoo series the addon's
# install, its Odoo suite, the queue_job suite, Odoo's own crm suite with the addon
# installed, the demo's figures and the Sales, Invoicing, Project and Employees tests on
# a database with those apps; on the primary series also pytest-odoo, the parallel check
# and the bench smoke. Exits non-zero on any
# failure. Sets up what it needs: each series' Odoo tree and virtualenv
# (scripts/odoo-setup.sh) and PostgreSQL when it is down.
#   scripts/test.sh                        # every series of TEST_SERIES (default 17.0 18.0 19.0)
#   TEST_SERIES=19.0 scripts/test.sh       # one series only
#   KEEP_DB=1 scripts/test.sh              # keep the test databases (mb_test_<series>...)
set -euo pipefail
source "$(dirname "$0")/odoo-env.sh"
cd "$ROOT"
ensure_postgres
BASE_DB="${TEST_DB:-mb_test}"
TEST_SERIES="${TEST_SERIES:-17.0 18.0 19.0}"
LOGS="$(mktemp -d)"
port() { echo "$((18000 + RANDOM % 1000))"; }

odoo_suite() {
  # odoo_suite NAME LOG ARGS...: an Odoo runner's test run; prints its count of tests
  local name="$1" log="$2" status=0 ran
  shift 2
  odoo_server_run "$@" --test-enable --stop-after-init --http-port="$(port)" \
    --log-level=test --logfile="$log" || status=$?
  grep -E ' (ERROR|CRITICAL) |: [0-9]+ failed, [0-9]+ error' "$log" >&2 || true
  ran=$(grep -Eo '0 failed, 0 error\(s\) of [0-9]+ tests' "$log" | awk '{s += $6} END {print s + 0}')
  if [ "$status" -ne 0 ] || grep -qE ' (ERROR|CRITICAL) ' "$log" || [ "${ran:-0}" -eq 0 ]; then
    echo "FAIL: $name (log: $log)" >&2
    exit 1
  fi
  echo "$ran"
}

pytest_odoo() {
  # pytest_odoo ADDON: an addon's suite again under pytest-odoo, on $DB as it is now
  cat > "$L/odoo.conf" <<CONF
[options]
addons_path = $ADDONS_PATH
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_name = $DB
CONF
  PYTHONPATH="$PYTHONPATH:$ROOT/scripts" "$PY" -m pytest -q -p pytest_odoo_paths \
    --odoo-config="$L/odoo.conf" --odoo-addons-path="$ADDONS_PATH" --odoo-database="$DB" \
    -p no:cacheprovider --rootdir="$ROOT/$1" "$ROOT/$1/tests" | tee "$L/pytest-$1.log"
}

use_series "$PRIMARY_SERIES"
echo "== lint (ruff, pylint-odoo's mandatory checks) with Odoo $ODOO_SERIES's tools"
ruff check .
ruff format --check .
"$PY" -m pylint --rcfile=.pylintrc-mandatory migration_bridge migration_bridge_queue

echo "== pure tests (no Odoo, no database)"
"$PY" -m pytest -p no:odoo -q tests | tee "$LOGS/pure.log"
pure=$(grep -Eo '^[0-9]+ passed' "$LOGS/pure.log" | grep -Eo '[0-9]+')

declare -A SUITE QUEUE SALES
for series in $TEST_SERIES; do
  use_series "$series"
  DB="${BASE_DB}_${series%%.*}"
  L="$LOGS/$series"
  mkdir -p "$L"
  echo "== Odoo $series: install migration_bridge on a fresh database ($DB), crm its only dependency"
  fresh_db "$DB"
  odoo_server_run -d "$DB" -i migration_bridge --stop-after-init --log-level=info \
    --logfile="$L/install.log"
  if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$L/install.log"; then
    echo "FAIL: installing the addon on $series logged the WARNING/ERROR lines above" >&2
    exit 1
  fi
  grep -q 'migration_bridge' "$L/install.log" || { echo "FAIL: not installed ($L/install.log)" >&2; exit 1; }

  echo "== Odoo $series: the addon's suite under Odoo's runner"
  SUITE[$series]=$(odoo_suite "suite on $series" "$L/suite.log" -d "$DB" --test-tags /migration_bridge)
  echo "   ${SUITE[$series]} tests passed"
  if [ "$series" = "$PRIMARY_SERIES" ]; then
    # before queue_job mode is installed, as under Odoo's runner: the same database
    echo "== Odoo $series: the addon's suite again under pytest-odoo"
    pytest_odoo migration_bridge
  fi

  echo "== Odoo $series: Odoo's own crm suite with the addon installed"
  # crm's browser tours (TestUi) are left out: they need a Chromium (Odoo skips them
  # without one); with one, 17.0's first tour fails here without the addon too, and on
  # 18.0 the web client's menu request failed once (CPython 3.11.7's "AST constructor
  # recursion depth mismatch", two threads parsing at once) and passed run again
  crm=$(odoo_suite "crm's suite on $series" "$L/crm.log" -d "$DB" \
    --test-tags "/crm,-/crm:TestUi${ODOO_CRM_LEFT_OUT:-}")
  echo "   crm: $crm tests passed"

  if [ -n "${ODOO_ORM_CHECK:-}" ]; then
    echo "== Odoo $series: Odoo's ORM tests ($ODOO_ORM_CHECK) with the gathered flush on for every flush"
    fresh_db "${DB}_orm"
    orm=$(MIGRATION_BRIDGE_GATHER=all odoo_suite "ORM tests with the gathered flush on $series" \
      "$L/orm.log" -d "${DB}_orm" -i "migration_bridge,$ODOO_ORM_CHECK" --test-tags "$ODOO_ORM_CHECK_TAGS")
    echo "   $ODOO_ORM_CHECK: $orm tests passed"
    dropdb --if-exists "${DB}_orm"
  fi

  echo "== Odoo $series: queue_job mode (migration_bridge_queue with queue_job), its suite"
  QUEUE[$series]=$(odoo_suite "queue_job suite on $series" "$L/queue.log" -d "$DB" \
    -i migration_bridge_queue --test-tags /migration_bridge_queue)
  echo "   ${QUEUE[$series]} tests passed"
  if [ "$series" = "$PRIMARY_SERIES" ]; then
    echo "== Odoo $series: the queue_job suite again under pytest-odoo"
    pytest_odoo migration_bridge_queue
  fi

  echo "== Odoo $series: the demo's projects migrate with the figures of their expected.json"
  DEMO_THEN_DROPPED="$([ -n "${KEEP_DB:-}" ] || echo 1)" DEMO_DB="${DB}_demo" \
    "$ROOT/scripts/demo.sh" --check

  echo "== Odoo $series: with Sales, Invoicing, Project and Employees installed (${DB}_sales): contacts"
  echo "   as Odoo creates them, quotes, orders, invoices, payments, tasks, employees and their HR"
  echo "   documents as records (TestSalesTargets, TestProjectTargets, TestElma365Projects,"
  echo "   TestElma365Kedo, TestOctopusProEmployees)"
  fresh_db "${DB}_sales"
  odoo_server_run -d "${DB}_sales" -i migration_bridge,sale_management,account,project,hr --stop-after-init \
    --log-level=warn --logfile="$L/sales-install.log"
  SALES[$series]=$(odoo_suite "the Sales and Invoicing tests on ${DB}_sales" "$L/sales.log" -d "${DB}_sales" \
    --test-tags /migration_bridge:TestContactsTakeFromTheirCompany,/migration_bridge:TestSalesTargets,/migration_bridge:TestProjectTargets,/migration_bridge:TestElma365Projects,/migration_bridge:TestElma365Kedo,/migration_bridge:TestOctopusProEmployees)
  echo "   ${SALES[$series]} tests passed"
  dropdb --if-exists "${DB}_sales"

  if [ "$series" = "$PRIMARY_SERIES" ]; then
    echo "== Odoo $series: one process, two processes, two queue_job workers: the same end state"
    # shellcheck disable=SC2086
    "$PY" "$ROOT/scripts/check_parallel.py" -d "$DB" --addons-path "$ADDONS_PATH" \
      --port "$((19000 + RANDOM % 500))" ${ODOO_PARALLEL_ARGS:-}

    echo "== Odoo $series: bench, at a small N only to show it still works (no timing asserted)"
    "$PY" "$ROOT/bench/bench_migration.py" -d "$DB" --smoke --addons-path "$ADDONS_PATH" \
      | tail -n 20
  fi
  [ -n "${KEEP_DB:-}" ] || { dropdb --if-exists "$DB"; dropdb --if-exists "${DB}_demo"; }
done

# A test run on several series, or under two runners, counts once: the suites' counts
# are those of the primary series (or of the last series run when it is not among them).
count_series="$PRIMARY_SERIES"
[ -n "${SUITE[$count_series]:-}" ] || count_series="$series"
suite=${SUITE[$count_series]}
queue=${QUEUE[$count_series]}
echo "== all tests passed on Odoo $TEST_SERIES: pure $pure; Odoo suite $suite + queue_job suite $queue"
for series in $TEST_SERIES; do
  echo "   Odoo $series: suite ${SUITE[$series]}, queue_job ${QUEUE[$series]} under Odoo's runner;" \
    "the suite's Sales, Project and Employees classes again with those apps: ${SALES[$series]}"
done
echo "tests: $((pure + suite + queue)) distinct tests passed, 0 failed"
echo "$((pure + suite + queue)) passed, 0 failed"

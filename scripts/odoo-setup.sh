#!/usr/bin/env bash
# Sets up one Odoo series for the scripts, the tests and CI, once (run it again: it checks):
#   scripts/odoo-setup.sh [SERIES]        # 17.0, 18.0, 19.0 or 20.0; default $ODOO_SERIES or 19.0
#
# - the Odoo source tree, written out of ODOO_SRC (a source tree, or a git directory such as
#   the snapshots the search tool's fetch brings; a blob the snapshot lacks is skipped) into
#   $ODOO_HOME/<series>/src, Community modules only (addons whose licence is OEEL/OPL are left out);
# - a virtualenv $ODOO_HOME/<series>/venv with Odoo's requirements, this repository's
#   requirements.txt and requirements-test.txt (and the series' queue_job where OCA has one);
# - $ODOO_HOME/<series>/env: the variables scripts/odoo-env.sh reads (python, odoo-bin, addons).
#
# Where each series' tree comes from and what it needs is said in scripts/series/<series>.sh.
# ODOO_HOME defaults to /opt/migration_bridge; ODOO_SRC to the series' snapshot under
# ODOO_SNAPSHOTS (default /work/.mirror, where fetch puts them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERIES="${1:-${ODOO_SERIES:-19.0}}"
case "$SERIES" in *.*) ;; *) SERIES="$SERIES.0" ;; esac
SPEC="$ROOT/scripts/series/$SERIES.sh"
[ -f "$SPEC" ] || { echo "unknown Odoo series $SERIES (known: $(cd "$ROOT/scripts/series" && ls | sed 's/\.sh$//' | tr '\n' ' '))" >&2; exit 2; }
ODOO_HOME="${ODOO_HOME:-/opt/migration_bridge}"
ODOO_SNAPSHOTS="${ODOO_SNAPSHOTS:-/work/.mirror}"
HOME_SERIES="$ODOO_HOME/$SERIES"
# The series file sets: SNAPSHOT (owner+name under ODOO_SNAPSHOTS), TREE_PATHS (what to write
# out of it), STARTER (odoo-bin's path in the tree), ADDONS (addons folders in the tree),
# PYTHON (the interpreter), ODOO_REQUIREMENTS (a file in the tree, or in scripts/series/),
# EXTRA_REQUIREMENTS (what the tree's list misses; phonenumbers everywhere: Odoo's
# phone formatting, which crm's own tests check, needs it), QUEUE_JOB (a pip requirement, or empty), NO_DEMO (the option that
# keeps demo data out, empty where none is loaded by default), and optionally prepare()
# (which may set PYTHON and PG_PORT, a PostgreSQL of its own); ORM_CHECK and
# ORM_CHECK_TAGS: Odoo's ORM tests to run with the addon's ORM patch on, where it has one;
# CRM_LEFT_OUT: crm's own tests left out of the check that its suite passes with the
# addon installed (each with why).
prepare() { :; }
# shellcheck source=/dev/null
source "$SPEC"
PG_PORT=""
SRC="${ODOO_SRC:-${SNAPSHOT:+$ODOO_SNAPSHOTS/$SNAPSHOT/repo}}"
mkdir -p "$HOME_SERIES"
prepare

stamp="$HOME_SERIES/.done"
want="$(cat "$SPEC" "$ROOT/scripts/odoo-setup.sh" "$ROOT/requirements.txt" "$ROOT/requirements-test.txt" | sha1sum | cut -c1-12)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$HOME_SERIES/venv/bin/python" ]; then
  echo "Odoo $SERIES is set up in $HOME_SERIES"; exit 0
fi

if [ ! -f "$HOME_SERIES/src/$STARTER" ]; then
  echo "== Odoo $SERIES: writing the source tree out of $SRC"
  rm -rf "$HOME_SERIES/src.part"
  if [ -f "$SRC/$STARTER" ]; then
    mkdir -p "$HOME_SERIES/src.part"
    for p in $TREE_PATHS; do cp -a "$SRC/$p" "$HOME_SERIES/src.part/"; done
  elif git --git-dir="$SRC" rev-parse HEAD >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    python3 "$ROOT/scripts/export_git_tree.py" "$SRC" "$HOME_SERIES/src.part" $TREE_PATHS
  else
    echo "no Odoo $SERIES source at '$SRC': set ODOO_SRC to a source tree or git directory" >&2
    [ -z "$SNAPSHOT" ] || echo "(the search tool's fetch of github:${SNAPSHOT/+//} brings one to $ODOO_SNAPSHOTS)" >&2
    exit 2
  fi
  python3 "$ROOT/scripts/export_git_tree.py" --community-only "$HOME_SERIES/src.part" $ADDONS
  mv "$HOME_SERIES/src.part" "$HOME_SERIES/src"
fi

# python-ldap and psycopg2 build against these
if ! dpkg -s libldap2-dev libsasl2-dev libpq-dev >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq libldap2-dev libsasl2-dev libpq-dev >/dev/null
fi
echo "== Odoo $SERIES: virtualenv with $PYTHON"
[ -x "$HOME_SERIES/venv/bin/python" ] || "$PYTHON" -m venv "$HOME_SERIES/venv"
VPY="$HOME_SERIES/venv/bin/python"
reqs="$HOME_SERIES/src/$ODOO_REQUIREMENTS"
[ -f "$reqs" ] || reqs="$ROOT/scripts/series/$ODOO_REQUIREMENTS"
constraints="$(mktemp)"
echo 'setuptools<81' > "$constraints"
export PIP_CONSTRAINT="$constraints"
"$VPY" -m pip install -q 'setuptools<81' wheel
"$VPY" -m pip install -q -r "$reqs" $EXTRA_REQUIREMENTS
"$VPY" -m pip install -q -r "$ROOT/requirements.txt" -r "$ROOT/requirements-test.txt"
# OCA's wheels require the odoo distribution, which is not pip-installed here: no deps,
# then the other requirements the wheel declares (19.0's queue_job: openupgradelib)
if [ -n "$QUEUE_JOB" ]; then
  "$VPY" -m pip install -q --no-deps "$QUEUE_JOB"
  others="$("$VPY" -m pip show odoo-addon-queue_job | sed -n 's/^Requires: //p' | tr ',' '\n' \
    | sed 's/ //g' | grep -v '^odoo$' | grep -v '^$' || true)"
  # shellcheck disable=SC2086
  [ -z "$others" ] || "$VPY" -m pip install -q $others
fi
rm -f "$constraints"

# where pip puts OCA's addons (odoo/addons/<name> in site-packages)
oca="$("$VPY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
if [ -d "$oca" ]; then oca=",$oca"; else oca=""; fi
cat > "$HOME_SERIES/env" <<ENV
ODOO_SERIES=$SERIES
ODOO_PYTHON=$VPY
ODOO_TREE=$HOME_SERIES/src
ODOO_BIN="$VPY $HOME_SERIES/src/$STARTER"
ODOO_NO_DEMO="$NO_DEMO"
ODOO_PGPORT="$PG_PORT"
ODOO_ORM_CHECK="${ORM_CHECK:-}"
ODOO_ORM_CHECK_TAGS="${ORM_CHECK_TAGS:-}"
ODOO_CRM_LEFT_OUT="${CRM_LEFT_OUT:-}"
ODOO_PARALLEL_ARGS="${PARALLEL_ARGS:-}"
ODOO_ADDONS_PATH=$(for a in $ADDONS; do printf '%s,' "$HOME_SERIES/src/$a"; done | sed 's/,$//')$oca
ENV
"$VPY" - "$HOME_SERIES/src" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import odoo.release
print("Odoo", odoo.release.version, "from", sys.argv[1])
PY
echo "$want" > "$stamp"

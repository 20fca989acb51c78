#!/usr/bin/env bash
# A real local CKAN 2.11 portal for tests and local publishing runs.
#
#   bash scripts/ckan/portal.sh up       install what is missing, start everything
#   bash scripts/ckan/portal.sh stop     stop CKAN, the Solr stand-in, Redis, PostgreSQL
#   bash scripts/ckan/portal.sh reset    stop and delete the whole lab directory
#   bash scripts/ckan/portal.sh status   exit 0 if the portal answers status_show
#
# Everything binds 127.0.0.1 and lives in $LAB (default <repo>/.lab/ckan,
# override with OPENDATA_CKAN_LAB). See scripts/ckan/README.md.
set -Eeuo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
LAB=${OPENDATA_CKAN_LAB:-$REPO_ROOT/.lab/ckan}
PYTHON=${OPENDATA_CKAN_PYTHON:-python3}

CKAN_VERSION=2.11.6
HOST=127.0.0.1
PG_PORT=55432
REDIS_PORT=56379
SOLR_PORT=58983
CKAN_PORT=58050
SITE_URL=http://$HOST:$CKAN_PORT
ADMIN=ckanadmin
# Local-only passwords: PostgreSQL uses "trust" on 127.0.0.1, these only have
# to match between the ckan.ini URLs and the roles.
CKAN_DB_PASS=ckanpass
DS_DB_PASS=dspass

VENV=$LAB/venv
INI=$LAB/etc/ckan.ini
LOGS=$LAB/logs
RUN=$LAB/run
PGHOME=$LAB/pg  # may move, see pg_locate
PGDATA=$PGHOME/data
PGSOCK=$PGHOME/sock

STEP="starting"
STEP_LOG=""

say() { echo "ckan-portal: $*"; }

# Seconds since the command started, shown on each step line (cheap profiling).
elapsed() { printf '[%3ds]' "$SECONDS"; }

# Every step names itself and its log, so a failure can say where to look.
step() {
    STEP=$1
    STEP_LOG=$LOGS/$2.log
    say "$(elapsed) $STEP"
}

on_error() {
    local rc=$?
    # Inside $(...) just pass the failure up; the main shell reports it once.
    ((BASH_SUBSHELL == 0)) || exit "$rc"
    echo "ckan-portal: FAILED during step: $STEP (exit $rc)" >&2
    if [[ -n $STEP_LOG && -f $STEP_LOG ]]; then
        echo "ckan-portal: log: $STEP_LOG (last lines below)" >&2
        tail -n 15 "$STEP_LOG" | sed 's/^/    /' >&2
    fi
    exit "$rc"
}
trap on_error ERR

# Run a command with its output appended to the current step's log.
logged() { "$@" >>"$STEP_LOG" 2>&1; }

ckan_cli() { "$VENV/bin/ckan" -c "$INI" "$@"; }

# --- process helpers -------------------------------------------------------
# In this sandbox orphans are not reaped, so a killed process can linger as a
# zombie and `kill -0` still succeeds: treat state Z as dead.
pid_alive() {
    local stat
    stat=$(ps -o stat= -p "$1" 2>/dev/null || true)
    [[ -n $stat && $stat != Z* ]]
}

pidfile_alive() {
    [[ -f $1 ]] && pid_alive "$(cat "$1")"
}

stop_pidfile() {
    local name=$1 file=$2 pid
    if ! pidfile_alive "$file"; then
        rm -f "$file"
        return 0
    fi
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        pid_alive "$pid" || break
        sleep 0.1
    done
    if pid_alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$file"
    say "stopped $name"
}

http_ok() {  # http_ok URL [TIMEOUT]: the URL answers 2xx
    "$PYTHON" - "$1" "${2:-3}" <<'EOF' >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2])).read()
EOF
}

wait_for() {  # wait_for SECONDS URL PIDFILE: until URL answers, or the process dies
    local deadline=$((SECONDS + $1))
    until http_ok "$2"; do
        if [[ -n ${3:-} ]] && ! pidfile_alive "$3"; then
            echo "process died before answering $2" >>"$STEP_LOG"
            return 1
        fi
        ((SECONDS < deadline)) || { echo "timed out waiting for $2" >>"$STEP_LOG"; return 1; }
        sleep 0.3
    done
}

ckan_serving() { http_ok "$SITE_URL/api/3/action/status_show"; }

pg_bin() {  # newest installed PostgreSQL server binaries
    local dir
    dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    [[ -x $dir/initdb ]] && echo "$dir"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PG_PORT"; }

psql_admin() { "$PG_BIN/psql" -h "$HOST" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# --- up: installation steps (each skipped when already done) ----------------
ensure_os_packages() {
    local missing=() pkg
    for pkg in redis-server libpq-dev gcc libmagic1; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$pkg")
    done
    pg_bin >/dev/null || missing+=(postgresql)
    ((${#missing[@]} == 0)) && return 0
    step "installing OS packages: ${missing[*]}" apt
    logged apt-get update
    DEBIAN_FRONTEND=noninteractive logged apt-get install -y "${missing[@]}"
}

ensure_venv() {
    # A marker, so a half-finished pip install is redone rather than trusted.
    [[ -f $VENV/.ckan-$CKAN_VERSION ]] && return 0
    step "creating virtualenv with ckan $CKAN_VERSION (the slow step: 40 s or more)" pip
    rm -rf "$VENV"
    logged "$PYTHON" -m venv "$VENV"
    # The [requirements] extra carries CKAN's pins; plain "ckan" lacks click etc.
    logged "$VENV/bin/pip" install "ckan[requirements]==$CKAN_VERSION" ckanapi
    touch "$VENV/.ckan-$CKAN_VERSION"
}

# PostgreSQL runs as user postgres, which must be able to reach its folder. A
# checkout inside a private folder (`mktemp -d` makes mode 700) is out of its
# reach; the cluster then lives under /var/tmp, and $LAB/pg-home says where.
pg_locate() {
    if [[ -f $LAB/pg-home ]]; then
        PGHOME=$(cat "$LAB/pg-home")
    elif [[ ! -d $LAB/pg/data ]] && ! runuser -u postgres -- test -x "$LAB" 2>/dev/null; then
        PGHOME=/var/tmp/opendata-ckan-pg-$(printf %s "$LAB" | sha256sum | cut -c1-12)
    fi
    PGDATA=$PGHOME/data
    PGSOCK=$PGHOME/sock
}

ensure_pg_cluster() {
    pg_locate
    [[ -f $PGDATA/PG_VERSION ]] && return 0
    step "creating PostgreSQL cluster in $PGHOME" postgres-init
    [[ $PGHOME == /var/tmp/opendata-ckan-pg-* ]] && rm -rf "$PGHOME"  # a stale one, never ours
    # PostgreSQL refuses to run as root: the cluster belongs to user postgres.
    mkdir -p "$PGDATA" "$PGSOCK"
    chown -R postgres: "$PGHOME"
    chmod 700 "$PGDATA"
    echo "$PGHOME" >"$LAB/pg-home"
    (cd / && logged runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust \
        -E UTF8 --locale=C.UTF-8)
}

start_pg() {
    pg_ready && return 0
    step "starting PostgreSQL on $HOST:$PG_PORT" postgres
    # A stale postmaster.pid whose process is dead (or a zombie) blocks start-up.
    if [[ -f $PGDATA/postmaster.pid ]] && ! pid_alive "$(head -n 1 "$PGDATA/postmaster.pid")"; then
        rm -f "$PGDATA/postmaster.pid"
    fi
    # The server writes its log as user postgres: keep it beside the cluster
    # (always reachable by postgres, see pg_locate) and link it from $LOGS.
    STEP_LOG=$PGHOME/server.log
    touch "$STEP_LOG"
    chown postgres: "$STEP_LOG"
    ln -sf "$STEP_LOG" "$LOGS/postgres-server.log"
    (cd / && logged runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$STEP_LOG" -w -t 30 \
        -o "-p $PG_PORT -c listen_addresses=$HOST -k $PGSOCK" start)
}

ensure_databases() {
    local have
    have=$(psql_admin -d postgres -c "SELECT count(*) FROM pg_database WHERE datname IN ('ckan_default','datastore_default')")
    [[ $have == 2 ]] && return 0
    step "creating database roles and databases" postgres-init
    logged psql_admin -d postgres <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ckan_default') THEN
    CREATE ROLE ckan_default LOGIN PASSWORD '$CKAN_DB_PASS';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'datastore_default') THEN
    CREATE ROLE datastore_default LOGIN PASSWORD '$DS_DB_PASS';
  END IF;
END \$\$;
EOF
    for db in ckan_default datastore_default; do
        if [[ -z $(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
            logged psql_admin -d postgres -c "CREATE DATABASE $db OWNER ckan_default ENCODING 'utf-8'"
        fi
    done
}

ensure_config() {
    [[ -f $INI ]] && return 0
    step "writing $INI" config
    mkdir -p "$(dirname "$INI")" "$LAB/storage"
    logged "$VENV/bin/ckan" generate config "$INI.tmp"
    # config-tool with a config loaded would start the whole app and die on the
    # not-yet-configured DB: call it with no -c and without CKAN_INI.
    logged env -u CKAN_INI "$VENV/bin/ckan" config-tool "$INI.tmp" \
        "sqlalchemy.url = postgresql://ckan_default:$CKAN_DB_PASS@$HOST:$PG_PORT/ckan_default" \
        "ckan.site_url = $SITE_URL" \
        "ckan.redis.url = redis://$HOST:$REDIS_PORT/0" \
        "solr_url = http://$HOST:$SOLR_PORT/solr/ckan" \
        "ckan.storage_path = $LAB/storage" \
        "ckan.max_resource_size = 100" \
        "ckan.plugins = activity datastore" \
        "ckan.datastore.write_url = postgresql://ckan_default:$CKAN_DB_PASS@$HOST:$PG_PORT/datastore_default" \
        "ckan.datastore.read_url = postgresql://datastore_default:$DS_DB_PASS@$HOST:$PG_PORT/datastore_default" \
        "ckan.datastore.sqlsearch.enabled = true" \
        "ckan.devserver.host = $HOST" \
        "ckan.devserver.port = $CKAN_PORT"
    mv "$INI.tmp" "$INI"
}

start_redis() {
    pidfile_alive "$RUN/redis.pid" && return 0
    step "starting Redis on $HOST:$REDIS_PORT" redis
    # No persistence: background jobs only, nothing worth keeping.
    logged redis-server --bind "$HOST" --port "$REDIS_PORT" --daemonize yes --save '' \
        --appendonly no --dir "$LAB" --pidfile "$RUN/redis.pid" --logfile "$LOGS/redis.log"
    for _ in $(seq 30); do pidfile_alive "$RUN/redis.pid" && return 0; sleep 0.1; done
    echo "redis did not write $RUN/redis.pid" >>"$STEP_LOG"
    return 1
}

start_solr_standin() {
    pidfile_alive "$RUN/solr.pid" && return 0
    step "starting the Solr stand-in on $HOST:$SOLR_PORT" solr
    local schema
    schema=$(ls "$VENV"/lib/python3*/site-packages/ckan/config/solr/schema.xml)
    # No setsid around nohup: $! must be the server itself (see README).
    nohup "$VENV/bin/python" "$SCRIPT_DIR/solr_standin.py" --port "$SOLR_PORT" \
        --schema "$schema" --persist "$LAB/solr_index.json" </dev/null >>"$STEP_LOG" 2>&1 &
    echo $! >"$RUN/solr.pid"
    wait_for 15 "http://$HOST:$SOLR_PORT/solr/ckan/admin/ping" "$RUN/solr.pid"
}

ensure_schema() {
    [[ -f $LAB/.db-initialised ]] && return 0
    step "creating CKAN tables (ckan db init)" db-init
    logged ckan_cli db init
    step "setting datastore permissions" db-init
    ckan_cli datastore set-permissions 2>>"$STEP_LOG" | logged psql_admin -d datastore_default
    touch "$LAB/.db-initialised"
}

ensure_admin() {
    [[ -s $LAB/token ]] && return 0
    step "creating sysadmin $ADMIN and an API token" users
    local exists password token
    exists=$(psql_admin -d ckan_default -c "SELECT 1 FROM \"user\" WHERE name = '$ADMIN'")
    if [[ -z $exists ]]; then
        password=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(18))')
        (umask 077 && echo "$password" >"$LAB/admin_password")
        logged ckan_cli user add "$ADMIN" email="$ADMIN@example.invalid" password="$password"
    fi
    logged ckan_cli sysadmin add "$ADMIN"
    # --quiet prints only the token; it goes to the file, never to the terminal.
    token=$(ckan_cli user token add --quiet "$ADMIN" tests 2>>"$STEP_LOG" | tail -n 1)
    [[ -n $token ]] || { echo "no token printed" >>"$STEP_LOG"; return 1; }
    (umask 077 && printf '%s\n' "$token" >"$LAB/token.tmp")
    mv "$LAB/token.tmp" "$LAB/token"
}

start_ckan() {
    ckan_serving && return 0
    step "starting CKAN on $SITE_URL" ckan
    stop_pidfile "CKAN (not answering)" "$RUN/ckan.pid"
    # -r: no reloader, so the pid file names the server; -t: threaded.
    CKAN_INI=$INI nohup "$VENV/bin/ckan" -c "$INI" run -H "$HOST" -p "$CKAN_PORT" -r -t \
        </dev/null >>"$STEP_LOG" 2>&1 &
    echo $! >"$RUN/ckan.pid"
    wait_for 90 "$SITE_URL/api/3/action/status_show" "$RUN/ckan.pid"
    # CKAN builds its web assets on the first HTML page it renders; several
    # first renders at once race and answer 500 (webassets BundleError) — seen
    # when the audit checks links concurrently on a fresh portal. Render one
    # page (and the error page) alone first.
    http_ok "$SITE_URL/" 60 || true
    http_ok "$SITE_URL/opendata-warm-up-of-the-404-page" 60 || true
}

# --- ports: held by this lab, free, or a clear failure ---------------------
port_taken() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

claim_port() {  # claim_port WHAT PORT OURS: fail early when another program listens there
    local what=$1 port=$2 ours=$3
    [[ $ours == yes ]] && return 0
    port_taken "$port" || return 0
    say "FAILED: port $port ($what) is in use by another program, probably the portal of" \
        "another checkout; stop that one first (its scripts/ckan/portal.sh stop)" >&2
    exit 1
}

ensure_ports() {
    local pg=no
    pg_locate
    if [[ -f $PGDATA/postmaster.pid ]] && pid_alive "$(head -n 1 "$PGDATA/postmaster.pid")"; then pg=yes; fi
    claim_port PostgreSQL "$PG_PORT" "$pg"
    claim_port Redis "$REDIS_PORT" "$(pidfile_alive "$RUN/redis.pid" && echo yes || echo no)"
    claim_port "the Solr stand-in" "$SOLR_PORT" "$(pidfile_alive "$RUN/solr.pid" && echo yes || echo no)"
    claim_port CKAN "$CKAN_PORT" "$(pidfile_alive "$RUN/ckan.pid" && echo yes || echo no)"
}

cmd_up() {
    mkdir -p "$LAB" "$LOGS" "$RUN"
    ensure_ports
    ensure_os_packages
    PG_BIN=$(pg_bin)
    ensure_venv
    ensure_pg_cluster
    start_pg
    ensure_databases
    ensure_config
    start_redis
    start_solr_standin  # before any CLI call: each one checks Solr and its schema
    ensure_schema
    ensure_admin
    start_ckan
    say "up: $SITE_URL (sysadmin $ADMIN, token in $LAB/token) after $SECONDS s"
}

cmd_stop() {
    stop_pidfile CKAN "$RUN/ckan.pid"
    stop_pidfile "Solr stand-in" "$RUN/solr.pid"
    stop_pidfile Redis "$RUN/redis.pid"
    PG_BIN=$(pg_bin || true)
    [[ -f $LAB/pg-home ]] && pg_locate
    if [[ -n $PG_BIN && -f $PGDATA/postmaster.pid ]]; then
        if pg_ready; then
            (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null)
            say "stopped PostgreSQL"
        fi
        rm -f "$PGDATA/postmaster.pid"  # may be stale if the postmaster is a zombie
    fi
}

cmd_reset() {
    cmd_stop
    # Guard against deleting something that is not a lab directory.
    if [[ -d $LAB && ( -d $LAB/venv || -d $LAB/pg || -d $LAB/logs ) ]]; then
        [[ $PGHOME == /var/tmp/opendata-ckan-pg-* ]] && rm -rf "$PGHOME"
        rm -rf "$LAB"
        say "deleted $LAB"
    elif [[ -e $LAB ]]; then
        say "refusing to delete $LAB: it does not look like a portal lab" >&2
        return 1
    fi
}

cmd_status() {
    local name file
    for name in ckan solr redis; do
        file=$RUN/$name.pid
        if pidfile_alive "$file"; then say "$name: running (pid $(cat "$file"))"; else say "$name: stopped"; fi
    done
    PG_BIN=$(pg_bin || true)
    if [[ -n $PG_BIN ]] && pg_ready; then say "postgres: running"; else say "postgres: stopped"; fi
    if ckan_serving; then
        say "serving $SITE_URL"
    else
        say "not serving"
        return 1
    fi
}

case ${1:-} in
    up) cmd_up ;;
    stop) STEP=stop; cmd_stop ;;
    reset) STEP=reset; cmd_reset ;;
    status) trap - ERR; cmd_status ;;  # "not serving" is an answer, not a failure
    *)
        echo "usage: $0 up|stop|reset|status   (LAB=$LAB)" >&2
        exit 2
        ;;
esac

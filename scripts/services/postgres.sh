#!/usr/bin/env bash
# Starts, stops or reports the project's own PostgreSQL 15 instance, bound to 127.0.0.1 on
# G5KFW_PG_PORT with its data and log under the run folder. It never touches the machine's
# main cluster on 5432.
set -uo pipefail
source "$(dirname "$0")/common.sh"

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$G5KFW_RUN/postgres"

# The postgres user gets real paths, because it may not be able to follow a link inside the run folder.
resolve_paths() {
    PG_DIR="$(readlink -f "$G5KFW_RUN/postgres" || echo "$G5KFW_RUN/postgres")"
    PG_DATA="$PG_DIR/data"
    PG_LOG="$PG_DIR/postgres.log"
}
resolve_paths

as_postgres() { runuser -u postgres -- "$@"; }

# PostgreSQL runs as the postgres user, which cannot enter a checkout under a private home
# folder such as /root. Then the cluster lives in /var/lib/g5kfw and the run folder links to it.
place_data_folder() {
    [ -e "$PG_DIR" ] && return 0
    mkdir -p "$G5KFW_RUN"
    if runuser -u postgres -- test -x "$G5KFW_RUN"; then
        mkdir -p "$PG_DIR"
    else
        local outside
        outside="/var/lib/g5kfw/$(printf '%s' "$G5KFW_RUN" | sha1sum | cut -c1-12)/postgres"
        log "user postgres cannot enter $G5KFW_RUN; keeping the cluster in $outside"
        mkdir -p "$outside"
        ln -sfn "$outside" "$PG_DIR"
    fi
    resolve_paths
}

is_running() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

init_cluster() {
    place_data_folder
    chown postgres:postgres "$PG_DIR"
    local password_file="$PG_DIR/.superuser-password"
    printf '%s\n' "$G5KFW_PG_PASSWORD" > "$password_file"
    chown postgres "$password_file" && chmod 600 "$password_file"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
        --pwfile="$password_file" -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || die "initdb failed; see $PG_DIR/initdb.log"
    rm -f "$password_file"
    cat >> "$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $G5KFW_PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
}

create_role_and_database() {
    local psql=(as_postgres "$PG_BIN/psql" -h "$PG_DIR" -p "$G5KFW_PG_PORT" -U postgres -d postgres -qtA)
    "${psql[@]}" -v ON_ERROR_STOP=1 -v user="$G5KFW_PG_USER" -v password="$G5KFW_PG_PASSWORD" <<'SQL' >/dev/null
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SQL
    "${psql[@]}" -v ON_ERROR_STOP=1 -v user="$G5KFW_PG_USER" -v db="$G5KFW_PG_DATABASE" <<'SQL' >/dev/null
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
}

start() {
    require_root
    ensure_packages postgresql-15 postgresql-client-15
    if is_running; then
        log "PostgreSQL already runs on 127.0.0.1:$G5KFW_PG_PORT"
        return 0
    fi
    [ -f "$PG_DATA/PG_VERSION" ] || init_cluster
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null \
        || die "PostgreSQL did not start on 127.0.0.1:$G5KFW_PG_PORT; see $PG_LOG"
    create_role_and_database
    log "PostgreSQL runs on 127.0.0.1:$G5KFW_PG_PORT (data $PG_DATA)"
}

stop() {
    if ! is_running; then
        log "PostgreSQL is not running"
        return 0
    fi
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null \
        || die "PostgreSQL did not stop; see $PG_LOG"
    log "PostgreSQL stopped"
}

status() {
    if is_running; then echo "postgres: running on 127.0.0.1:$G5KFW_PG_PORT"; else echo "postgres: stopped"; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

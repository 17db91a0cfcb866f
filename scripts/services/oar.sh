#!/usr/bin/env bash
# Starts, stops or reports a real OAR 2.5.9 server (Debian's packages) that plays the site
# G5KFW_SITE. Its database `oar` lives in the project's PostgreSQL instance on G5KFW_PG_PORT.
# Its Almighty daemon runs as a plain process with a clean environment, and its server prologue
# and epilogue run G5kFw's hook command. The cluster has G5KFW_OAR_HOSTS hosts of
# G5KFW_OAR_CORES cores named node-N.G5KFW_SITE_DOMAIN, and users alice and bob submit jobs.
set -uo pipefail
source "$(dirname "$0")/common.sh"

OAR_DIR="$G5KFW_RUN/oar"
ALMIGHTY_PID="$OAR_DIR/almighty.pid"
HOOK_DIR="$OAR_DIR/hooks"
HOOK_SPOOL="$OAR_DIR/hook-spool"
# The published G5kFw hook command. G5KFW_OAR_HOOK points the server hooks at another build.
G5KFW_OAR_HOOK="${G5KFW_OAR_HOOK:-$OAR_DIR/hook/G5kFw.OarHook}"
OAR_CONF=/etc/oar/oar.conf
PG_SOCKET_DIR="$G5KFW_RUN/postgres"
OAR_USERS=(alice bob)
CLEAN_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)

as_postgres_psql() {
    runuser -u postgres -- psql -h "$PG_SOCKET_DIR" -p "$G5KFW_PG_PORT" -U postgres -qtA -v ON_ERROR_STOP=1 "$@"
}

oar_ro_psql() {
    PGPASSWORD="$G5KFW_OAR_DB_RO_PASSWORD" psql -h 127.0.0.1 -p "$G5KFW_PG_PORT" -U oar_ro -d oar -qtA "$@"
}

is_running() { pid_alive "$ALMIGHTY_PID"; }

# OAR's configuration parser keeps the last definition of a key, so one marked block at the end
# overrides the packaged defaults. A second start replaces the block instead of adding another.
write_oar_conf() {
    sed -i '/^# >>> g5kfw overrides/,/^# <<< g5kfw overrides/d' "$OAR_CONF"
    cat >> "$OAR_CONF" <<CONF
# >>> g5kfw overrides (written by scripts/services/oar.sh) >>>
DB_TYPE="Pg"
DB_HOSTNAME="127.0.0.1"
DB_PORT="$G5KFW_PG_PORT"
DB_BASE_NAME="oar"
DB_BASE_LOGIN="oar"
DB_BASE_PASSWD="$G5KFW_OAR_DB_PASSWORD"
DB_BASE_LOGIN_RO="oar_ro"
DB_BASE_PASSWD_RO="$G5KFW_OAR_DB_RO_PASSWORD"
SERVER_HOSTNAME="127.0.0.1"
SERVER_PORT="$G5KFW_OAR_SERVER_PORT"
LOG_LEVEL="3"
LOG_FILE="$OAR_DIR/oar.log"
# The hosts are not real machines, so OAR must never ping or ssh them.
FINAUD_FREQUENCY="0"
# With 0, Almighty runs the scheduler on every notification, so a noop job runs within a second
# of oarsub. With the default (5), an early notification waits for Almighty's next 10 s tick.
SCHEDULER_MIN_TIME_BETWEEN_2_CALLS="0"
SCHEDULER_JOB_SECURITY_TIME="1"
SERVER_PROLOGUE_EXEC_FILE="$HOOK_DIR/server_prologue"
SERVER_EPILOGUE_EXEC_FILE="$HOOK_DIR/server_epilogue"
SERVER_PROLOGUE_EPILOGUE_TIMEOUT="20"
# <<< g5kfw overrides <<<
CONF
    install -d -o oar -g oar -m 755 "$OAR_DIR"
    touch "$OAR_DIR/oar.log" && chown oar:oar "$OAR_DIR/oar.log"
}

# OAR runs each server hook as user oar with the job id as its only argument, and a hook that
# fails or times out stops every OAR queue. These wrappers give the G5kFw hook its settings and
# its event name, kill it after 0.9 s, and exit 0 whatever happened.
write_hooks() {
    install -d -o root -g oar -m 750 "$HOOK_DIR"
    install -d -o oar -g oar -m 750 "$HOOK_SPOOL"
    touch "$HOOK_DIR/hook.log" && chown oar:oar "$HOOK_DIR/hook.log"

    local env_file="$HOOK_DIR/hook.env"
    cat > "$env_file" <<ENV
OarHook__Site=$G5KFW_SITE
OarHook__SpoolDirectory=$HOOK_SPOOL
RabbitMq__Host=127.0.0.1
RabbitMq__Port=$G5KFW_RABBIT_PORT
RabbitMq__VirtualHost=/
RabbitMq__Username=$G5KFW_RABBIT_USER
RabbitMq__Password=$G5KFW_RABBIT_PASSWORD
ENV
    chown root:oar "$env_file" && chmod 640 "$env_file"

    local phase event
    for phase in prologue epilogue; do
        event=started
        [ "$phase" = epilogue ] && event=ended
        cat > "$HOOK_DIR/server_$phase" <<HOOK
#!/bin/sh
# OAR's server $phase: reports the job $event to G5kFw, always with exit status 0.
hook="$G5KFW_OAR_HOOK"
log="$HOOK_DIR/hook.log"
if [ ! -x "\$hook" ]; then
    echo "\$(date -Is) job \$1 $event: G5kFw hook \$hook is missing; reconciliation will catch up" >> "\$log"
    exit 0
fi
set -a
. "$env_file"
set +a
timeout -s KILL 0.9 "\$hook" $event "\$1" >> "\$log" 2>&1
exit 0
HOOK
        chown root:oar "$HOOK_DIR/server_$phase" && chmod 750 "$HOOK_DIR/server_$phase"
    done
}

# Publishes the hook command from the source tree, as a native AOT executable, when it is missing
# or older than its sources.
publish_hook() {
    local project_dir="$G5KFW_ROOT/src/G5kFw.OarHook"
    if [ "$G5KFW_OAR_HOOK" != "$OAR_DIR/hook/G5kFw.OarHook" ] || [ ! -d "$project_dir" ]; then
        [ -x "$G5KFW_OAR_HOOK" ] || log "G5kFw hook $G5KFW_OAR_HOOK is missing; the server hooks only log"
        return 0
    fi
    if [ -x "$G5KFW_OAR_HOOK" ] && [ -z "$(find "$project_dir" "$G5KFW_ROOT/src/G5kFw.Contracts" \
        \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -newer "$G5KFW_OAR_HOOK" | head -1)" ]; then
        return 0
    fi
    ensure_packages clang zlib1g-dev
    log "publishing the G5kFw hook to $OAR_DIR/hook"
    dotnet publish "$project_dir/G5kFw.OarHook.csproj" -c Release -r linux-x64 \
        -o "$OAR_DIR/hook" --nologo >"$OAR_DIR/hook-publish.log" 2>&1 \
        || die "dotnet publish of the G5kFw hook failed; see $OAR_DIR/hook-publish.log"
    touch "$G5KFW_OAR_HOOK"
    chmod -R a+rX "$OAR_DIR/hook"
}

# Creates OAR's read-write and read-only roles and its database in the project's instance, then
# lets oar-database load the schema, the default data and the admission rules.
create_database() {
    as_postgres_psql -d postgres -v rw="$G5KFW_OAR_DB_PASSWORD" -v ro="$G5KFW_OAR_DB_RO_PASSWORD" <<'SQL' >/dev/null \
        || die "creating OAR's roles and database failed"
SELECT 'CREATE ROLE oar LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oar') \gexec
SELECT 'CREATE ROLE oar_ro LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oar_ro') \gexec
SELECT format('ALTER ROLE oar PASSWORD %L', :'rw') \gexec
SELECT format('ALTER ROLE oar_ro PASSWORD %L', :'ro') \gexec
SELECT 'CREATE DATABASE oar OWNER oar' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'oar') \gexec
SQL
    as_postgres_psql -d oar <<'SQL' >/dev/null || die "granting OAR's schema privileges failed"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CREATE ON SCHEMA public TO oar;
SQL
    if ! oar-database --check >/dev/null 2>&1; then
        oar-database --setup -y >"$OAR_DIR/oar-database.log" 2>&1 \
            || die "oar-database --setup failed; see $OAR_DIR/oar-database.log"
    fi
    # The read-only role reads every table, as the testbed's API does. The default privileges
    # cover tables that a later OAR schema upgrade adds.
    as_postgres_psql -d oar <<'SQL' >/dev/null || die "granting read access to oar_ro failed"
GRANT SELECT ON ALL TABLES IN SCHEMA public TO oar_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE oar IN SCHEMA public GRANT SELECT ON TABLES TO oar_ro;
SQL
    oar-database --check >/dev/null || die "oar-database --check failed after setup"
}

wait_for_port() {
    local port="$1" seconds="$2" i
    for ((i = 0; i < seconds * 10; i++)); do
        [ -n "$(ss -Hltn "sport = :$port")" ] && return 0
        sleep 0.1
    done
    return 1
}

start_almighty() {
    if [ -n "$(ss -Hltn "sport = :$G5KFW_OAR_SERVER_PORT")" ]; then
        die "port $G5KFW_OAR_SERVER_PORT is taken by another process; stop it or set G5KFW_OAR_SERVER_PORT"
    fi
    # Almighty gets its own session, so that stop can end it and its helpers as one group. The
    # launcher records its PID and then becomes Almighty, which runs the scheduler and the hooks.
    setsid "${CLEAN_ENV[@]}" bash -c 'echo $$ > "$1"; exec /usr/sbin/Almighty' almighty "$ALMIGHTY_PID" \
        >"$OAR_DIR/almighty.out" 2>&1 </dev/null &
    wait_for_port "$G5KFW_OAR_SERVER_PORT" 15 \
        || die "Almighty did not listen on port $G5KFW_OAR_SERVER_PORT within 15 s; see $OAR_DIR/oar.log"
}

# Adds the hosts and their cores when the resources table is empty, as Grid'5000 describes them:
# one resource per core, with host, cpu and core properties.
create_resources() {
    local count
    count="$(oar_ro_psql -c 'SELECT count(*) FROM resources')" || die "reading OAR's resources failed"
    [ "$count" -gt 0 ] && return 0
    oar_resources_add -H "$G5KFW_OAR_HOSTS" -C 1 -c "$G5KFW_OAR_CORES" --host-suffix ".$G5KFW_SITE_DOMAIN" \
        > "$OAR_DIR/resources.sh" || die "oar_resources_add failed"
    bash -e "$OAR_DIR/resources.sh" > "$OAR_DIR/resources.log" 2>&1 \
        || die "adding OAR resources failed; see $OAR_DIR/resources.log"
}

create_users() {
    local user
    for user in "${OAR_USERS[@]}"; do
        id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user" || die "useradd $user failed"
    done
}

start() {
    require_root
    ensure_packages oar-server oar-server-pgsql oar-user oar-user-pgsql oar-common
    if is_running; then
        publish_hook
        log "OAR already runs: Almighty pid $(cat "$ALMIGHTY_PID") on port $G5KFW_OAR_SERVER_PORT"
        return 0
    fi
    [ -S "$PG_SOCKET_DIR/.s.PGSQL.$G5KFW_PG_PORT" ] \
        || die "PostgreSQL does not run on port $G5KFW_PG_PORT; start it with scripts/services/postgres.sh start"

    mkdir -p "$OAR_DIR"
    write_oar_conf
    write_hooks
    publish_hook
    create_database
    start_almighty
    create_resources
    create_users
    log "OAR runs: Almighty pid $(cat "$ALMIGHTY_PID") on port $G5KFW_OAR_SERVER_PORT," \
        "site $G5KFW_SITE, $G5KFW_OAR_HOSTS hosts node-N.$G5KFW_SITE_DOMAIN"
}

stop() {
    if ! is_running; then
        log "OAR is not running"
        rm -f "$ALMIGHTY_PID"
        return 0
    fi
    local session
    session="$(cat "$ALMIGHTY_PID")"
    stop_pid "$ALMIGHTY_PID" "OAR (Almighty)" 20
    # Almighty's helpers (appendice, sarko, bipbip, hooks) share its session, so end what is left.
    kill -TERM -- "-$session" 2>/dev/null && sleep 0.5
    kill -KILL -- "-$session" 2>/dev/null
    return 0
}

status() {
    if is_running; then
        echo "oar: running, Almighty pid $(cat "$ALMIGHTY_PID") on port $G5KFW_OAR_SERVER_PORT, site $G5KFW_SITE"
        oarnotify -l 2>/dev/null | awk '/^[^ \t]/ { queue = $1 } /state =/ { print "oar: queue " queue " " $3 }'
    else
        echo "oar: stopped"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

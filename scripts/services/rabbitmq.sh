#!/usr/bin/env bash
# Starts, stops or reports the project's own RabbitMQ 3.10 node. The server runs as a plain
# process (not through the packaged wrapper, which switches to the rabbitmq user), with its own
# node name, cookie and epmd, AMQP and management on 127.0.0.1 and Erlang distribution bound to
# loopback, and its data and logs under the run folder.
set -uo pipefail
source "$(dirname "$0")/common.sh"

RABBIT_DIR="$G5KFW_RUN/rabbitmq"
RABBIT_PID="$RABBIT_DIR/rabbitmq.pid"
EPMD_PID="$RABBIT_DIR/epmd.pid"
NODE_NAME="g5kfw@localhost"

export HOME="$RABBIT_DIR/home"
export RABBITMQ_NODENAME="$NODE_NAME"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$G5KFW_RABBIT_PORT"
export RABBITMQ_DIST_PORT="$G5KFW_RABBIT_DIST_PORT"
export ERL_EPMD_PORT="$G5KFW_EPMD_PORT"
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia"
export RABBITMQ_LOG_BASE="$RABBIT_DIR/log"
export RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf"
export RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_DIR/advanced.config"
export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins"
export RABBITMQ_PID_FILE="$RABBIT_DIR/node.pid"
export RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf"

ctl() { /usr/lib/rabbitmq/bin/rabbitmqctl -n "$NODE_NAME" "$@"; }

write_config() {
    mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
    : > "$RABBITMQ_CONF_ENV_FILE"
    if [ ! -s "$HOME/.erlang.cookie" ]; then
        head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$HOME/.erlang.cookie"
    fi
    chmod 400 "$HOME/.erlang.cookie"
    cat > "$RABBITMQ_CONFIG_FILE" <<CONF
management.tcp.ip = 127.0.0.1
management.tcp.port = $G5KFW_RABBIT_MANAGEMENT_PORT
loopback_users = none
log.file.level = info
log.console = false
CONF
    cat > "$RABBITMQ_ADVANCED_CONFIG_FILE" <<CONF
[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}].
CONF
    echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
}

start_epmd() {
    pid_alive "$EPMD_PID" && return 0
    local epmd
    epmd="$(ls /usr/lib/erlang/erts-*/bin/epmd | head -1)"
    "$epmd" -address 127.0.0.1 -port "$G5KFW_EPMD_PORT" >"$RABBITMQ_LOG_BASE/epmd.log" 2>&1 &
    echo $! > "$EPMD_PID"
}

# Waits until the node has booted and accepts AMQP connections, or fails after the given seconds.
wait_ready() {
    local seconds="$1" i
    for ((i = 0; i < seconds; i++)); do
        pid_alive "$RABBIT_PID" || die "RabbitMQ exited during start; see $RABBITMQ_LOG_BASE"
        if ctl await_startup --timeout 1 >/dev/null 2>&1 \
            && (exec 3<>"/dev/tcp/127.0.0.1/$G5KFW_RABBIT_PORT") 2>/dev/null; then
            return 0
        fi
        sleep 1
    done
    die "RabbitMQ was not ready on 127.0.0.1:$G5KFW_RABBIT_PORT after ${seconds}s; see $RABBITMQ_LOG_BASE"
}

create_user() {
    if ! ctl list_users -q 2>/dev/null | awk '{print $1}' | grep -qx "$G5KFW_RABBIT_USER"; then
        ctl add_user "$G5KFW_RABBIT_USER" "$G5KFW_RABBIT_PASSWORD" >/dev/null
        ctl set_user_tags "$G5KFW_RABBIT_USER" administrator >/dev/null
        ctl set_permissions -p / "$G5KFW_RABBIT_USER" '.*' '.*' '.*' >/dev/null
    fi
    # The guest account is not needed: the project's clients use their own user.
    ctl delete_user guest >/dev/null 2>&1 || true
}

start() {
    require_root
    ensure_packages rabbitmq-server
    if pid_alive "$RABBIT_PID"; then
        log "RabbitMQ already runs on 127.0.0.1:$G5KFW_RABBIT_PORT"
        return 0
    fi
    write_config
    start_epmd
    # The launcher gets its own session, so that stop can end the node and its port programs as a
    # group; it records its own PID before it becomes the packaged start script.
    setsid bash -c 'echo $$ > "$1"; exec /usr/lib/rabbitmq/bin/rabbitmq-server' rabbitmq "$RABBIT_PID" \
        >"$RABBITMQ_LOG_BASE/server.out" 2>&1 < /dev/null &
    wait_for_pid_file
    wait_ready 90
    create_user
    log "RabbitMQ runs on 127.0.0.1:$G5KFW_RABBIT_PORT (management 127.0.0.1:$G5KFW_RABBIT_MANAGEMENT_PORT)"
}

wait_for_pid_file() {
    local i
    for ((i = 0; i < 50; i++)); do
        [ -s "$RABBIT_PID" ] && return 0
        sleep 0.1
    done
    die "the RabbitMQ launcher did not record its PID in $RABBIT_PID"
}

stop() {
    if pid_alive "$RABBIT_PID"; then
        local session
        session="$(cat "$RABBIT_PID")"
        ctl stop >/dev/null 2>&1 || true
        stop_pid "$RABBIT_PID" RabbitMQ 30
        kill -KILL -- "-$session" 2>/dev/null
    else
        log "RabbitMQ is not running"
        rm -f "$RABBIT_PID"
    fi
    stop_pid "$EPMD_PID" epmd 5
    # An Erlang command run while our epmd was down starts its own "epmd -daemon" on our port; it goes too.
    local stray
    for stray in $(ss -Hltnp "sport = :$G5KFW_EPMD_PORT" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
        log "stopping a stray epmd (pid $stray) on port $G5KFW_EPMD_PORT"
        kill -TERM "$stray" 2>/dev/null
    done
}

status() {
    if pid_alive "$RABBIT_PID"; then
        echo "rabbitmq: running on 127.0.0.1:$G5KFW_RABBIT_PORT (pid $(cat "$RABBIT_PID"))"
    else
        echo "rabbitmq: stopped"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

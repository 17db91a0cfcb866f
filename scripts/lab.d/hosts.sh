# Starts and stops the G5kFw processes of the lab as background processes with PID files: the
# API, the Worker and one agent per firewall. Sourced by scripts/lab and scripts/lab.d/agent.

LAB_DIR="$G5KFW_RUN/lab"
LAB_BIN="$LAB_DIR/bin"

# Publishes both hosts once per source change, so that `lab up` starts them without a build step.
publish_hosts() {
    local project stamp="$LAB_BIN/.source-stamp" current
    current="$(cd "$G5KFW_ROOT" && git rev-parse HEAD 2>/dev/null)-$(cd "$G5KFW_ROOT" && git status --porcelain src | sha1sum | cut -c1-12)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$current" ]; then
        return 0
    fi
    for project in G5kFw.Api G5kFw.Worker; do
        log "publishing $project"
        dotnet publish "$G5KFW_ROOT/src/$project/$project.csproj" -c Release -o "$LAB_BIN/$project" -v q -nologo \
            >"$LAB_DIR/publish-$project.log" 2>&1 || die "dotnet publish $project failed; see $LAB_DIR/publish-$project.log"
    done
    echo "$current" > "$stamp"
}

# Writes the settings of a lab process as shell assignments, which start_process exports. The
# process is the API, the Worker (job sagas, Quartz, OAR reconciliation) or one firewall's agent.
# An agent is a Worker with Saga__Enabled=false, as on a firewall host, so that one firewall's
# agent can be stopped while the rest of the site runs.
write_process_settings() {
    local name="$1" port="$2" file="$LAB_DIR/$1.env"
    # The file holds the database and broker passwords, which OAR users such as alice must not read.
    install -m 600 /dev/null "$file"
    "$G5KFW_ROOT/scripts/services/env" | sed 's/^export //' > "$file"
    cat >> "$file" <<EOF2
Saga__RetrySeconds=$LAB_RETRY_SECONDS
Oar__ReconciliationIntervalSeconds=$LAB_RECONCILIATION_SECONDS
Urls=http://127.0.0.1:$port
EOF2
    local i=0 firewall
    for firewall in $LAB_FIREWALLS; do
        echo "Sites__${LAB_SITE}__Firewalls__${i}=$firewall" >> "$file"
        i=$((i + 1))
    done
    case "$name" in
        agent-*)
            firewall="${name#agent-}"
            cat >> "$file" <<EOF2
Saga__Enabled=false
Agents__0__Firewall=$firewall
Agents__0__Site=$LAB_SITE
Agents__0__Namespace=$LAB_NS_PREFIX-$firewall
Agents__0__ProtectedPrefixes__0=$LAB_NODE_PREFIX
EOF2
            ;;
    esac
}

# Starts one lab process (NAME is G5kFw.Api, G5kFw.Worker or agent-FIREWALL) from the published
# PROJECT and waits until its /health/ready returns 200 on PORT.
start_process() {
    local name="$1" project="$2" port="$3" pid_file="$LAB_DIR/$1.pid"
    if pid_alive "$pid_file"; then
        log "$name already runs (pid $(cat "$pid_file"))"
        return 0
    fi
    write_process_settings "$name" "$port"
    (
        set -a
        source "$LAB_DIR/$name.env"
        set +a
        cd "$LAB_BIN/$project" || exit 1
        exec setsid dotnet "$project.dll" >>"$LAB_DIR/$name.log" 2>&1 </dev/null
    ) &
    echo $! > "$pid_file"

    local i
    for ((i = 0; i < 600; i++)); do
        pid_alive "$pid_file" || die "$name exited during start; see $LAB_DIR/$name.log"
        curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
        sleep 0.1
    done
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null \
        || die "$name was not ready on 127.0.0.1:$port within 60 s; see $LAB_DIR/$name.log"
    log "$name runs on 127.0.0.1:$port (log $LAB_DIR/$name.log)"
}

stop_process() { stop_pid "$LAB_DIR/$1.pid" "$1" 30; }

# Prints the health port of a firewall's agent: LAB_AGENT_PORT for the first firewall, then the next ports.
agent_port() {
    local firewall="$1" i=0 name
    for name in $LAB_FIREWALLS; do
        [ "$name" = "$firewall" ] && { echo $((LAB_AGENT_PORT + i)); return 0; }
        i=$((i + 1))
    done
    return 1
}

start_agent() {
    local port
    port="$(agent_port "$1")" || die "unknown firewall '$1'; expected one of '$LAB_FIREWALLS'"
    start_process "agent-$1" G5kFw.Worker "$port"
}

stop_agent() {
    agent_port "$1" >/dev/null || die "unknown firewall '$1'; expected one of '$LAB_FIREWALLS'"
    stop_process "agent-$1"
}

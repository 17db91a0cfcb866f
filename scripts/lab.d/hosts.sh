# Starts and stops the G5kFw hosts of the lab (the API and the Worker with one agent per
# firewall) as background processes with PID files; sourced by scripts/lab.

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

# Writes the settings of a host as shell assignments, which start_host exports.
write_host_settings() {
    local project="$1" file="$LAB_DIR/$1.env"
    "$G5KFW_ROOT/scripts/services/env" | sed 's/^export //' > "$file"
    cat >> "$file" <<EOF2
Saga__RetrySeconds=$LAB_RETRY_SECONDS
Oar__ReconciliationIntervalSeconds=$LAB_RECONCILIATION_SECONDS
EOF2
    local i=0 firewall
    for firewall in $LAB_FIREWALLS; do
        echo "Sites__${LAB_SITE}__Firewalls__${i}=$firewall" >> "$file"
        i=$((i + 1))
    done
    if [ "$project" = G5kFw.Api ]; then
        echo "Urls=http://127.0.0.1:$LAB_API_PORT" >> "$file"
    else
        echo "Urls=http://127.0.0.1:$LAB_WORKER_PORT" >> "$file"
        i=0
        for firewall in $LAB_FIREWALLS; do
            cat >> "$file" <<EOF2
Agents__${i}__Firewall=$firewall
Agents__${i}__Site=$LAB_SITE
Agents__${i}__Namespace=$LAB_NS_PREFIX-$firewall
Agents__${i}__ProtectedPrefixes__0=$LAB_NODE_PREFIX
EOF2
            i=$((i + 1))
        done
    fi
}

start_host() {
    local project="$1" port="$2" pid_file="$LAB_DIR/$1.pid"
    if pid_alive "$pid_file"; then
        log "$project already runs (pid $(cat "$pid_file"))"
        return 0
    fi
    write_host_settings "$project"
    (
        set -a
        source "$LAB_DIR/$project.env"
        set +a
        cd "$LAB_BIN/$project" || exit 1
        exec setsid dotnet "$project.dll" >>"$LAB_DIR/$project.log" 2>&1 </dev/null
    ) &
    echo $! > "$pid_file"

    local i
    for ((i = 0; i < 600; i++)); do
        pid_alive "$pid_file" || die "$project exited during start; see $LAB_DIR/$project.log"
        curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
        sleep 0.1
    done
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null \
        || die "$project was not ready on 127.0.0.1:$port within 60 s; see $LAB_DIR/$project.log"
    log "$project runs on 127.0.0.1:$port (log $LAB_DIR/$project.log)"
}

stop_host() { stop_pid "$LAB_DIR/$1.pid" "$1" 30; }

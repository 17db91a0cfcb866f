# Shared settings of the local services; sourced by the scripts beside this file.
# The ports sit below the kernel's ephemeral range (32768 and up by default), so that no client
# socket can hold one of them when a server starts. The environment variable of the same name
# moves each of them.

G5KFW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
G5KFW_RUN="${G5KFW_RUN:-$G5KFW_ROOT/.run}"

G5KFW_PG_PORT="${G5KFW_PG_PORT:-27432}"
G5KFW_PG_USER="${G5KFW_PG_USER:-g5kfw}"
G5KFW_PG_PASSWORD="${G5KFW_PG_PASSWORD:-g5kfw}"
G5KFW_PG_DATABASE="${G5KFW_PG_DATABASE:-g5kfw}"

G5KFW_RABBIT_PORT="${G5KFW_RABBIT_PORT:-27672}"
G5KFW_RABBIT_DIST_PORT="${G5KFW_RABBIT_DIST_PORT:-27673}"
G5KFW_RABBIT_MANAGEMENT_PORT="${G5KFW_RABBIT_MANAGEMENT_PORT:-27674}"
G5KFW_EPMD_PORT="${G5KFW_EPMD_PORT:-27675}"
G5KFW_RABBIT_USER="${G5KFW_RABBIT_USER:-g5kfw}"
G5KFW_RABBIT_PASSWORD="${G5KFW_RABBIT_PASSWORD:-g5kfw}"

# The testbed site that the local OAR server plays. Its hosts are node-1..node-N.<domain>, and
# each host's IPv6 name follows the pattern, where {host} is the first label of the host's FQDN
# and {domain} the rest.
G5KFW_SITE="${G5KFW_SITE:-rennes}"
G5KFW_SITE_DOMAIN="${G5KFW_SITE_DOMAIN:-$G5KFW_SITE.example.org}"
G5KFW_OAR_HOSTS="${G5KFW_OAR_HOSTS:-4}"
G5KFW_OAR_CORES="${G5KFW_OAR_CORES:-4}"
G5KFW_IPV6_NAME_PATTERN="${G5KFW_IPV6_NAME_PATTERN:-"{host}-ipv6.{domain}"}"

# OAR's Almighty server; it listens on every address because OAR 2.5.9 has no bind option.
G5KFW_OAR_SERVER_PORT="${G5KFW_OAR_SERVER_PORT:-27666}"
G5KFW_OAR_DB_PASSWORD="${G5KFW_OAR_DB_PASSWORD:-oar}"
G5KFW_OAR_DB_RO_PASSWORD="${G5KFW_OAR_DB_RO_PASSWORD:-oar_ro}"

G5KFW_DNS_PORT="${G5KFW_DNS_PORT:-27053}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

require_root() {
    [ "$(id -u)" -eq 0 ] || die "run this script as root: it installs packages and starts services"
}

# Installs the Debian packages given as arguments when one of them is missing.
ensure_packages() {
    local missing=()
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0

    log "installing ${missing[*]}"
    local policy=/usr/sbin/policy-rc.d added_policy=0
    # Debian's maintainer scripts would start the packaged services on their default ports;
    # a temporary policy keeps them stopped, because these scripts start their own instances.
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && added_policy=1
    fi
    # A fresh machine has no package lists yet, so a failed install is retried after an update.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
    local status=$?
    [ "$added_policy" -eq 1 ] && rm -f "$policy"
    [ "$status" -eq 0 ] || die "apt-get install ${missing[*]} failed with status $status"
}

# Returns 0 when the PID recorded in the given file belongs to a running process.
pid_alive() {
    local pid_file="$1"
    [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Sends TERM to the recorded process, waits up to the given seconds, then KILL.
stop_pid() {
    local pid_file="$1" name="$2" seconds="${3:-20}"
    if ! pid_alive "$pid_file"; then
        rm -f "$pid_file"
        return 0
    fi
    local pid
    pid="$(cat "$pid_file")"
    kill -TERM "$pid" 2>/dev/null
    local i
    for ((i = 0; i < seconds * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name (pid $pid) did not stop within ${seconds}s; killing it"
        kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$pid_file"
    log "$name stopped"
}

#!/usr/bin/env bash
# Starts, stops, reloads or reports the site's DNS server, dnsmasq on 127.0.0.1:G5KFW_DNS_PORT.
# It answers only from the hosts file under the run folder (AAAA records for every host's FQDN
# and IPv6 name) and never forwards a query, so names of the site domain that the file does not
# list get NXDOMAIN. Scripts and the lab rewrite the hosts file and run `dns.sh reload`.
set -uo pipefail
source "$(dirname "$0")/common.sh"

DNS_DIR="$G5KFW_RUN/dns"
DNS_PID="$DNS_DIR/dnsmasq.pid"
HOSTS_FILE="$DNS_DIR/hosts"
# Default addresses of the hosts when no hosts file exists: node-N gets <prefix>N.
G5KFW_NODE_IPV6_PREFIX="${G5KFW_NODE_IPV6_PREFIX:-2001:db8:1::}"

# Writes one line per host: its address, its FQDN and its IPv6 name from G5KFW_IPV6_NAME_PATTERN.
write_default_hosts() {
    local n host ipv6_name
    {
        echo "# Written by scripts/services/dns.sh; one line per host: IPv6 address, FQDN, IPv6 name."
        for ((n = 1; n <= G5KFW_OAR_HOSTS; n++)); do
            host="node-$n"
            ipv6_name="${G5KFW_IPV6_NAME_PATTERN//\{host\}/$host}"
            ipv6_name="${ipv6_name//\{domain\}/$G5KFW_SITE_DOMAIN}"
            printf '%s%x %s.%s %s\n' "$G5KFW_NODE_IPV6_PREFIX" "$n" "$host" "$G5KFW_SITE_DOMAIN" "$ipv6_name"
        done
    } > "$HOSTS_FILE"
}

start() {
    require_root
    ensure_packages dnsmasq-base
    if pid_alive "$DNS_PID"; then
        log "DNS server already runs on 127.0.0.1:$G5KFW_DNS_PORT"
        return 0
    fi
    mkdir -p "$DNS_DIR"
    [ -f "$HOSTS_FILE" ] || write_default_hosts
    # dnsmasq switches to the unprivileged user `nobody` after start and rereads the file as that user.
    chmod 644 "$HOSTS_FILE"

    setsid dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file= \
        --listen-address=127.0.0.1 --bind-interfaces --port="$G5KFW_DNS_PORT" \
        --no-resolv --no-hosts --no-poll --addn-hosts="$HOSTS_FILE" \
        --local="/$G5KFW_SITE_DOMAIN/" --domain-needed \
        --log-queries --log-facility="$DNS_DIR/dnsmasq.log" \
        >"$DNS_DIR/dnsmasq.out" 2>&1 </dev/null &
    echo $! > "$DNS_PID"

    local i
    for ((i = 0; i < 50; i++)); do
        [ -n "$(ss -Hlun "sport = :$G5KFW_DNS_PORT")" ] && break
        pid_alive "$DNS_PID" || die "dnsmasq exited during start; see $DNS_DIR/dnsmasq.out"
        sleep 0.1
    done
    [ -n "$(ss -Hlun "sport = :$G5KFW_DNS_PORT")" ] \
        || die "dnsmasq did not listen on 127.0.0.1:$G5KFW_DNS_PORT within 5 s; see $DNS_DIR/dnsmasq.out"
    log "DNS server runs on 127.0.0.1:$G5KFW_DNS_PORT with the records of $HOSTS_FILE"
}

reload() {
    pid_alive "$DNS_PID" || die "the DNS server is not running; start it with $0 start"
    chmod 644 "$HOSTS_FILE"
    kill -HUP "$(cat "$DNS_PID")"
    log "DNS server reloaded $HOSTS_FILE"
}

stop() {
    if ! pid_alive "$DNS_PID"; then
        log "DNS server is not running"
        rm -f "$DNS_PID"
        return 0
    fi
    stop_pid "$DNS_PID" "DNS server" 10
}

status() {
    if pid_alive "$DNS_PID"; then
        echo "dns: running on 127.0.0.1:$G5KFW_DNS_PORT (pid $(cat "$DNS_PID")), records in $HOSTS_FILE"
    else
        echo "dns: stopped"
    fi
}

case "${1:-}" in
    start) start ;;
    reload) reload ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|reload|stop|status" >&2; exit 2 ;;
esac

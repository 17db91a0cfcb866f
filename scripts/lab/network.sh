#!/usr/bin/env bash
# Builds or removes the lab's network: one namespace per host, joined by veth pairs.
#
#   outside ──── fw1 ──── fw2 ──┬── node-1
#   2001:db8:ff::/64   2001:db8:f1::/64  ├── node-2   (2001:db8:1::/64, a bridge inside fw2)
#                                 ...
# Traffic from outside reaches the nodes through both border firewalls, in series. Only
# documentation prefixes (2001:db8::/32) are used, and nothing touches the root namespace.
set -uo pipefail
source "$(dirname "$0")/../services/common.sh"
source "$(dirname "$0")/lab.conf"

in_ns() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

add_namespace() {
    local ns="$1"
    ip netns add "$ns"
    in_ns "$ns" ip link set lo up
    # Duplicate address detection would hold new addresses back for a second or more.
    in_ns "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
}

# Joins two namespaces with a veth pair named after the peer namespace's role.
link() {
    local left="$1" left_if="$2" right="$3" right_if="$4"
    ip link add "$left_if" netns "$left" type veth peer name "$right_if" netns "$right"
    in_ns "$left" ip link set "$left_if" up
    in_ns "$right" ip link set "$right_if" up
}

address() { in_ns "$1" ip -6 addr add "$3" dev "$2" nodad; }

up() {
    require_root
    ensure_packages iproute2
    if ip netns list | grep -qw "$LAB_NS_PREFIX-outside"; then
        log "the lab network exists already"
        return 0
    fi

    local outside="$LAB_NS_PREFIX-outside" fw1="$LAB_NS_PREFIX-fw1" fw2="$LAB_NS_PREFIX-fw2"
    add_namespace "$outside"
    add_namespace "$fw1"
    add_namespace "$fw2"
    in_ns "$fw1" sysctl -qw net.ipv6.conf.all.forwarding=1
    in_ns "$fw2" sysctl -qw net.ipv6.conf.all.forwarding=1

    link "$outside" eth0 "$fw1" ext0
    address "$outside" eth0 "$LAB_OUTSIDE_ADDRESS/64"
    address "$fw1" ext0 "$LAB_FW1_OUTER_ADDRESS/64"
    in_ns "$outside" ip -6 route add default via "$LAB_FW1_OUTER_ADDRESS"

    link "$fw1" int0 "$fw2" ext0
    address "$fw1" int0 "$LAB_FW1_INNER_ADDRESS/64"
    address "$fw2" ext0 "$LAB_FW2_OUTER_ADDRESS/64"
    in_ns "$fw1" ip -6 route add "$LAB_NODE_PREFIX" via "$LAB_FW2_OUTER_ADDRESS"
    in_ns "$fw2" ip -6 route add default via "$LAB_FW1_INNER_ADDRESS"

    in_ns "$fw2" ip link add br0 type bridge
    in_ns "$fw2" ip link set br0 up
    address "$fw2" br0 "$LAB_NODE_GATEWAY/64"

    local i
    for ((i = 1; i <= LAB_NODE_COUNT; i++)); do
        local node="$LAB_NS_PREFIX-node-$i"
        add_namespace "$node"
        link "$fw2" "node$i" "$node" eth0
        in_ns "$fw2" ip link set "node$i" master br0
        address "$node" eth0 "$(node_address "$i")/64"
        in_ns "$node" ip -6 route add default via "$LAB_NODE_GATEWAY"
    done
    log "lab network up: $outside, $fw1, $fw2 and $LAB_NODE_COUNT nodes"
}

down() {
    local ns removed=0
    for ns in $(ip netns list | awk '{print $1}' | grep "^$LAB_NS_PREFIX-"); do
        # A process left inside would keep the namespace's interfaces alive.
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
        ip netns del "$ns" && removed=$((removed + 1))
    done
    log "lab network down: removed $removed namespaces"
}

status() {
    local count
    count="$(ip netns list | grep -c "^$LAB_NS_PREFIX-" || true)"
    if [ "$count" -gt 0 ]; then echo "network: $count namespaces"; else echo "network: down"; fi
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Times a fix run from the TUI (f, type 1, enter, in tmux) against `slotscope fix --yes`
# on the same half-migrated slot of N keys, alternating direction and mode, on a
# `slotscope demo --keep` sandbox (3 masters, no replica, 127.0.0.1 only). Each run's time
# is the executor's own ("moved N key(s) in X s"); key counts are checked before and after.
#
#   bash scripts/tui-fix-bench.sh [BINARY] [KEYS] [RUNS]
set -euo pipefail
binary=${1:-.build/release/slotscope}
keys=${2:-100000}
runs=${3:-5}
state=$(mktemp -d)
socket="slotscope-bench-$$"
demo_pid=""

cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  # The demo stops its own servers by PID on SIGINT.
  if [[ -n "$demo_pid" ]]; then kill -INT "$demo_pid" 2>/dev/null || true; wait "$demo_pid" 2>/dev/null || true; fi
  rm -rf "$state"
}
trap cleanup EXIT

"$binary" demo --keep --replicas 0 --no-sentinel >"$state/demo.out" 2>&1 &
demo_pid=$!
for _ in $(seq 1 300); do grep -q "sandbox running" "$state/demo.out" && break; sleep 0.1; done
seed=$(grep -o 'ping 127.0.0.1:[0-9]*' "$state/demo.out" | grep -o '[0-9]*$')
cli() { redis-cli -p "$@"; }
slot=$(cli "$seed" cluster keyslot "{bench}")
# Every master's port and id.
mapfile -t masters < <(cli "$seed" cluster nodes | awk '/master/ { split($2, a, "[:@]"); print a[2] " " $1 }')

owner_of() { cli "$seed" cluster nodes | awk -v s="$1" '/master/ { for (i = 9; i <= NF; i++) { split($i, r, "-"); if (r[2] == "") r[2] = r[1]; if (s >= r[1] && s <= r[2]) { split($2, a, "[:@]"); print a[2] " " $1 } } }'; }
count() { cli "$1" cluster countkeysinslot "$slot"; }

# Load the keys (100-byte values) on the slot's owner.
read -r owner_port _ <<<"$(owner_of "$slot")"
value=$(printf 'v%.0s' $(seq 1 100))
seq 1 "$keys" | awk -v v="$value" '{ printf "*3\r\n$3\r\nSET\r\n$%d\r\n{bench}:%s\r\n$100\r\n%s\r\n", length("{bench}:" $1), $1, v }' \
  | cli "$owner_port" --pipe >/dev/null

# Leaves the slot half-migrated from its owner to another master, with every key still on the owner.
open_slot() {
  read -r from_port from_id <<<"$(owner_of "$slot")"
  for master in "${masters[@]}"; do
    read -r port id <<<"$master"
    [[ "$port" != "$from_port" ]] && { to_port=$port; to_id=$id; break; }
  done
  cli "$to_port" cluster setslot "$slot" importing "$from_id" >/dev/null
  cli "$from_port" cluster setslot "$slot" migrating "$to_id" >/dev/null
  [[ "$(count "$from_port")" == "$keys" ]] || { echo "expected $keys keys on $from_port" >&2; exit 1; }
}

# Prints the executor's seconds from "moved N key(s) in X s".
seconds_of() { grep -o "moved [0-9]* key(s)[^.]* in [0-9.]* s" | tail -1 | grep -o '[0-9.]* s$' | cut -d' ' -f1; }

headless() {
  XDG_STATE_HOME="$state" "$binary" fix "127.0.0.1:$seed" --yes 2>/dev/null | seconds_of
}

tui() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  tmux -L "$socket" new-session -d -x 120 -y 40 "XDG_STATE_HOME=$state LANG=C.UTF-8 $binary 127.0.0.1:$seed --interval 500ms"
  wait_for() { for _ in $(seq 1 600); do tmux -L "$socket" capture-pane -p | grep -q "$1" && return 0; sleep 0.05; done; echo "timed out: $1" >&2; exit 1; }
  wait_for "nodes answer"
  tmux -L "$socket" send-keys f
  wait_for "Type 1 "
  tmux -L "$socket" send-keys 1 Enter
  wait_for "Verified:"
  tmux -L "$socket" capture-pane -p | seconds_of
  tmux -L "$socket" send-keys Escape; sleep 0.3; tmux -L "$socket" send-keys q; sleep 0.3
}

echo "fix of one half-migrated slot, $keys keys of 100 B, $runs runs per mode, alternating; seconds (executor)"
for run in $(seq 1 "$runs"); do
  for mode in headless tui; do
    open_slot
    took=$($mode)
    read -r now_port _ <<<"$(owner_of "$slot")"
    [[ "$(count "$now_port")" == "$keys" ]] || { echo "key count changed after $mode run $run" >&2; exit 1; }
    echo "$mode $run $took"
  done
done

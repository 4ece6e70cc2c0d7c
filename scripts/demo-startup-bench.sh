#!/usr/bin/env bash
# Times `slotscope demo` from the command to its first full frame (the cluster's Overview
# with "nodes answer" and the footer drawn), with its Sentinel group and with
# --no-sentinel, runs alternating so both see the same machine load. Each run quits with
# q and checks the line "stopped N servers (by PID)". Prints every run, then the medians.
#
#   bash scripts/demo-startup-bench.sh [BINARY] [RUNS]
set -euo pipefail
binary=${1:-.build/release/slotscope}
runs=${2:-7}
socket="slotscope-startup-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true' EXIT
tmux -L "$socket" new-session -d -s bench -x 120 -y 40

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
screen() { tmux -L "$socket" capture-pane -p -t bench; }

# One run: prints the milliseconds to the first frame.
run() {
  local flags=$1 marker="END-$RANDOM-$RANDOM"
  tmux -L "$socket" send-keys -t bench "clear; LANG=C.UTF-8 $binary demo $flags; echo $marker" Enter
  local start; start=$(now_ms)
  until screen | grep -q "nodes answer" && screen | grep -q "q quit"; do sleep 0.01; done
  local shown; shown=$(now_ms)
  tmux -L "$socket" send-keys -t bench q
  until screen | grep -q "^$marker"; do sleep 0.05; done
  screen | grep -o "stopped [0-9]* servers (by PID)" >&2
  echo $(( shown - start ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

with=(); without=()
for i in $(seq 1 "$runs"); do
  with+=("$(run "")")
  without+=("$(run --no-sentinel)")
  echo "run $i: with the Sentinel group ${with[-1]} ms, cluster alone ${without[-1]} ms" >&2
done
m_with=$(printf '%s\n' "${with[@]}" | median)
m_without=$(printf '%s\n' "${without[@]}" | median)
echo "median to first frame: with the Sentinel group $m_with ms, cluster alone $m_without ms" \
  "(ratio $(awk -v a="$m_with" -v b="$m_without" 'BEGIN { printf "%.2f", a / b }'))"

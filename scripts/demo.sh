#!/usr/bin/env bash
# Builds slotscope and runs it against a local sandbox: real redis-server and
# redis-sentinel processes (a cluster and a Sentinel group) on free 127.0.0.1
# ports, stopped by PID when it exits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product slotscope >&2
exec .build/release/slotscope demo "$@"

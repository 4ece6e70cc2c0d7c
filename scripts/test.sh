#!/usr/bin/env bash
# Runs every test: unit tests, fuzz-regression replays, and integration tests
# against real redis-server / redis-sentinel processes started on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

# A release build must compile without a single warning.
build_log=$(mktemp)
swift build -c release 2>&1 | tee "$build_log"
if grep -E "^/.*(Sources|Tests)/.*warning:" "$build_log"; then
  echo "release build printed warnings (above): fix them" >&2
  exit 1
fi
rm -f "$build_log"

# The release binary end to end: Swift's optimizer has miscompiled code that debug
# builds (and so the unit tests) run correctly; the demo starts real servers, pings them all.
.build/release/slotscope demo > /dev/null

swift test

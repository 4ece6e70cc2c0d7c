#!/usr/bin/env bash
# Installs the Debian packages Slotscope builds, tests and demos with.
# Checks each package first, so a machine that has them all does no network work;
# a fresh machine gets `apt-get update` then `apt-get install -y`.
set -euo pipefail

packages=(
  libncursesw5-dev libssl-dev      # the terminal and TLS, linked into slotscope
  redis-server redis-sentinel redis-tools  # real servers for the sandbox and the tests
  openssl tmux                     # test certificates; driving the TUI as a person would
  libhiredis-dev                   # the C parser the benchmark measures against
  htop                             # the C TUI slotscope-bench tui compares idle CPU and RSS with
  pkg-config
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

#!/usr/bin/env bash
# Idempotent setup for a fresh machine: Rust components and the wasm target,
# wasm-bindgen-cli pinned to Cargo.lock's wasm-bindgen, npm packages (npm ci),
# and Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true

# wasm-bindgen-cli must match the wasm-bindgen crate exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ -n "$want" ] && [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found '${have:-none}')"
  cargo install wasm-bindgen-cli --version "=$want" --locked \
    || cargo install wasm-bindgen-cli --version "=$want"
fi

# npm packages (binaryen's wasm-opt, vite, webpack, playwright-core, typescript).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# Chromium for the browser tests (Debian's; npm cannot download browsers here).
# (NIANBAO_SETUP_BROWSER=0 skips it: the demo command needs no browser.)
if [ "${NIANBAO_SETUP_BROWSER:-1}" != 0 ] && [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
# A CJK font, so the demo screenshots show Chinese rather than boxes.
if [ "${NIANBAO_SETUP_BROWSER:-1}" != 0 ] && [ -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] \
  && ! fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk\|droid sans fallback'; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null || true
fi

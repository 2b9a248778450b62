#!/usr/bin/env bash
# Idempotent setup for a fresh machine: Rust components. Later steps add the
# wasm toolchain, npm packages and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup component add rustfmt clippy >/dev/null 2>&1 || true

#!/usr/bin/env bash
# Every test: Rust (fmt, clippy, unit, integration, corpus), then the wasm
# build, the package's Node tests (API, CLI) and the consumer-app tests
# (Node ESM, TypeScript, Vite build and dev, webpack 5, plain module script in
# Chromium). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
# The web module's feature set (scripts/build-wasm.sh), native and wasm.
cargo clippy --all-targets --no-default-features -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --features wasm-reader-only -- -D warnings
cargo test
# The web module's feature set runs its tests too (what needs HTML, DOCX or
# PDF is gated on those features).
cargo test --no-default-features
npm run build
node --test tests/node/
node --test tests/consumers/
if [ -d tests/browser ]; then
  node --test tests/browser/
fi

#!/usr/bin/env bash
# Every test: Rust (unit, integration, corpus), then the package's Node and
# browser tests once they exist. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test

#!/usr/bin/env bash
# The main job on the bundled example: check the seed report and print its
# findings. Once the npm package and the www demo are built, it also serves
# the demo page (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -- examples/seed-linzi-yingji-2020.txt || true

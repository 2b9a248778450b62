#!/usr/bin/env bash
# The main job on the bundled example: check the seed report with the
# package's CLI and print its findings, then serve the www demo (a CMS-style
# 年报 form that opens on the same report) on http://127.0.0.1:8080/www/.
#   bash scripts/demo.sh             # findings, then the demo (Ctrl-C stops it)
#   bash scripts/demo.sh --no-serve  # findings only
set -euo pipefail
cd "$(dirname "$0")/.."
NIANBAO_SETUP_BROWSER=0 bash scripts/setup.sh
if [ ! -f pkg/.built ] || [ -n "$(find src Cargo.toml Cargo.lock scripts/build-wasm.sh -newer pkg/.built -print -quit)" ]; then
  npm run build
  touch pkg/.built
fi
echo
echo "== node js/cli.js examples/seed-linzi-yingji-2020.txt"
node js/cli.js examples/seed-linzi-yingji-2020.txt || true
if [ "${1:-}" != "--no-serve" ]; then
  echo
  node scripts/serve-demo.mjs
fi

#!/usr/bin/env bash
# Builds the three wasm packages from the same crate, one after the other
# (each cargo build overwrites the artifact, so it is copied out first):
# - pkg/web:  `--no-default-features`, the core only (text, JSON, Markdown,
#   checkDocument for grids a host read, the rules): what browsers and
#   bundlers load at init(); HTML strings are parsed by the browser
#   (DOMParser) and read by www/adapter/dom-reader.js;
# - pkg/full: the browsers' reader module (feature `wasm-reader-only`:
#   html5gum HTML reader, DOCX, PDF; no recogniser, no rules), loaded by
#   checkFile for DOCX, PDF, and HTML where no DOMParser exists; what it
#   reads is checked by the web module (src/wasm/reader.rs). Built for size
#   like web;
# - pkg/node: the default features (every reader and the rules) built for
#   speed (opt-level 3, wasm-opt -O3):
#   the Node entry's module, where the download size does not matter and a
#   check takes about half the time (docs/performance.md).
# Each: cargo (wasm32) → wasm-bindgen --target web → wasm-opt -Oz (npm
# binaryen) → scripts/postbuild.mjs (glue changes, inlined copy, sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
opt=node_modules/.bin/wasm-opt
if [ ! -x "$opt" ]; then
  echo "build-wasm: $opt missing; run npm ci first" >&2
  exit 2
fi
rm -rf pkg
mkdir -p pkg
build() { # name, cargo feature flags…  (OPT=z|s|3, WASM_OPT=-Oz|-O3)
  local name=$1
  shift
  local level=${OPT:-z} wopt=${WASM_OPT:--Oz}
  # Size over speed for the wasm only (the native build keeps the profile's
  # opt-level). wasm32 cannot unwind without a rebuilt std, so a panic traps
  # either way: abort drops the unused unwinding paths; the JS entries
  # re-instantiate after a trap.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo build --release --target wasm32-unknown-unknown --lib "$@"
  cp "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/nianbao_check.wasm" "pkg/$name.cargo.wasm"
  wasm-bindgen --target web --out-dir "pkg/$name" --out-name nianbao_check "pkg/$name.cargo.wasm"
  rm "pkg/$name.cargo.wasm"
  "$opt" "$wopt" --converge --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "pkg/$name/nianbao_check_bg.wasm" -o "pkg/$name/nianbao_check_bg.opt.wasm"
  mv "pkg/$name/nianbao_check_bg.opt.wasm" "pkg/$name/nianbao_check_bg.wasm"
  rm -f "pkg/$name/.gitignore" "pkg/$name/package.json" "pkg/$name/README.md"
  node scripts/postbuild.mjs "$name"
}
build web --no-default-features
build full --features wasm-reader-only
# Its own target directory: another opt-level would rebuild every
# dependency in the shared one on each switch.
CARGO_TARGET_DIR=target/wasm-speed OPT=3 WASM_OPT=-O3 build node
# The figures the budgets (issues #4, #12) are about: what a browser loads
# at init(), and the reader module it loads on demand.
node scripts/postbuild.mjs --sizes

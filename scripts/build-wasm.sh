#!/usr/bin/env bash
# Builds the wasm package: cargo (wasm32) → wasm-bindgen --target web → pkg/,
# wasm-opt -Oz (npm binaryen), the inlined copy for bundlers, then prints
# the sizes (raw and gzipped) of the .wasm and the JS glue.
set -euo pipefail
cd "$(dirname "$0")/.."
# Size over speed for the wasm only (the native build keeps the profile's
# opt-level). wasm32 cannot unwind without a rebuilt std, so a panic traps
# either way: abort drops the unused unwinding paths; the JS entries
# re-instantiate after a trap.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo build --release --target wasm32-unknown-unknown --lib
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name nianbao_check \
  target/wasm32-unknown-unknown/release/nianbao_check.wasm
opt=node_modules/.bin/wasm-opt
if [ ! -x "$opt" ]; then
  echo "build-wasm: $opt missing; run npm ci first" >&2
  exit 2
fi
"$opt" -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/nianbao_check_bg.wasm -o pkg/nianbao_check_bg.opt.wasm
mv pkg/nianbao_check_bg.opt.wasm pkg/nianbao_check_bg.wasm
rm -f pkg/.gitignore pkg/package.json pkg/README.md
node scripts/postbuild.mjs

#!/usr/bin/env bash
# Runs each fuzz target for N executions (default 10,000,000), one at a time,
# seeded from ../shared/corpus/ and fuzz/seeds/<target>/, and prints a table
# of execution counts.
#
#   fuzz/run.sh [RUNS] [TARGET...]
#   MAX_LEN=65536 MAX_TIME=600 fuzz/run.sh 10000000 check
#
# Inputs are capped at MAX_LEN bytes (default 4096: ~10x more executions per
# second than 64 kB; large inputs are the hostile suite's job, tests/hostile.rs).
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The machine's toolchain is
# stable; RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass the nightly-only sanitizer
# flags. Crashes land in fuzz/artifacts/<target>/; copy each one into
# tests/regressions/cases/ so `cargo test` keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${1:-10000000}"
shift || true
MAX_LEN="${MAX_LEN:-4096}"
# Optional wall-clock cap per target in seconds (0 = none): on a shared
# 2-core machine 10 million runs of the whole check path take hours.
MAX_TIME="${MAX_TIME:-0}"
ALL=$(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^nianbao-check-fuzz$')
TARGETS="${*:-$ALL}"
SHARED="$(cd .. && pwd)/../shared/corpus"
export RUSTC_BOOTSTRAP=1
summary=()
for t in $TARGETS; do
  mkdir -p "corpus/$t" "artifacts/$t"
  if [ -d "$SHARED" ]; then
    cp -n "$SHARED"/*.txt "$SHARED"/*.html "$SHARED"/*.md "corpus/$t/" 2>/dev/null || true
    # The docx target is seeded with DOCX files (zip archives) only.
    if [ "$t" = docx ] || [ "$t" = pdf ]; then rm -f "corpus/$t"/*.txt "corpus/$t"/*.html "corpus/$t"/*.md; fi
  else
    echo "note: $SHARED absent; fuzzing $t from an empty corpus" >&2
  fi
  if [ -d "seeds/$t" ]; then cp -n "seeds/$t"/* "corpus/$t/" 2>/dev/null || true; fi
  # A target may have a dictionary of its own (pdf.dict: PDF syntax).
  dict=nianbao.dict
  if [ -f "$t.dict" ]; then dict="$t.dict"; fi
  log="artifacts/$t.log"
  start=$(date +%s)
  set +e
  # -s none: the crate has no unsafe code, and without AddressSanitizer
  # the targets run about twice as fast (panics, overflows in debug
  # assertions, hangs and OOMs are still caught).
  cargo fuzz run -s none "$t" "corpus/$t" -- \
    -runs="$RUNS" -max_total_time="$MAX_TIME" -max_len="$MAX_LEN" -rss_limit_mb=2048 -timeout=10 -dict="$dict" \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  secs=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  crashes=$(find "artifacts/$t" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
  summary+=("$(printf '%-12s %12s execs %8s exec/s %6ss  exit %s  artifacts %s' "$t" "${execs:-?}" "${speed:-?}" "$secs" "$rc" "$crashes")")
  echo "${summary[-1]}"
done
echo "---"
printf '%s\n' "${summary[@]}"

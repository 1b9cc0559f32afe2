#!/usr/bin/env bash
# Fuzz every target for SECONDS each (default 60), one after the other, on
# one core. Needs a nightly toolchain and cargo-fuzz (installed when missing).
#   scripts/fuzz.sh                 # every target, 60 s each
#   SECONDS_EACH=600 scripts/fuzz.sh article numbers
# Seed corpora come from seeds/, fixtures/ and rules/ (fuzz/corpus/, not
# committed); crashes land in fuzz/artifacts/TARGET/ and are to become
# regression tests (tests/fuzz_regressions.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
each=${SECONDS_EACH:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(article numbers periods html decode config rules baseline cache)
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
corpus=fuzz/corpus
seed() { # seed TARGET FILE [PREFIX-BYTE]
  mkdir -p "$corpus/$1"
  local name; name=$(basename "$2")
  if [ -n "${3:-}" ]; then { printf "$3"; cat "$2"; } > "$corpus/$1/$name"; else cp "$2" "$corpus/$1/$name"; fi
}
if [ ! -d "$corpus/article" ]; then
  for f in seeds/*.txt fixtures/corpus/*.txt fixtures/blind3/*.txt fixtures/holdout/*.txt; do
    [ -f "$f" ] || continue
    seed article "$f" '\x00'; seed decode "$f"
    # Lines for the grammars: the number and time words are in them.
    mkdir -p "$corpus/numbers" "$corpus/periods"
    split -l 1 -a 4 "$f" "$corpus/numbers/$(basename "$f")."
    split -l 1 -a 4 "$f" "$corpus/periods/$(basename "$f")."
  done
  for f in $(find fixtures -name '*.html' -o -name '*.htm'); do
    seed article "$f" '\x01'; seed html "$f"; seed decode "$f"
  done
  i=0
  for f in rules/*.toml; do
    seed rules "$f" "\\x$(printf '%02x' $i)"; i=$((i + 1))
  done
  mkdir -p "$corpus/config" "$corpus/baseline" "$corpus/cache"
  printf 'fail_on = "warning"\ninclude = ["**/*.txt"]\n[checks.conflicting-figure]\nseverity = "warning"\nmax_ratio = 1.5\n[[overrides]]\npaths = ["wire/**"]\nrules = ["magnitude-slip"]\nseverity = "info"\n' > "$corpus/config/basic.toml"
  tmp=$(mktemp -d)
  cargo run --quiet --release -- seeds --no-config --quiet --write-baseline "$tmp/b.json" --cache "$tmp/c.db" --format sarif >/dev/null || true
  cp "$tmp/b.json" "$corpus/baseline/"
  python3 - "$tmp/c.db" "$corpus/cache" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for table in ("articles", "runs"):
    for i, row in enumerate(db.execute(f"SELECT * FROM {table}")):
        for j, v in enumerate(row):
            if isinstance(v, bytes) and len(v) > 8:
                open(f"{sys.argv[2]}/{table}-{i}-{j}", "wb").write(v)
PY
fi
failed=()
for t in "${targets[@]}"; do
  echo "== $t: ${each}s"
  log=$(mktemp)
  if ! cargo +nightly fuzz run -O "$t" "$corpus/$t" -- -max_total_time="$each" -dict=fuzz/dict/news.dict \
      -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    failed+=("$t")
  fi
  grep -E "^(stat::number_of_executed_units|stat::new_units_added|stat::peak_rss|SUMMARY|Done )|panicked|deadly|Test unit written|ERROR" "$log" || true
  rm -f "$log"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi

#!/usr/bin/env bash
# Cache benchmark: a cold run that fills the cache, an unchanged re-run, and
# a run after one new article, on the synthetic archive of N articles (made
# by scripts/bench.sh's generator; default 200000, about 1.2 GB).
#
#   scripts/bench_cache.sh [N]
#
# Environment: BENCH_DIR (as scripts/bench.sh), THREADS (default 2), FORMAT
# (default sarif: an output of findings, which an unchanged run can reuse
# whole; json prints every fact and so loads them all).
set -euo pipefail

N=${1:-200000}
THREADS=${THREADS:-2}
FORMAT=${FORMAT:-sarif}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/factcheck-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FACTCHECK=$ROOT/target/release/factcheck
DIR=$BENCH_DIR/archive-$N-seed1
[[ -f $DIR/.complete ]] || { echo "no archive at $DIR: run scripts/bench.sh $N first" >&2; exit 2; }
DB=$BENCH_DIR/cache-$N.db
NEW=$DIR/zz-new-article.txt
rm -f "$DB" "$NEW"

timed() {
    local out status=0
    out=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$out" "$FACTCHECK" -j"$THREADS" --format "$FORMAT" --cache "$DB" "$DIR" > /dev/null 2> "$out.err" || status=$?
    ((status <= 1)) || { cat "$out.err" >&2; exit 1; }
    read -r t m < <(tail -n 1 "$out")
    echo "$t s, peak $((m / 1024)) MB, $(grep 'cache:' "$out.err" | sed 's/^factcheck: //')"
    rm -f "$out" "$out.err"
}

echo "archive: $N articles, $(du -sm "$DIR" | cut -f1) MB; -j$THREADS --format $FORMAT"
echo "cold (fills the cache):   $(timed)"
echo "cache file: $(du -m "$DB" | cut -f1) MB"
sleep 3   # past the racy window, as any real re-run is
echo "unchanged:                $(timed)"
# One new article: an existing one with its figures changed.
first=$(find "$DIR" -name '*.txt' -print -quit)
sed 's/亿元/万元/' "$first" > "$NEW"
echo "one new article:          $(timed)"
rm -f "$NEW"

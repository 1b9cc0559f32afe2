#!/usr/bin/env bash
# Repeated-content benchmark: the seeds and the held-out articles copied into
# N folders, as a syndicated wire or a much-quoted figure fills an archive.
# Time per article must stay flat as N grows (issue 10: nothing superlinear).
#
#   scripts/bench_copies.sh [COPIES...]     # default: 1 10 100 1000
#
# Environment: RUNS (median of; default 3), BENCH_DIR (default
# ${TMPDIR:-/tmp}/factcheck-bench), FACTCHECK (binary; default the release
# build), BASELINE (a second binary to time in the same run, e.g. an older
# build), THREADS (default 2).
set -euo pipefail

RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/factcheck-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FACTCHECK=${FACTCHECK:-$ROOT/target/release/factcheck}
[[ -n ${FACTCHECK_SKIP_BUILD:-} ]] || (cd "$ROOT" && cargo build --release --quiet)

copies() {
    local n=$1 dir=$BENCH_DIR/copies-$1
    if [[ ! -f $dir/.complete ]]; then
        rm -rf "$dir"
        for ((k = 0; k < n; k++)); do
            mkdir -p "$dir/d$k"
            cp "$ROOT"/seeds/* "$ROOT"/fixtures/holdout/*.txt "$dir/d$k/"
        done
        touch "$dir/.complete"
    fi
    echo "$dir"
}

# Median wall seconds of RUNS runs of a command (exit 1 = findings, fine).
measure() {
    local times=() out status
    for ((i = 0; i < RUNS; i++)); do
        out=$(mktemp)
        status=0
        /usr/bin/time -f '%e %M' -o "$out" "$@" > /dev/null 2> /dev/null || status=$?
        ((status <= 1)) || { echo "failed (exit $status): $*" >&2; exit 1; }
        times+=("$(tail -n 1 "$out" | cut -d' ' -f1)")
        rm -f "$out"
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

main() {
    local sizes=("$@")
    ((${#sizes[@]})) || sizes=(1 10 100 1000)
    mkdir -p "$BENCH_DIR"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo '-dirty'); -j$THREADS --format json; median of $RUNS"
    echo
    local head="| copies | articles | seconds | ms per article |"
    local rule="| ---: | ---: | ---: | ---: |"
    if [[ -n ${BASELINE:-} ]]; then
        head+=" baseline seconds | baseline ms per article |"
        rule+=" ---: | ---: |"
    fi
    echo "$head"
    echo "$rule"
    for n in "${sizes[@]}"; do
        local dir articles t row
        dir=$(copies "$n")
        articles=$(find "$dir" -type f ! -name .complete | wc -l)
        t=$(measure "$FACTCHECK" -j"$THREADS" --format json "$dir")
        row="| $n | $articles | $t | $(awk -v t="$t" -v a="$articles" 'BEGIN { printf "%.2f", 1000 * t / a }') |"
        if [[ -n ${BASELINE:-} ]]; then
            t=$(measure "$BASELINE" -j"$THREADS" --format json "$dir")
            row+=" $t | $(awk -v t="$t" -v a="$articles" 'BEGIN { printf "%.2f", 1000 * t / a }') |"
        fi
        echo "$row"
    done
}

main "$@"

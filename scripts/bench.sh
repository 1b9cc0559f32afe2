#!/usr/bin/env bash
# Whole-CLI benchmark: factcheck on 1 and 2 threads against ripgrep counting
# digits over the same files (the I/O-bound baseline), on synthetic archives
# from examples/gen_archive.rs.
#
#   scripts/bench.sh [SIZES...]        # default: 10000 100000 200000 articles
#
# Environment: RUNS (timed runs per command, median reported; default 3),
# BENCH_DIR (where archives are generated and kept; default
# ${TMPDIR:-/tmp}/factcheck-bench), SEED (generator seed; default 1).
#
# Prints a Markdown table: throughput in MB/s (decimal, of article bytes) and
# peak resident memory, each the median of RUNS runs with a warm page cache.
set -euo pipefail

RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/factcheck-bench}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FACTCHECK=$ROOT/target/release/factcheck
GEN=$ROOT/target/release/examples/gen_archive

build() {
    (cd "$ROOT" && cargo build --release --quiet && cargo build --release --quiet --example gen_archive)
}

# ripgrep from PATH, or installed once under target/tools.
find_rg() {
    if command -v rg > /dev/null; then
        command -v rg
    else
        if [[ ! -x $ROOT/target/tools/bin/rg ]]; then
            echo "installing ripgrep into target/tools ..." >&2
            cargo install ripgrep --locked --quiet --root "$ROOT/target/tools" >&2
        fi
        echo "$ROOT/target/tools/bin/rg"
    fi
}

# The archive of N articles, generated once: the marker file records that
# generation finished, and with which generator source, so an edited
# generator makes a fresh archive.
archive() {
    local n=$1 dir=$BENCH_DIR/archive-$1-seed$SEED version
    version=$(git -C "$ROOT" hash-object examples/gen_archive.rs)
    if [[ ! -f $dir/.complete || $(cat "$dir/.complete") != "$version" ]]; then
        rm -rf "$dir"
        echo "generating $n articles into $dir ..." >&2
        "$GEN" --articles "$n" --seed "$SEED" --out "$dir" >&2
        echo "$version" > "$dir/.complete"
    fi
    echo "$dir"
}

# Bytes of article text (what both tools read; the manifest is not an article).
article_bytes() {
    find "$1" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{ s += $1 } END { print s }'
}

# Runs a command RUNS times; prints "median_seconds median_peak_kb".
# factcheck exits 1 when it has findings, rg 1 when nothing matched: both
# are results, not failures; anything above 1 is.
measure() {
    local times=() mems=() out status
    for ((i = 0; i < RUNS; i++)); do
        out=$(mktemp)
        status=0
        /usr/bin/time -f '%e %M' -o "$out" "$@" > /dev/null 2> /dev/null || status=$?
        if ((status > 1)); then
            echo "failed (exit $status): $*" >&2
            exit 1
        fi
        read -r t m < <(tail -n 1 "$out")
        rm -f "$out"
        times+=("$t")
        mems+=("$m")
    done
    echo "$(median "${times[@]}") $(median "${mems[@]}")"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# MB/s from bytes and seconds.
rate() {
    awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "-" }'
}

mb() {
    awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'
}

main() {
    local sizes=("$@")
    ((${#sizes[@]})) || sizes=(10000 100000 200000)
    build
    local rg
    rg=$(find_rg)
    mkdir -p "$BENCH_DIR"

    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/ { print $2 }') GB RAM"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo '-dirty'), $("$FACTCHECK" --version), $("$rg" --version | head -n 1)"
    echo "runs: median of $RUNS, page cache warm"
    echo
    echo "| articles | MB | rg MB/s | 1 thread MB/s | 1 thread peak MB | 2 threads MB/s | 2 threads peak MB | 2 threads / rg |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for n in "${sizes[@]}"; do
        local dir bytes t_rg m_rg t1 m1 t2 m2
        dir=$(archive "$n")
        bytes=$(article_bytes "$dir")
        # Warm the page cache so every command reads from memory.
        "$rg" -c '[0-9]' "$dir" > /dev/null || true
        read -r t_rg m_rg < <(measure "$rg" -c '[0-9]' "$dir")
        read -r t1 m1 < <(measure "$FACTCHECK" -j1 --format json "$dir")
        read -r t2 m2 < <(measure "$FACTCHECK" -j2 --format json "$dir")
        printf '| %s | %.0f | %s | %s | %s | %s | %s | %s |\n' \
            "$n" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
            "$(rate "$bytes" "$t_rg")" \
            "$(rate "$bytes" "$t1")" "$(mb "$m1")" \
            "$(rate "$bytes" "$t2")" "$(mb "$m2")" \
            "$(awk -v a="$t_rg" -v b="$t2" 'BEGIN { printf "%.3f", a / b }')"
    done
}

main "$@"

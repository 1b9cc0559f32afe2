#!/usr/bin/env bash
# Extraction time of one long, dense article (5 figures in each 180-byte
# line) as it grows, and of one 5 MB single line: linear growth means no
# scan per figure over the whole text.
#   scripts/bench_long.sh [BINARY]     (default: target/release/factcheck)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/factcheck}
[ "$#" -gt 0 ] || cargo build --quiet --release
dir=$(mktemp -d)
python3 - "$dir" <<'PY'
import sys
para = "青木能源(600999.SH)2023年营收为12.5亿元，同比增长8.2%。公司预计2024年交付3.5万辆。The company said revenue rose 5% to $2.1 billion in the first quarter.\n"
for n in (1000, 2000, 20000):
    open(f"{sys.argv[1]}/p{n}.txt", "w").write("2024-05-01\n\n" + para * n)
open(f"{sys.argv[1]}/line.txt", "w").write("2024-05-01\n\n" + para.strip() * (5_000_000 // len(para.encode())) + "\n")
PY
for f in p1000 p2000 p20000 line; do
  size=$(du -k "$dir/$f.txt" | cut -f1)
  /usr/bin/time -f "$f.txt (${size} KB): %e s, %M KB" timeout 300 "$bin" extract --no-config -q -j1 "$dir/$f.txt" --out /dev/null || echo "$f.txt: over 300 s"
done
rm -rf "$dir"

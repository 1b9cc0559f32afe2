#!/usr/bin/env bash
# Time of long inputs, whole runs (extraction and checks, --format json),
# one thread, median of 3:
#   dense:  an article with 5 figures in each 180-byte line, as it grows
#           (linear growth means no scan per figure over the whole text);
#   line:   the dense text as one 5 MB line;
#   prose:  the fixture articles' bodies as one 5 MB line, and as a 50 MB
#           file of lines (read with --max-file-size raised).
# The brief's bound is one second per MB.
#   scripts/bench_long.sh [BINARY...]   (default: target/release/factcheck)
#   INPUTS="line prose50" scripts/bench_long.sh ...   (some inputs only)
# Give two binaries (a previous build first) to compare them in one session.
set -euo pipefail
cd "$(dirname "$0")/.."
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  cargo build --quiet --release
  bins=(target/release/factcheck)
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import glob, sys
out = sys.argv[1]
para = "青木能源(600999.SH)2023年营收为12.5亿元，同比增长8.2%。公司预计2024年交付3.5万辆。The company said revenue rose 5% to $2.1 billion in the first quarter.\n"
for n in (1000, 2000, 20000):
    open(f"{out}/dense{n}.txt", "w").write("2024-05-01\n\n" + para * n)
open(f"{out}/line.txt", "w").write("2024-05-01\n\n" + para.strip() * (5_000_000 // len(para.encode())) + "\n")
files = sorted(glob.glob("fixtures/corpus/*.txt")) + sorted(glob.glob("fixtures/holdout*/*.txt"))
body = "".join(open(f).read().split("\n", 2)[-1] for f in files)
def grow(size):
    text = "2024-05-01\n\n"
    while len(text.encode()) < size:
        text += body
    return text
open(f"{out}/prose-line.txt", "w").write(grow(5_000_000).replace("\n", " ") + "\n")
open(f"{out}/prose50.txt", "w").write(grow(50_000_000))
PY
median() { sort -n | sed -n 2p; }
printf "%-16s %8s" "input" "MB"
for b in "${bins[@]}"; do printf " %28s" "$(basename "$(dirname "$(dirname "$b")")")/$(basename "$b")"; done
echo
for f in ${INPUTS:-dense1000 dense2000 dense20000 line prose-line prose50}; do
  bytes=$(stat -c %s "$dir/$f.txt")
  printf "%-16s %8.2f" "$f" "$(echo "$bytes / 1000000" | bc -l)"
  for b in "${bins[@]}"; do
    t=$(for i in 1 2 3; do
      /usr/bin/time -f "%e" timeout 900 "$b" --no-config -q -j1 --max-file-size 100000000 \
        --format json -o /dev/null "$dir/$f.txt" 2>&1 >/dev/null | tail -1 || true
    done | median)
    printf " %20s s %5.2f s/MB" "$t" "$(echo "$t / ($bytes / 1000000)" | bc -l)"
  done
  echo
done

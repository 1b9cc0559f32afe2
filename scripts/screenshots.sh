#!/usr/bin/env bash
# The README's screenshot of the seeds' HTML report, at 1280 px:
#   scripts/screenshots.sh            (needs chromium and fonts-noto-cjk)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo run --quiet --release -- seeds/ --no-config --quiet --format html --output-file "$out/report.html" || true
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$out/profile" --window-size=1280,2900 \
  --screenshot=docs/report-seeds.png "file://$out/report.html" 2>/dev/null
echo "wrote docs/report-seeds.png"

#!/usr/bin/env bash
# Remakes the screenshots of the pages (docs/screenshots/*.png) from the demo dataset:
#   docs/screenshots/make.sh            (needs chromium and fonts-noto-cjk; builds ipguard)
# Each page is written with `--format html`, measured in headless Chromium (its full height),
# then captured at 900 pixels wide. "Today" is pinned so the pages are the same on every run.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v chromium >/dev/null || { echo "make.sh: install the Debian package chromium" >&2; exit 1; }
cargo build --quiet
bin="$PWD/target/debug/ipguard"
out="$PWD/docs/screenshots"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export IPGUARD_TODAY=2025-03-01 IPGUARD_DB="$tmp/demo.db"
"$bin" demo >/dev/null
"$bin" score --all --period 2024 --format html -o "$tmp/ranking.html"
"$bin" score --station CQ-LJ-002 --period 2024 --format html -o "$tmp/scorecard.html"
"$bin" report generate city --period 2024 --format html -o "$tmp/city.html"

browser() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>/dev/null
}

for page in ranking scorecard city; do
  # The page's height at 900 pixels wide, from a copy with a measuring script.
  sed 's|</body>|<script>document.body.insertAdjacentHTML("beforeend", "<pre id=h>" + document.documentElement.scrollHeight + "</pre>")</script></body>|' \
    "$tmp/$page.html" >"$tmp/$page.measure.html"
  height="$(browser --window-size=900,800 --dump-dom "file://$tmp/$page.measure.html" |
    sed -n 's|.*<pre id="h">\([0-9]*\)</pre>.*|\1|p')"
  browser --window-size="900,${height:-1200}" --screenshot="$out/$page.png" "file://$tmp/$page.html"
  echo "docs/screenshots/$page.png (900x${height})"
done

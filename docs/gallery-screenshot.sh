#!/usr/bin/env bash
# Re-make docs/gallery.png from README's main command: the real gallery, rendered by headless Chromium.
# Needs Debian's chromium (apt-get install chromium). Run from the project root.
set -euo pipefail
out=$(mktemp -d)
novita-async batch examples/prompts.jsonl --out "$out" --emulator
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --hide-scrollbars \
  --window-size=1280,860 --screenshot="$PWD/docs/gallery.png" "file://$out/index.html"
echo "wrote docs/gallery.png from $out/index.html"

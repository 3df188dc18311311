#!/bin/sh
# Copies the asciinema-player bundle (JS and CSS) that HTML exports inline into <out-dir>/player,
# so an installed aisess does not depend on node_modules layout at run time.
# Usage: scripts/build-player.sh [out-dir]   (default: dist)
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/dist}"
src="$root/node_modules/asciinema-player/dist/bundle"
if [ ! -f "$src/asciinema-player.min.js" ]; then
  echo "build-player: $src/asciinema-player.min.js is missing: run npm install first" >&2
  exit 1
fi
mkdir -p "$out/player"
cp "$src/asciinema-player.min.js" "$src/asciinema-player.css" "$out/player/"

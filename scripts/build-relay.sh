#!/bin/sh
# Compiles the native output relay (native/relay.c) next to the bundle, as <out-dir>/aisess-relay.
# Usage: scripts/build-relay.sh [out-dir]   (default: dist)
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/dist}"
for candidate in "${CC:-}" cc gcc clang; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then compiler="$candidate"; break; fi
done
if [ -z "${compiler:-}" ]; then
  echo "build-relay: no C compiler found (cc, gcc or clang): install one (e.g. apt-get install gcc) and build again" >&2
  exit 1
fi
mkdir -p "$out"
# Build beside the target, then rename: a running aisess keeps its copy of the old binary.
"$compiler" -O2 -Wall -Wextra -Werror -std=c11 -o "$out/aisess-relay.tmp" "$root/native/relay.c" "$root/native/json_text.c" "$root/native/out_queue.c"
mv -f "$out/aisess-relay.tmp" "$out/aisess-relay"

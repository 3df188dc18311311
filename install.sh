#!/usr/bin/env bash
# Installs aisess for the current user: dependencies, build, and an `aisess` command in
# $AISESS_PREFIX/bin (default ~/.local/bin). No sudo. Idempotent. `./install.sh --uninstall` undoes it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${AISESS_PREFIX:-$HOME/.local}"
bin_dir="$prefix/bin"
target="$bin_dir/aisess"
marker="# installed by aisess install.sh"

say() { printf 'install.sh: %s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

uninstall() {
  if [ -f "$target" ] && grep -q "$marker" "$target" 2>/dev/null; then
    rm -f "$target"
    say "removed $target"
  else
    say "nothing to remove at $target"
  fi
  say "your repositories keep their recordings and notes; run \`aisess init --undo\` in a repository to remove its hooks"
}

check_prerequisites() {
  command -v node >/dev/null 2>&1 || fail "Node.js is missing: install Node.js 20.19 or newer (https://nodejs.org) and run ./install.sh again"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    fail "Node.js $(node --version) is too old: aisess needs 20.19 or newer"
  command -v npm >/dev/null 2>&1 || fail "npm is missing: install npm (it ships with Node.js)"
  command -v git >/dev/null 2>&1 || fail "git is missing: install git (e.g. apt-get install git)"
  { command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || command -v clang++ >/dev/null 2>&1; } ||
    fail "a C++ compiler is missing (node-pty and zstd are built from source): install one (e.g. apt-get install g++ make python3)"
  { command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1; } ||
    fail "a C compiler is missing (aisess's terminal relay is built from native/relay.c): install one (e.g. apt-get install gcc)"
  command -v make >/dev/null 2>&1 || fail "make is missing (needed to build native modules): install it (e.g. apt-get install make)"
  command -v python3 >/dev/null 2>&1 || fail "python3 is missing (node-gyp needs it to build native modules): install it (e.g. apt-get install python3)"
}

install() {
  check_prerequisites
  cd "$here"
  say "installing dependencies (native modules compile from source; this takes about a minute the first time)"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
  node -e 'require("node-pty"); require("zstd-napi")' 2>/dev/null ||
    fail "native modules did not build: see the npm output above (a C++ toolchain, make and python3 are needed)"
  say "building"
  npm run --silent build >/dev/null
  mkdir -p "$bin_dir"
  if [ -e "$target" ] && ! grep -q "$marker" "$target" 2>/dev/null; then
    fail "$target exists and was not installed by aisess: remove it or set AISESS_PREFIX, then run ./install.sh again"
  fi
  cat >"$target" <<SH
#!/bin/sh
$marker from $here
exec node "$here/dist/main.js" "\$@"
SH
  chmod +x "$target"
  say "installed $target"
  case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) say "note: $bin_dir is not on your PATH; add it, e.g. echo 'export PATH=\"$bin_dir:\$PATH\"' >> ~/.bashrc" ;;
  esac
  say "done: try \`$target demo\`, or \`aisess run claude\` in a repository"
}

case "${1:-}" in
  --uninstall) uninstall ;;
  "") install ;;
  -h|--help) printf 'Usage: ./install.sh [--uninstall]\n  Installs aisess into %s (set AISESS_PREFIX to change).\n' "$bin_dir" ;;
  *) fail "unknown option '$1' (use --uninstall or --help)" ;;
esac

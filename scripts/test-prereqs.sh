#!/usr/bin/env bash
# The shell-init tests run real bash, zsh and fish; the e2e tests need script(1); the export tests
# play casts with Debian's asciinema 2.2 and open the HTML export in a headless Chromium.
# Installs what is missing when that is possible without a password, else says what to install.
set -euo pipefail
missing=()
for tool in zsh fish script asciinema chromium; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
[ ${#missing[@]} -eq 0 ] && exit 0
packages=()
for tool in "${missing[@]}"; do
  case "$tool" in script) packages+=(bsdutils) ;; *) packages+=("$tool") ;; esac
done
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo -n"
  echo "test-prereqs: installing ${packages[*]} (needed by the shell-init and export tests)" >&2
  $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${packages[@]}" >/dev/null
  exit 0
fi
echo "test-prereqs: the tests need ${missing[*]}: install them (Debian/Ubuntu: apt-get install ${packages[*]}) and run npm test again" >&2
exit 1

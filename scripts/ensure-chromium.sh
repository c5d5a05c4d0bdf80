#!/usr/bin/env bash
# Browser tests drive Debian's chromium with Playwright; no browser is downloaded.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[[ -x $CHROMIUM ]] && exit 0

echo "Browser tests need Debian's chromium at $CHROMIUM; installing it with apt-get (package: chromium)."
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  cat >&2 <<'MSG'
Cannot run apt-get here (not root, no password-less sudo). Install chromium yourself:
    sudo apt-get install chromium
or point CHROMIUM=/path/to/chromium at an existing Chromium, then run `make test` again.
MSG
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$CHROMIUM" --version

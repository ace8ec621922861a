#!/usr/bin/env bash
# The appliance as an outbound relay, measured on loopback only, with the same load and the
# same helpers as the peer benchmarks in ../shared/bench (postfix-relay.sh, exim-relay.sh):
#
#   smtp-source x DOMAINS --(SMTP, 127.0.0.1:2525 relay listener)--> appliance (Release publish)
#        --(SMTP, Delivery:SmartHost 127.0.0.1:2526)--> smtp-sink (discards)
#
# The appliance gets a fresh DataDir under a temp dir on the root filesystem (not tmpfs), so
# its durable spool really syncs before "250".  Relay without AUTH is allowed from 127.0.0.0/8.
#
# Prints:  RESULT appliance accept_msgs_per_s=.. e2e_msgs_per_s=.. peak_rss_mb=.. cpu_s=.. ... status=ok
#   accept  = N / (time until every smtp-source process finished)
#   e2e     = N / (time until the sink had N more messages and GET /api/v1/queues said totalMessages 0)
#   cpu_s / peak_rss_mb / peak_pss_mb = the appliance process (its own cgroup), during the load
#
# Usage: bench/relay.sh [-n 20000] [-l 4096] [-s 50] [-r 1] [-D 10] [-1] [-t 280] [-k]
# Env:   APPLIANCE_PUBLISH_DIR=<dir with Appliance.Web.dll> skips the publish step;
#        SHARED_BENCH=<dir of _common.sh>; MTA_PORT (2525), SINK_PORT (2526);
#        WARMUP=<messages> sent and discarded before the measured load (steady state, JIT done);
#        BENCH_LOG_LEVEL (default: the product's appsettings.json);
#        DKIM=1 signs every message with RSA-2048 (a sending domain bench-client.example with its first key is
#        added to the default tenant before the load), to compare with ../shared/bench/postfix-relay.sh DKIM=1
#        (Postfix + OpenDKIM, RSA-2048, relaxed/relaxed).  The probe message must carry d=bench-client.example.
#        RATE=<n/s> puts a shaping override with that message rate on the sink's site (127.0.0.1) before the load, so
#        every message takes a rate slot (bench/cluster.sh uses it with a rate too high to slow anything).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
COMMON=""
for c in "${SHARED_BENCH:-}/_common.sh" "$REPO/../shared/bench/_common.sh" "$REPO/shared/bench/_common.sh"; do
  [[ -f $c ]] && { COMMON=$c; break; }
done
if [[ -z $COMMON ]]; then
  echo "relay.sh: cannot find shared/bench/_common.sh (looked beside the repo: $REPO/../shared/bench); set SHARED_BENCH=<dir>" >&2
  exit 2
fi
# shellcheck source=/dev/null
. "$COMMON"
bench_parse_args "$@"
MTA_PORT=${MTA_PORT:-2525}
API_KEY=bench-api-key-0123456789abcdef0123456789abcdef

ensure_postfix_tools
command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found"
cg_init

TMP=$(mktemp -d /var/tmp/appliance-bench.XXXXXX)
nap_init "$TMP"
APP_PID=""

cleanup() {
  local rc=$?
  set +e
  [[ -n ${RSS_SAMPLER_PID:-} ]] && stop_pid "$RSS_SAMPLER_PID" 2
  stop_sources
  [[ -n $APP_PID ]] && stop_pid "$APP_PID" 10
  [[ -n ${SINK_PID:-} ]] && stop_pid "$SINK_PID" 3
  cg_cleanup
  if (( KEEP )); then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

require_free_port "$MTA_PORT"
require_free_port "$SINK_PORT"

free_port() { # a port free on 127.0.0.1, from a range the peers don't use
  local p
  for (( p = 24000 + RANDOM % 2000; p < 30000; p++ )); do
    port_busy "$p" || { echo "$p"; return 0; }
  done
  die "no free port"
}
HTTP_PORT=$(free_port)
SUB_PORT=$(free_port); (( SUB_PORT == HTTP_PORT )) && SUB_PORT=$((SUB_PORT + 1))
SMTPS_PORT=$((SUB_PORT + 7)); port_busy "$SMTPS_PORT" && SMTPS_PORT=$((SUB_PORT + 13))

# ------------------------------------------------------------------ publish
if [[ -n ${APPLIANCE_PUBLISH_DIR:-} ]]; then
  APP_DIR=$APPLIANCE_PUBLISH_DIR
else
  APP_DIR=$TMP/app
  log "publishing src/Appliance.Web (Release) to $APP_DIR"
  dotnet publish "$REPO/src/Appliance.Web" -c Release -o "$APP_DIR" --artifacts-path "$TMP/artifacts" -nologo -v quiet \
    > "$TMP/publish.log" 2>&1 || { tail -30 "$TMP/publish.log" >&2; die "publish failed"; }
fi
[[ -f $APP_DIR/Appliance.Web.dll ]] || die "no Appliance.Web.dll in $APP_DIR"

CG_MTA=$(cg_make appliance)
CG_SINK=$(cg_make sink)
CG_SRC=$(cg_make source)

# ------------------------------------------------------------------ start
sink_start "$TMP/sink.out" "$CG_SINK"
log "smtp-sink pid $SINK_PID on 127.0.0.1:$SINK_PORT"

mkdir -p "$TMP/data"
app_env=(ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1)
[[ -n ${BENCH_LOG_LEVEL:-} ]] && app_env+=("Logging__LogLevel__Default=$BENCH_LOG_LEVEL")
(
  cg_enter "$CG_MTA"
  cd "$APP_DIR"
  exec env "${app_env[@]}" dotnet "$APP_DIR/Appliance.Web.dll" \
    --urls "http://127.0.0.1:$HTTP_PORT" \
    --Appliance:DataDir="$TMP/data" \
    --Appliance:Hostname=bench-appliance.localdomain \
    --Appliance:Smtp:Relay="127.0.0.1:$MTA_PORT" \
    --Appliance:Smtp:Submission="127.0.0.1:$SUB_PORT" \
    --Appliance:Smtp:Smtps="127.0.0.1:$SMTPS_PORT" \
    --Appliance:Smtp:RelayHosts=127.0.0.0/8 --Appliance:Smtp:RelayHosts:0=127.0.0.0/8 \
    --Appliance:Delivery:SmartHost="127.0.0.1:$SINK_PORT" \
    --Appliance:Bootstrap:AdminEmail=admin@bench.localdomain \
    --Appliance:Bootstrap:AdminPassword=Bench-Admin-Passw0rd! \
    --Appliance:Bootstrap:ApiKey="$API_KEY"
) > "$TMP/appliance.log" 2>&1 &
APP_PID=$!

# HTTP over bash's /dev/tcp (no curl needed): prints the body, returns 0 on a 200.
http_get() { # path [bearer]
  local status body line auth="" fd
  [[ -n ${2:-} ]] && auth="Authorization: Bearer $2"$'\r\n'
  exec {fd}<>"/dev/tcp/127.0.0.1/$HTTP_PORT" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n' "$1" "$auth" >&"$fd"
  IFS= read -r -t 5 status <&"$fd" || { exec {fd}>&-; return 1; }
  while IFS= read -r -t 5 line <&"$fd" && [[ $line != $'\r' && -n $line ]]; do :; done
  body=$(cat <&"$fd"); exec {fd}>&-
  printf '%s' "$body"
  [[ $status == *" 200 "* ]]
}

deadline=$(( SECONDS + 90 ))
until http_get /healthz >/dev/null 2>&1; do
  pid_alive "$APP_PID" || { tail -40 "$TMP/appliance.log" >&2; die "appliance exited during startup"; }
  (( SECONDS < deadline )) || { tail -40 "$TMP/appliance.log" >&2; die "appliance not healthy after 90 s"; }
  sleep 0.25
done
log "appliance pid $APP_PID healthy; relay 127.0.0.1:$MTA_PORT, http $HTTP_PORT (data $TMP/data)"

# DKIM=1: the default tenant (relay-host mail is queued under it) gets the sending domain bench-client.example with
# an RSA key (the product's default algorithm, RSA-2048), so every message is signed at reception.
http_post() { # path json bearer: prints the body, returns 0 on 2xx
  local status body line fd
  exec {fd}<>"/dev/tcp/127.0.0.1/$HTTP_PORT" || return 1
  printf 'POST %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$3" "${#2}" "$2" >&"$fd"
  IFS= read -r -t 10 status <&"$fd" || { exec {fd}>&-; return 1; }
  while IFS= read -r -t 10 line <&"$fd" && [[ $line != $'\r' && -n $line ]]; do :; done
  body=$(cat <&"$fd"); exec {fd}>&-
  printf '%s' "$body"
  [[ $status == *" 20"[0-9]" "* ]]
}
if [[ ${DKIM:-0} == 1 ]]; then
  http_post /api/v1/tenants '{"name":"default"}' "$API_KEY" >/dev/null 2>&1 || true   # 409 when it exists already
  http_post /api/v1/tenants/default/domains '{"name":"bench-client.example","algorithm":"rsa"}' "$API_KEY" > "$TMP/domain.json" \
    || { cat "$TMP/domain.json" >&2; die "could not add the signing domain bench-client.example"; }
  log "DKIM: bench-client.example signs with $(grep -o '"algorithm"[^,]*' "$TMP/domain.json" | head -1)"
fi

if [[ -n ${RATE:-} ]]; then
  http_post /api/v1/shaping/overrides "{\"name\":\"bench-rate\",\"mx\":[\"127.0.0.1\"],\"limits\":{\"messageRate\":\"$RATE\"}}" "$API_KEY" \
    > "$TMP/rate.json" || { cat "$TMP/rate.json" >&2; die "could not set the shaping override RATE=$RATE"; }
  log "RATE: shaping override bench-rate ($RATE) on 127.0.0.1"
fi

# Queue depth for measure_load's drain check: prints totalMessages, or 1 when unknown.
queue_total() {
  local body n
  body=$(http_get /api/v1/queues "$API_KEY" 2>/dev/null) || { echo 1; return 0; }
  n=$(grep -o '"totalMessages"[[:space:]]*:[[:space:]]*[0-9]*' <<<"$body" | grep -o '[0-9]*$') || n=""
  echo "${n:-1}"
}

# Make sure the relay path works before timing anything: one message must reach the sink.
swaks --silent 2 --server 127.0.0.1 --port "$MTA_PORT" --from probe@bench-client.example \
  --to probe@rcpt-probe.example --helo bench-client.example </dev/null >/dev/null \
  || { tail -20 "$TMP/appliance.log" >&2; die "probe message was not accepted"; }
for _ in $(seq 1 200); do (( $(sink_count "$TMP/sink.out") >= 1 )) && break; sleep 0.1; done
(( $(sink_count "$TMP/sink.out") >= 1 )) || { tail -20 "$TMP/appliance.log" >&2; die "probe message did not reach the sink"; }
for _ in $(seq 1 100); do (( $(queue_total) == 0 )) && break; sleep 0.1; done
if [[ ${DKIM:-0} == 1 ]]; then
  http_get "/api/v1/events?sender=probe@bench-client.example" "$API_KEY" | grep -q 'd=bench-client.example' \
    || die "DKIM=1: the probe message was not signed with d=bench-client.example"
  log "DKIM: probe message signed (d=bench-client.example)"
fi
SINK_BASE=$(sink_count "$TMP/sink.out")
sleep 1

# ------------------------------------------------------------------ warm-up (optional)
# WARMUP=M sends M messages first and discards their figures, so the measured run sees steady state (the JIT's
# tiered recompilation of the hot paths happens during the first few thousand messages).
if (( ${WARMUP:-0} > 0 )); then
  MEASURED_N=$N; N=$WARMUP
  log "warm-up: $WARMUP messages (not measured)"
  measure_load "127.0.0.1:$MTA_PORT" "$CG_MTA" $(( SINK_BASE + N )) queue_total
  [[ $STATUS == ok ]] || die "warm-up did not finish: $STATUS"
  N=$MEASURED_N
  wait "$SRC_PID" 2>/dev/null || true
  rm -f "$TMP/src_done" "$TMP/src_rc"
  SINK_BASE=$(sink_count "$TMP/sink.out")
  sleep 1
fi

# ------------------------------------------------------------------ load
measure_load "127.0.0.1:$MTA_PORT" "$CG_MTA" $(( SINK_BASE + N )) queue_total
[[ $STATUS == ok ]] || tail -20 "$TMP/appliance.log" >&2
print_result appliance
[[ $STATUS == ok ]]

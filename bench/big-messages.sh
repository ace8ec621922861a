#!/usr/bin/env bash
# Memory bound for large messages (issue 15 item 5): many concurrent large messages into the relay listener,
# loopback only, and the appliance process's peak RSS.
#
#   smtp-source -s SESSIONS -m N -l BYTES --(SMTP, relay listener)--> appliance (Release publish)
#
# Delivery goes to a SmartHost port where nothing listens, so the messages stay queued: this measures reception
# (DATA streaming to {DataDir}/tmp, reception filters, spool write), not delivery. The appliance gets a fresh
# DataDir under /var/tmp (root file system, not tmpfs), deleted at the end; it needs about 2 x N x BYTES of free disk
# while the load runs (temporary file + spool copy).
#
# Prints:  RESULT big-messages n=.. bytes=.. sessions=.. accepted=.. seconds=.. rss_before_mb=.. peak_rss_mb=.. status=..
#   peak_rss_mb = the process's VmHWM (kernel-tracked peak resident set) at the end of the load.
#
# Usage: bench/big-messages.sh [-n 200] [-l 41943040] [-s 200] [-t 1200] [-k]
# Env:   APPLIANCE_PUBLISH_DIR=<dir with Appliance.Web.dll> skips the publish step.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
N=200
BYTES=$((40 * 1024 * 1024))
SESSIONS=200
TIMEOUT=1200
KEEP=0
while getopts ":n:l:s:t:k" opt; do
  case $opt in
    n) N=$OPTARG ;;
    l) BYTES=$OPTARG ;;
    s) SESSIONS=$OPTARG ;;
    t) TIMEOUT=$OPTARG ;;
    k) KEEP=1 ;;
    *) echo "usage: $0 [-n messages] [-l bytes] [-s sessions] [-t timeout_s] [-k]" >&2; exit 2 ;;
  esac
done

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }
command -v smtp-source >/dev/null || die "smtp-source not found (Debian package postfix, see shared/bench/_common.sh ensure_postfix_tools)"
command -v dotnet >/dev/null || die "dotnet SDK not found"

TMP=$(mktemp -d /var/tmp/appliance-big.XXXXXX)
APP_PID=""
SAMPLER_PID=""
SRC_PID=""
cleanup() {
  local rc=$?
  set +e
  for p in $SRC_PID $SAMPLER_PID; do kill "$p" 2>/dev/null; done
  if [[ -n $APP_PID ]]; then
    kill "$APP_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null
  fi
  if (( KEEP )); then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for (( p = 31000 + RANDOM % 3000; p < 40000; p++ )); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  die "no free port"
}
RELAY_PORT=$(free_port); HTTP_PORT=$(free_port); SUB_PORT=$(free_port); SMTPS_PORT=$(free_port); DEAD_PORT=$(free_port)

if [[ -n ${APPLIANCE_PUBLISH_DIR:-} ]]; then
  APP_DIR=$APPLIANCE_PUBLISH_DIR
else
  APP_DIR=$TMP/app
  log "publishing src/Appliance.Web (Release) to $APP_DIR"
  dotnet publish "$REPO/src/Appliance.Web" -c Release -o "$APP_DIR" --artifacts-path "$TMP/artifacts" -nologo -v quiet \
    > "$TMP/publish.log" 2>&1 || { tail -30 "$TMP/publish.log" >&2; die "publish failed"; }
fi

mkdir -p "$TMP/data"
(
  cd "$APP_DIR"
  exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 dotnet "$APP_DIR/Appliance.Web.dll" \
    --urls "http://127.0.0.1:$HTTP_PORT" \
    --Appliance:DataDir="$TMP/data" \
    --Appliance:Hostname=bench-appliance.localdomain \
    --Appliance:Smtp:Relay="127.0.0.1:$RELAY_PORT" \
    --Appliance:Smtp:Submission="127.0.0.1:$SUB_PORT" \
    --Appliance:Smtp:Smtps="127.0.0.1:$SMTPS_PORT" \
    --Appliance:Smtp:RelayHosts:0=127.0.0.0/8 \
    --Appliance:Smtp:MaxConnectionsPerIp="$((SESSIONS + 10))" \
    --Appliance:Delivery:SmartHost="127.0.0.1:$DEAD_PORT" \
    --Appliance:Bootstrap:AdminEmail=admin@bench.localdomain \
    --Appliance:Bootstrap:AdminPassword=Bench-Admin-Passw0rd!
) > "$TMP/appliance.log" 2>&1 &
APP_PID=$!

deadline=$(( SECONDS + 120 ))
until curl -fsS "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null 2>&1; do
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$TMP/appliance.log" >&2; die "appliance exited during startup"; }
  (( SECONDS < deadline )) || { tail -40 "$TMP/appliance.log" >&2; die "appliance not healthy after 120 s"; }
  sleep 0.25
done
# One small message first (JIT, spool open), then the baseline.
smtp-source -m 1 -l 1000 -f probe@bench.example -t probe@big.example "127.0.0.1:$RELAY_PORT" \
  || { tail -20 "$TMP/appliance.log" >&2; die "probe message failed"; }
sleep 2
rss_kb() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$APP_PID/status"; }
RSS_BEFORE=$(rss_kb VmRSS)
log "appliance pid $APP_PID ready, RSS ${RSS_BEFORE} kB; sending $N x $BYTES bytes over $SESSIONS sessions"

( while kill -0 "$APP_PID" 2>/dev/null; do echo "$(date +%s) $(rss_kb VmRSS)"; sleep 1; done ) > "$TMP/rss.log" &
SAMPLER_PID=$!

START=$SECONDS
smtp-source -s "$SESSIONS" -m "$N" -l "$BYTES" -f sender@bench.example -t rcpt@big.example "127.0.0.1:$RELAY_PORT" \
  > "$TMP/source.log" 2>&1 &
SRC_PID=$!
STATUS=ok
while kill -0 "$SRC_PID" 2>/dev/null; do
  (( SECONDS - START < TIMEOUT )) || { STATUS=timeout; kill "$SRC_PID"; break; }
  sleep 1
done
wait "$SRC_PID" 2>/dev/null || [[ $STATUS != ok ]] || STATUS="source_failed"
SRC_PID=""
ELAPSED=$(( SECONDS - START ))
PEAK=$(rss_kb VmHWM)
ACCEPTED=$(grep -ho '"type":"Reception"' "$TMP"/data/events/*.jsonl 2>/dev/null | wc -l)
ACCEPTED=$(( ACCEPTED > 0 ? ACCEPTED - 1 : 0 )) # minus the probe
SAMPLED_PEAK=$(awk 'BEGIN{m=0} $2>m{m=$2} END{print m}' "$TMP/rss.log")
LEFT=$(find "$TMP/data/tmp" -type f 2>/dev/null | wc -l)
[[ $STATUS == ok && $ACCEPTED -ne $N ]] && STATUS="accepted_${ACCEPTED}_of_${N}"
[[ $STATUS == ok ]] || tail -20 "$TMP/source.log" >&2
echo "RESULT big-messages n=$N bytes=$BYTES sessions=$SESSIONS accepted=$ACCEPTED seconds=$ELAPSED" \
  "rss_before_mb=$(( RSS_BEFORE / 1024 )) peak_rss_mb=$(( PEAK / 1024 )) sampled_peak_rss_mb=$(( SAMPLED_PEAK / 1024 ))" \
  "temp_files_left=$LEFT status=$STATUS"
[[ $STATUS == ok ]]

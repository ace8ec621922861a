# shellcheck shell=bash
# The appliance side of the bench scripts (relay.sh, backlog.sh, isolation.sh): finds and sources
# ../shared/bench/_common.sh (log, die, cg_*, port helpers, nap; SHARED_BENCH=<dir> overrides), then set-up and
# clean-up, publish, start, HTTP helpers.  Sourced, not run directly.  Everything talks to 127.0.0.1 only.
#
# Expects: REPO.  Sets: COMMON; bench_setup sets TMP; APP_DIR, HTTP_PORT, SUB_PORT, SMTPS_PORT, API_KEY; app_start APP_PID.

COMMON=""
for c in "${SHARED_BENCH:-}/_common.sh" "$REPO/../shared/bench/_common.sh" "$REPO/shared/bench/_common.sh"; do
  [[ -f $c ]] && { COMMON=$c; break; }
done
if [[ -z $COMMON ]]; then
  echo "$(basename "$0"): cannot find shared/bench/_common.sh (looked beside the repo: $REPO/../shared/bench); set SHARED_BENCH=<dir>" >&2
  exit 2
fi
# shellcheck source=/dev/null
. "$COMMON"

# bench_setup name: Postfix's test tools, the cgroups, a temp dir on the root filesystem (fsync is real there) and
# the clean-up on exit (sampler, load, appliance, sink, cgroups; the temp dir unless KEEP=1).
bench_setup() {
  ensure_postfix_tools
  command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found"
  cg_init
  TMP=$(mktemp -d "/var/tmp/appliance-$1.XXXXXX")
  nap_init "$TMP"
  APP_PID=""
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local rc=$?
  set +e
  [[ -n ${RSS_SAMPLER_PID:-} ]] && stop_pid "$RSS_SAMPLER_PID" 2
  stop_sources
  [[ -n ${APP_PID:-} ]] && stop_pid "$APP_PID" 10
  [[ -n ${SINK_PID:-} ]] && stop_pid "$SINK_PID" 3
  cg_cleanup
  if (( KEEP )); then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}

API_KEY=bench-api-key-0123456789abcdef0123456789abcdef

free_port() { # a port free on 127.0.0.1, from a range the peers don't use
  local p
  for (( p = 24000 + RANDOM % 2000; p < 30000; p++ )); do
    port_busy "$p" || { echo "$p"; return 0; }
  done
  die "no free port"
}

app_ports() { # the appliance's HTTP, submission and SMTPS ports (the relay port is MTA_PORT)
  HTTP_PORT=$(free_port)
  SUB_PORT=$(free_port); (( SUB_PORT == HTTP_PORT )) && SUB_PORT=$((SUB_PORT + 1))
  SMTPS_PORT=$((SUB_PORT + 7)); port_busy "$SMTPS_PORT" && SMTPS_PORT=$((SUB_PORT + 13))
  return 0
}

app_publish() { # APPLIANCE_PUBLISH_DIR=<dir with Appliance.Web.dll> skips the publish
  if [[ -n ${APPLIANCE_PUBLISH_DIR:-} ]]; then
    APP_DIR=$APPLIANCE_PUBLISH_DIR
  else
    APP_DIR=$TMP/app
    log "publishing src/Appliance.Web (Release) to $APP_DIR"
    dotnet publish "$REPO/src/Appliance.Web" -c Release -o "$APP_DIR" --artifacts-path "$TMP/artifacts" -nologo -v quiet \
      > "$TMP/publish.log" 2>&1 || { tail -30 "$TMP/publish.log" >&2; die "publish failed"; }
  fi
  [[ -f $APP_DIR/Appliance.Web.dll ]] || die "no Appliance.Web.dll in $APP_DIR"
}

# app_start cgroup datadir smarthost_port logfile [extra --Key=value ...]: the appliance in Production, relay on
# 127.0.0.1:$MTA_PORT open to 127.0.0.0/8, every message to the smart host 127.0.0.1:<port>.  Sets APP_PID.
app_start() {
  local cg=$1 data=$2 hop=$3 logfile=$4; shift 4
  local app_env=(ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1)
  [[ -n ${BENCH_LOG_LEVEL:-} ]] && app_env+=("Logging__LogLevel__Default=$BENCH_LOG_LEVEL")
  mkdir -p "$data"
  (
    cg_enter "$cg"
    cd "$APP_DIR"
    exec env "${app_env[@]}" dotnet "$APP_DIR/Appliance.Web.dll" \
      --urls "http://127.0.0.1:$HTTP_PORT" \
      --Appliance:DataDir="$data" \
      --Appliance:Hostname=bench-appliance.localdomain \
      --Appliance:Smtp:Relay="127.0.0.1:$MTA_PORT" \
      --Appliance:Smtp:Submission="127.0.0.1:$SUB_PORT" \
      --Appliance:Smtp:Smtps="127.0.0.1:$SMTPS_PORT" \
      --Appliance:Smtp:RelayHosts=127.0.0.0/8 --Appliance:Smtp:RelayHosts:0=127.0.0.0/8 \
      --Appliance:Delivery:SmartHost="127.0.0.1:$hop" \
      --Appliance:Bootstrap:AdminEmail=admin@bench.localdomain \
      --Appliance:Bootstrap:AdminPassword=Bench-Admin-Passw0rd! \
      --Appliance:Bootstrap:ApiKey="$API_KEY" \
      "$@"
  ) >> "$logfile" 2>&1 &
  APP_PID=$!
}

# app_wait_healthy logfile [timeout_s]: until GET /healthz answers 200; dies when the process exits first.
app_wait_healthy() {
  local logfile=$1 deadline=$(( SECONDS + ${2:-90} ))
  until http_get /healthz >/dev/null 2>&1; do
    pid_alive "$APP_PID" || { tail -40 "$logfile" >&2; die "appliance exited during startup"; }
    (( SECONDS < deadline )) || { tail -40 "$logfile" >&2; die "appliance not healthy after ${2:-90} s"; }
    sleep 0.1
  done
}

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

# Queue depth: prints totalMessages, or 1 when unknown (so a drain check never passes on an error).
queue_total() {
  local body n
  body=$(http_get /api/v1/queues "$API_KEY" 2>/dev/null) || { echo 1; return 0; }
  n=$(grep -o '"totalMessages"[[:space:]]*:[[:space:]]*[0-9]*' <<<"$body" | grep -o '[0-9]*$') || n=""
  echo "${n:-1}"
}

rss_mb() { # pid -> VmRSS in MB (NA when gone)
  awk '/^VmRSS:/ { printf "%.1f\n", $2/1024; found=1 } END { if (!found) print "NA" }' "/proc/$1/status" 2>/dev/null || echo NA
}

# TLS=1: the load comes from `tls-source` (bench/Appliance.Mta.Benchmarks: smtp-source with STARTTLS) instead of
# smtp-source: one process with SESSIONS sessions spreading N messages over DOMAINS domains, with the same
# src_done/src_rc contract as _common.sh's source_start, which this replaces.  Built once (Release) when missing.
tls_source_init() { # repo
  TLS_SOURCE_DLL=$1/artifacts/bin/Appliance.Mta.Benchmarks/release/Appliance.Mta.Benchmarks.dll
  if [[ ! -f $TLS_SOURCE_DLL ]]; then
    log "building bench/Appliance.Mta.Benchmarks (tls-source)"
    dotnet build "$1/bench/Appliance.Mta.Benchmarks" -c Release -nologo -v quiet >&2 || die "tls-source build failed"
  fi
  source_start() { # host:port cgpath workdir
    local target=$1 cg=${2:-} wd=$3
    (
      cg_enter "$cg"
      rc=0
      dotnet "$TLS_SOURCE_DLL" tls-source -s "$SESSIONS" -m "$N" -l "$SIZE" -r "$RCPTS" -D "$DOMAINS" \
        -f sender@bench-client.example -t 'user@rcpt-dom{d}.example' "$target" > "$wd/source.0.log" 2>&1 || rc=1
      echo "$rc" > "$wd/src_rc"
      echo "$EPOCHREALTIME" > "$wd/src_done"
    ) &
    SRC_PID=$!
  }
}

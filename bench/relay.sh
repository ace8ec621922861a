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
#        DKIM=rsa (or 1) | ed25519 | dual signs every message: a sending domain bench-client.example with that key
#        choice (RSA-2048; Ed25519-SHA256, RFC 8463; dual = both signatures on every message) is added to the
#        default tenant before the load.  DKIM=rsa compares with ../shared/bench/postfix-relay.sh DKIM=1
#        (Postfix + OpenDKIM, RSA-2048, relaxed/relaxed).  The probe message must carry d=bench-client.example
#        (twice with dual: a=rsa-sha256 and a=ed25519-sha256).
#        TLS=1: every client session uses STARTTLS (the load comes from tls-source, bench/Appliance.Mta.Benchmarks,
#        instead of smtp-source; the relay listener's certificate is the appliance's own); compare with
#        bench/postfix-tls.sh (Postfix with smtpd_tls_security_level = may, same client, same certificate type).
#        `bench/relay.sh compare [args]` runs bench/compare.sh: Postfix and the appliance alternated, ratios.
#        RATE=<n/s> posts a shaping override with that message rate for MX suffix 127.0.0.1 before the load: a rule's
#        mx suffixes match a smart host's site (route:127.0.0.1:<port>) by the route's host (docs/cluster.md), so
#        every message takes a rate slot (bench/cluster.sh uses it with a rate too high to slow anything).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
if [[ ${1:-} == compare ]]; then shift; exec bash "$HERE/compare.sh" "$@"; fi
case ${DKIM:-0} in
  0|'') DKIM_ALG="" ;;
  1|rsa) DKIM_ALG=rsa ;;
  ed25519|dual) DKIM_ALG=$DKIM ;;
  *) echo "relay.sh: DKIM must be rsa (or 1), ed25519 or dual, not '$DKIM'" >&2; exit 2 ;;
esac
# shellcheck source=_appliance.sh
. "$HERE/_appliance.sh"
bench_parse_args "$@"
MTA_PORT=${MTA_PORT:-2525}
[[ ${TLS:-0} == 1 ]] && tls_source_init "$REPO"

bench_setup bench


require_free_port "$MTA_PORT"
require_free_port "$SINK_PORT"

app_ports

# ------------------------------------------------------------------ publish
app_publish

CG_MTA=$(cg_make appliance)
CG_SINK=$(cg_make sink)
CG_SRC=$(cg_make source)

# ------------------------------------------------------------------ start
sink_start "$TMP/sink.out" "$CG_SINK"
log "smtp-sink pid $SINK_PID on 127.0.0.1:$SINK_PORT"

app_start "$CG_MTA" "$TMP/data" "$SINK_PORT" "$TMP/appliance.log"
app_wait_healthy "$TMP/appliance.log" 90
log "appliance pid $APP_PID healthy; relay 127.0.0.1:$MTA_PORT, http $HTTP_PORT (data $TMP/data)"

# DKIM=rsa|ed25519|dual: the default tenant (relay-host mail is queued under it) gets the sending domain bench-client.example with
# the chosen key(s) (RSA-2048 by default; Ed25519; or both), so every message is signed at reception.
if [[ -n $DKIM_ALG ]]; then
  http_post /api/v1/tenants '{"name":"default"}' "$API_KEY" >/dev/null 2>&1 || true   # 409 when it exists already
  http_post /api/v1/tenants/default/domains "{\"name\":\"bench-client.example\",\"algorithm\":\"$DKIM_ALG\"}" "$API_KEY" > "$TMP/domain.json" \
    || { cat "$TMP/domain.json" >&2; die "could not add the signing domain bench-client.example"; }
  log "DKIM: bench-client.example signs with $(grep -o '"algorithm"[^,]*' "$TMP/domain.json" | head -1)"
fi

if [[ -n ${RATE:-} ]]; then
  http_post /api/v1/shaping/overrides "{\"name\":\"bench-rate\",\"mx\":[\"127.0.0.1\"],\"limits\":{\"messageRate\":\"$RATE\"}}" "$API_KEY" \
    > "$TMP/rate.json" || { cat "$TMP/rate.json" >&2; die "could not set the shaping override RATE=$RATE"; }
  log "RATE: shaping override bench-rate ($RATE) on 127.0.0.1"
fi

# Make sure the relay path works before timing anything: one message must reach the sink.
swaks --silent 2 --server 127.0.0.1 --port "$MTA_PORT" --from probe@bench-client.example \
  --to probe@rcpt-probe.example --helo bench-client.example </dev/null >/dev/null \
  || { tail -20 "$TMP/appliance.log" >&2; die "probe message was not accepted"; }
for _ in $(seq 1 200); do (( $(sink_count "$TMP/sink.out") >= 1 )) && break; sleep 0.1; done
(( $(sink_count "$TMP/sink.out") >= 1 )) || { tail -20 "$TMP/appliance.log" >&2; die "probe message did not reach the sink"; }
for _ in $(seq 1 100); do (( $(queue_total) == 0 )) && break; sleep 0.1; done
if [[ -n $DKIM_ALG ]]; then
  probe_events=$(http_get "/api/v1/events?sender=probe@bench-client.example" "$API_KEY")
  grep -q 'd=bench-client.example' <<<"$probe_events" \
    || die "DKIM=$DKIM_ALG: the probe message was not signed with d=bench-client.example"
  case $DKIM_ALG in
    rsa) want=(rsa-sha256) ;; ed25519) want=(ed25519-sha256) ;; dual) want=(rsa-sha256 ed25519-sha256) ;;
  esac
  for a in "${want[@]}"; do
    grep -q "a=$a" <<<"$probe_events" || die "DKIM=$DKIM_ALG: the probe message has no a=$a signature"
  done
  log "DKIM: probe message signed (d=bench-client.example, ${want[*]})"
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
# TRACE=<file> samples the appliance's CPU with perf (call graphs, 999 Hz) for TRACE_SECONDS (default 5) from the start
# of the measured load: the profile behind a figure. Set DOTNET_PerfMapEnabled=1 too, so .NET frames have names
# (`perf report -i <file> --no-children --sort symbol`). The sampling costs some throughput: never quote a traced figure.
if [[ -n ${TRACE:-} ]]; then
  # TRACE_ALL=1 samples every CPU (perf report --pid filters later) where per-process sampling catches too few samples.
  if [[ -n ${TRACE_ALL:-} ]]; then trace_scope=(-a); else trace_scope=(-p "$APP_PID"); fi
  perf record -F 999 -g "${trace_scope[@]}" -o "$TRACE" -- sleep "${TRACE_SECONDS:-5}" > "${TRACE}.log" 2>&1 &
  TRACE_PID=$!
fi
measure_load "127.0.0.1:$MTA_PORT" "$CG_MTA" $(( SINK_BASE + N )) queue_total
[[ $STATUS == ok ]] || tail -20 "$TMP/appliance.log" >&2
print_result appliance
if [[ -n ${TRACE:-} ]]; then wait "$TRACE_PID" || tail -5 "${TRACE}.log" >&2; log "CPU samples in $TRACE"; fi
[[ $STATUS == ok ]]

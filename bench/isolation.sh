#!/usr/bin/env bash
# Isolation: a marketing backlog draining to a throttled site must not delay transactional mail to another site
# (issue 22: with 200,000 marketing messages draining at 50 msg/s, the transactional stream keeps p99 from 250 to
# delivered under 1 s).  Loopback only.
#
#   smtp-source (backlog, M messages to rcpt-dom<i>.example) --> appliance --(throttled to RATE)--> smtp-sink :SINK_PORT
#   isolation_probe.py (K transactional messages at PROBE_RATE/s to txn.example, X-Stream: transactional)
#        --> appliance --(route txn.example)--> the probe's own sink, which times each arrival
#
# The throttle is a shaping override on the backlog's recipient domains (POST /api/v1/shaping/overrides,
# messageRate RATE); txn.example is routed to the probe's sink (POST /api/v1/routes), so it is another site.
#
# Usage: bench/isolation.sh [M] (default 200000)
# Env:   RATE (default 50/s), PROBES (500), PROBE_RATE (20 per second), plus relay.sh's APPLIANCE_PUBLISH_DIR,
#        SHARED_BENCH, MTA_PORT, SINK_PORT, KEEP.
# Prints: PROBE ... (from the probe) and
#         RESULT isolation backlog=.. queued_at_probe=.. p50_ms=.. p99_ms=.. max_ms=.. throttled_msgs_per_s=.. status=..
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
COUNT=200000
if [[ ${1:-} =~ ^[0-9]+$ ]]; then COUNT=$1; shift; fi
# shellcheck source=_appliance.sh
. "$HERE/_appliance.sh"
bench_parse_args "$@"
N=$COUNT
MTA_PORT=${MTA_PORT:-2525}
RATE=${RATE:-50/s}
PROBES=${PROBES:-500}
PROBE_RATE=${PROBE_RATE:-20}
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || die "needs Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd)"

bench_setup isolation

require_free_port "$MTA_PORT"
require_free_port "$SINK_PORT"
app_ports
PROBE_PORT=$(free_port)
app_publish
CG_MTA=$(cg_make appliance)
CG_SINK=$(cg_make sink)
CG_SRC=$(cg_make source)
LOGF=$TMP/appliance.log

sink_start "$TMP/sink.out" "$CG_SINK"
app_start "$CG_MTA" "$TMP/data" "$SINK_PORT" "$LOGF"
app_wait_healthy "$LOGF" 90
log "appliance pid $APP_PID healthy; backlog sink 127.0.0.1:$SINK_PORT, probe sink 127.0.0.1:$PROBE_PORT"

domains_json=$(for (( i = 0; i < DOMAINS; i++ )); do printf '"rcpt-dom%d.example",' "$i"; done)
http_post /api/v1/shaping/overrides "{\"name\":\"bench-throttled\",\"domains\":[${domains_json%,}],\"limits\":{\"messageRate\":\"$RATE\"}}" \
  "$API_KEY" > "$TMP/override.json" || { cat "$TMP/override.json" >&2; die "shaping override refused"; }
http_post /api/v1/routes "{\"domain\":\"txn.example\",\"host\":\"127.0.0.1\",\"port\":$PROBE_PORT}" "$API_KEY" > "$TMP/route.json" \
  || { cat "$TMP/route.json" >&2; die "route refused"; }
log "backlog domains throttled to $RATE; txn.example routed to the probe's sink"

wait_quiet
log "accepting the backlog: $N messages"
source_start "127.0.0.1:$MTA_PORT" "$CG_SRC" "$TMP"
deadline=$(( SECONDS + 120 + N / 200 ))
until [[ -f $TMP/src_done ]]; do
  (( SECONDS < deadline )) || die "backlog accept did not finish in time"
  nap 0.5
done
[[ $(< "$TMP/src_rc") == 0 ]] || { tail -n 3 "$TMP"/source.*.log >&2; die "smtp-source reported errors"; }
wait "$SRC_PID" 2>/dev/null || true; SRC_PID=""

QUEUED=$(queue_total)
S0=$(sink_count "$TMP/sink.out"); T0=$EPOCHREALTIME
log "backlog accepted; $QUEUED queued; probing: $PROBES transactional messages at $PROBE_RATE/s"
probe_out=$(/usr/bin/python3 "$HERE/isolation_probe.py" --relay-port "$MTA_PORT" --sink-port "$PROBE_PORT" \
  --count "$PROBES" --rate "$PROBE_RATE") || true
S1=$(sink_count "$TMP/sink.out"); T1=$EPOCHREALTIME
echo "$probe_out"
field() { grep -o "$1=[^ ]*" <<<"$probe_out" | cut -d= -f2; }
THROTTLED=$(fmt_rate $(( S1 - S0 )) "$T0" "$T1")
STATUS=$(field status); [[ -n $STATUS ]] || STATUS=probe_failed
echo "RESULT isolation backlog=$N queued_at_probe=$QUEUED rate=$RATE probes=$PROBES probe_rate=$PROBE_RATE" \
  "p50_ms=$(field p50_ms) p99_ms=$(field p99_ms) max_ms=$(field max_ms) throttled_msgs_per_s=$THROTTLED status=$STATUS"
[[ $STATUS == ok ]]

#!/usr/bin/env bash
# A large backlog and a crash: how much memory a queue of N messages holds, how fast the appliance is back after
# kill -9, and how fast it drains once the next hop returns (issue 22: 1,000,000 queued in <= 1 GB RSS, /healthz and
# the first delivery within 30 s of the restart).  Loopback only.
#
#   1. accept N messages (smtp-source, 50 sessions, 10 domains) while the next hop (127.0.0.1:SINK_PORT) refuses
#      connections: every message stays queued;
#   2. RSS of the appliance with the whole backlog queued (idle, after the accept);
#   3. kill -9; smtp-sink starts on the next hop's port;
#   4. restart on the same data folder: time to /healthz, then POST /api/v1/queues/retry (the deferred messages
#      would otherwise wait for their retry time), time to the first delivery and to the last one, RSS meanwhile.
#
# Usage: bench/backlog.sh [N] [-l 4096] [-s 50] [-D 10]           (N default 200000)
# Env:   APPLIANCE_PUBLISH_DIR, SHARED_BENCH, MTA_PORT, SINK_PORT, KEEP=1, BENCH_LOG_LEVEL as for relay.sh.
# Prints: RESULT backlog n=.. accept_msgs_per_s=.. queued=.. rss_backlog_mb=.. spool_mb=.. restart_healthz_s=..
#         rss_restart_mb=.. first_delivery_s=.. last_delivery_s=.. drain_msgs_per_s=.. peak_rss_mb=.. status=..
#         (times in seconds from the restart's exec; first/last measured at the sink)
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

bench_setup backlog

require_free_port "$MTA_PORT"
require_free_port "$SINK_PORT"
app_ports
app_publish
CG_MTA=$(cg_make appliance)
CG_SINK=$(cg_make sink)
CG_SRC=$(cg_make source)
LOGF=$TMP/appliance.log
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.2f\n", b-a }'; }

# ------------------------------------------------------------------ 1. accept with the next hop down
app_start "$CG_MTA" "$TMP/data" "$SINK_PORT" "$LOGF"
app_wait_healthy "$LOGF" 90
log "appliance pid $APP_PID healthy; next hop 127.0.0.1:$SINK_PORT refuses (no sink yet)"
wait_quiet
log "accepting $N messages (size $SIZE, $SESSIONS sessions, $DOMAINS domains)"
T0=$EPOCHREALTIME
source_start "127.0.0.1:$MTA_PORT" "$CG_SRC" "$TMP"
accept_deadline=$(( SECONDS + 120 + N / 200 ))
until [[ -f $TMP/src_done ]]; do
  (( SECONDS < accept_deadline )) || die "accept did not finish in time"
  pid_alive "$APP_PID" || { tail -30 "$LOGF" >&2; die "appliance died during the accept"; }
  nap 0.5
done
T_ACC=$(< "$TMP/src_done")
[[ $(< "$TMP/src_rc") == 0 ]] || { tail -n 3 "$TMP"/source.*.log >&2; die "smtp-source reported errors"; }
wait "$SRC_PID" 2>/dev/null || true; SRC_PID=""
ACCEPT_RATE=$(fmt_rate "$N" "$T0" "$T_ACC")
QUEUED=$(queue_total)
log "accepted $N at $ACCEPT_RATE msg/s; queue holds $QUEUED"

# ------------------------------------------------------------------ 2. the backlog at rest
sleep 5   # let the deferrals settle (every first attempt refused) and the GC run
RSS_BACKLOG=$(rss_mb "$APP_PID")
SPOOL_MB=$(du -sm "$TMP/data" | cut -f1)
log "backlog RSS $RSS_BACKLOG MB, data folder $SPOOL_MB MB"

# ------------------------------------------------------------------ 3. crash, next hop back
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
sink_start "$TMP/sink.out" "$CG_SINK"
log "killed -9; smtp-sink now on 127.0.0.1:$SINK_PORT"

# ------------------------------------------------------------------ 4. restart and drain
rss_sampler_start "$CG_MTA" 1 "$TMP/rss.peak"
T_START=$EPOCHREALTIME
app_start "$CG_MTA" "$TMP/data" "$SINK_PORT" "$LOGF"
app_wait_healthy "$LOGF" $(( 120 + N / 1000 ))
T_HEALTHY=$EPOCHREALTIME
RSS_RESTART=$(rss_mb "$APP_PID")
http_post /api/v1/queues/retry '{}' "$API_KEY" > "$TMP/retry.json" || { cat "$TMP/retry.json" >&2; die "queue retry refused"; }
log "healthy after $(elapsed "$T_START" "$T_HEALTHY") s (RSS $RSS_RESTART MB); retry: $(< "$TMP/retry.json")"
T_FIRST=""; T_LAST=""; STATUS=ok
drain_deadline=$(( SECONDS + 120 + N / 200 ))
while :; do
  got=$(sink_count "$TMP/sink.out")
  [[ -z $T_FIRST ]] && (( got >= 1 )) && T_FIRST=$EPOCHREALTIME
  if (( got >= N )); then T_LAST=$EPOCHREALTIME; break; fi
  (( SECONDS < drain_deadline )) || { STATUS=timeout; log "drain timed out: sink has $got of $N, queue $(queue_total)"; break; }
  pid_alive "$APP_PID" || { STATUS=died; tail -30 "$LOGF" >&2; break; }
  nap 0.05
done
rss_sampler_finish "$TMP/rss.peak"
read -r PEAK_RSS _ _ < "$TMP/rss.peak" 2>/dev/null || PEAK_RSS=NA
(( $(sink_count "$TMP/sink.out") > N )) && STATUS=duplicates

res="RESULT backlog n=$N size=$SIZE accept_msgs_per_s=$ACCEPT_RATE queued=$QUEUED rss_backlog_mb=$RSS_BACKLOG spool_mb=$SPOOL_MB"
res+=" restart_healthz_s=$(elapsed "$T_START" "$T_HEALTHY") rss_restart_mb=$RSS_RESTART"
res+=" first_delivery_s=${T_FIRST:+$(elapsed "$T_START" "$T_FIRST")} last_delivery_s=${T_LAST:+$(elapsed "$T_START" "$T_LAST")}"
res+=" drain_msgs_per_s=${T_LAST:+$(fmt_rate "$N" "$T_HEALTHY" "$T_LAST")} peak_rss_mb=$(kb_to_mb "$PEAK_RSS")"
res+=" sink_msgs=$(sink_count "$TMP/sink.out") status=$STATUS"
echo "$res"
[[ $STATUS == ok ]]

#!/usr/bin/env bash
# Postfix's side of bench/backlog.sh, on the same load and steps, for the same sitting (issue 22):
#
#   1. accept N messages (smtp-source, 50 sessions, 10 domains) while the next hop (127.0.0.1:SINK_PORT) refuses
#      connections: every message stays queued (deferred);
#   2. RSS of every Postfix process with the whole backlog queued (idle, after the accept);
#   3. kill -9 of every Postfix process; smtp-sink starts on the next hop's port;
#   4. `postfix start` on the same queue: time until smtpd listens, then `postqueue -f` (the deferred messages would
#      otherwise wait for their retry time, as the appliance's POST /api/v1/queues/retry), time to the first delivery
#      and to the last one, peak RSS meanwhile.
#
# The instance is ../shared/bench/postfix-relay.sh's own (same main.cf and master.cf, fsync before 250): the shared
# script is copied to a temp dir and its load section replaced by the steps above, so the two never drift apart.
#
# Usage: bench/postfix-backlog.sh [N] [-l 4096] [-s 50] [-D 10]        (N default 200000)
# Prints: RESULT postfix-backlog n=.. accept_msgs_per_s=.. queued=.. rss_backlog_mb=.. pss_backlog_mb=.. queue_mb=.. restart_listen_s=..
#         first_delivery_s=.. last_delivery_s=.. drain_msgs_per_s=.. peak_rss_mb=.. peak_pss_mb=.. status=..
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_BENCH:-$REPO/../shared/bench}
[[ -f $SHARED/postfix-relay.sh && -f $SHARED/_common.sh ]] || { echo "postfix-backlog.sh: no $SHARED/postfix-relay.sh (set SHARED_BENCH)" >&2; exit 2; }
COUNT=200000
if [[ ${1:-} =~ ^[0-9]+$ ]]; then COUNT=$1; shift; fi

WORK=$(mktemp -d /var/tmp/postfix-backlog.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
cp "$SHARED/_common.sh" "$WORK/_common.sh"
marker='^# -* load$'
grep -q "$marker" "$SHARED/postfix-relay.sh" || { echo "postfix-backlog.sh: postfix-relay.sh has no load section; update this script" >&2; exit 2; }
{
  sed "/$marker/,\$d" "$SHARED/postfix-relay.sh"
  cat <<'STEPS'
# ------------------------------------------------------------------ backlog steps (bench/postfix-backlog.sh)
N=$BACKLOG_N
TIMEOUT=$(( 600 + N / 100 ))
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.2f\n", b-a }'; }
# Postfix is ~100 processes sharing their libraries: the sum of their RSS counts shared pages once per process, PSS
# (proportional set size) counts each page once in all; both are given, PSS is the figure to compare.
postfix_kb() { # Rss|Pss
  local p; for p in $(cg_pids "$CG_MTA"); do cat "/proc/$p/smaps_rollup" 2>/dev/null || true; done | awk -v k="^$1:" '$0 ~ k {s+=$2} END{print s+0}'
}
queued_files() { { find "$QDIR/maildrop" "$QDIR/incoming" "$QDIR/active" "$QDIR/deferred" "$QDIR/hold" -type f 2>/dev/null || true; } | wc -l; }

# 1. the next hop goes away, then the accept
stop_pid "$SINK_PID" 3; wait "$SINK_PID" 2>/dev/null || true; SINK_PID=""
wait_quiet
log "accepting $N messages (size $SIZE, $SESSIONS sessions, $DOMAINS domains); next hop 127.0.0.1:$SINK_PORT refuses"
T0=$EPOCHREALTIME
source_start "127.0.0.1:$MTA_PORT" "$CG_SRC" "$TMP"
deadline=$(( SECONDS + 120 + N / 100 ))
until [[ -f $TMP/src_done ]]; do (( SECONDS < deadline )) || die "accept did not finish in time"; nap 0.5; done
T_ACC=$(< "$TMP/src_done")
[[ $(< "$TMP/src_rc") == 0 ]] || { tail -n 3 "$TMP"/source.*.log >&2; die "smtp-source reported errors"; }
wait "$SRC_PID" 2>/dev/null || true; SRC_PID=""
ACCEPT_RATE=$(fmt_rate "$N" "$T0" "$T_ACC")

# 2. the backlog at rest: every message on disk (incoming drained into active/deferred)
deadline=$(( SECONDS + 120 ))
while [[ -n $(find "$QDIR/incoming" "$QDIR/maildrop" -type f -print -quit 2>/dev/null) ]] && (( SECONDS < deadline )); do nap 0.5; done
sleep 5
QUEUED=$(queued_files)
RSS_BACKLOG=$(kb_to_mb "$(postfix_kb Rss)"); PSS_BACKLOG=$(kb_to_mb "$(postfix_kb Pss)")
QUEUE_MB=$(du -sm "$QDIR" | cut -f1)
log "accepted $N at $ACCEPT_RATE msg/s; $QUEUED queue files, $QUEUE_MB MB; Postfix RSS $RSS_BACKLOG MB (PSS $PSS_BACKLOG MB)"

# 3. crash: kill -9 every Postfix process, the next hop comes back
for p in $(cg_pids "$CG_MTA"); do kill -9 "$p" 2>/dev/null || true; done
for (( i = 0; i < 50; i++ )); do [[ -z $(cg_pids "$CG_MTA") ]] && break; pause 0.1; done
sink_start "$TMP/sink.out" "$CG_SINK"
log "killed -9; smtp-sink now on 127.0.0.1:$SINK_PORT"

# 4. restart, flush, drain
rss_sampler_start "$CG_MTA" 1 "$TMP/rss.peak"
T_START=$EPOCHREALTIME
( cg_enter "$CG_MTA"; exec /usr/sbin/postfix -c "$CONF" start ) > "$TMP/postfix-restart.log" 2>&1 || { cat "$TMP/postfix-restart.log" >&2; die "postfix restart failed"; }
wait_port "$MTA_PORT" 60 || die "postfix not listening after the restart"
T_LISTEN=$EPOCHREALTIME
/usr/sbin/postqueue -c "$CONF" -f || log "postqueue -f failed (the queue manager retries on its own)"
T_FIRST=""; T_LAST=""; STATUS=ok
deadline=$(( SECONDS + TIMEOUT ))
while :; do
  got=$(sink_count "$TMP/sink.out")
  [[ -z $T_FIRST ]] && (( got >= 1 )) && T_FIRST=$EPOCHREALTIME
  if (( got >= N )); then T_LAST=$EPOCHREALTIME; break; fi
  (( SECONDS < deadline )) || { STATUS=timeout; log "drain timed out: sink has $got of $N"; break; }
  nap 0.05
done
rss_sampler_finish "$TMP/rss.peak"
read -r PEAK_RSS PEAK_PSS _ < "$TMP/rss.peak" 2>/dev/null || { PEAK_RSS=NA; PEAK_PSS=NA; }

res="RESULT postfix-backlog n=$N size=$SIZE accept_msgs_per_s=$ACCEPT_RATE queued=$QUEUED rss_backlog_mb=$RSS_BACKLOG pss_backlog_mb=$PSS_BACKLOG queue_mb=$QUEUE_MB"
res+=" restart_listen_s=$(elapsed "$T_START" "$T_LISTEN")"
res+=" first_delivery_s=${T_FIRST:+$(elapsed "$T_START" "$T_FIRST")} last_delivery_s=${T_LAST:+$(elapsed "$T_START" "$T_LAST")}"
res+=" drain_msgs_per_s=${T_LAST:+$(fmt_rate "$N" "$T_LISTEN" "$T_LAST")} peak_rss_mb=$(kb_to_mb "$PEAK_RSS") peak_pss_mb=$(kb_to_mb "$PEAK_PSS")"
res+=" sink_msgs=$(sink_count "$TMP/sink.out") status=$STATUS"
echo "$res"
[[ $STATUS == ok ]]
STEPS
} > "$WORK/postfix-backlog-run.sh"

BACKLOG_N=$COUNT SHARED_BENCH=$WORK bash "$WORK/postfix-backlog-run.sh" "$@"

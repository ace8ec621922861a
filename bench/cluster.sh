#!/usr/bin/env bash
# The CPU cost of cluster-wide limits (issue 19): the same relay load (bench/relay.sh) through one node twice, with a
# message rate in force on the sink's site so every message takes a rate slot:
#
#   single   no Redis: the rate slot is reserved in process (LocalThrottleStore), exactly as a single node runs
#   shared   Appliance:Cluster:Redis = a Debian redis-server on a loopback port: every slot is one GCRA script in
#            Redis (EVALSHA), every connection one lease
#
# The rate (RATE, default 1000000/s) is far above what the load reaches, so it costs work but never slows delivery.
#
# Prints the two RESULT lines of relay.sh, then
#   REDIS_CMDS <command>=<calls> ... (the shared run)
#   CLUSTER cpu_ms_per_msg_single=.. cpu_ms_per_msg_shared=.. cpu_increase_pct=.. redis_calls_per_msg=..
#           redis_roundtrips_per_msg=.. redis_cpu_ms_per_msg=.. (target: cpu_increase_pct <= 10)
# redis_calls_per_msg counts every command Redis served during the shared run (INFO commandstats), divided by the
# messages of the run: the probe message, the 1/s health probes and the lease renewals are included. commandstats also
# counts the commands a Lua script runs inside Redis (the GCRA script: TIME, GET, SET), which are no round trips:
# redis_roundtrips_per_msg leaves them out (the script-only commands TIME, GET, ZREMRANGEBYSCORE, ZCARD, ZADD,
# PEXPIRE, ZSCORE, and one SET per GET), so it counts what the node sent over the wire (EVALSHA, the registry's
# SET/SADD/SMEMBERS/MGET, lease ZREM, PUBLISH, ...). The seconds of start-up and of waiting for a quiet host are part of
# the run, so the per-second traffic is included too. REDIS_CMDS lists the calls per command.
#
# Usage: bench/cluster.sh [relay.sh options, e.g. -n 10000 -s 50]; env: RATE, APPLIANCE_PUBLISH_DIR, REDIS_PORT.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
command -v redis-server >/dev/null || { echo "cluster.sh: redis-server not found (apt-get install redis-server)" >&2; exit 2; }
command -v redis-cli >/dev/null || { echo "cluster.sh: redis-cli not found (apt-get install redis-tools)" >&2; exit 2; }
export RATE=${RATE:-1000000/s}
N=20000
args=("$@")
for (( i = 0; i < ${#args[@]}; i++ )); do [[ ${args[$i]} == -n ]] && N=${args[$((i + 1))]}; done

TMP=$(mktemp -d /var/tmp/appliance-cluster-bench.XXXXXX)
REDIS_PID=""
cleanup() {
  local rc=$?
  [[ -n $REDIS_PID ]] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT

if [[ -z ${APPLIANCE_PUBLISH_DIR:-} ]]; then
  echo "cluster.sh: publishing src/Appliance.Web (Release)" >&2
  dotnet publish "$REPO/src/Appliance.Web" -c Release -o "$TMP/app" --artifacts-path "$TMP/artifacts" -nologo -v quiet > "$TMP/publish.log" 2>&1 \
    || { tail -30 "$TMP/publish.log" >&2; exit 1; }
  export APPLIANCE_PUBLISH_DIR=$TMP/app
fi

field() { grep -o "$1=[^ ]*" <<<"$2" | head -1 | cut -d= -f2; }

echo "cluster.sh: single node (no Redis), RATE=$RATE" >&2
single=$("$HERE/relay.sh" "$@" | grep '^RESULT') || { echo "cluster.sh: single-node run failed" >&2; exit 1; }
echo "${single/RESULT appliance/RESULT single}"

REDIS_PORT=${REDIS_PORT:-$(( 31000 + RANDOM % 2000 ))}
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$TMP/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null || { cat "$TMP/redis.log" >&2; exit 1; }
redis_cpu() { awk '{ printf "%d\n", $14 + $15 }' "/proc/$REDIS_PID/stat"; }
redis_calls() { redis-cli -p "$REDIS_PORT" info commandstats | awk -F'[=,:]' '/^cmdstat_/ && $1 != "cmdstat_info" { s += $3 } END { print s + 0 }'; }
redis_cmds() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | awk -F'[=,:]' '/^cmdstat_/ && $1 != "cmdstat_info" { sub("cmdstat_", "", $1); print $1, $3 }' | sort; }
# Commands a script runs inside Redis (RedisScripts.cs), not sent by a node; SET is both (one per GCRA GET).
redis_script_calls() { awk '$1 ~ /^(time|get|zremrangebyscore|zcard|zadd|pexpire|zscore)$/ { s += $2 } $1 == "get" { s += $2 } END { print s + 0 }'; }
cpu0=$(redis_cpu); calls0=$(redis_calls); cmds0=$(redis_cmds)

echo "cluster.sh: shared limits (Redis 127.0.0.1:$REDIS_PORT), RATE=$RATE" >&2
shared=$(Appliance__Cluster__Redis="127.0.0.1:$REDIS_PORT" Appliance__Cluster__NodeName=bench-a Appliance__Cluster__Secret=bench-cluster-secret-0123456789 "$HERE/relay.sh" "$@" | grep '^RESULT') \
  || { echo "cluster.sh: shared run failed" >&2; exit 1; }
echo "${shared/RESULT appliance/RESULT shared}"
cpu1=$(redis_cpu); calls1=$(redis_calls); cmds1=$(redis_cmds)
delta=$(join -a 2 -e 0 -o '0,1.2,2.2' <(echo "$cmds0") <(echo "$cmds1") | awk '{ print $1, $3 - $2 }')
script_calls=$(redis_script_calls <<<"$delta")
echo "REDIS_CMDS $(awk '$2 > 0 { printf "%s=%d ", $1, $2 }' <<<"$delta")"
hz=$(getconf CLK_TCK)

s=$(field cpu_ms_per_msg "$single"); c=$(field cpu_ms_per_msg "$shared")
awk -v s="$s" -v c="$c" -v calls=$(( calls1 - calls0 )) -v sc="$script_calls" -v rcpu=$(( cpu1 - cpu0 )) -v hz="$hz" -v n="$N" 'BEGIN {
  inc = (s > 0) ? (c - s) / s * 100 : 0
  printf "CLUSTER cpu_ms_per_msg_single=%s cpu_ms_per_msg_shared=%s cpu_increase_pct=%.1f redis_calls_per_msg=%.2f redis_roundtrips_per_msg=%.2f redis_cpu_ms_per_msg=%.3f\n",
    s, c, inc, calls / n, (calls - sc) / n, rcpu / hz * 1000 / n
}'

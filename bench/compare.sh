#!/usr/bin/env bash
# Postfix and the appliance, alternated in one sitting on the same load, with the ratios (issue 22's "compare" mode).
#
#   bench/compare.sh [-R rounds] [relay args: -n -l -s -r -D -1 -t]      (also: bench/relay.sh compare ...)
#
# Each round runs ../shared/bench/postfix-relay.sh, then bench/relay.sh, with the same arguments; the appliance is
# published once up front (or APPLIANCE_PUBLISH_DIR is used).  The machine is shared and noisy, so the table gives
# the median of each side and the ratio of the medians, with every run's figures above it.
#
# Env: DKIM=rsa|ed25519|dual signs every appliance message (bench/relay.sh); Postfix then runs with OpenDKIM
#      (postfix-relay.sh DKIM=1, RSA-2048: the only milter variant there), so ed25519/dual compare against RSA.
#      TLS=1: every client session uses STARTTLS on both sides (bench/postfix-tls.sh for Postfix).
#      WARMUP=<messages> for the appliance (default 3000: the JIT's tiered compilation is not what we compare).
#      APPLIANCE_PUBLISH_DIR, SHARED_BENCH as for relay.sh.  OUT=<file> also writes the raw RESULT lines there.
# Prints:  one RESULT line per run, then a Markdown table and "RATIO e2e=..x cpu=..x rss=..x".
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)

ROUNDS=3
args=()
while (( $# )); do
  case $1 in
    -R) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: -R must be a positive number" >&2; exit 2; }

SHARED=${SHARED_BENCH:-$REPO/../shared/bench}
[[ -f $SHARED/postfix-relay.sh ]] || { echo "compare.sh: no $SHARED/postfix-relay.sh (set SHARED_BENCH)" >&2; exit 2; }

postfix_dkim=0
case ${DKIM:-0} in 0|'') ;; 1|rsa|ed25519|dual) postfix_dkim=1 ;; *) echo "compare.sh: bad DKIM=$DKIM" >&2; exit 2 ;; esac

TMP=$(mktemp -d /var/tmp/appliance-compare.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
if [[ -z ${APPLIANCE_PUBLISH_DIR:-} ]]; then
  echo "[compare] publishing src/Appliance.Web (Release)" >&2
  dotnet publish "$REPO/src/Appliance.Web" -c Release -o "$TMP/app" --artifacts-path "$TMP/artifacts" -nologo -v quiet \
    > "$TMP/publish.log" 2>&1 || { tail -30 "$TMP/publish.log" >&2; exit 1; }
  export APPLIANCE_PUBLISH_DIR=$TMP/app
fi

results=$TMP/results
: > "$results"
for (( r = 1; r <= ROUNDS; r++ )); do
  echo "[compare] round $r/$ROUNDS: postfix (DKIM=$postfix_dkim) $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  postfix_script=$SHARED/postfix-relay.sh; [[ ${TLS:-0} == 1 ]] && postfix_script=$HERE/postfix-tls.sh
  DKIM=$postfix_dkim bash "$postfix_script" "${args[@]}" | grep '^RESULT ' | tee -a "$results" || true
  echo "[compare] round $r/$ROUNDS: appliance (DKIM=${DKIM:-0}) $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  WARMUP=${WARMUP:-3000} bash "$HERE/relay.sh" "${args[@]}" | grep '^RESULT ' | tee -a "$results" || true
done
[[ -n ${OUT:-} ]] && cp "$results" "$OUT"

/usr/bin/python3 - "$results" <<'PY'
import statistics, sys
runs = {"postfix": [], "appliance": []}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) < 3 or parts[1] not in runs:
        continue
    kv = dict(p.split("=", 1) for p in parts[2:] if "=" in p)
    if kv.get("status") != "ok":
        print(f"(skipped a {parts[1]} run with status={kv.get('status')})")
        continue
    runs[parts[1]].append(kv)

def med(side, key):
    vals = [float(r[key]) for r in runs[side] if r.get(key) not in (None, "NA")]
    return statistics.median(vals) if vals else float("nan")

if not runs["postfix"] or not runs["appliance"]:
    print("RATIO unavailable: a side has no successful run")
    sys.exit(1)
keys = [("e2e_msgs_per_s", "e2e msg/s"), ("accept_msgs_per_s", "accept msg/s"),
        ("cpu_ms_per_msg", "CPU ms/msg"), ("peak_rss_mb", "peak RSS MB")]
print("| | " + " | ".join(label for _, label in keys) + " |")
print("|---|" + "---|" * len(keys))
for side in ("postfix", "appliance"):
    print(f"| {side} (median of {len(runs[side])}) | " + " | ".join(f"{med(side, k):,.3g}" if k == "cpu_ms_per_msg" else f"{med(side, k):,.0f}" for k, _ in keys) + " |")
e2e = med("appliance", "e2e_msgs_per_s") / med("postfix", "e2e_msgs_per_s")
cpu = med("postfix", "cpu_ms_per_msg") / med("appliance", "cpu_ms_per_msg")
rss = med("appliance", "peak_rss_mb") / med("postfix", "peak_rss_mb")
print(f"RATIO e2e={e2e:.2f}x cpu={cpu:.2f}x_less rss={rss:.2f}x")
PY

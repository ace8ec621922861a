#!/usr/bin/env bash
# Spool recovery alone, in process, without the web host: how much CPU, allocation and reading the spool replay and
# the queue rebuild of N deferred 4 KB messages cost (load-independent figures: CPU ms, bytes and read calls from
# /proc/self/io, allocated MB; wall ms is context).  The spool is filled directly through SegmentSpool (no SMTP),
# each message with one deferral Progress record, then left as after kill -9 (no disposal).
#
# Usage: bench/recovery.sh [N] [RUNS]          (N default 200000, RUNS default 3)
# Env:   RECOVERY_DIR (default a new /var/tmp/appliance-recovery.XXXXXX), KEEP=1 keeps it.
# Prints one "RESULT recover ..." line per run; the first run of a fresh spool also writes the segment indexes
# (it scans, as the first start after an upgrade would); the others recover from the indexes.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
N=${1:-200000}
RUNS=${2:-3}
DIR=${RECOVERY_DIR:-$(mktemp -d /var/tmp/appliance-recovery.XXXXXX)}
trap '[[ -n ${KEEP:-} ]] || rm -rf "$DIR"' EXIT
dotnet build "$HERE/RecoveryBench" -c Release -nologo -v quiet -o "$DIR/bin" --artifacts-path "$DIR/artifacts" > "$DIR/build.log" 2>&1 \
  || { tail -20 "$DIR/build.log" >&2; exit 1; }
dotnet "$DIR/bin/RecoveryBench.dll" fill "$DIR/spool" "$N"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= RUNS; i++)); do dotnet "$DIR/bin/RecoveryBench.dll" recover "$DIR/spool"; done

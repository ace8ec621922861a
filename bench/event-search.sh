#!/usr/bin/env bash
# Event search at scale (issue 8: "p95 under 200 ms with 10 million events"): builds the benchmark project in
# Release, generates N synthetic events (hourly files of 40,000, sidecar indexes built) into DIR, and prints the
# p50/p95/max of 200 searches per kind (message id, recipient, sender domain, tenant + 6 h range).
#
# Usage: bench/event-search.sh [N=10000000] [DIR=/var/tmp/appliance-events-N]
#   10M events take about 3.4 GB in DIR and several minutes to generate and index on 2 cores; DIR is kept, so a
#   second run only measures. Delete DIR afterwards.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-10000000}
dir=${2:-/var/tmp/appliance-events-$n}
art=${BENCH_ARTIFACTS:-/tmp/appliance-bench-artifacts}
dotnet build "$repo/bench/Appliance.Mta.Benchmarks" -c Release --artifacts-path "$art" -v q -nologo >&2
dll=$(find "$art/bin/Appliance.Mta.Benchmarks" -name Appliance.Mta.Benchmarks.dll -path '*release*' | head -1)
echo "events=$n dir=$dir ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -f "elapsed %e s, max RSS %M KB" dotnet "$dll" events "$n" "$dir"
du -sh "$dir"
